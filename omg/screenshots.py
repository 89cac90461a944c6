"""Pictures of guide pages at desktop and phone width, for reviewers of a pull request.

The project is built strictly (as it would be published), served on 127.0.0.1
(omg/localserver.py) and photographed with Debian's Chromium through Playwright.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import localserver

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers and CI run as root); nothing that phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


class ScreenshotsUnavailable(Exception):
    """Why no picture could be taken, and what to do."""


def browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing. Fix: apt-get install chromium"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is missing. Fix: make venv"
    return None


def build(root: Path, site_dir: Path) -> None:
    """A strict build of the project at `root` into `site_dir`, with that project's own code."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise ScreenshotsUnavailable("No screenshots: the pull request's version of the site does not build; "
                                     "fix the problems listed above first.")


def page_address(site_dir: Path, src_path: str) -> str | None:
    """The address of the page built from `src_path` ('guides/x.md'), or None if it was not built."""
    stem = src_path.removesuffix(".md")
    for address, file in ((f"{stem}/", f"{stem}/index.html"), (f"{stem}.html", f"{stem}.html")):
        if (site_dir / file).is_file():
            return address
    return None


def photograph(site_dir: Path, pages: dict[str, str], out_dir: Path) -> dict[str, list[str]]:
    """pages: name -> address in the site. Returns name -> the PNG files written into `out_dir`."""
    missing = browser_missing()
    if missing:
        raise ScreenshotsUnavailable(f"No screenshots: {missing}.")
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    taken: dict[str, list[str]] = {}
    with localserver.serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width_name, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, reduced_motion="reduce")
                page = context.new_page()
                for name, address in pages.items():
                    page.goto(base + address, wait_until="load")
                    file = f"{name}-{width_name}-{viewport['width']}.png"
                    page.screenshot(path=str(out_dir / file), full_page=True)
                    taken.setdefault(name, []).append(file)
                context.close()
        finally:
            browser.close()
    return taken
