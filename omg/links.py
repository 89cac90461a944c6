"""Named links: outside pages that guides cite by a short id.

Keeping titles and addresses in `data/links.yml` means a moved page is fixed
once, and `omg links` can check every address in one place. Each guide lists
the named links it cites under "Links in this guide", with who publishes
each page and, for a body that has been renamed, what it used to be called.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .listing import relative_path
from .problems import Report
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="a short id guides use, such as 'pep-website'"),
    "title": Field("text", required=True, help="the text readers see, such as 'PEP website'"),
    "url": Field("url", required=True, help="the full https:// address"),
    "publisher": Field("text", help="who runs the page, shown to readers under 'Links in this guide'"),
    "formerly": Field("text", help="the publisher's earlier name, shown to readers, such as "
                                   "'Portsmouth Safeguarding Children Board (PSCB)'"),
    "aliases": Field("texts", help="other names guides use for the page, such as 'Working Together 2023'; "
                                   "omg import links these words to the page"),
}


@dataclass(frozen=True)
class NamedLink:
    id: str
    title: str
    url: str
    publisher: str | None = None
    formerly: str | None = None
    aliases: tuple[str, ...] = ()


def load_links(path: Path, *, report: Report, root: Path) -> dict[str, NamedLink]:
    entries = load_entries(path, key="links", fields=FIELDS, report=report, root=root)
    shown = relative_path(path, root)
    links = {}
    named: dict[str, str] = {entry["title"].casefold(): link_id for link_id, entry in entries.items()}
    for link_id, entry in entries.items():
        line = entry.pop("_line")
        entry.pop("_given")
        entry["aliases"] = tuple(_aliases(entry.get("aliases") or [], link_id, named, shown=shown, line=line,
                                          report=report))
        link = NamedLink(**entry)  # kept when a problem is found, so guides citing it report nothing more
        if link.formerly and not link.publisher:
            report.add(shown, line, f"the link '{link_id}' says who the publisher was formerly, but not who it is now.",
                       fix="add 'publisher:' with the body's current name, such as "
                           "'Portsmouth Safeguarding Children Partnership'.", field="formerly")
        elif link.formerly and link.formerly.casefold() == link.publisher.casefold():
            report.add(shown, line, f"the link '{link_id}' gives the same name as 'publisher' and 'formerly'.",
                       fix="write the earlier name under 'formerly:', or remove it.", field="formerly")
        links[link_id] = link
    return links


def _aliases(aliases: list[str], link_id: str, named: dict[str, str], *, shown: str, line: int,
             report: Report) -> list[str]:
    """Aliases name one page each: never another link's title or alias."""
    kept = []
    for alias in aliases:
        owner = named.setdefault(alias.casefold(), link_id)
        if owner != link_id:
            report.add(shown, line, f"link '{link_id}' has the alias \"{alias}\", which already names the link "
                       f"'{owner}'.", fix="keep each alias on one link only, and never use another link's title.",
                       field="aliases")
            continue
        kept.append(alias)
    return list(dict.fromkeys(kept))
