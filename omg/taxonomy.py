"""Topics and audiences: the ways readers browse guides.

Both are data files of entries with an id, a title and a description; a
guide's `topics` and `audience` must use their ids, so browse pages are
generated from front matter and never drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .problems import Report
from .schema import Field

FIELDS = {
    "id": Field("slug", required=True, help="a short id guides use, such as 'safeguarding'"),
    "title": Field("text", required=True, help="the name readers see"),
    "description": Field("text", required=True, help="one sentence shown on the browse page"),
}


@dataclass(frozen=True)
class Term:
    id: str
    title: str
    description: str


def load_terms(path: Path, *, key: str, report: Report, root: Path) -> dict[str, Term]:
    entries = load_entries(path, key=key, fields=FIELDS, report=report, root=root)
    return {term_id: Term(**{k: v for k, v in entry.items() if k not in ("_line", "_given")})
            for term_id, entry in entries.items()}
