"""The results of a run, judged against the issue's targets and added to BENCHMARKS.md.

BENCHMARKS.md keeps every run's rows (a regression shows as a row worse than
those above it). Only the text between the `bench:` markers is written by the
benchmark; everything else in the file is prose that people edit.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .browser import SearchTiming
from .measure import BenchError, BuildTime, FirstLoad
from .serve import ServeTiming

# The targets.
MAX_RATIO = 1.35           # our build / the bare build, same corpus (issue 13: mkdocs-macros unpatched)
MAX_COST_GROWTH = 1.2      # build seconds per guide, largest N / smallest N
MAX_HTML_GROWTH = 1.1      # guide page HTML, largest N / smallest N
MAX_FIRST_RESULT_MS = 100  # typed query to first result
MAX_FIRST_LOAD_KB = 150    # a guide page's first load, gzip, search index excluded
MAX_SERVE_SHARE = 0.5      # "well under the full build": at most half of it

TARGETS_START, TARGETS_END = "<!-- bench:targets:start -->", "<!-- bench:targets:end -->"
BUILDS_END, INTERACTIVE_END = "<!-- bench:builds:end -->", "<!-- bench:interactive:end -->"

BUILD_HEADER = (
    "| When (UTC) | Commit | Machine | Load | Guides | Ours s | Bare s | Ours CPU s | Bare CPU s "
    "| Ours / bare (CPU) | Ours CPU ms per guide "
    "| Cost per guide vs smallest N | Guide page HTML bytes | HTML vs smallest N | Search index bytes per guide "
    "| First load KB (gzip) |\n"
    "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
INTERACTIVE_HEADER = (
    "| When (UTC) | Commit | Machine | Load | Guides | Search ready s | First result ms: median / slowest query / worst "
    "| First load KB in Chromium | `make serve` rebuild s | `serve --dirty --no-strict` rebuild s | Full build s |\n"
    "|---|---|---|---|--:|--:|--:|--:|--:|--:|--:|")

TEMPLATE = f"""# Benchmarks

How fast the site builds, and how much a reader downloads, as the number of guides grows.
`make bench` measures it (6 minutes on an idle 2-core machine, 20 when others share it);
`make bench BENCH_ARGS=--quick` is a run of a few minutes that prints its table without recording it. Each recorded run adds rows to the tables
below, so a regression shows as a row worse than the ones before it. Compare rows from the same machine.

## Latest run against the targets

{TARGETS_START}
No run recorded yet.
{TARGETS_END}

## Builds

Medians of alternating runs of `mkdocs build --strict` in a fresh interpreter: ours (the full
configuration: checks, sandboxed macros, hooks, templates) and bare (stock mkdocs-material, search plugin
only, same pages, front matter, Markdown extensions and nav, with our macros already expanded). Wall-clock
seconds are what a person waits; the ratio and the cost per guide use CPU seconds (the build and the
processes it starts), which other work on a shared machine disturbs far less. Read "Load" before
comparing wall-clock figures.

{BUILD_HEADER}
{BUILDS_END}

## Readers and editors

Search timed in Chromium on a guide page served from 127.0.0.1, from the last keystroke to the first
painted result; rebuilds timed from saving a guide under `mkdocs serve` to "Reloading browsers".

{INTERACTIVE_HEADER}
{INTERACTIVE_END}

