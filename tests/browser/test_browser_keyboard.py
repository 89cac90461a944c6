"""Keyboard and screen-reader checks that axe does not make, in Chromium at 375 and 1280 pixels:
every Tab stop seen and named, the phone menu from the keyboard, search results announced and
reachable, and an accessibility tree with no empty landmark, unnamed icon or label pointing nowhere.

Each check also runs on a page broken on purpose, to show it can fail.
"""

import re

import pytest

from browserkit import (DESKTOP, MOBILE, WIDTHS, menu_problems, open_page, search_announcement,
                        search_keyboard_problems, tab_stop_problems, tree_problems)
from sitekit import guide_text

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", WIDTHS)
def test_every_tab_stop_on_every_page_can_be_seen_has_a_focus_ring_and_a_name(real_site, browse, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    problems = []
    for address in real_site.pages:
        open_page(page, real_site.url(address))
        problems += tab_stop_problems(page, label=f"{address or '/'} at {width}")
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_an_empty_landmark_an_unnamed_icon_or_a_label_pointing_nowhere(real_site, browse, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    problems = []
    for address in real_site.pages:
        open_page(page, real_site.url(address))
        problems += tree_problems(page, label=f"{address or '/'} at {width}")
    assert problems == []


def test_on_a_phone_the_menu_opens_and_closes_from_the_keyboard_on_every_page(real_site, browse):
    page = browse(real_site.base_url, viewport=MOBILE)
    problems = []
    for address in real_site.pages:
        open_page(page, real_site.url(address))
        problems += menu_problems(page, label=address or "/")
    assert problems == []


@pytest.mark.parametrize("width", WIDTHS)
def test_search_announces_its_count_and_its_results_are_reachable_from_the_keyboard(real_site, browse, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    open_page(page, real_site.url("glossary/"))
    assert search_keyboard_problems(page, "restorative", label=width) == []
    assert "/guides/restorative-practice/" in page.url


def test_the_count_is_announced_again_when_the_query_changes(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url(""))
    page.locator("input.md-search__input").click()
    page.keyboard.type("restorative", delay=20)
    page.wait_for_function("() => /matching document/.test(document.querySelector('.md-search-result__meta').textContent)")
    first = search_announcement(page)
    page.keyboard.type("zzzq", delay=20)
    page.wait_for_function("() => /No matching documents/.test(document.querySelector('.md-search-result__meta').textContent)")
    assert first and first != search_announcement(page) == "No matching documents"


# --- The checks catch regressions ------------------------------------------

@pytest.fixture
def served_guide(site, serve_fixture_site):
    site.guide("target", guide_text("Target"))
    return site, serve_fixture_site


def break_theme(site, css: str) -> None:
    stylesheet = site.root / "overrides/assets/stylesheets/omg.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n" + css + "\n", encoding="utf-8")


def test_the_tab_check_catches_a_closed_menu_that_still_takes_focus(served_guide, browse):
    site, serve = served_guide
    break_theme(site, ".md-sidebar--primary { visibility: visible !important; }")
    served = serve(site)
    page = browse(served.base_url, viewport=MOBILE)
    open_page(page, served.url("guides/target/"))
    problems = tab_stop_problems(page, label="target")
    assert any("<a.md-nav__link> 'Home' cannot be seen" in problem for problem in problems), problems


def test_the_tab_check_catches_a_stop_with_no_name(served_guide, browse):
    site, serve = served_guide
    served = serve(site)
    page = browse(served.base_url, viewport=DESKTOP)
    open_page(page, served.url("guides/target/"))
    # An icon link whose only content is hidden from screen readers: a classic unnamed stop.
    page.evaluate("""() => document.querySelector('.omg-summary').insertAdjacentHTML('beforebegin',
      '<a href="#target" class="omg-icon-link"><svg aria-hidden="true" width="16" height="16"><circle cx="8" cy="8" r="4"/></svg></a>')""")
    problems = tab_stop_problems(page, label="target")
    assert len(problems) == 1 and re.fullmatch(r"target: Tab stop \d+ <a\.omg-icon-link> '' has no accessible name "
                                               r"\(role link\)", problems[0]), problems


def test_the_tree_check_catches_an_empty_landmark_an_unnamed_icon_and_a_dangling_label(served_guide, browse):
    site, serve = served_guide
    served = serve(site)
    page = browse(served.base_url, viewport=DESKTOP)
    open_page(page, served.url("guides/target/"))
    page.evaluate("""() => {
      const article = document.querySelector('article');
      article.insertAdjacentHTML('beforeend', '<nav aria-label="Nothing here"> </nav><label for="nowhere">Lost</label>' +
        '<svg width="20" height="20" role="img"><circle cx="10" cy="10" r="5"/></svg>');
    }""")
    assert tree_problems(page, label="target") == [
        "target: the navigation landmark 'Nothing here' is empty",
        "target: an image (image) has no name: hide a decorative icon with aria-hidden",
        'target: <label for="nowhere"> points to no element',
    ]


def test_the_menu_check_catches_a_menu_button_the_keyboard_cannot_reach(served_guide, browse):
    site, serve = served_guide
    served = serve(site)
    page = browse(served.base_url, viewport=MOBILE)
    open_page(page, served.url("guides/target/"))
    page.evaluate("() => document.querySelector(\".md-header__button[for='__drawer']\").removeAttribute('tabindex')")
    assert menu_problems(page, label="target") == ["target: no 'Menu' button among the first Tab stops"]


def test_the_search_check_catches_a_count_that_is_not_announced(served_guide, browse):
    site, serve = served_guide
    served = serve(site)
    page = browse(served.base_url, viewport=DESKTOP)
    open_page(page, served.url("guides/target/"))
    page.evaluate("() => ['role', 'aria-live'].forEach((name) => "
                  "document.querySelector('.md-search-result__meta').removeAttribute(name))")
    assert search_keyboard_problems(page, "target", label="target", timeout=3_000) == [
        "target: typing 'target' announces no result count (no polite status region holds it)"]
