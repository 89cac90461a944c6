"""Print in Chromium: each guide fits one A4 page and says where and when it came from."""

import datetime as dt

import pytest

from browserkit import DESKTOP, open_page, page_address, pdf_page_count, print_problems, printed_pages
from omg.corpus import load_corpus
from sitekit import BODY, ROOT, guide_text

pytestmark = pytest.mark.browser


def real_guides():
    return sorted(load_corpus(ROOT).guides.values(), key=lambda guide: guide.slug)


@pytest.mark.parametrize("guide", real_guides(), ids=lambda guide: guide.slug)
def test_each_guide_prints_on_one_a4_page_with_its_address_print_date_and_review_date(real_site, browse, guide):
    page = browse(real_site.base_url, viewport=DESKTOP)
    open_page(page, real_site.url(f"guides/{guide.slug}/"))
    assert print_problems(page, review_due=guide.review_due, today=dt.date.today()) == []


def test_pages_are_counted_as_page_objects_not_the_page_tree():
    pdf = b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> << /Type /Page >> << /Type/Page /Parent 2 0 R >>"
    assert pdf_page_count(pdf) == 2


def test_the_print_check_catches_a_guide_too_long_for_one_page(site, serve_fixture_site, browse):
    # Raise the word budget so the build lets a long guide through, as a careless change might.
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("word_budget: 500", "word_budget: 5000"),
                      encoding="utf-8")
    long_text = " ".join(["Professionals share what they know so that the child is safe."] * 120)
    site.guide("long", guide_text("Long", body=BODY.format(slug="Long").replace("It helps professionals work together.", long_text)))
    served = serve_fixture_site(site)
    page = browse(served.base_url, viewport=DESKTOP)
    open_page(page, served.url("guides/long/"))
    pages = printed_pages(page)
    assert pages > 1
    problems = print_problems(page, review_due=dt.date(2027, 1, 15), today=dt.date.today())
    assert problems == [f"{page_address(page)}: prints on {pages} A4 pages, not 1"]


def test_the_print_check_catches_a_printout_without_its_address_and_dates(site, serve_fixture_site, browse):
    site.guide("target", guide_text("Target"))
    stylesheet = site.root / "overrides/assets/stylesheets/omg.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n@media print { .omg-print-only, .omg-review { display: none !important; } }\n",
                          encoding="utf-8")
    served = serve_fixture_site(site)
    page = browse(served.base_url, viewport=DESKTOP)
    open_page(page, served.url("guides/target/"))
    today = dt.date.today()
    address = page_address(page)
    assert print_problems(page, review_due=dt.date(2027, 1, 15), today=today) == [
        f"{address}: the printout does not show the page address",
        f"{address}: the printout does not show the day it was printed ({today.day} {today:%B %Y})",
        f"{address}: the printout does not show the review date (15 January 2027)",
    ]
