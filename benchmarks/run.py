"""`python -m benchmarks.run`: build synthetic corpora of N guides, ours against bare, and record it.

    .venv/bin/python -m benchmarks.run                    # what `make bench` runs; adds rows to BENCHMARKS.md
    .venv/bin/python -m benchmarks.run --quick            # small and fast; prints, records nothing
    .venv/bin/python -m benchmarks.run --n 100 500 --repeat 3 --no-serve --output /tmp/b.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import browser, corpus, measure, report, serve
from .measure import BenchError

ROOT = Path(__file__).resolve().parents[1]
SERVE_VARIANTS = ((),)  # make serve's own (dirty, with our choice of pages: omg/incremental.py)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000, 2000], metavar="N",
                        help="corpus sizes in guides (default: 100 1000 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed builds of each corpus, per configuration (default: 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed builds first, per configuration (default: 1)")
    parser.add_argument("--browser-n", type=int, default=1000, help="corpus size for the search timing (default: 1000)")
    parser.add_argument("--serve-n", type=int, default=1000, help="corpus size for the serve rebuild (default: 1000)")
    parser.add_argument("--no-browser", action="store_true", help="skip the search timing in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing")
    parser.add_argument("--edits", type=int, default=3, help="guide edits timed under mkdocs serve (default: 3)")
    parser.add_argument("--quick", action="store_true",
                        help="N = 50 and 300, 3 runs each, search and serve at 300; records nothing unless --output")
    parser.add_argument("--output", type=Path, default=None,
                        help="the file to add the rows to (default: BENCHMARKS.md, or none with --quick)")
    parser.add_argument("--work-dir", type=Path, default=None, help="where to write the corpora (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and built sites afterwards")
    parser.add_argument("--seed", type=int, default=7, help="the generator's random seed (default: 7)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.warmup < 0 or args.edits < 1 or min(args.n) < 1:
        parser.error("--repeat, --edits and every N must be at least 1, and --warmup at least 0")
    if args.quick:
        args.n, args.repeat, args.browser_n, args.serve_n = [50, 300], 3, 300, 300
    output = args.output if args.output or args.quick else ROOT / "BENCHMARKS.md"
    created = args.work_dir is None or not args.work_dir.exists()  # never delete a folder we did not make
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="omg-bench-"))
    try:
        run = measure_all(args, work)
    except BenchError as error:
        print(f"The benchmark stopped: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        if created and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"Corpora and sites kept in {work}")
    print()
    print(report.targets_markdown(run))
    print()
    print("\n".join(report.build_rows(run) + report.interactive_rows(run)))
    if output:
        report.record(output, run)
        print(f"\nRecorded in {output}.")
    return 0


def measure_all(args, work: Path) -> report.Run:
    run = report.Run(when=dt.datetime.now(dt.timezone.utc), commit=report.commit(ROOT), machine=report.machine(),
                     load=(_load_average(), 0.0))
    print(f"Benchmark at {run.commit} on {run.machine}; corpora in {work}", flush=True)
    projects: dict[int, tuple[corpus.CorpusInfo, Path]] = {}
    for n in sorted(set(args.n)):
        info = _corpus(work, n, args.seed)
        result, site = _time_builds(info, work / f"n{n}", repeat=args.repeat, warmup=args.warmup)
        run.builds.append(result)
        projects[n] = (info, site)
        print(f"N={n}: ours {result.ours_median:.2f} s ({result.ours_cpu:.2f} s CPU), bare {result.bare_median:.2f} s "
              f"({result.bare_cpu:.2f} s CPU), ×{result.ratio:.2f} in CPU, {result.ms_per_guide:.2f} CPU ms per guide, "
              f"page {result.page_bytes:,} bytes, "
              f"first load {result.first_load.kb:.1f} KB", flush=True)
    if not args.no_browser:
        missing = browser.browser_missing()
        if missing:
            print(f"Search timing skipped: {missing}.", flush=True)
        else:
            info, site = projects.get(args.browser_n) or _built(work, args.browser_n, args.seed)
            run.search = browser.time_search(site, f"guides/{info.synthetic[0]}/", n=args.browser_n)
            print(f"Search at N={args.browser_n}: ready in {run.search.ready_ms / 1000:.1f} s, first result "
                  f"median {run.search.median_ms:.0f} ms, worst {run.search.worst_ms:.0f} ms", flush=True)
    if not args.no_serve:
        info = (projects.get(args.serve_n) or _built(work, args.serve_n, args.seed))[0]
        for extra in SERVE_VARIANTS:
            timing = serve.time_serve_rebuild(info.root, info.synthetic[1], n=args.serve_n, edits=args.edits, extra=extra)
            run.serve.append(timing)
            print(f"mkdocs serve {' '.join(extra) or '(as make serve)'} at N={args.serve_n}: "
                  f"save to reload {timing.median:.2f} s", flush=True)
    run.load = (run.load[0], _load_average())
    return run


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return float("nan")


def _corpus(work: Path, n: int, seed: int) -> corpus.CorpusInfo:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    info = corpus.write_corpus(folder / "ours", n, seed=seed)
    corpus.write_bare_twin(info.root, folder / "bare")
    return info


def _built(work: Path, n: int, seed: int) -> tuple[corpus.CorpusInfo, Path]:
    info = _corpus(work, n, seed)
    site = work / f"n{n}" / "site-ours"
    measure.time_build(info.root, site)
    return info, site


def _time_builds(info: corpus.CorpusInfo, folder: Path, *, repeat: int, warmup: int) -> tuple[report.BuildResult, Path]:
    """Alternate ours and bare (ours first on even runs) so drift on the machine hits both alike."""
    configs = {"ours": info.root, "bare": folder / "bare"}
    sites = {name: folder / f"site-{name}" for name in configs}
    times: dict[str, list[measure.BuildTime]] = {"ours": [], "bare": []}
    for _ in range(warmup):
        for name in configs:
            measure.time_build(configs[name], sites[name])
    for attempt in range(repeat):
        for name in (("ours", "bare") if attempt % 2 == 0 else ("bare", "ours")):
            times[name].append(measure.time_build(configs[name], sites[name]))
    site = sites["ours"]
    result = report.BuildResult(
        n=info.guides, ours=times["ours"], bare=times["bare"],
        page_bytes=measure.mean_page_bytes(site, info.synthetic),
        index_bytes=measure.search_index_bytes(site),
        first_load=measure.first_load(site, f"guides/{info.synthetic[0]}/"))
    return result, site


if __name__ == "__main__":
    sys.exit(main())
