"""`python -m benchmarks.search_quality`: does search find the guide a reader means? (issue 17)

Builds a site of the real guides plus the evaluation's own (benchmarks/search_eval/guides/,
written in the usual legacy shapes, none with `keywords:`), serves it on 127.0.0.1, types each
query of benchmarks/search_eval/queries.yml into Material's search box in Chromium the way a
reader does, reads the result list, and reports by kind how often the expected guide came
first (hit@1) and in the top three (hit@3). Not timed: the speed of search is benchmarks/browser.py's.

It measures twice: every batch's guides in one site (67 guides, where near neighbours such as
"Neglect" and "Dental neglect" compete), and each batch in a site of its own (10 to 17 guides, the
size of the evaluation in issue 17 and of many partnerships' collections).

    .venv/bin/python -m benchmarks.search_quality                 # what `make bench-search` runs; records
    .venv/bin/python -m benchmarks.search_quality --only 10 --no-record --show-misses
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from omg.localserver import serve

from . import report
from .browser import CHROMIUM, CHROMIUM_ARGS, browser_missing
from .measure import BenchError

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(__file__).resolve().parent / "search_eval"
COPIED = ("mkdocs.yml", "hooks.py", "overrides", "data", "docs")
KINDS = ("title", "acronym", "paraphrase", "word_form", "misspelling")
START = "<!-- search quality rows (benchmarks/search_quality.py adds a row here) -->"


BATCHES = {  # name -> its queries; the guides of both are in search_eval/guides/
    "first batch": EVAL / "queries.yml",
    # Written later by someone who saw neither the search code nor data/synonyms.yml, and scored
    # before any tuning on it: how search does on guides and words it was not tuned for.
    "held out": EVAL / "held_out" / "queries.yml",
    # Written the same way a session later, with twelve other guides, and scored before anything was
    # changed after seeing them.
    "third batch": EVAL / "third_batch" / "queries.yml",
    # And again, with ten other guides, scored once after every change of that session.
    "fourth batch": EVAL / "fourth_batch" / "queries.yml",
    # And again, with ten other guides, written blind and scored once.
    "fifth batch": EVAL / "fifth_batch" / "queries.yml",
    # And again at the end of the next session, with ten other guides, written blind and scored once.
    "sixth batch": EVAL / "sixth_batch" / "queries.yml",
}


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expected: str  # a guide's slug
    batch: str = "first batch"


@dataclass
class Outcome:
    query: Query
    results: list[str]  # guide slugs (or other page addresses) in the order shown

    @property
    def rank(self) -> int | None:
        return self.results.index(self.query.expected) + 1 if self.query.expected in self.results else None


@dataclass
class Scores:
    outcomes: list[Outcome] = field(default_factory=list)

    def by_kind(self) -> dict[str, tuple[int, int, int]]:
        """kind -> (queries, first, in the top three); 'all' after the kinds, then each batch."""
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for outcome in self.outcomes:
            for kind in (outcome.query.kind, "all", outcome.query.batch):
                row = table[kind]
                row[0] += 1
                row[1] += outcome.rank == 1
                row[2] += outcome.rank is not None and outcome.rank <= 3
        return {kind: tuple(table[kind]) for kind in (*KINDS, "all", *BATCHES) if kind in table}


def load_queries() -> list[Query]:
    """Every batch's queries, the first batch first."""
    return [query for batch, path in BATCHES.items() for query in load_batch(path, batch)]


def load_batch(path: Path, batch: str) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]
    unknown = set(data) - set(KINDS)
    if unknown:
        raise BenchError(f"{path.name}: unknown kinds {sorted(unknown)}. Fix: use {', '.join(KINDS)}.")
    return [Query(kind, str(text), slug, batch) for kind in KINDS for text, slug in data.get(kind, [])]


