"""Review and publication dates in an imported guide: front matter, footers, last lines.

Legacy guides carry their dates in many places ("Review date: March 2025" in
a footer, "Published September 2022 - review due September 2024" on the last
line, `review_date:` in Markdown front matter). The importer carries them
across rather than claiming a review nobody did; a line that only states
dates leaves the body, because the guide page shows its dates itself.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")), start=1) for name in names}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
        rf"{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|\d{{1,2}}/\d{{4}})")
_SEP = r"\s*(?:[:\-\u2013\u2014]\s*)?(?:(?:on|in|by|of|is|was|date)\s+)*"
# Each statement starts its piece of text, so "Working Together was published in 2023" is prose.
_STATEMENTS = (
    ("reviewed", re.compile(rf"^(?:this\s+(?:guide|document|briefing|leaflet)\s+was\s+)?(?:last\s+)?(?:reviewed|"
                            rf"updated|revised|date\s+(?:of\s+)?(?:last\s+)?review(?:ed)?|last\s+review(?:\s+date)?)"
                            rf"{_SEP}(?P<date>{DATE})", re.IGNORECASE)),
    ("due", re.compile(rf"^(?:and\s+)?(?:(?:next|date\s+(?:of\s+)?(?:next\s+)?)\s*)?review(?:\s+(?:date|due(?:\s+date)?))?"
                       rf"(?:\s+due)?{_SEP}(?P<date>{DATE})", re.IGNORECASE)),
    ("due", re.compile(rf"^(?:to\s+be\s+)?reviewed?\s+(?:by|before|due)\s+(?P<date>{DATE})", re.IGNORECASE)),
    ("published", re.compile(rf"^(?:this\s+(?:guide|document|briefing)\s+was\s+)?(?:date\s+(?:of\s+)?)?"
                             rf"(?:first\s+)?(?:published|publication(?:\s+date)?|issued|created|written|date)"
                             rf"{_SEP}(?P<date>{DATE})", re.IGNORECASE)),
)
_VERSION = re.compile(r"^(?:version|v)\.?\s*\d+(?:\.\d+)*$", re.IGNORECASE)
_META_KEYS = {"review_date": "due", "review_due": "due", "next_review": "due", "next_review_date": "due",
              "last_reviewed": "reviewed", "reviewed": "reviewed", "date_reviewed": "reviewed",
              "updated": "reviewed", "last_updated": "reviewed",
              "published": "published", "date_published": "published", "publication_date": "published",
              "date": "published"}


@dataclass
class SourceDates:
    reviewed: dt.date | None = None
    due: dt.date | None = None
    published: dt.date | None = None
    found: list[str] = field(default_factory=list)   # "'Review date: March 2025' (line 30)", for the report

    def take(self, kind: str, day: dt.date, said: str) -> None:
        if getattr(self, kind) is None:
            setattr(self, kind, day)
            self.found.append(said)

    @property
    def any(self) -> bool:
        return bool(self.reviewed or self.due or self.published)


def parse_date(text: str) -> dt.date | None:
    """'14 January 2023', 'January 2023' (the 1st), '2023-01-14', '14/01/2023' (UK order)."""
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text.strip().rstrip(".").replace(",", " "))
    words = text.split()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        numbers = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if numbers:
            return dt.date(int(numbers.group(3)), int(numbers.group(2)), int(numbers.group(1)))
        month_year = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
        if month_year:
            return dt.date(int(month_year.group(2)), int(month_year.group(1)), 1)
        month = next((_MONTHS[w.lower().rstrip(".")] for w in words if w.lower().rstrip(".") in _MONTHS), None)
        year = next((int(w) for w in words if re.fullmatch(r"\d{4}", w)), None)
        day = next((int(w) for w in words if re.fullmatch(r"\d{1,2}", w)), 1)
        return dt.date(year, month, day) if month and year else None
    except ValueError:
        return None


def from_meta(meta: dict, dates: SourceDates) -> None:
    for key, kind in _META_KEYS.items():
        value = meta.get(key)
        day = value if isinstance(value, dt.date) else parse_date(str(value)) if value else None
        if isinstance(day, dt.datetime):
            day = day.date()
        if day:
            dates.take(kind, day, f"{key}: {value} (front matter)")


def take_statements(text: str, dates: SourceDates, where: str) -> str:
    """`text` without the pieces that only state dates, which go into `dates`."""
    pieces = re.split(r"(?<=[.!?])\s+|\s*\|\s*|\s+[\u2013\u2014-]\s+(?=[A-Za-z]+\s+(?:review|due|date))"
                      r"|(?<=\d{4})[,;]?\s+(?=(?:and\s+)?(?:next\s+)?review|last\s+reviewed|published)", text)
    stated = [_statement(piece.strip(" .;,"), dates, where) for piece in pieces]
    if not any(stated):
        return text
    # "Version 2" beside the dates is part of the same footer.
    kept = [piece for piece, said in zip(pieces, stated)
            if not said and piece.strip(" .;,") and not _VERSION.match(piece.strip(" .;,"))]
    return " ".join(kept).strip()


def _statement(piece: str, dates: SourceDates, where: str) -> bool:
    for kind, pattern in _STATEMENTS:
        match = pattern.match(piece)
        if match and not piece[match.end():].strip(" .)("):
            day = parse_date(match.group("date"))
            if day:
                dates.take(kind, day, f"'{piece}' ({where})")
                return True
    return False


def is_dates_only(text: str) -> bool:
    """Whether a line says nothing but dates (and a version): footer furniture."""
    probe = SourceDates()
    return not take_statements(text, probe, "").strip() and probe.any
