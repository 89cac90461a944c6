"""The accessibility statement: the parts the UK regulations ask for, linked from every page."""

import re

import pytest

from sitekit import ROOT, guide_text

STATEMENT = ROOT / "docs" / "accessibility.md"


def headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)


def test_the_statement_has_the_parts_the_regulations_ask_for():
    text = STATEMENT.read_text(encoding="utf-8")
    assert headings(text) == [
        "Using this website",
        "How accessible this website is",            # compliance status
        "Known issues",
        "Reporting a problem or asking for another format",
        "Enforcement procedure",
        "How we tested this website",
        "Preparation of this statement",
    ]
    assert text.split("\n## ")[0].count("This accessibility statement applies to") == 1  # scope, first
    assert "partially compliant with the [Web Content Accessibility Guidelines version 2.2]" in text
    assert "Equality and Human Rights Commission (EHRC)" in text
    assert "Equality Commission for Northern Ireland (ECNI)" in text
    assert re.search(r"This statement was prepared on \d{1,2} \w+ 20\d\d\. It was last reviewed on \d{1,2} \w+ 20\d\d\.", text)


def test_the_statement_invents_no_contact_details():
    # Requests go to each guide's named contacts; the statement names no person, address or number.
    text = STATEMENT.read_text(encoding="utf-8")
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b", text)


@pytest.fixture
def built_with_statement(site):
    site.write("docs/accessibility.md", STATEMENT.read_text(encoding="utf-8"))
    site.guide("target", guide_text("Target"))
    result = site.build()
    assert result.ok, result.output
    return site


def footer_link(html: str) -> str | None:
    found = re.search(r'<nav class="omg-footer" aria-label="About this site">.*?<a href="([^"]+)">Accessibility statement</a>',
                      html, flags=re.DOTALL)
    return found.group(1) if found else None


def test_every_page_links_to_the_statement_from_its_footer(built_with_statement):
    site = built_with_statement.site
    links = {path.relative_to(site).as_posix(): footer_link(path.read_text(encoding="utf-8"))
             for path in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")}
    assert links["index.html"] == "accessibility/"
    assert links["guides/target/index.html"] == "../../accessibility/"
    assert links["404.html"] == "/accessibility/"  # served for any address, so from the site's root
    assert [page for page, link in links.items() if link is None] == []


def test_without_a_statement_page_the_footer_has_no_broken_link(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    assert footer_link(site.html("guides/target/")) is None
