"""The accessibility statement: what the UK regulations ask for, generated from the site identity,
and a release build that refuses to publish placeholders or an untested statement."""

import datetime as dt
import re

import pytest

from omg.statement import write_record
from sitekit import ROOT, guide_text

STATEMENT = ROOT / "docs" / "accessibility.md"
REAL_IDENTITY = dict(organisation="Portsmouth Safeguarding Children Partnership",
                     address="https://guides.portsmouthscp.org.uk/",
                     repository="https://github.com/portsmouth-scp/one-minute-guides",
                     contact_team="Partnership business unit", email="guides@portsmouthscp.org.uk",
                     phone="023 9268 8793", response_days=10)


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html)]


def text_of(html: str) -> str:
    article = html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    return " ".join(re.sub(r"<[^>]+>", " ", article).replace("&quot;", '"').replace("&#39;", "'").split())


@pytest.fixture
def statement_site(site):
    site.write("docs/accessibility.md", STATEMENT.read_text(encoding="utf-8"))
    site.guide("target", guide_text("Target"))
    return site


def built_statement(site, **env) -> str:
    result = site.build(env=env or None)
    assert result.ok, result.output
    return site.html("accessibility/")


def test_the_statement_has_the_parts_of_govuks_sample_in_order(statement_site):
    html = built_statement(statement_site)
    assert headings(html) == [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "Compliance status",
        "Non-accessible content",
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "Content that's not within the scope of the accessibility regulations",
        "What we're doing to improve accessibility",
        "Preparation of this accessibility statement",
    ]
    text = text_of(html)
    assert text.index("This accessibility statement applies to") < text.index("This website is run by")


def test_the_statement_names_who_runs_the_site_and_how_to_reach_them_from_the_identity(statement_site):
    statement_site.identity(**REAL_IDENTITY)
    html = built_statement(statement_site)
    text = text_of(html)
    assert "This website is run by Portsmouth Safeguarding Children Partnership. We want as many people" in text
    assert ("Portsmouth Safeguarding Children Partnership is committed to making its website accessible, in accordance "
            "with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.") in text
    assert '<a href="mailto:guides@portsmouthscp.org.uk">guides@portsmouthscp.org.uk</a>' in html
    assert '<a href="tel:02392688793">023 9268 8793</a>' in html
    assert "get back to you within 10 working days" in text
    assert "You do not need an account on any website to contact us." in text


def test_enforcement_names_the_ehrc_and_eass_and_not_northern_ireland(statement_site):
    text = text_of(built_statement(statement_site))
    assert "The Equality and Human Rights Commission (EHRC) is responsible for enforcing" in text
    assert "contact the Equality Advisory and Support Service (EASS)" in text
    assert "Northern Ireland" not in text and "ECNI" not in text


def test_with_no_known_issue_the_statement_does_not_claim_partial_or_full_compliance(statement_site):
    text = text_of(built_statement(statement_site))
    assert "partially compliant" not in text
    assert "fully compliant" in text and "we cannot yet say that it is fully compliant" in text
    assert "find no failures against the standard" not in text  # axe checks only part of WCAG


def test_a_known_issue_makes_the_site_partially_compliant_with_its_criterion_and_fix_date(statement_site):
    statement_site.write("data/accessibility.yml", """\
known_issues:
  - id: figure-text
    problem: The drawing in the restorative practice guide has text too small to read at 200% zoom.
    criterion: "1.4.4"
    fix_by: 2027-03-31
""")
    text = text_of(built_statement(statement_site))
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA " \
           "standard, due to the non-compliances listed below." in text
    assert ("The drawing in the restorative practice guide has text too small to read at 200% zoom. This fails WCAG 2.2 "
            "success criterion 1.4.4 (Resize text). We plan to fix this by 31 March 2027.") in text


def test_a_known_issue_with_an_unknown_criterion_names_the_file_line_and_fix(statement_site):
    statement_site.write("data/accessibility.yml", """\
known_issues:
  - id: search
    problem: Search results are not announced.
    criterion: "4.1.9"
    fix_by: 2027-03-31
""")
    result = statement_site.build()
    assert not result.ok
    assert ("data/accessibility.yml:2: criterion: '4.1.9' is not a WCAG 2.2 level A or AA success criterion. "
            "Fix: write its number as in https://www.w3.org/TR/WCAG22/") in result.output


def test_last_tested_comes_from_the_record_of_the_browser_checks_not_from_the_page(statement_site):
    before = text_of(built_statement(statement_site))
    assert "The browser checks have not been run on this copy of the website, so it has no test date." in before
    write_record(statement_site.root, tests=57, browser="Chromium 131", today=dt.date(2026, 11, 27))
    after = text_of(built_statement(statement_site))
    assert "This website was last tested on 27 November 2026, when every check listed below passed in Chromium 131 " \
           "(57 automated checks)." in after


