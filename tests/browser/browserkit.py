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
import time
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
    # Loading (unlike a check) may wait for a busy machine: a page and its bundle, under load.
    response = page.goto(url, wait_until="load", timeout=30_000)
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


# --- Keyboard and screen reader: what axe does not check -------------------

def _cdp(page):
    """A DevTools session on the page (cached on it): Chromium's own accessibility tree."""
    if not hasattr(page, "_omg_cdp"):
        page._omg_cdp = page.context.new_cdp_session(page)
        page._omg_cdp.send("Accessibility.enable")
    return page._omg_cdp


def accessible_name(page, expression: str = "document.activeElement") -> tuple[str, str]:
    """(role, name) of an element as Chromium's accessibility tree has them."""
    session = _cdp(page)
    handle = session.send("Runtime.evaluate", {"expression": expression})["result"]
    if "objectId" not in handle:
        return "", ""
    nodes = session.send("Accessibility.getPartialAXTree", {"objectId": handle["objectId"], "fetchRelatives": False})["nodes"]
    node = next((n for n in nodes if not n.get("ignored")), nodes[0] if nodes else {})
    return (node.get("role") or {}).get("value", ""), str((node.get("name") or {}).get("value", "")).strip()


SEEN = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  let opacity = 1;
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) opacity *= parseFloat(getComputedStyle(node).opacity);
  const onScreen = box.width >= 1 && box.height >= 1 && box.right > 0 && box.bottom > 0 &&
    box.left < innerWidth && box.top < innerHeight;
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none';
  return {what: el.tagName.toLowerCase() + (el.classList.length ? '.' + el.classList[0] : ''),
          text: (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 30),
          seen: onScreen && style.visibility === 'visible' && opacity > 0.5, ring};
}"""


def tab_stop_problems(page, *, label: str, stops: int = 80) -> list[str]:
    """Tab through the page: every stop is on screen, visible, has a focus ring and a name."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    problems, seen = [], 0
    for _ in range(stops):
        page.keyboard.press("Tab")
        stop = page.evaluate(SEEN)
        if stop is None:
            break
        seen += 1
        if not stop["seen"]:  # panels slide and fade in: give them their 250 ms
            page.wait_for_timeout(350)
            stop = page.evaluate(SEEN) or stop
        where = f"{label}: Tab stop {seen} <{stop['what']}> '{stop['text']}'"
        if not stop["seen"]:
            problems.append(f"{where} cannot be seen")
        elif not stop["ring"]:
            problems.append(f"{where} has no visible focus indicator")
        role, name = accessible_name(page)
        if not name:
            problems.append(f"{where} has no accessible name (role {role or 'none'})")
    if seen == 0:
        problems.append(f"{label}: nothing on the page takes keyboard focus")
    return problems


LANDMARKS = {"banner", "navigation", "main", "contentinfo", "complementary", "search", "region", "form"}
ICON_ROLES = {"image", "img", "graphics-document", "graphics-symbol", "SvgRoot"}


def tree_problems(page, *, label: str) -> list[str]:
    """In Chromium's accessibility tree: no empty landmark, no unnamed image (an icon not hidden);
    in the page: no <label for> that points to nothing."""
    nodes = _cdp(page).send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}

    def has_text(node) -> bool:
        for child_id in node.get("childIds", []):
            child = by_id.get(child_id)
            if child is None:
                continue
            named = str((child.get("name") or {}).get("value", "")).strip()
            if not child.get("ignored") and named and (child.get("role") or {}).get("value") not in ("generic", "none"):
                return True  # text, or a control or image with a name
            if has_text(child):
                return True
        return False

    problems = []
    for node in nodes:
        if node.get("ignored"):
            continue
        role = (node.get("role") or {}).get("value", "")
        name = str((node.get("name") or {}).get("value", "")).strip()
        if role in LANDMARKS and not has_text(node):
            problems.append(f"{label}: the {role} landmark '{name}' is empty")
        if role in ICON_ROLES and not name:
            problems.append(f"{label}: an image ({role}) has no name: hide a decorative icon with aria-hidden")
    dangling = page.evaluate("""() => [...document.querySelectorAll('label[for]')]
      .filter((label) => !document.getElementById(label.htmlFor)).map((label) => label.htmlFor)""")
    problems += [f"{label}: <label for=\"{target}\"> points to no element" for target in dangling]
    return problems


