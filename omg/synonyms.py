"""Synonyms: the words readers type for what guides call something else (data/synonyms.yml).

    synonyms:
      - id: was-not-brought
        terms: [was not brought, WNB]          # words guides use
        also: [missed appointment, no show]    # more words readers use for the same thing
        guides: [was-not-brought]              # optional: guides found by all of these, whatever they say

A guide that uses any of `terms` is found by all of `terms` and `also`; editors add the words
people use here, once for the partnership, without editing guides. Checked once at load: an
unknown guide, a word listed twice, and a reader's word that is another guide's title (it would
pull readers away from that guide) are errors naming the line and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries, read_data_file
from .listing import relative_path
from .problems import Report, closest
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="a short name for the group, such as 'was-not-brought'"),
    "terms": Field("texts", required=True, help="the words guides use, such as [was not brought, WNB]"),
    "also": Field("texts", default=list, help="more words readers type for the same thing"),
    "guides": Field("slugs", default=list, help="slugs of guides found by all of these words"),
}


@dataclass(frozen=True)
class SynonymGroup:
    id: str
    terms: tuple[str, ...]
    also: tuple[str, ...] = ()
    guides: tuple[str, ...] = ()
    line: int | None = None
    lines: tuple[tuple[str, int], ...] = ()  # (field, line) for messages

    def line_of(self, name: str) -> int | None:
        return dict(self.lines).get(name, self.line)

    @property
    def words(self) -> tuple[str, ...]:
        return self.terms + self.also


def load_synonyms(path: Path, *, report: Report, root: Path) -> dict[str, SynonymGroup]:
    if not path.exists():
        return {}
    entries = load_entries(path, key="synonyms", fields=FIELDS, report=report, root=root)
    located = read_data_file(path, shown=relative_path(path, root), report=Report())
    positions = {item.get("id"): index for index, item in enumerate(located.data.get("synonyms") or [])
                 if isinstance(item, dict)} if located and isinstance(located.data, dict) else {}
    groups = {}
    for group_id, entry in entries.items():
        lines = tuple((name, located.line("synonyms", positions[group_id], name)) for name in ("also", "guides")
                      if group_id in positions and located.line("synonyms", positions[group_id], name))
        groups[group_id] = SynonymGroup(group_id, tuple(entry["terms"]), tuple(entry.get("also") or ()),
                                        tuple(entry.get("guides") or ()), entry["_line"], lines)
    _check_duplicates(path, groups, report=report, root=root)
    return groups


def _check_duplicates(path: Path, groups: dict[str, SynonymGroup], *, report: Report, root: Path) -> None:
    shown = relative_path(path, root)
    located = read_data_file(path, shown=shown, report=Report())
    seen: dict[str, str] = {}
    for index, group in enumerate(groups.values()):
        for field in ("terms", "also"):
            for position, word in enumerate(getattr(group, field)):
                key = " ".join(word.casefold().split())
                if key in seen:
                    line = located.line("synonyms", index, field, position) if located else group.line
                    where = "earlier in this group" if seen[key] == group.id else f"in the group '{seen[key]}'"
                    report.add(shown, line, f"'{word}' is listed twice: here and {where}.",
                               fix="keep it in one group only; merge the groups if they mean the same thing.",
                               field=field)
                seen.setdefault(key, group.id)


def check_against_guides(groups: dict[str, SynonymGroup], guides: dict, *, path: str, report: Report) -> None:
    """Unknown guides, and readers' words that are another guide's title (the guides are loaded after the data)."""
    titles = {" ".join(guide.title.casefold().split()): slug for slug, guide in guides.items()}
    for group in groups.values():
        for slug in group.guides:
            if slug not in guides:
                report.add(path, group.line_of("guides"), f"synonym group '{group.id}': the guide '{slug}' does not exist; "
                           + closest(slug, guides, hint="no guide has a similar slug."),
                           fix="use a guide's file name without .md (docs/guides/<slug>.md), or remove it.",
                           field="guides")
        for word in group.also:
            owner = titles.get(" ".join(word.casefold().split()))
            if owner and owner not in group.guides and not _uses(guides[owner], group.terms):
                report.add(path, group.line_of("also"), f"synonym group '{group.id}': '{word}' is the title of the guide "
                           f"'{owner}', so searching for it would also bring up other guides.",
                           fix=f"remove '{word}' from 'also', or add '{owner}' to the group's 'guides' "
                               "if that guide is about the same thing.", field="also")


def _uses(guide, terms) -> bool:
    title = guide.title.casefold()
    return any(term.casefold() in title for term in terms)
