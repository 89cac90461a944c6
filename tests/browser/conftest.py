"""Browser tests: one Chromium and one build of the real site for the whole run.

Without Debian's Chromium these tests are skipped with one line, unless
OMG_REQUIRE_BROWSER=1 (CI sets it), when a missing browser is a failure.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from browserkit import (REQUIRE_BROWSER, browser_missing, launch, new_context,  # noqa: E402
                        require_browser_env, serve, site_pages)
from sitekit import ROOT, FixtureSite  # noqa: E402


class _WithoutBrowser(pytest.Module):
    """A test module here, on a machine without the browser: never imported."""

    def collect(self):
        missing = browser_missing()
        if require_browser_env():
            pytest.fail(f"Browser tests are required ({REQUIRE_BROWSER}=1) but {missing}. "
                        "Fix: apt-get install chromium, then make venv.", pytrace=False)
        # Raised here for every module, so pytest's summary groups them into one line.
        pytest.skip(f"browser tests skipped: {missing}. To run them: apt-get install chromium "
                    f"(set {REQUIRE_BROWSER}=1 to make a missing browser fail).")


def pytest_pycollect_makemodule(module_path, parent):
    if browser_missing():
        return _WithoutBrowser.from_parent(parent, path=module_path)
    return None


@dataclass
class ServedSite:
    root: Path       # the built site folder
    base_url: str    # http://127.0.0.1:PORT/

    def url(self, page: str) -> str:
        return self.base_url + page

    def html(self, page: str) -> str:
        """The built file behind an address from `pages`."""
        path = self.root / page if page.endswith(".html") else self.root / page / "index.html"
        return path.read_text(encoding="utf-8")

    @property
    def pages(self) -> list[str]:
        return site_pages(self.root)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        _RUN.browser = f"Chromium {browser.version}"
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real project, built strictly once, served on 127.0.0.1."""
    site_dir = tmp_path_factory.mktemp("real") / "site"
    done = subprocess.run([sys.executable, "-m", "omg", "build", "--site-dir", str(site_dir)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(site_dir) as base_url:
        yield ServedSite(site_dir, base_url)


@pytest.fixture
def browse(chromium):
    """browse(base_url, viewport=...) -> a page in a fresh context that cannot leave the site."""
    contexts = []

    def open_context(base_url: str, **options):
        context = new_context(chromium, base_url, **options)
        contexts.append(context)
        return context.new_page()

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def serve_fixture_site():
    """Build a FixtureSite and serve it; the server stops with the test."""
    servers = []

    def build_and_serve(site: FixtureSite) -> ServedSite:
        result = site.build()
        assert result.ok, result.output
        server = serve(site.site)
        servers.append(server)
        return ServedSite(site.site, server.__enter__())

    yield build_and_serve
    for server in servers:
        server.__exit__(None, None, None)


# --- The record the accessibility statement's "last tested" date comes from -------------------

class _Run:
    """What happened to the browser tests in this pytest run."""

    def __init__(self):
        self.browser, self.collected, self.passed, self.other, self.deselected = "", set(), 0, 0, False


_RUN = _Run()
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(session, config, items):
    _RUN.collected = {Path(str(item.fspath)).resolve() for item in items if HERE in Path(str(item.fspath)).resolve().parents}


def pytest_deselected(items):
    if any(HERE in Path(str(item.fspath)).resolve().parents for item in items):
        _RUN.deselected = True


def pytest_runtest_logreport(report):
    if HERE not in Path(report.fspath).resolve().parents:
        return
    if report.when == "call" and report.passed:
        _RUN.passed += 1
    elif report.failed or report.skipped:
        _RUN.other += 1


def pytest_sessionfinish(session, exitstatus):
    """Every browser check ran and passed: record the day, which a release build's statement gives as
    "last tested" (omg/statement.py). A partial run (one file, -k, a failure, a skip) records nothing."""
    every_file = {path.resolve() for path in HERE.glob("test_*.py")}
    if exitstatus != 0 or _RUN.other or _RUN.deselected or not _RUN.passed or not _RUN.browser:
        return
    if not every_file <= _RUN.collected:
        return
    import datetime as dt

    from omg.statement import write_record

    path = write_record(ROOT, tests=_RUN.passed, browser=_RUN.browser, today=dt.date.today())
    session.config.get_terminal_writer().line(f"Browser checks passed: recorded in {path.relative_to(ROOT)}")
