"""`omg published [--update]`: the record of addresses that must keep working."""

from __future__ import annotations

import argparse
import sys

from ..corpus import check_corpus
from ..published import RECORD_NAME, live_addresses, load_record, record_path, update_record
from ..problems import Report

HELP = f"show guide addresses not yet in {RECORD_NAME}; --update adds them"
EXIT_CODES = """\
exit codes:
  0  the record was shown or brought up to date
  1  the guides or the record have problems (listed); nothing was written"""


def add_arguments(parser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument("--update", action="store_true",
                        help=f"add every address the site serves now to {RECORD_NAME} (after a release)")


def run(args) -> int:
    root = args.root.resolve()
    corpus, report = check_corpus(root, include_drafts=False)
    if report:
        for problem in sorted(report.problems, key=lambda p: (p.path, p.line or 0, p.message)):
            print(problem, file=sys.stderr)
        print("Nothing was written: fix these first (`python -m omg check` lists them too).", file=sys.stderr)
        return 1
    path = record_path(root)
    if args.update:
        added = update_record(path, corpus.guides.values())
        if added:
            print(f"Added {len(added)} to {RECORD_NAME}: " + ", ".join(f"guides/{slug}/" for slug in added) + ".")
        else:
            print(f"{RECORD_NAME} already lists every address the site serves.")
        return 0
    recorded = load_record(path, root=root, report=Report())
    missing = sorted(set(live_addresses(corpus.guides.values())) - set(recorded))
    print(f"{RECORD_NAME} lists {len(recorded)} addresses.")
    if missing:
        print("Served now and not yet recorded: " + ", ".join(f"guides/{slug}/" for slug in missing) + ".")
        print("Record them with `python -m omg published --update` (make published) once they are published.")
    return 0
