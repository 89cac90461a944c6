"""Named links: outside pages that guides cite by a short id.

Keeping titles and addresses in `data/links.yml` means a moved page is fixed
once, and `omg links` can check every address in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .problems import Report
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="a short id guides use, such as 'pep-website'"),
    "title": Field("text", required=True, help="the text readers see, such as 'PEP website'"),
    "url": Field("url", required=True, help="the full https:// address"),
    "publisher": Field("text", help="who runs the page, shown to readers"),
}


@dataclass(frozen=True)
class NamedLink:
    id: str
    title: str
    url: str
    publisher: str | None = None


def load_links(path: Path, *, report: Report, root: Path) -> dict[str, NamedLink]:
    entries = load_entries(path, key="links", fields=FIELDS, report=report, root=root)
    links = {}
    for link_id, entry in entries.items():
        entry.pop("_line"), entry.pop("_given")
        links[link_id] = NamedLink(**entry)
    return links
