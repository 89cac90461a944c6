"""The glossary: acronyms used in guides and what they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .acronyms import Known
from .datafile import load_entries
from .listing import relative_path
from .problems import Report
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="the acronym in lower case, such as 'icpc'"),
    "term": Field("text", required=True, help="the acronym as written, such as 'ICPC'"),
    "meaning": Field("text", required=True, help="what it stands for, written as a guide spells it out"),
    "description": Field("text", help="one plain-English sentence explaining it"),
    "not_to_be_confused_with": Field("texts", default=list,
                                     help="other things the same letters stand for, such as "
                                          "'personal education plan'; shown on the Glossary page and in the tooltip"),
    "well_known": Field("boolean", default=False,
                        help="true only for acronyms every reader knows, such as UK or GP: "
                             "guides need not spell them out"),
}


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    meaning: str
    description: str | None = None
    not_to_be_confused_with: tuple[str, ...] = ()
    well_known: bool = False

    @property
    def tooltip(self) -> str:
        """The tooltip's words: the meaning, and what it is not."""
        if not self.not_to_be_confused_with:
            return self.meaning
        return f"{self.meaning} (not to be confused with {' or '.join(self.not_to_be_confused_with)})"

    @property
    def known(self) -> Known:
        return Known(self.meaning, self.well_known, self.not_to_be_confused_with)


def load_glossary(path: Path, *, report: Report, root: Path) -> dict[str, GlossaryTerm]:
    if not path.exists():
        return {}
    entries = load_entries(path, key="glossary", fields=FIELDS, report=report, root=root)
    shown = relative_path(path, root)
    glossary: dict[str, GlossaryTerm] = {}
    by_term: dict[str, GlossaryTerm] = {}
    for term_id, entry in entries.items():
        line = entry["_line"]
        term = GlossaryTerm(**{k: v for k, v in entry.items() if k not in ("_line", "_given")}
                           | {"not_to_be_confused_with": tuple(entry["not_to_be_confused_with"])})
        if not _valid(term, line, shown, report, by_term):
            continue  # a second entry for a term: the first one stands, so guides report nothing more
        glossary[term_id] = by_term[term.term] = term
    return glossary


def _valid(term: GlossaryTerm, line: int, shown: str, report: Report, by_term: dict[str, GlossaryTerm]) -> bool:
    """Reports the entry's problems; False when another entry already has its term."""
    if term.term in by_term:
        report.add(shown, line, f"the term '{term.term}' is listed twice (as '{by_term[term.term].id}' and '{term.id}').",
                   fix="keep one entry for each acronym: write the meaning guides use in 'meaning:', and the "
                       "other meaning under 'not_to_be_confused_with:'.", field="term")
        return False
    same = [other for other in term.not_to_be_confused_with if other.casefold() == term.meaning.casefold()]
    if same:
        report.add(shown, line, f"'{same[0]}' is the term's own meaning, not something to confuse it with.",
                   fix="list only other things the same letters stand for, or remove 'not_to_be_confused_with:'.",
                   field="not_to_be_confused_with")
    if term.well_known and term.not_to_be_confused_with:
        report.add(shown, line, f"'{term.term}' is marked well_known, but it can be confused with something else.",
                   fix="remove 'well_known: true', so guides spell it out; readers need its meaning.",
                   field="well_known")
    return True