MENU_STATE = """() => {
  const drawer = document.getElementById('__drawer'), menu = document.querySelector('.md-sidebar--primary');
  const el = document.activeElement;
  return {open: !!(drawer && drawer.checked), focusInMenu: !!(menu && menu.contains(el)),
          menuShown: !!menu && getComputedStyle(menu).visibility === 'visible' && menu.getBoundingClientRect().right > 0,
          expanded: (document.querySelector(".md-header__button[for='__drawer']") || {getAttribute: () => null}).getAttribute('aria-expanded')};
}"""


def menu_problems(page, *, label: str) -> list[str]:
    """On a phone: Tab reaches a 'Menu' button; Enter opens the menu with focus inside; Escape closes it."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(6):
        page.keyboard.press("Tab")
        role, name = accessible_name(page)
        if (role, name) == ("button", "Menu"):
            break
    else:
        return [f"{label}: no 'Menu' button among the first Tab stops"]
    problems = []
    if page.evaluate(MENU_STATE)["expanded"] != "false":
        problems.append(f"{label}: the closed menu's button does not say aria-expanded=false")
    page.keyboard.press("Enter")
    page.wait_for_timeout(350)
    state = page.evaluate(MENU_STATE)
    if not (state["open"] and state["menuShown"] and state["focusInMenu"]):
        problems.append(f"{label}: Enter on the Menu button does not open the menu and move focus into it ({state})")
    if state["expanded"] != "true":
        problems.append(f"{label}: the open menu's button does not say aria-expanded=true")
    page.keyboard.press("Escape")
    page.wait_for_timeout(350)
    state = page.evaluate(MENU_STATE)
    if state["open"] or state["menuShown"]:
        problems.append(f"{label}: Escape does not close the menu")
    if accessible_name(page) != ("button", "Menu"):
        problems.append(f"{label}: after Escape, focus is not back on the Menu button")
    return problems


def search_announcement(page) -> str | None:
    """The text of a polite live region (role status) that holds the search result count, if any."""
    nodes = _cdp(page).send("Accessibility.getFullAXTree")["nodes"]
    by_id = {node["nodeId"]: node for node in nodes}

    def text(node) -> str:
        own = str((node.get("name") or {}).get("value", "")) if (node.get("role") or {}).get("value") == "StaticText" else ""
        return own + " ".join(text(by_id[c]) for c in node.get("childIds", []) if c in by_id)

    for node in nodes:
        live = {prop["name"]: prop["value"].get("value") for prop in node.get("properties", [])}
        if not node.get("ignored") and (node.get("role") or {}).get("value") == "status" and live.get("live") == "polite":
            words = " ".join(text(node).split())
            if re.search(r"\b(\d+|No) matching document", words):
                return words
    return None


def _description(page) -> str:
    session = _cdp(page)
    handle = session.send("Runtime.evaluate", {"expression": "document.activeElement"})["result"]
    nodes = session.send("Accessibility.getPartialAXTree", {"objectId": handle["objectId"], "fetchRelatives": False})["nodes"]
    return str(((nodes[0] if nodes else {}).get("description") or {}).get("value", ""))


def search_keyboard_problems(page, query: str, *, label: str, timeout: float = 10_000) -> list[str]:
    """From the keyboard alone: Tab to the search box, which says how to reach the results; type;
    the count is announced; the down arrow moves to a visible first result; Enter opens it."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('[data-md-component=search-query]')"):
            break
    else:
        return [f"{label}: Tab never reaches the search box"]
    problems = []
    if "down arrow" not in _description(page):
        problems.append(f"{label}: the search box does not tell the reader how to reach the results")
    page.keyboard.type(query, delay=20)
    deadline = time.monotonic() + timeout / 1000
    announced = None
    while time.monotonic() < deadline and announced is None:
        page.wait_for_timeout(150)
        announced = search_announcement(page)
    if announced is None:
        return problems + [f"{label}: typing '{query}' announces no result count (no polite status region holds it)"]
    page.keyboard.press("ArrowDown")
    stop = page.evaluate(SEEN)
    in_results = page.evaluate("() => !!document.activeElement.closest('.md-search-result__list')")
    if not (stop and stop["seen"] and in_results):
        return problems + [f"{label}: the down arrow does not move to a visible search result ({stop})"]
    before = page.url
    page.keyboard.press("Enter")
    try:
        page.wait_for_url(lambda url: url != before, timeout=5_000)
    except PlaywrightTimeout:
        problems.append(f"{label}: Enter on a search result does not open it")
    return problems
