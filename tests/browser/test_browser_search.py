"""Search in Chromium: what a reader types finds the right guide first."""

from urllib.parse import urlsplit

import pytest

from browserkit import WIDTHS, first_search_result, open_page
from sitekit import BODY, guide_text

pytestmark = pytest.mark.browser

EXPECTED_FIRST = {
    "restorative": "guides/restorative-practice/",
    "RP": "guides/restorative-practice/",
    "ICPC": "guides/child-protection-conferences/",
    "CP conference": "guides/child-protection-conferences/",
}


def search_problem(served, page, query: str, expected: str) -> str | None:
    """None when typing `query` on the home page shows `expected` first."""
    open_page(page, served.url(""))
    found = urlsplit(first_search_result(page, query)).path.lstrip("/")
    return None if found == expected else f"'{query}': the first result is '{found or '/'}', not '{expected}'"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("query", EXPECTED_FIRST)
def test_typing_a_name_or_acronym_shows_its_guide_first(real_site, browse, query, width):
    page = browse(real_site.base_url, viewport=WIDTHS[width])
    assert search_problem(real_site, page, query, EXPECTED_FIRST[query]) is None


def test_the_search_check_catches_another_page_ranking_first(site, serve_fixture_site, browse):
    # The word is in one guide's title but only in the other's text: the title wins. (Not an acronym:
    # a guide spells those out on first use, title included.)
    site.guide("target", guide_text("Target", body=BODY.format(slug="Target") + "\nAlso called the Quixotry.\n"))
    site.guide("decoy", guide_text("Decoy Quixotry"))
    served = serve_fixture_site(site)
    problem = search_problem(served, browse(served.base_url), "quixotry", "guides/target/")
    assert problem == "'quixotry': the first result is 'guides/decoy/', not 'guides/target/'"


def test_a_one_letter_word_in_the_query_does_not_find_every_word_it_starts(site, serve_fixture_site, browse):
    # Material adds * to every query word: without the stop words in the separator, "a" found the
    # decoy by the start of its title's "Allegations", which outweighs the target's text.
    site.guide("target", guide_text("Target", body=BODY.format(slug="Target") + "\nA crying baby needs calm adults.\n"))
    site.guide("decoy", guide_text("Allegations Against Staff"))
    served = serve_fixture_site(site)
    assert search_problem(served, browse(served.base_url), "a baby", "guides/target/") is None
