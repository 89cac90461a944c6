"""`omg check [PATHS]`: the site build's own validation, without building."""

from __future__ import annotations

import sys
from pathlib import Path

from ..corpus import check_corpus
from ..listing import covers, wanted_path

HELP = "check guides, data files and cross-links; report every problem, exit 1 on any"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", type=Path,
                        help="only report problems in these files or folders (the whole site is still checked)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="'github' prints GitHub Actions annotations for pull requests")


def run(args) -> int:
    root = args.root.resolve()
    corpus, report = check_corpus(root)
    wanted = [wanted_path(path, root) for path in args.paths]
    problems = [p for p in report.problems if not wanted or any(covers(w, p.path) for w in wanted)]
    problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    for problem in problems:
        print(problem.github_annotation() if args.format == "github" else str(problem),
              file=sys.stdout if args.format == "github" else sys.stderr)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        print(f"{len(problems)} {noun} found. Nothing is published until they are fixed.", file=sys.stderr)
        return 1
    print(f"All good: {len(corpus.guides)} guides checked.")
    return 0

