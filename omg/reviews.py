"""Review dates: when a guide is due, and whether it is overdue on a given day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_INTERVAL = re.compile(r"^\s*(\d{1,3})\s*(month|months|year|years)\s*$", re.IGNORECASE)


def parse_interval(text: str) -> int | None:
    """Months in '6 months' or '1 year'; None when it is not a period."""
    match = _INTERVAL.match(str(text))
    if not match or int(match.group(1)) == 0:
        return None
    count = int(match.group(1))
    return count * 12 if match.group(2).lower().startswith("year") else count


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_state(due: dt.date, today: dt.date, *, soon_days: int = 30) -> str:
    """'overdue', 'due-soon' or 'current' on `today`."""
    if today > due:
        return "overdue"
    if (due - today).days <= soon_days:
        return "due-soon"
    return "current"


def long_date(day: dt.date) -> str:
    """'1 November 2026': the GOV.UK and NHS style, no leading zero."""
    return f"{day.day} {day.strftime('%B')} {day.year}"
