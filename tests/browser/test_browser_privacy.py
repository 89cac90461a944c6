"""Privacy in Chromium: reading the site asks nothing of any other host and sets no cookies."""

import re

import pytest

from browserkit import open_page, privacy_problems
from sitekit import guide_text

pytestmark = pytest.mark.browser


def privacy_of_pages(served, browse, pages: list[str]) -> list[str]:
    problems = []
    for address in pages:
        page = browse(served.base_url)  # a fresh browser profile for each page: no cache, no cookies
        open_page(page, served.url(address))
        page.wait_for_load_state("networkidle")
        problems += privacy_problems(page, label=address or "/")
    return problems


def test_no_page_contacts_another_host_or_sets_a_cookie(real_site, browse):
    # One width: a phone loads the same files, only laid out differently.
    assert privacy_of_pages(real_site, browse, real_site.pages) == []


def test_scripts_styles_and_fonts_come_from_the_site_itself(real_site, browse):
    page = browse(real_site.base_url)
    open_page(page, real_site.url(""))
    sources = page.evaluate("""() => [...document.querySelectorAll('script[src], link[rel~=stylesheet]')]
        .map((element) => element.src || element.href)""")
    assert sources and [s for s in sources if not s.startswith(real_site.base_url)] == []
    # Fonts and imports named in stylesheets: none may live on another host.
    outside = [f"{path.name}: {found}" for path in sorted((real_site.root / "assets").rglob("*.css"))
               for found in re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^'\")\s]+)", path.read_text(encoding="utf-8"))]
    assert outside == []


# --- The check catches regressions ------------------------------------------

def add_script(site, src: str, javascript: str | None = None) -> None:
    """Add a script to every page of the fixture site, as an analytics snippet would be."""
    if javascript is not None:
        site.write(f"overrides/{src}", javascript)  # maintainers own scripts; docs/ refuses them
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("extra_javascript:\n", f"extra_javascript:\n  - {src}\n", 1), encoding="utf-8")


def test_the_privacy_check_catches_a_script_from_another_host(site, serve_fixture_site, browse):
    site.guide("target", guide_text("Target"))
    add_script(site, "https://analytics.example.com/tag.js")
    served = serve_fixture_site(site)
    problems = privacy_of_pages(served, browse, ["", "guides/target/"])
    for page in ("/", "guides/target/"):
        assert f"{page}: tried to load https://analytics.example.com/tag.js (script-src-elem), " \
               "which the security policy refused" in problems


def test_the_privacy_check_catches_a_request_that_the_policy_allows(site, serve_fixture_site, browse):
    add_script(site, "assets/javascripts/beacon.js", "new Image().src = 'http://203.0.113.7/pixel.gif?page=' + location.pathname;")
    served = serve_fixture_site(site)
    for html in served.root.rglob("*.html"):  # as if the policy were dropped
        text = html.read_text(encoding="utf-8")
        html.write_text(text.replace('http-equiv="Content-Security-Policy"', 'name="no-policy"'), encoding="utf-8")
    problems = privacy_of_pages(served, browse, [""])
    assert problems == ["/: requested http://203.0.113.7/pixel.gif?page=/"]


def test_the_privacy_check_catches_a_cookie(site, serve_fixture_site, browse):
    add_script(site, "assets/javascripts/consent.js", "document.cookie = 'visitor=1; path=/';")
    served = serve_fixture_site(site)
    problems = privacy_of_pages(served, browse, [""])
    assert problems == ["/: set the cookie 'visitor'"]
