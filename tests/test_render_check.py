"""The final-HTML check in a real build: it catches what gets past every earlier check, and names the source.

Each test breaks an earlier defence on purpose (a careless template, a file no
scan reads) to show that the check on the built pages still fails the build.
"""

from __future__ import annotations

from sitekit import guide_text


def test_a_template_that_prints_a_title_raw_fails_the_build_naming_the_guide_and_field(site):
    partial = site.root / "overrides" / "partials" / "omg-guide.html"
    partial.write_text(partial.read_text(encoding="utf-8")
                       + '<div title="{{ guide.title | safe }}"></div>\n', encoding="utf-8")
    site.guide("careless", guide_text("Careless\" onmouseover=\"alert(1)"))
    result = site.build()
    assert result.returncode == 1
    assert ("docs/guides/careless.md: title: the built page 'guides/careless/' has an event-handler attribute "
            "'onmouseover' on <div>.") in result.output
    assert "Traceback" not in result.output


def test_an_inline_script_a_blank_page_does_not_have_fails_the_build_naming_the_page(site):
    # A template script whose text varies with the page is not one of the theme's own: the policy
    # would never permit it, so the build says so rather than publishing a page that breaks.
    partial = site.root / "overrides" / "partials" / "omg-footer.html"
    partial.write_text(partial.read_text(encoding="utf-8") + '<script>var page = "{{ page.title }}";</script>\n', encoding="utf-8")
    result = site.build()
    assert result.returncode == 1
    assert "docs/index.md: the built page '/' has an inline <script> that our templates did not write" in result.output


def test_an_svg_that_is_not_a_page_is_checked_in_the_built_site(site):
    # docs/ refuses such a file by name (omg/projectfiles.py); the theme's own folder is copied as it is,
    # so the built site is checked too.
    site.write("overrides/assets/badge.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>\n')
    result = site.build()
    assert result.returncode == 1
    assert "the built page 'assets/badge.svg' has an event-handler attribute 'onload' on <svg>." in result.output


def test_a_good_site_passes_and_every_page_is_checked(site):
    site.guide("good", guide_text("Good & proper <5s", aliases="[old-good]"))
    result = site.build()
    assert result.ok, result.output
    assert "<title>Good &amp; proper &lt;5s - One Minute Guides</title>" in site.html("guides/good/")
