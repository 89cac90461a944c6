"""What only a browser can show: the checks, and the machinery to run them.

Each check is a function that takes a Playwright page and returns a list of
problems as readable lines, empty when all is well. The
tests run each check on every page of the real site, and again on a page
broken on purpose, to prove the check can fail.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from omg import localserver

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers and CI run as root); nothing that phones home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
REQUIRE_BROWSER = "OMG_REQUIRE_BROWSER"

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 740}
WIDTHS = {"desktop": DESKTOP, "375px mobile": MOBILE}

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe-core has no rules tagged wcag22a yet).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Best-practice rules we also hold the site to: Material's search dialog had no name.
EXTRA_RULES = ["aria-dialog-name"]


try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # browser_missing() says so; the tests are skipped
    PlaywrightTimeout = TimeoutError


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing"
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"the Python package {error.name} is missing (run `make venv`)"
    return None


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# --- Serving a built site -------------------------------------------------

serve = localserver.serve  # the one static server, shared with the benchmark


def site_pages(site_dir: Path) -> list[str]:
    """Every page of a built site, as addresses relative to its root.

    Found by walking the files, so a new kind of page (topics, glossary, ...)
    is checked without anyone listing it. Redirect stubs are checked at their
    target instead: they navigate away while a check runs.
    """
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/") or _is_redirect(path):
            continue
        if path.name == "index.html":
            relative = relative[: -len("index.html")]
        pages.append(relative)
    return pages


def _is_redirect(path: Path) -> bool:
    head = path.read_text(encoding="utf-8", errors="replace")[:2000].lower()
    return 'http-equiv="refresh"' in head


# --- Contexts that cannot reach the internet ------------------------------

@dataclass
class Traffic:
    """Every request a browser context made, and which left the site."""
    site: str  # 'http://127.0.0.1:PORT' or 'file://'
    requests: list[str]

    def elsewhere(self) -> list[str]:
        return sorted({url for url in self.requests if not _same_site(url, self.site)})


def _same_site(url: str, site: str) -> bool:
    if site == "file://":
        return url.startswith(("file://", "data:", "blob:", "about:"))
    return url.startswith((site + "/", "data:", "blob:", "about:")) or url == site


def new_context(browser, base_url: str, *, viewport=DESKTOP, **options):
    """A browser context whose requests to anywhere but the site are recorded and blocked.

    Blocking keeps the tests offline; recording lets the privacy check see
    what a reader's browser would have fetched.
    """
    parts = urlsplit(base_url)
    site = "file://" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(5_000)  # a page served from this machine answers at once
    traffic = Traffic(site, [])
    context.on("request", lambda request: traffic.requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if _same_site(route.request.url, site) else route.abort())
    context.add_init_script(RECORD_REFUSED)
    context.traffic = traffic
    return context


# The site's content security policy stops most outside loads before any
# request is made; record those attempts too, so the privacy check sees them.
RECORD_REFUSED = """
window.__omgRefused = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__omgRefused.push(`${event.blockedURI || 'inline'} (${event.effectiveDirective})`);
});
"""


def open_page(page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    if response is not None and response.status >= 400:
        raise AssertionError(f"{url}: the server answered {response.status}")
    # Material renders search, the header and the footer from its bundle once loaded.
    page.wait_for_function("() => document.body && !document.documentElement.classList.contains('no-js')",
                           timeout=10_000)


# --- Accessibility ---------------------------------------------------------

def axe_problems(page, *, label: str = "") -> list[str]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"],
               "rules": {rule: {"enabled": True} for rule in EXTRA_RULES}}
    results = Axe().run(page, options=options)
    where = label or page.url
    problems = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            problems.append(f"{where}: {violation['id']}: {violation['help']} ({target})")
    return problems


# WCAG 1.4.10: at 320 CSS pixels (a 1280 pixel screen zoomed to 400%) nothing scrolls sideways.
REFLOW = {"width": 320, "height": 640}


def reflow_problems(page, *, label: str) -> list[str]:
    """At 320 pixels wide the page must not scroll sideways; names what sticks out."""
    wide = page.evaluate("""() => document.documentElement.scrollWidth <= innerWidth ? null :
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
        .filter((el) => ![...el.children].some((child) => child.getBoundingClientRect().right > innerWidth + 1))
        .map((el) => el.tagName.toLowerCase() + (el.classList.length ? '.' + el.classList[0] : ''))
        .slice(0, 3)""")
    return [] if wide is None else [f"{label}: scrolls sideways at 320 pixels wide ({', '.join(wide)})"]


FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow !== 'none';
  const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {tag: el.tagName.toLowerCase(), name, ring: outline || shadow,
          shown: box.width > 0 && box.height > 0 && style.visibility !== 'hidden'};
}"""


def focus_problems(page, *, stops: int = 40) -> list[str]:
    """Tab through the page; every element that takes focus must show a focus ring."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    problems, seen = [], 0
    for _ in range(stops):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused is None:
            break  # focus left the page: every stop has been visited
        seen += 1
        if focused["shown"] and not focused["ring"]:
            problems.append(f"{page.url}: <{focused['tag']}> '{focused['name']}' has no visible focus indicator")
    if seen == 0:
        problems.append(f"{page.url}: nothing on the page takes keyboard focus")
    return problems


SKIP_TARGET = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return {found: false};
  // Material's "Back to top" button can take focus and hide at once, leaving it
  // on <body>; only a stop before the target shows the skip link did not work.
  const active = document.activeElement;
  const before = !!active && active !== document.body && !target.contains(active) &&
    (target.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
  return {found: true, inMain: !!target.closest('main'), before,
          next: active ? active.outerHTML.slice(0, 80) : ''};
}"""