def write_project(target: Path, guides: set[str] | None = None) -> Path:
    """The project's configuration, data and real guides, with the evaluation's guides (those named
    in `guides` if given) and contacts added."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for guide in sorted((EVAL / "guides").glob("*.md")):
        if guides is None or guide.stem in guides:
            shutil.copy2(guide, target / "docs" / "guides" / guide.name)
    contacts = target / "data" / "contacts.yml"
    text = contacts.read_text(encoding="utf-8").rstrip()
    for added in (EVAL / "contacts.yml", *(path.parent / "contacts.yml" for path in BATCHES.values() if path.parent != EVAL)):
        text += "\n" + added.read_text(encoding="utf-8").split("\ncontacts:\n", 1)[1].rstrip()
    contacts.write_text(text + "\n", encoding="utf-8")
    return target


def build(project: Path) -> Path:
    site = project / "site"
    done = subprocess.run([sys.executable, "-m", "omg", "build", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, env={**_env(), "PYTHONPATH": str(ROOT)})
    if done.returncode:
        raise BenchError(f"the evaluation site did not build:\n{done.stdout}{done.stderr}")
    return site


def measure(work: Path, queries: list[Query], *, alone: bool) -> Scores:
    """One site of every guide, all queries typed into it; or (`alone`) a site for each batch, of the
    project's guides and the guides that batch's queries name, the size of a partnership's collection
    and of the evaluation issue 17 describes (a dozen guides)."""
    if not alone:
        return run_queries(build(write_project(work / "together")), queries)
    scores = Scores()
    for number, batch in enumerate(BATCHES):
        asked = [query for query in queries if query.batch == batch]
        if asked:
            site = build(write_project(work / f"batch-{number}", {query.expected for query in asked}))
            scores.outcomes += run_queries(site, asked).outcomes
    return scores


def _env() -> dict:
    import os
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# The result list once it has stopped changing for three polls: every top-level result's address.
_SETTLED = """(query) => {
  const input = document.querySelector('input.md-search__input');
  const meta = document.querySelector('.md-search-result__meta');
  if (!input || input.value !== query || !meta) return false;
  const now = [...document.querySelectorAll('.md-search-result__list > li')]
    .map(li => li.querySelector('a')).filter(a => a).map(a => a.href);
  const key = JSON.stringify(now) + meta.textContent;
  if (window.__omgEvalSeen !== key) { window.__omgEvalSeen = key; window.__omgEvalStable = 0; return false; }
  window.__omgEvalStable = (window.__omgEvalStable || 0) + 1;
  return window.__omgEvalStable >= 3 ? now : false;
}"""


def run_queries(site: Path, queries: list[Query]) -> Scores:
    """Type each query into the search box of the home page, as a reader does; the result lists."""
    from playwright.sync_api import sync_playwright

    scores = Scores()
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            tab = context.new_page()
            tab.goto(base, wait_until="load")
            box = tab.locator("input.md-search__input")
            box.click()
            for query in queries:
                box.fill("")
                tab.evaluate("() => { window.__omgEvalSeen = null; }")
                box.press_sequentially(query.text, delay=15)
                hrefs = tab.wait_for_function(_SETTLED, arg=query.text, polling=100, timeout=15_000).json_value()
                scores.outcomes.append(Outcome(query, [_slug(href, base) for href in hrefs]))
        finally:
            browser.close()
    return scores


def _slug(href: str, base: str) -> str:
    """'guides/x/' (as 'x') or another page's path, from a result's absolute address."""
    path = urlsplit(href).path.strip("/")
    return path.removeprefix("guides/") if path.startswith("guides/") else (path or "home")


def table(scores: Scores) -> list[str]:
    rows = ["| kind | queries | first | top three |", "|---|---:|---:|---:|"]
    for kind, (n, first, top3) in scores.by_kind().items():
        rows.append(f"| {kind.replace('_', ' ')} | {n} | {first / n:.0%} ({first}) | {top3 / n:.0%} ({top3}) |")
    return rows


def summary_row(scores: Scores, *, when: dt.datetime, commit: str, note: str) -> str:
    cells = []
    for kind, (n, first, top3) in scores.by_kind().items():
        cells.append(f"{first / n:.0%} / {top3 / n:.0%}")
    return f"| {when:%Y-%m-%d %H:%M} | {commit} | {note} | " + " | ".join(cells) + " |"


def record(path: Path, row: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START not in text:
        raise BenchError(f"{path.name} has lost the line '{START}'. Fix: put it back below the search quality "
                         "table's last row (see BENCHMARKS.md, 'Search quality').")
    path.write_text(text.replace(START, row + "\n" + START, 1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search_quality", description=__doc__.split("\n")[0])
    parser.add_argument("--only", type=int, default=None, help="the first N queries only (a quick look)")
    parser.add_argument("--no-record", action="store_true", help="print, record nothing in BENCHMARKS.md")
    parser.add_argument("--note", default="", help="a few words for the row (what changed)")
    parser.add_argument("--show-misses", action="store_true", help="list each query whose guide was not first")
    parser.add_argument("--sites", choices=("both", "one", "each-batch"), default="both",
                        help="one site of every batch's guides, a site for each batch, or both (two rows)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    missing = browser_missing()
    if missing:
        print(f"Search quality not measured: {missing}.", file=sys.stderr)
        return 1
    queries = load_queries()[: args.only] if args.only else load_queries()
    measured = report.commit(ROOT)  # the code built now, even if a commit is made while the queries run
    layouts = {"one": [False], "each-batch": [True], "both": [False, True]}[args.sites]
    for alone in layouts:
        work = Path(tempfile.mkdtemp(prefix="omg-search-eval-"))
        try:
            scores = measure(work, queries, alone=alone)
        except BenchError as error:
            print(f"The search evaluation stopped: {error}", file=sys.stderr)
            return 1
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print("Each batch in a site of its own:" if alone else "Every batch's guides in one site:")
        print("\n".join(table(scores)))
        if args.show_misses:
            for outcome in scores.outcomes:
                if outcome.rank != 1:
                    print(f"  [{outcome.query.batch}, {outcome.query.kind}] '{outcome.query.text}' -> "
                          f"{outcome.query.expected} at {outcome.rank or '-'}; "
                          f"shown: {', '.join(outcome.results[:3]) or 'nothing'}")
        if not args.no_record and not args.only:
            note = "; ".join(filter(None, [args.note, "each batch in a site of its own" if alone else ""]))
            row = summary_row(scores, when=dt.datetime.now(dt.timezone.utc), commit=measured, note=note)
            record(args.output, row)
            print(f"\nRecorded in {args.output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
