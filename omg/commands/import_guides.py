"""`omg import FILE_OR_FOLDER... [--slug S] [--title T] [--dry-run] [--report FILE]`: existing guides into guide files.

One file that cannot be imported does not stop the others: they are
imported, the ones that failed are listed with why, and the exit status is 1.
With more than one file a summary table follows; `--report` writes it to a
Markdown (.md) or CSV (.csv) file for the editors' team.

The module is not called `import` because that is a Python keyword; the
command is (see COMMANDS in omg/cli.py).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from ..importer import ImportFailed, plan_import, write_import
from ..importer.reading import SUFFIXES, unsafe_file_name
from ..importer.summary import as_csv, as_markdown, as_text, summary_rows
from ..problems import Problem

HELP = ("import guides from plain text, Markdown, Word (.docx) or PDF, one by one or a folder at a time; "
        "what needs an editor is marked [TO DO: ...]")
# In a folder, these are taken as guides (the ones omg import cannot read are reported, not skipped silently).
_DOCUMENTS = (*SUFFIXES, ".doc", ".rtf", ".odt", ".pages", ".htm", ".html")
REPORT_KINDS = (".md", ".csv")


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="guides to import (.txt, .md, .docx or .pdf), or folders of them")
    parser.add_argument("--slug", help="the new guide's file name without .md (default: from its title); one file only")
    parser.add_argument("--title", help="the new guide's title (default: the document's title line); one file only")
    parser.add_argument("--dry-run", action="store_true", help="show what would be done and write nothing")
    parser.add_argument("--reviewed", type=_date, default=None, metavar="YYYY-MM-DD",
                        help="the guide's last_reviewed date (default: today)")
    parser.add_argument("--report", type=_report_path, default=None, metavar="FILE",
                        help="also write the summary, to-dos and failures to FILE: Markdown (.md) or CSV (.csv)")


def _date(text: str) -> dt.date:
    import argparse

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _report_path(text: str) -> Path:
    import argparse

    path = Path(text)
    if path.suffix.lower() not in REPORT_KINDS or unsafe_file_name(path):
        raise argparse.ArgumentTypeError(f"'{text}' should be a file name ending .md (Markdown) or .csv "
                                         "(for a spreadsheet), with no line breaks")
    return path


def run(args) -> int:
    root = args.root.resolve()
    files, skipped, failed = expand_folders(args.files)
    plan = None
    if files:
        try:
            plan = plan_import(files, root=root, slug=args.slug, title=args.title, reviewed=args.reviewed)
            if not args.dry_run:
                write_import(plan)
        except ImportFailed as failure:
            failed += failure.problems
            plan = None
    if plan:
        failed += plan.failed
        print(report(plan, dry_run=args.dry_run))
    if plan and (len(args.files) > 1 or any(path.is_dir() for path in args.files)):
        print("\nSummary:\n" + as_text(summary_rows(plan, failed, dry_run=args.dry_run)))
    for note in skipped:
        print(note)
    if args.report:
        wrote = _write_report(args.report, plan, failed, dry_run=args.dry_run)
        if wrote:
            failed.append(wrote)
        else:
            print(f"Report written to {args.report.as_posix()}.")
    if failed:
        for problem in failed:
            print(problem, file=sys.stderr)
        if plan:
            names = ", ".join(dict.fromkeys(problem.path for problem in failed))
            print(f"Not imported: {names}. The other guides were "
                  + ("checked." if args.dry_run else "imported."), file=sys.stderr)
        else:
            print("Nothing was imported and no file was changed.", file=sys.stderr)
        return 1
    return 0


def expand_folders(paths: list[Path]) -> tuple[list[Path], list[str], list[Problem]]:
    """(the files to import, notes on files left out, folders with nothing to import)."""
    files: list[Path] = []
    skipped: list[str] = []
    failed: list[Problem] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found, others = [], []
        for item in sorted(path.rglob("*")):
            parts = item.relative_to(path).parts
            if any(part.startswith((".", "~$")) for part in parts) or not item.is_file():
                continue  # hidden files, and Word's lock files for documents open in Word
            (found if item.suffix.lower() in _DOCUMENTS else others).append(item)
        if not found:
            failed.append(Problem(path.as_posix(), None, "the folder has no guides to import.",
                                  "put the guides (.txt, .md, .docx or .pdf) in it, or name the files themselves."))
        files += found
        if others:
            names = ", ".join(item.relative_to(path).as_posix() for item in others[:5])
            skipped.append(f"Left out of {path.as_posix()}: {len(others)} file(s) that are not documents "
                           f"({names}{', ...' if len(others) > 5 else ''}).")
    return files, skipped, failed


def _write_report(path: Path, plan, failed: list[Problem], *, dry_run: bool) -> Problem | None:
    rows = summary_rows(plan, failed, dry_run=dry_run)
    if path.suffix.lower() == ".csv":
        text = as_csv(rows)
    else:
        title = "Import check (dry run)" if dry_run else "Import report"
        text = as_markdown(rows, title=f"{title}, {dt.date.today().isoformat()}",
                           todos=plan.todos() if plan else [], failed=failed)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(name, 0o644)
        os.replace(name, path)
    except OSError as error:
        return Problem(path.as_posix(), None, f"the report could not be written ({error.strerror}).",
                       "choose a file in a folder you may write to.")
    return None


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