## Notes
"""


@dataclass
class BuildResult:
    n: int
    ours: list[BuildTime]
    bare: list[BuildTime]
    page_bytes: int          # mean guide page, ours
    index_bytes: int         # search/search_index.json, ours
    first_load: FirstLoad    # a guide page, ours

    @property
    def ours_median(self) -> float:
        return statistics.median(run.wall for run in self.ours)

    @property
    def bare_median(self) -> float:
        return statistics.median(run.wall for run in self.bare)

    @property
    def ours_cpu(self) -> float:
        return statistics.median(run.cpu for run in self.ours)

    @property
    def bare_cpu(self) -> float:
        return statistics.median(run.cpu for run in self.bare)

    @property
    def ratio(self) -> float:
        """Ours / bare in CPU seconds, which other work on the machine disturbs least."""
        return self.ours_cpu / self.bare_cpu

    @property
    def ms_per_guide(self) -> float:
        return self.ours_cpu / self.n * 1000

    @property
    def index_per_guide(self) -> int:
        return round(self.index_bytes / self.n)


@dataclass
class Run:
    when: dt.datetime
    commit: str
    machine: str
    load: tuple[float, float]  # load average (1 min) at the start and the end: other work skews timings
    builds: list[BuildResult] = field(default_factory=list)
    search: SearchTiming | None = None
    serve: list[ServeTiming] = field(default_factory=list)

    def build_at(self, n: int) -> BuildResult | None:
        return next((build for build in self.builds if build.n == n), None)

    def serve_variant(self, variant: str) -> ServeTiming | None:
        return next((timing for timing in self.serve if timing.variant == variant), None)


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured in this run

    @property
    def word(self) -> str:
        return {True: "met", False: "**missed**", None: "not measured"}[self.met]


def verdicts(run: Run) -> list[Verdict]:
    """Each of the issue's targets, judged on this run."""
    found: list[Verdict] = []
    builds = sorted(run.builds, key=lambda build: build.n)
    if builds:
        worst = max(builds, key=lambda build: build.ratio)
        found.append(Verdict(f"Build at most {MAX_RATIO} × the bare build (CPU seconds)",
                             ", ".join(f"{b.ratio:.2f} at N={b.n}" for b in builds), worst.ratio <= MAX_RATIO))
    else:
        found.append(Verdict(f"Build at most {MAX_RATIO} × the bare build (CPU seconds)", "", None))
    if len(builds) > 1:
        small, large = builds[0], builds[-1]
        growth = large.ms_per_guide / small.ms_per_guide
        found.append(Verdict(f"Build CPU cost per guide at the largest N at most {MAX_COST_GROWTH} × the smallest",
                             f"{growth:.2f} ({small.ms_per_guide:.1f} ms at N={small.n}, "
                             f"{large.ms_per_guide:.1f} ms at N={large.n})", growth <= MAX_COST_GROWTH))
        html = large.page_bytes / small.page_bytes
        found.append(Verdict(f"Guide page HTML at the largest N at most {MAX_HTML_GROWTH} × the smallest",
                             f"{html:.2f} ({small.page_bytes:,} bytes at N={small.n}, "
                             f"{large.page_bytes:,} at N={large.n})", html <= MAX_HTML_GROWTH))
    else:
        found.append(Verdict(f"Build CPU cost per guide at the largest N at most {MAX_COST_GROWTH} × the smallest", "", None))
        found.append(Verdict(f"Guide page HTML at the largest N at most {MAX_HTML_GROWTH} × the smallest", "", None))
    search = run.search
    if search:
        slowest = max(statistics.median(runs) for runs in search.first_result_ms.values())
        found.append(Verdict(f"First search result under {MAX_FIRST_RESULT_MS} ms (every query's median)",
                             f"median {search.median_ms:.0f} ms, slowest query {slowest:.0f} ms, "
                             f"worst single {search.worst_ms:.0f} ms at N={search.n}", slowest < MAX_FIRST_RESULT_MS))
    else:
        found.append(Verdict(f"First search result under {MAX_FIRST_RESULT_MS} ms (every query's median)", "", None))
    loads = [(search.first_load, f"in Chromium at N={search.n}")] if search and search.first_load else []
    loads += [(build.first_load, f"at N={build.n}") for build in builds]
    if loads:
        heaviest = max(load.kb for load, _ in loads)
        found.append(Verdict(f"A guide page's first load under {MAX_FIRST_LOAD_KB} KB gzip, search index excluded",
                             "; ".join(f"{load.kb:.1f} KB {where}" for load, where in loads),
                             heaviest < MAX_FIRST_LOAD_KB))
    else:
        found.append(Verdict(f"A guide page's first load under {MAX_FIRST_LOAD_KB} KB gzip, search index excluded", "", None))
    serve = run.serve_variant("")
    full = run.build_at(serve.n) if serve else None
    target = f"`make serve` rebuild after one edit at most {MAX_SERVE_SHARE} × the full build"
    if serve and full:
        share = serve.median / full.ours_median
        found.append(Verdict(target, f"{serve.median:.2f} s against {full.ours_median:.2f} s ({share:.2f}) at N={serve.n}",
                             share <= MAX_SERVE_SHARE))
    else:
        found.append(Verdict(target, f"{serve.median:.2f} s at N={serve.n}, no full build at that N" if serve else "", None))
    return found