SKIP_LINK_SHOWN = """() => {
  const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
  return parseFloat(style.opacity) > 0.9 && style.visibility !== 'hidden' &&
         box.width > 1 && box.height > 1 && box.bottom > 0 && box.top < innerHeight;
}"""


def skip_link_problems(page) -> list[str]:
    """The first Tab shows a 'Skip to content' link that moves the reader into the main content."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    page.keyboard.press("Tab")
    first = page.evaluate("""() => ({text: document.activeElement.textContent.trim(),
                                     href: document.activeElement.getAttribute('href') || ''})""")
    if first["text"] != "Skip to content" or not first["href"].startswith("#"):
        return [f"{page.url}: the first Tab reaches '{first['text'][:40]}', not a 'Skip to content' link"]
    try:  # the theme slides the link in, so give it a moment
        page.wait_for_function(SKIP_LINK_SHOWN, timeout=1_000)
    except PlaywrightTimeout:
        return [f"{page.url}: the skip link is not visible when it has focus"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    landed = page.evaluate(SKIP_TARGET)
    if not landed["found"]:
        return [f"{page.url}: the skip link points to {first['href']}, which is not on the page"]
    if not landed["inMain"]:
        return [f"{page.url}: the skip link points to {first['href']}, outside the main content"]
    if landed["before"]:
        return [f"{page.url}: after the skip link, Tab goes back to {landed['next']}"]
    return []


# --- Print -----------------------------------------------------------------

def pdf_page_count(pdf: bytes) -> int:
    # Page objects, not the /Pages tree node that lists them.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def printed_pages(page) -> int:
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    return pdf_page_count(page.pdf(format="A4"))


def printed_text(page) -> str:
    """The text a printout shows: what print media leaves displayed."""
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    return re.sub(r"\s+", " ", page.inner_text("body"))


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def page_address(page) -> str:
    """The address a reader would type: the canonical one when the site declares it."""
    return page.evaluate("() => (document.querySelector('link[rel=canonical]') || location).href")


def print_problems(page, *, review_due: dt.date, today: dt.date) -> list[str]:
    """A guide prints on one A4 page showing its address, the day printed and the review date."""
    address = page_address(page)
    problems = []
    pages = printed_pages(page)
    if pages != 1:
        problems.append(f"{address}: prints on {pages} A4 pages, not 1")
    text = printed_text(page)
    if address not in text:
        problems.append(f"{address}: the printout does not show the page address")
    if not re.search(r"\b[Pp]rinted\b.{0,200}?\b" + re.escape(long_date(today)), text):
        problems.append(f"{address}: the printout does not show the day it was printed ({long_date(today)})")
    if long_date(review_due) not in text:
        problems.append(f"{address}: the printout does not show the review date ({long_date(review_due)})")
    return problems


# --- Search ----------------------------------------------------------------

def first_search_result(page, query: str, *, timeout: float = 10_000) -> str:
    """Type `query` into Material's search box; the address of the first result."""
    box = page.locator("input.md-search__input")
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # on a phone the search opens from a button in the header
        opener.click()
    elif box.is_visible():
        box.click()
    else:
        raise SearchUnavailable(f"{page.url}: the page shows no search box")
    box.fill("")
    box.press_sequentially(query, delay=20)
    # Results arrive once per keystroke; wait until the list stops changing.
    try:
        handle = page.wait_for_function(SETTLED_RESULTS, arg=query, polling=150, timeout=timeout)
    except PlaywrightTimeout:
        raise SearchUnavailable(f"{page.url}: no results for '{query}' after {timeout / 1000:g} seconds") from None
    return handle.json_value()


class SearchUnavailable(AssertionError):
    pass


SETTLED_RESULTS = """(query) => {
  const input = document.querySelector('input.md-search__input');
  const first = document.querySelector('.md-search-result__list > li:first-child a');
  if (!input || input.value !== query || !first) return false;
  const now = first.getAttribute('href');
  const seen = window.__omgLastFirst;
  window.__omgLastFirst = now;
  if (seen !== now) { window.__omgSettled = 0; return false; }
  window.__omgSettled = (window.__omgSettled || 0) + 1;
  return window.__omgSettled >= 3 ? now : false;
}"""


# --- Privacy ---------------------------------------------------------------

def privacy_problems(page, *, label: str) -> list[str]:
    """Requests to other hosts and loads the security policy refused (since the traffic was last
    cleared), and the cookies the context holds."""
    problems = [f"{label}: requested {url}" for url in page.context.traffic.elsewhere()]
    problems += [f"{label}: tried to load {what}, which the security policy refused"
                 for what in page.evaluate("() => window.__omgRefused || []")]
    problems += [f"{label}: set the cookie '{cookie['name']}'" for cookie in page.context.cookies()]
    return problems


def require_browser_env() -> bool:
    return os.environ.get(REQUIRE_BROWSER, "") not in ("", "0")
