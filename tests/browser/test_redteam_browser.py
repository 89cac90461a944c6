"""Every red-team attack that builds (tests/redteam/*/inert.txt) is harmless in Chromium.

Each case is laid over a fixture site, built and served; then every page of
the site is opened and, for a moment, watched: no dialog may open, the page
may not navigate away, and no request may go to any host but the local server.
Pointer and focus events are fired at every element, so handlers that wait
for a reader (onmouseover, onfocus, ontoggle) would run too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from sitekit import make_site  # noqa: E402
from test_redteam import CASES, lay_attack  # noqa: E402

from browserkit import open_page, site_pages  # noqa: E402

INERT = sorted(path.parent.name for path in CASES.glob("*/inert.txt"))

# Fire what a reader would do: hover, focus and open every element; run on every page.
PROVOKE = """
() => {
  for (const element of document.querySelectorAll('body *')) {
    for (const kind of ['mouseover', 'mouseenter', 'pointerover', 'focus', 'focusin']) {
      try { element.dispatchEvent(new Event(kind, {bubbles: true})); } catch (e) {}
    }
    if (element.tagName === 'DETAILS') element.open = true;
  }
}
"""


def test_there_are_inert_cases_to_open():
    assert len(INERT) >= 5


@pytest.mark.parametrize("name", INERT)
def test_an_attack_that_builds_runs_nothing_in_the_browser(name, tmp_path, serve_fixture_site, browse):
    site = make_site(tmp_path)
    lay_attack(site, name)
    served = serve_fixture_site(site)  # an inert case builds: its final-HTML check passed
    problems: list[str] = []
    pages = site_pages(served.root)
    assert pages, "the site has no pages"
    page = browse(served.base_url)  # one tab for the case: its requests are all recorded together
    page.set_default_timeout(30_000)  # a loaded test machine; a served page answers at once when idle
    page.on("dialog", lambda dialog: (problems.append(f"{page.url}: a {dialog.type} dialog ({dialog.message!r})"),
                                      dialog.dismiss()))
    for address in pages:
        url = served.url(address)
        open_page(page, url)
        page.evaluate(PROVOKE)
        page.wait_for_timeout(150)  # a refresh of 0 seconds or a timer would have fired
        if page.url.split("#")[0] != url:
            problems.append(f"/{address}: the page navigated to {page.url}")
    problems += [f"a request to {request}" for request in page.context.traffic.elsewhere()]
    assert problems == []
