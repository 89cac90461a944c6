"""`omg review`: which guides are overdue or due for review soon, and whose they are."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass

from ..corpus import check_corpus
from ..problems import closest
from ..reviews import add_months, long_date, review_state

HELP = "list published guides that are overdue or due for review soon, with owner and due date"
EXIT_CODES = """\
exit codes:
  0  the list was printed (it may be empty)
  1  the list could not be made: no mkdocs.yml here, or --owner is not a contact id
  2  the command was typed wrongly, such as --within 3x"""

COLUMNS = ("slug", "title", "owner", "due date", "state")
STATES = {"overdue": "overdue", "due-soon": "due soon"}


@dataclass(frozen=True)
class Due:
    slug: str
    title: str
    owner: str
    due: dt.date
    state: str


def add_arguments(parser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument("--within", type=_period, default=None, metavar="PERIOD",
                        help="how far ahead 'due soon' looks, such as 30d, 6w or 3m "
                             "(default: review_soon_days in mkdocs.yml)")
    parser.add_argument("--owner", metavar="ID", help="only guides owned by this contact id (from data/contacts.yml)")
    parser.add_argument("--format", choices=("table", "csv"), default="table",
                        help="'csv' prints comma-separated values for a spreadsheet")
    parser.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="work out the list as on this day (default: today)")


def run(args) -> int:
    root = args.root.resolve()
    corpus, report = check_corpus(root, include_drafts=False)
    if args.owner is not None and args.owner not in corpus.contacts:
        hint = closest(args.owner, corpus.contacts, hint="no contact has a similar id.")
        print(f"--owner: '{args.owner}' is not a contact id; {hint} Fix: use an id from data/contacts.yml.",
              file=sys.stderr)
        return 1
    today = args.today or dt.date.today()
    within = _days_within(args.within, today) if args.within is not None else corpus.settings.review_soon_days
    rows = due_guides(corpus, today=today, within=within, owner=args.owner)
    if report:
        count = len(report.problems)
        print(f"Note: `python -m omg check` finds {count} {'problem' if count == 1 else 'problems'}; "
              "a guide it cannot read is not listed here.", file=sys.stderr)
    if args.format == "csv":
        _print_csv(rows)
    else:
        _print_table(rows, today=today, within=within, owner=args.owner)
    return 0


def due_guides(corpus, *, today: dt.date, within: int, owner: str | None = None) -> list[Due]:
    """Published guides overdue or due within `within` days of `today`, soonest first."""
    rows = []
    for guide in corpus.guides.values():
        state = review_state(guide.review_due, today, soon_days=within)
        if state in STATES and (owner is None or guide.owner == owner):
            rows.append(Due(guide.slug, guide.title, guide.owner or "", guide.review_due, STATES[state]))
    return sorted(rows, key=lambda row: (row.due, row.slug))


def _print_table(rows: list[Due], *, today: dt.date, within: int, owner: str | None) -> None:
    horizon = long_date(today + dt.timedelta(days=within))
    whose = f" owned by {owner}" if owner else ""
    if not rows:
        print(f"No guides{whose} are overdue or due for review by {horizon}.")
        return
    cells = [[row.slug, row.title, row.owner or "(none)", row.due.isoformat(), row.state] for row in rows]
    widths = [max(len(text) for text in column) for column in zip(COLUMNS, *cells)]
    for line in [list(COLUMNS), ["-" * width for width in widths], *cells]:
        print("  ".join(text.ljust(width) for text, width in zip(line, widths)).rstrip())
    overdue = sum(row.state == "overdue" for row in rows)
    noun = "guide" if len(rows) == 1 else "guides"
    print(f"\n{len(rows)} {noun}{whose} to review by {horizon}: {overdue} overdue, {len(rows) - overdue} due soon.")


def _print_csv(rows: list[Due]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["slug", "title", "owner", "due_date", "state"])
    writer.writerows([row.slug, row.title, row.owner, row.due.isoformat(), row.state] for row in rows)


_PERIOD = re.compile(r"^\s*(\d{1,4})\s*(d|days?|w|weeks?|m|months?)?\s*$", re.IGNORECASE)


def _period(text: str) -> tuple[int, str]:
    """'30d' -> (30, 'd'); '6w' -> (6, 'w'); '3m' -> (3, 'm')."""
    match = _PERIOD.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days, weeks or months; "
                                         "write it like 30d, 6w or 3m")
    return int(match.group(1)), (match.group(2) or "d")[0].lower()


def _days_within(period: tuple[int, str], today: dt.date) -> int:
    count, unit = period
    if unit == "m":
        return (add_months(today, count) - today).days
    return count * 7 if unit == "w" else count


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None
