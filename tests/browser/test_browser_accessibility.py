"""Accessibility in Chromium, on every page of the built site: axe-core, skip link, focus.

Each check also runs on a fixture site broken on purpose, to show it can fail.
"""

import re
from urllib.parse import urljoin

import pytest

from browserkit import (DESKTOP, REFLOW, WIDTHS, axe_problems, first_search_result, focus_problems, open_page,
                        reflow_problems, skip_link_problems)
from sitekit import guide_text

pytestmark = pytest.mark.browser

def axe_every_page(served, page, width: str) -> list[str]:
    problems = []
    for address in served.pages:
        open_page(page, served.url(address))
        problems += axe_problems(page, label=f"{address or '/'} at {width}")
    return problems


def break_theme(site, css: str) -> None:
    """Append CSS to the fixture site's stylesheet, as a careless edit would."""
    stylesheet = site.root / "overrides/assets/stylesheets/omg.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n" + css + "\n", encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_has_no_wcag_violations(real_site, browse, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    assert len(real_site.pages) >= 4
    assert axe_every_page(real_site, page, width) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_open_search_dialog_has_a_name_and_no_wcag_violations(real_site, browse, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    open_page(page, real_site.url(""))
    first_search_result(page, "restorative")
    assert page.get_by_role("dialog", name="Search").count() == 1
    assert axe_problems(page, label=f"search at {width}") == []


def test_every_page_reflows_at_320_pixels_without_scrolling_sideways(real_site, browse):
    page = browse(real_site.base_url, viewport=REFLOW)
    problems = []
    for address in real_site.pages:
        open_page(page, real_site.url(address))
        problems += reflow_problems(page, label=address or "/")
    assert problems == []


def test_every_page_has_a_working_skip_link(real_site, browse):
    page = browse(real_site.base_url, viewport=DESKTOP)
    problems = []
    for address in real_site.pages:
        open_page(page, real_site.url(address))
        problems += skip_link_problems(page)
    assert problems == []


# Every page's focus rings, at both widths: test_browser_keyboard.py (tab_stop_problems).


def test_every_page_links_to_the_accessibility_statement_from_its_footer(real_site, browse):
    statement = real_site.url("accessibility/")
    footer = re.compile(r'<div class="omg-footer">.*?<nav aria-label="About this site">\s*<a href="([^"]+)">'
                        r'Accessibility statement</a>', re.DOTALL)
    links = {}
    for address in real_site.pages:
        found = footer.search(real_site.html(address))
        links[address or "/"] = urljoin(real_site.url(address), found.group(1)) if found else None
    assert [page for page, link in links.items() if link != statement] == []
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url("guides/restorative-practice/"))
    page.get_by_role("navigation", name="About this site").get_by_role("link", name="Accessibility statement").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement"


# --- The checks catch regressions ------------------------------------------

@pytest.fixture
def one_guide(site):
    site.guide("target", guide_text("Target"))
    return site


def test_axe_catches_low_contrast_text_on_a_page_nobody_listed(one_guide, serve_fixture_site, browse):
    one_guide.write("docs/notice.md", "# Notice\n\nPale words.\n{: #pale-words }\n")
    break_theme(one_guide, "#pale-words { color: #b4b4b4; }")
    served = serve_fixture_site(one_guide)
    assert "notice/" in served.pages  # found without anyone listing it
    page = browse(served.base_url)
    open_page(page, served.url("notice/"))
    assert axe_problems(page, label="notice/") == [
        "notice/: color-contrast: Elements must meet minimum color contrast ratio thresholds (#pale-words)"]


def test_axe_catches_links_told_apart_by_colour_alone(one_guide, serve_fixture_site, browse):
    break_theme(one_guide, ".md-typeset a { text-decoration: none; }")
    served = serve_fixture_site(one_guide)
    page = browse(served.base_url)
    open_page(page, served.url("guides/target/"))
    problems = axe_problems(page, label="guides/target/")
    assert problems and all(": link-in-text-block: Links must be distinguishable without relying on color" in p
                            for p in problems), problems


def test_the_focus_check_catches_a_theme_that_hides_the_focus_ring(one_guide, serve_fixture_site, browse):
    break_theme(one_guide, "*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }")
    served = serve_fixture_site(one_guide)
    page = browse(served.base_url)
    open_page(page, served.url("guides/target/"))
    problems = focus_problems(page)
    assert problems[0] == f"{served.url('guides/target/')}: <a> 'Skip to content' has no visible focus indicator"


def test_the_skip_link_check_catches_a_skip_link_that_never_shows(one_guide, serve_fixture_site, browse):
    break_theme(one_guide, ".md-skip, .md-skip:focus { opacity: 0; }")
    served = serve_fixture_site(one_guide)
    page = browse(served.base_url)
    open_page(page, served.url("guides/target/"))
    assert skip_link_problems(page) == [f"{served.url('guides/target/')}: the skip link is not visible when it has focus"]


def test_the_reflow_check_catches_an_element_wider_than_a_phone(one_guide, serve_fixture_site, browse):
    break_theme(one_guide, ".omg-summary { width: 30rem; }")
    served = serve_fixture_site(one_guide)
    page = browse(served.base_url, viewport=REFLOW)
    open_page(page, served.url("guides/target/"))
    assert reflow_problems(page, label="guides/target/") == [
        "guides/target/: scrolls sideways at 320 pixels wide (p.omg-summary)"]


def test_the_skip_link_check_catches_a_hidden_skip_link(one_guide, serve_fixture_site, browse):
    break_theme(one_guide, ".md-skip { display: none; }")
    served = serve_fixture_site(one_guide)
    page = browse(served.base_url)
    open_page(page, served.url("guides/target/"))
    [problem] = skip_link_problems(page)
    assert problem.startswith(f"{served.url('guides/target/')}: the first Tab reaches '")
    assert problem.endswith("', not a 'Skip to content' link")
