"""A guide page as a reader meets it: order, review notice, print and problem reports."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from sitekit import BODY, guide_text

# Guides from sitekit are reviewed on 15 January 2026 and due on 15 January 2027.
BEFORE_DUE = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))}
AFTER_DUE = {"SOURCE_DATE_EPOCH": str(int(dt.datetime(2027, 2, 1, tzinfo=dt.timezone.utc).timestamp()))}


def built(site, env=None, **guides):
    for slug, text in guides.items():
        site.guide(slug.replace("_", "-"), text)
    result = site.build(env=env)
    assert result.ok, result.output
    return site


def article(html):
    return html.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]


def test_a_guide_page_shows_its_title_summary_and_reading_time(site):
    html = built(site, target=guide_text("Target")).html("guides/target/")
    assert '<span class="omg-meta__reading">1 minute read</span>' in html


def test_the_sections_come_before_contacts_related_guides_and_guides_that_link_here(site):
    linking = BODY.format(slug="Linking").replace("Through training and shared practice.", '{{ guide("target") }}')
    built(site, target=guide_text("Target", related="[linking]"), linking=guide_text("Linking", body=linking))
    html = article(site.html("guides/target/"))
    order = [html.index(marker) for marker in (
        'id="what-is-it"', 'id="who-are-the-key-contacts"', 'class="omg-contacts"', 'id="omg-related-heading"',
        'id="omg-backlinks-heading"', 'id="omg-updated-heading"')]
    assert order == sorted(order)


def test_before_the_due_date_the_overdue_notice_is_hidden(site):
    html = built(site, BEFORE_DUE, target=guide_text("Target")).html("guides/target/")
    assert 'data-review-due="2027-01-15" data-review-state="current"' in html
    assert '<p class="omg-review__overdue" hidden role="note">' in html


def test_after_the_due_date_the_page_says_it_is_overdue_without_javascript(site):
    html = built(site, AFTER_DUE, target=guide_text("Target")).html("guides/target/")
    assert 'data-review-due="2027-01-15" data-review-state="overdue"' in html
    assert ('<p class="omg-review__overdue" role="note">\n    <strong>This guide is overdue for review.</strong>'
            in html)


def test_the_review_dates_read_like_the_nhs_pattern(site):
    html = built(site, BEFORE_DUE, target=guide_text("Target")).html("guides/target/")
    text = re.sub(r"<[^>]+>", "", html.split('<p class="omg-review__dates">')[1].split("</p>")[0])
    assert " ".join(text.split()) == "Page last reviewed: 15 January 2026. Next review due: 15 January 2027."


def test_the_browser_rechecks_overdue_from_the_date_written_in_the_page(site):
    built(site, BEFORE_DUE, target=guide_text("Target"))
    script = (site.site / "assets" / "javascripts" / "omg.js").read_text(encoding="utf-8")
    assert 'querySelectorAll(".omg-review[data-review-due]")' in script
    assert 'notice.hidden = !overdue' in script


def test_the_print_button_is_hidden_until_javascript_shows_it(site):
    html = built(site, target=guide_text("Target")).html("guides/target/")
    assert '<button type="button" class="md-button omg-print-button" data-omg-print hidden>Print this guide</button>' in html
    assert ".md-typeset .md-button[hidden] {\n  display: none;" in (site.site / "assets/stylesheets/omg.css").read_text()


def test_the_printed_page_shows_the_public_address_from_the_site_identity(site):
    site.identity(address="https://guides.partnership.example.org/omg/")
    html = built(site, target=guide_text("Target")).html("guides/target/")
    footer = html.split('<div class="omg-print-only omg-print-footer">')[1].split("</div>")[0]
    assert "Printed from https://guides.partnership.example.org/omg/guides/target/<span data-omg-print-date> on ____________</span>." in footer
    assert "Next review due: 15 January 2027." in footer


def test_the_print_stylesheet_keeps_to_a4_and_drops_the_site_chrome(site):
    css = (built(site, target=guide_text("Target")).site / "assets/stylesheets/omg.css").read_text(encoding="utf-8")
    assert "@page {\n  size: A4;" in css
    chrome = css.split("@page {")[1].split("@media print {")[1].split("display: none !important;")[0]
    for part in (".md-header", ".md-sidebar", ".md-footer", ".md-search", ".omg-print-button"):
        assert part in chrome


def report_links(html):
    email = re.search(r'<p class="omg-report">\s*<a href="([^"]+)">Report a problem with this guide</a>\s*([^<]*)</p>', html)
    issue = re.search(r'<p class="omg-report-issue">\s*([^<]*)<a href="([^"]+)">([^<]*)</a>', html)
    return ((email.group(1).replace("&amp;", "&"), " ".join(email.group(2).split())) if email else None,
            (" ".join(issue.group(1).split()), issue.group(2).replace("&amp;", "&"), issue.group(3)) if issue else None)


def test_report_a_problem_emails_the_sites_feedback_team_with_the_title_and_address(site):
    site.identity(address="https://guides.example.org/", email="feedback@partnership.example.org",
                  contact_team="Partnership business unit")
    html = built(site, target=guide_text("Target", owner="hayden-ginns")).html("guides/target/")
    (url, note), _ = report_links(html)
    assert url.startswith("mailto:feedback@partnership.example.org?subject=Problem%20with%20the%20guide%3A%20Target&body=")
    assert "Address%3A%20https%3A%2F%2Fguides.example.org%2Fguides%2Ftarget%2F" in url
    assert note == "(opens an email to Partnership business unit)"


def test_readers_with_an_account_can_also_use_the_repositorys_issue_form(site):
    site.identity(address="https://guides.example.org/", repository="https://github.com/example-org/guides")
    html = built(site, target=guide_text("Target")).html("guides/target/")
    _, (words, url, link_text) = report_links(html)
    assert words == "If you have a GitHub account, you can also"
    assert link_text == "report the problem on GitHub"
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/example-org/guides/issues/new")
    query = parse_qs(parts.query)
    assert query["title"] == ["Problem with the guide: Target"]
    assert query["body"][0].startswith("Guide: Target\nAddress: https://guides.example.org/guides/target/\n")


def test_without_a_repository_there_is_only_the_email_route_and_no_edit_link(site):
    site.identity(repository=None)
    html = built(site, target=guide_text("Target")).html("guides/target/")
    email, issue = report_links(html)
    assert email is not None and issue is None
    assert 'rel="edit"' not in html


@pytest.mark.parametrize("repo, expected", [
    ("https://gitlab.com/team/guides", "https://gitlab.com/team/guides/-/issues/new?issue%5Btitle%5D="),
    ("https://github.com/team/guides/", "https://github.com/team/guides/issues/new?title="),
])
def test_the_report_link_suits_the_repository_host(repo, expected):
    from omg.site import report_issue

    assert report_issue("Target", "https://x.example/", repo_url=repo).startswith(expected)