def targets_markdown(run: Run) -> str:
    lines = [f"Run of {run.when:%Y-%m-%d %H:%M} UTC at {run.commit} on {run.machine}, "
             f"load average {_load(run)}.", "",
             "| Target | Measured | Verdict |", "|---|---|---|"]
    lines += [f"| {v.target} | {v.measured or '–'} | {v.word} |" for v in verdicts(run)]
    return "\n".join(lines)


def build_rows(run: Run) -> list[str]:
    builds = sorted(run.builds, key=lambda build: build.n)
    if not builds:
        return []
    small = builds[0]
    when = f"{run.when:%Y-%m-%d %H:%M}"
    return [f"| {when} | {run.commit} | {run.machine} | {_load(run)} | {b.n:,} | {b.ours_median:.2f} | {b.bare_median:.2f} "
            f"| {b.ours_cpu:.2f} | {b.bare_cpu:.2f} | {b.ratio:.2f} | {b.ms_per_guide:.2f} | {b.ms_per_guide / small.ms_per_guide:.2f} | {b.page_bytes:,} "
            f"| {b.page_bytes / small.page_bytes:.2f} | {b.index_per_guide:,} | {b.first_load.kb:.1f} |"
            for b in builds]


def interactive_rows(run: Run) -> list[str]:
    ns = sorted({timing.n for timing in run.serve} | ({run.search.n} if run.search else set()))
    rows = []
    for n in ns:
        search = run.search if run.search and run.search.n == n else None
        strict = next((t for t in run.serve if t.n == n and t.variant == ""), None)
        dirty = next((t for t in run.serve if t.n == n and t.variant == "--dirty --no-strict"), None)
        full = run.build_at(n)
        if search:
            slowest = max(statistics.median(runs) for runs in search.first_result_ms.values())
            search_cells = (f"{search.ready_ms / 1000:.1f}",
                            f"{search.median_ms:.0f} / {slowest:.0f} / {search.worst_ms:.0f}",
                            f"{search.first_load.kb:.1f}" if search.first_load else "–")
        else:
            search_cells = ("–", "–", "–")
        rows.append(f"| {run.when:%Y-%m-%d %H:%M} | {run.commit} | {run.machine} | {_load(run)} | {n:,} | " + " | ".join(search_cells)
                    + f" | {f'{strict.median:.2f}' if strict else '–'} | {f'{dirty.median:.2f}' if dirty else '–'}"
                    + f" | {f'{full.ours_median:.2f}' if full else '–'} |")
    return rows


def _load(run: Run) -> str:
    return f"{run.load[0]:.1f}–{run.load[1]:.1f}"


def record(path: Path, run: Run) -> None:
    """Add this run's rows to `path` (made from the template if missing) and replace the targets."""
    text = path.read_text(encoding="utf-8") if path.exists() else TEMPLATE
    for marker in (TARGETS_START, TARGETS_END, BUILDS_END, INTERACTIVE_END):
        if marker not in text:
            raise BenchError(f"{path.name} has lost the line '{marker}', so the new rows have nowhere to go. "
                             "Fix: put the line back where the table ends (see benchmarks/report.py TEMPLATE).")
    before, rest = text.split(TARGETS_START, 1)
    _, after = rest.split(TARGETS_END, 1)
    text = f"{before}{TARGETS_START}\n{targets_markdown(run)}\n{TARGETS_END}{after}"
    for marker, rows in ((BUILDS_END, build_rows(run)), (INTERACTIVE_END, interactive_rows(run))):
        if rows:
            text = text.replace(marker, "\n".join(rows) + "\n" + marker, 1)
    path.write_text(text, encoding="utf-8")


def machine() -> str:
    """A short description of this machine, for comparing rows."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1]
                break
    except OSError:
        pass
    for noise in ("(R)", "(TM)", " CPU", " Processor", "  "):
        model = model.replace(noise, " " if noise == "  " else "")
    memory = ""
    if hasattr(os, "sysconf") and "SC_PHYS_PAGES" in os.sysconf_names:
        memory = f", {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1e9:.0f} GB"
    return f"{model.strip()} ×{os.cpu_count()}{memory}, Python {platform.python_version()}"


def commit(root: Path) -> str:
    """The commit measured, marked when the working tree had uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True)
        status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + (" + uncommitted changes" if status.stdout.strip() else "")
