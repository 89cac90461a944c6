"""`omg import FILE... [--slug S] [--title T] [--dry-run]`: existing guides into guide files.

The module is not called `import` because that is a Python keyword; the
command is (see COMMANDS in omg/cli.py).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from ..importer import ImportFailed, plan_import, write_import

HELP = "import guides from plain text, Markdown or Word (.docx); what needs an editor is marked [TO DO: ...]"


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="guides to import (.txt, .md or .docx)")
    parser.add_argument("--slug", help="the new guide's file name without .md (default: from its title); one file only")
    parser.add_argument("--title", help="the new guide's title (default: the document's title line); one file only")
    parser.add_argument("--dry-run", action="store_true", help="show what would be done and write nothing")
    parser.add_argument("--reviewed", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="the guide's last_reviewed date (default: today)")


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def run(args) -> int:
    root = args.root.resolve()
    try:
        plan = plan_import(args.files, root=root, slug=args.slug, title=args.title, reviewed=args.reviewed)
        if not args.dry_run:
            write_import(plan)
    except ImportFailed as failure:
        for problem in failure.problems:
            print(problem, file=sys.stderr)
        print("Nothing was imported and no file was changed.", file=sys.stderr)
        return 1
    print(report(plan, dry_run=args.dry_run))
    return 0


def report(plan, *, dry_run: bool) -> str:
    """What was done, then each to-do with its file and line."""
    verb = "Would import" if dry_run else "Imported"
    lines = []
    for guide in plan.guides:
        lines.append(f"{verb} {guide.source} as {guide.path}")
        lines += [f"  - {note}" for note in guide.done]
        for contact in guide.contacts:
            status = ("new, " + ("would be added to" if dry_run else "added to") + f" {plan.contacts_file}"
                      if contact.new else "; ".join(contact.notes))
            extra = "; ".join(contact.notes) if contact.new and contact.notes else ""
            lines.append(f"  - contact {contact.id}: {status}" + (f" ({extra})" if extra else ""))
        for reference in guide.references:
            if reference.target:
                lines.append(f"  - linked \"{reference.phrase}\" to {reference.kind}(\"{reference.target}\")")
    todos = plan.todos()
    if todos:
        lines.append(f"To do for an editor ({len(todos)}):")
        lines += [f"  {item}" for item in todos]
    count = len(plan.guides)
    guides = f"{count} guide" + ("" if count == 1 else "s")
    if dry_run:
        lines.append(f"Dry run: {guides} checked, nothing written.")
    elif todos:
        lines.append(f"{guides} imported. `omg check` reports each to-do until it is done, "
                     "and nothing is published before then.")
    else:
        lines.append(f"{guides} imported. Run `omg check`, then read the guide before publishing.")
    return "\n".join(lines)
