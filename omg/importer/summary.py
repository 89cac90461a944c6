"""A summary of an import of many guides: one row a file, for the terminal and for the editors' team.

`summary_rows` reads a plan (and the files that failed); `as_text`,
`as_markdown` and `as_csv` lay the rows out. The report file is what an
editors' team works through: which guides need what before publishing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from ..guide import SECTIONS
from ..problems import Problem

COLUMNS = ("source", "guide", "sections found", "contacts", "references resolved", "to-dos", "status")


@dataclass
class SummaryRow:
    source: str
    guide: str = ""
    sections: str = ""
    contacts: str = ""
    references: str = ""
    todos: str = ""
    status: str = ""

    def cells(self) -> tuple[str, ...]:
        return (self.source, self.guide, self.sections, self.contacts, self.references, self.todos, self.status)


def summary_rows(plan, failed: list[Problem], *, dry_run: bool) -> list[SummaryRow]:
    rows = []
    todos = plan.todos() if plan else []
    for guide in plan.guides if plan else []:
        missing = [title for title in SECTIONS if title not in guide.sections_found]
        sections = f"{len(guide.sections_found)} of {len(SECTIONS)}"
        if missing:
            sections += " (no " + ", ".join(f"'{title}'" for title in missing) + ")"
        new = sum(1 for contact in guide.contacts if contact.new)
        contacts = f"{len(guide.contacts)}" + (f" ({new} new)" if new else "")
        resolved = sum(1 for reference in guide.references if reference.target)
        references = f"{resolved} of {len(guide.references)}"
        count = sum(1 for todo in todos if todo.path == guide.path)
        rows.append(SummaryRow(guide.source, guide.path, sections, contacts, references, str(count),
                               "would be imported" if dry_run else "imported"))
    for problem in failed:
        rows.append(SummaryRow(problem.path, status="failed: " + str(problem).split(": ", 1)[-1]))
    return rows


def as_text(rows: list[SummaryRow]) -> str:
    """Aligned columns for the terminal; a failed file's reason is on the lines below the table."""
    shown = [row.cells()[:-1] + (row.status.split(":")[0],) for row in rows]
    widths = [max(len(cells[i]) for cells in [COLUMNS, *shown]) for i in range(len(COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()
             for cells in [COLUMNS, tuple("-" * width for width in widths), *shown]]
    return "\n".join(lines)


def as_markdown(rows: list[SummaryRow], *, title: str, todos: list, failed: list[Problem]) -> str:
    def cell(text: str) -> str:
        return " ".join(text.replace("|", "\\|").split())

    lines = [f"# {title}", "", "| " + " | ".join(c.capitalize() for c in COLUMNS) + " |",
             "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in row.cells()) + " |" for row in rows]
    if todos:
        lines += ["", f"## To do for an editor ({len(todos)})", ""]
        lines += [f"- `{todo.path}:{todo.line}`: {cell(todo.what)}" for todo in todos]
    if failed:
        lines += ["", f"## Could not import ({len(failed)})", ""]
        lines += [f"- {cell(str(problem))}" for problem in failed]
    return "\n".join(lines) + "\n"


def as_csv(rows: list[SummaryRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        # A cell starting with = + - @ would run as a formula in a spreadsheet.
        writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in row.cells()])
    return out.getvalue()
