"""Search speed in Chromium: a built site served on 127.0.0.1, queries typed like a reader.

The clock runs in the page: from the last keystroke's keydown event to the
first animation frame after Material puts a result in the list. The index is
loaded before typing starts (a reader who opens a page and then types), and
the time until search is ready is reported on its own.
"""

from __future__ import annotations

import gzip
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from omg.localserver import serve

from .measure import GZIP_LEVEL, BenchError, FirstLoad

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
QUERIES = ("early help", "fostering", "consent", "restorative", "safeguarding", "attendance")

# Records keydowns and the first painted result after the last one, in page time.
_PROBE = """
window.__omgBench = {lastKey: 0, firstResult: 0};
document.addEventListener("keydown", (event) => {
  window.__omgBench.lastKey = event.timeStamp; window.__omgBench.firstResult = 0;
}, true);
new MutationObserver((records) => {
  const bench = window.__omgBench;
  if (bench.firstResult || !bench.lastKey) return;
  const added = records.some((record) => [...record.addedNodes].some((node) =>
    node.nodeType === 1 && (node.matches(".md-search-result__item") || node.querySelector(".md-search-result__item"))));
  if (!added) return;
  const seen = performance.now();
  requestAnimationFrame(() => { if (!bench.firstResult) bench.firstResult = Math.max(seen, performance.now()); });
}).observe(document, {childList: true, subtree: true});  // documentElement does not exist yet
"""


@dataclass
class SearchTiming:
    n: int
    ready_ms: float                                   # page load to "search ready"
    first_result_ms: dict[str, list[float]] = field(default_factory=dict)  # query -> runs
    first_load: FirstLoad | None = None               # as the browser actually fetched it

    @property
    def all_runs(self) -> list[float]:
        return [ms for runs in self.first_result_ms.values() for ms in runs]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.all_runs)

    @property
    def worst_ms(self) -> float:
        return max(self.all_runs)


def browser_missing() -> str | None:
    """Why the browser measurement cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make venv)"
    return None


def time_search(site_dir: Path, page: str, *, n: int, repeat: int = 3,
                queries: tuple[str, ...] = QUERIES) -> SearchTiming:
    """Type each query `repeat` times on `page` (such as 'guides/x/') and time the first result."""
    from playwright.sync_api import sync_playwright

    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())  # nothing leaves 127.0.0.1
            tab = context.new_page()
            tab.add_init_script(_PROBE)
            fetched: list[str] = []
            tab.on("requestfinished", lambda request: fetched.append(request.url[len(base):]))
            start = time.perf_counter()
            tab.goto(base + page, wait_until="load")
            _wait_for_search_ready(tab)
            ready_ms = (time.perf_counter() - start) * 1000
            timing = SearchTiming(n=n, ready_ms=ready_ms, first_load=_fetched_first_load(site_dir, fetched))
            for query in queries:
                timing.first_result_ms[query] = [_type_and_time(tab, query) for _ in range(repeat)]
            return timing
        finally:
            browser.close()


def _wait_for_search_ready(tab) -> None:
    tab.click("label.md-search__icon, .md-search__input", timeout=10_000)
    tab.wait_for_function(
        "() => { const meta = document.querySelector('.md-search-result__meta');"
        " return meta && meta.textContent.trim() && !/initiali[sz]ing/i.test(meta.textContent); }",
        timeout=120_000)


def _type_and_time(tab, query: str) -> float:
    box = tab.locator(".md-search__input")
    box.fill("")
    tab.wait_for_timeout(150)
    box.focus()
    tab.keyboard.type(query[:-1], delay=60)
    tab.wait_for_timeout(400)  # let results for the partial query settle, so the next change answers the full one
    tab.keyboard.press(query[-1])
    try:
        tab.wait_for_function("() => window.__omgBench.firstResult > 0", timeout=10_000)
    except Exception as error:  # playwright's TimeoutError
        raise BenchError(f"no search result appeared for '{query}' within 10 s") from error
    return tab.evaluate("() => window.__omgBench.firstResult - window.__omgBench.lastKey")


def _fetched_first_load(site_dir: Path, fetched: list[str]) -> FirstLoad:
    files = {}
    for path in dict.fromkeys(fetched):
        clean = path.split("?")[0].split("#")[0]
        if clean.endswith("search_index.json"):
            continue
        file = site_dir / clean
        if file.is_dir() or clean.endswith("/") or not clean:
            file = file / "index.html"
        if file.is_file():
            files[clean or "index.html"] = len(gzip.compress(file.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))
    return FirstLoad(sum(files.values()), files)
