"""Reader features that only a browser shows: the day's review state, tooltips, print and search buttons."""

import datetime as dt

import pytest

from browserkit import DESKTOP, open_page, serve
from sitekit import guide_text

pytestmark = pytest.mark.browser

# Fixture guides are reviewed on 15 January 2026 and due on 15 January 2027.
BUILT_BEFORE_DUE = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))}
BUILT_AFTER_DUE = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2027, 2, 1, tzinfo=dt.timezone.utc).timestamp()))}


@pytest.fixture
def target_built_on(site):
    """Serves a one-guide site built on a fixed day; yields its guide's address."""
    servers = []

    def build(env):
        site.guide("target", guide_text("Target"))
        result = site.build(env=env)
        assert result.ok, result.output
        servers.append(serve(site.site))
        return servers[-1].__enter__() + "guides/target/"

    yield build
    for server in servers:
        server.__exit__(None, None, None)


def test_an_old_build_read_after_the_due_date_says_the_guide_is_overdue(target_built_on, browse):
    url = target_built_on(BUILT_BEFORE_DUE)
    page = browse(url, viewport=DESKTOP)
    page.clock.set_fixed_time(dt.datetime(2027, 3, 1, 12, 0))
    open_page(page, url)
    assert page.get_by_text("This guide is overdue for review.").is_visible()
    assert page.locator(".omg-review").get_attribute("data-review-state") == "overdue"


def test_before_the_due_date_the_reader_sees_no_overdue_notice(target_built_on, browse):
    url = target_built_on(BUILT_BEFORE_DUE)
    page = browse(url, viewport=DESKTOP)
    page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 12, 0))
    open_page(page, url)
    assert not page.get_by_text("This guide is overdue for review.").is_visible()


def test_with_javascript_off_the_page_shows_the_build_days_state_and_no_print_button(target_built_on, browse):
    url = target_built_on(BUILT_AFTER_DUE)
    page = browse(url, viewport=DESKTOP, java_script_enabled=False)
    page.goto(url, wait_until="load")
    assert page.get_by_text("This guide is overdue for review.").is_visible()
    assert not page.get_by_role("button", name="Print this guide").is_visible()


def test_a_glossary_tooltip_shows_on_keyboard_focus_and_escape_hides_it(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url("guides/child-protection-conferences/"))
    abbr = page.locator("abbr.omg-abbr", has_text="ICPC")
    abbr.focus()
    assert page.evaluate("document.activeElement.textContent.startsWith('ICPC')")
    tip = abbr.locator(".omg-abbr__tip")
    assert tip.is_visible() and tip.inner_text() == "Initial child protection conference"
    assert abbr.get_attribute("aria-describedby") == tip.get_attribute("id")
    page.keyboard.press("Escape")
    assert not tip.is_visible()


def test_a_glossary_tooltip_shows_on_hover(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url("guides/child-protection-conferences/"))
    abbr = page.locator("abbr.omg-abbr", has_text="ICPC")
    abbr.hover()
    assert abbr.locator(".omg-abbr__tip").is_visible()


def test_the_print_button_prints_and_dates_the_printout(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url("guides/restorative-practice/"))
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.get_by_role("button", name="Print this guide").click()
    assert page.evaluate("window.__printed === true")
    today = dt.date.today()
    assert page.locator("[data-omg-print-date]").inner_text() == f" on {today.day} {today:%B %Y}"


def test_the_home_pages_search_button_opens_the_search_box(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url(""))
    page.get_by_role("button", name="Search the guides").click()
    assert page.evaluate("document.activeElement.matches('[data-md-component=search-query]')")
