"""The glossary: acronyms used in guides and what they stand for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .problems import Report
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="the acronym in lower case, such as 'icpc'"),
    "term": Field("text", required=True, help="the acronym as written, such as 'ICPC'"),
    "meaning": Field("text", required=True, help="what it stands for"),
    "description": Field("text", help="one plain-English sentence explaining it"),
}


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    term: str
    meaning: str
    description: str | None = None


def load_glossary(path: Path, *, report: Report, root: Path) -> dict[str, GlossaryTerm]:
    if not path.exists():
        return {}
    entries = load_entries(path, key="glossary", fields=FIELDS, report=report, root=root)
    return {term_id: GlossaryTerm(**{k: v for k, v in entry.items() if k not in ("_line", "_given")})
            for term_id, entry in entries.items()}
