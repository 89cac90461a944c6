"""Renamed guides in Chromium: an old address sends the reader on to the guide,
and the page that does it meets WCAG 2.2 AA. (site_pages() leaves redirect
pages out, because they navigate away while a check runs.)"""

import re

import pytest

from browserkit import axe_problems
from sitekit import guide_text

pytestmark = pytest.mark.browser


@pytest.fixture
def renamed(site):
    site.guide("restorative-approaches", guide_text("Restorative approaches", aliases="[restorative-practice]"))
    return site


def test_opening_an_old_address_lands_on_the_renamed_guide(renamed, serve_fixture_site, browse):
    served = serve_fixture_site(renamed)
    page = browse(served.base_url)
    page.goto(served.url("guides/restorative-practice/"))
    page.wait_for_url(served.url("guides/restorative-approaches/"))
    assert page.locator("h1").first.inner_text() == "Restorative approaches"


def test_the_redirect_page_has_no_wcag_violations(renamed, serve_fixture_site, browse):
    served = serve_fixture_site(renamed)
    # Without its refresh, so axe sees the page itself rather than the guide it sends readers to.
    html = (served.root / "guides/restorative-practice/index.html").read_text(encoding="utf-8")
    still = re.sub(r'<meta http-equiv="refresh"[^>]*>', "", html)
    assert still != html
    page = browse(served.base_url)
    page.set_content(still)
    assert axe_problems(page, label="redirect page") == []