def test_the_statement_source_types_no_contact_details_or_test_date_by_hand():
    text = STATEMENT.read_text(encoding="utf-8")
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)
    assert not re.search(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b", text)
    assert "last tested on" not in text
    for macro in ("organisation()", "contact_details()", "response_time()", "compliance_status()", "known_issues()",
                  "last_tested()"):
        assert "{{ " + macro + " }}" in text


# --- The release build ------------------------------------------------------------------

def test_a_release_build_refuses_placeholders_naming_each_field_and_the_fix(statement_site):
    result = statement_site.build("--release")
    assert not result.ok
    out = result.output
    assert "The release build stopped:" in out
    assert "data/site.yml:11: organisation: 'PLACEHOLDER Safeguarding Children Partnership' is a placeholder " \
           "(it says PLACEHOLDER)" in out
    assert "address: 'https://guides.example.org/' is a placeholder (guides.example.org is reserved for examples)" in out
    assert "email: 'guides@example.org' is a placeholder" in out
    assert "phone: '01632 960000' is a placeholder (it is an Ofcom drama number, never connected)" in out
    assert "Fix: write the monitored address that answers feedback and accessibility requests." in out
    assert ".checks/browser.json: there is no record that the browser checks passed" in out
    assert "No site was written." in out
    assert not statement_site.site.exists()


def test_a_release_build_refuses_a_loopback_or_private_address(statement_site):
    write_record(statement_site.root, tests=57, browser="Chromium 131", today=dt.date(2026, 11, 27))
    for address in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://192.168.1.20/"):
        statement_site.identity(**{**REAL_IDENTITY, "address": address})
        result = statement_site.build("--release")
        assert not result.ok
        assert f"data/site.yml:3: address: '{address}' is" in result.output  # a placeholder, or not a public address
        assert "Fix: write" in result.output and "the macro text" not in result.output


def test_a_release_build_refuses_a_placeholder_team_in_codeowners(statement_site):
    statement_site.identity(**REAL_IDENTITY)
    write_record(statement_site.root, tests=57, browser="Chromium 131", today=dt.date(2026, 11, 27))
    statement_site.write(".github/CODEOWNERS", "/omg/  @OWNER/maintainers\n/hooks.py  @OWNER/maintainers\n")
    result = statement_site.build("--release")
    assert not result.ok
    assert (".github/CODEOWNERS:1: '@OWNER/maintainers' is a placeholder team (and on 1 more lines). "
            "Fix: replace it on every line") in result.output


def test_a_release_build_with_real_details_and_a_test_record_publishes_them(statement_site):
    statement_site.identity(**REAL_IDENTITY)
    write_record(statement_site.root, tests=57, browser="Chromium 131", today=dt.date(2026, 11, 27))
    result = statement_site.build("--release")
    assert result.ok, result.output
    guide = statement_site.html("guides/target/")
    assert "Printed from https://guides.portsmouthscp.org.uk/guides/target/" in guide
    assert 'href="https://github.com/portsmouth-scp/one-minute-guides/edit/main/docs/guides/target.md"' in guide
    assert "127.0.0.1" not in guide and "example.org" not in guide and "OWNER" not in guide
    assert "last tested on 27 November 2026" in text_of(statement_site.html("accessibility/"))


def test_local_builds_keep_working_with_the_placeholders(statement_site):
    html = built_statement(statement_site)
    assert "This website is run by PLACEHOLDER Safeguarding Children Partnership." in text_of(html)


# --- Linked from every page -----------------------------------------------------------------

def footer_link(html: str) -> str | None:
    found = re.search(r'<div class="omg-footer">.*?<nav aria-label="About this site">\s*<a href="([^"]+)">'
                      r'Accessibility statement</a>', html, flags=re.DOTALL)
    return found.group(1) if found else None


def test_every_page_links_to_the_statement_and_names_whom_to_contact_in_its_footer(statement_site):
    statement_site.identity(**REAL_IDENTITY)
    assert statement_site.build().ok
    site = statement_site.site
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))
             if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")}
    links = {page: footer_link(html) for page, html in pages.items()}
    assert links["index.html"] == "accessibility/"
    assert links["guides/target/index.html"] == "../../accessibility/"
    assert links["404.html"] == "/accessibility/"  # served for any address, so from the site's root
    assert [page for page, link in links.items() if link is None] == []
    assert [page for page, html in pages.items()
            if "This website is run by Portsmouth Safeguarding Children Partnership." not in html] == []


def test_the_home_and_glossary_pages_name_whom_to_contact(statement_site):
    statement_site.identity(**REAL_IDENTITY)
    assert statement_site.build().ok
    for page in ("", "glossary/"):
        main = text_of(statement_site.html(page))
        assert "contact Partnership business unit: email guides@portsmouthscp.org.uk or call 023 9268 8793" in main


def test_without_a_statement_page_the_footer_has_no_broken_link(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    assert footer_link(site.html("guides/target/")) is None


def test_markdown_in_the_identity_is_shown_as_text_in_the_statement(statement_site):
    # HTML there is refused by the raw-HTML check (tests/redteam/markup-in-data--site-identity-markup).
    statement_site.identity(organisation="Partnership *for* [children](https://evil.example.org/) #1")
    html = built_statement(statement_site)
    assert "evil.example.org" not in html.split('href="')[-1] and 'href="https://evil.example.org/"' not in html
    assert "This website is run by Partnership *for* [children](https://evil.example.org/) #1." in text_of(html)
