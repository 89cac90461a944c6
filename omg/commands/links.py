"""`omg links`: check every outside address used in guides, pages and named links.

It goes on the network, so it is never part of the build or `make test`;
run it by hand or on a schedule.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..corpus import check_corpus
from ..linkcheck import CheckSettings, check_urls, collect_urls, report_lines
from ..listing import covers, wanted_path

HELP = "check every outside web address used by guides and data/links.yml; exit 1 if any is broken"


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", type=Path,
                        help="only check the addresses used in these files or folders (default: all)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each site (default: 10)")
    parser.add_argument("--deadline", type=float, default=30.0,
                        help="seconds for one address in all, redirects and retries included (default: 30)")
    parser.add_argument("--retries", type=int, default=2,
                        help="extra tries after a temporary failure such as a time-out or a 503 (default: 2)")
    parser.add_argument("--workers", type=int, default=8, help="addresses checked at once (default: 8)")
    parser.add_argument("--allow-local", action="store_true",
                        help="also request addresses in private or local networks (off by default, so a "
                             "pull request cannot make the checker probe the machine it runs on)")


def run(args) -> int:
    root = args.root.resolve()
    if not (args.timeout > 0 and args.deadline > 0) or args.retries < 0 or args.workers < 1:
        print("omg links: --timeout and --deadline must be above 0, --retries 0 or more and --workers 1 or more.",
              file=sys.stderr)
        return 1
    corpus, report = check_corpus(root)
    uses = collect_urls(corpus)
    if args.paths:
        wanted = [wanted_path(path, root) for path in args.paths]
        uses = {url: found for url, found in uses.items() if any(covers(w, use.path) for w in wanted for use in found)}
    settings = CheckSettings(timeout=args.timeout, deadline=args.deadline, retries=args.retries, workers=args.workers,
                             allow_private=args.allow_local)
    results = check_urls(uses, settings)
    print("\n".join(report_lines(results, uses)))
    if report:
        noun = "problem" if len(report.problems) == 1 else "problems"
        print(f"\nNote: `omg check` finds {len(report.problems)} {noun}; guides it cannot read were not searched "
              "for links.", file=sys.stderr)
    return 1 if any(result.state in ("broken", "invalid") for result in results.values()) else 0
