"""Honest labels: one reading measure for every guide's label and every promise the site makes.

The measure is 238 words a minute (Brysbaert 2019, average adult silent reading of non-fiction),
rounded to the nearest minute; the label is held to the text the built page shows.
"""

import html as html_module
import re

import pytest

from omg.corpus import count_words
from omg.reading import WORDS_PER_MINUTE, promised_minutes, reading_minutes
from omg.settings import load_settings
from sitekit import ROOT, guide_text


@pytest.mark.parametrize(("words", "minutes"), [(0, 1), (100, 1), (356, 1), (357, 2), (500, 2), (594, 2), (595, 3)])
def test_reading_time_rounds_to_the_nearest_minute_and_is_never_zero(words, minutes):
    assert reading_minutes(words) == minutes


def test_the_rate_is_the_published_average_for_adults_reading_non_fiction():
    assert WORDS_PER_MINUTE == 238


def body_of(words: int) -> str:
    filler = " ".join(["Practitioners share what they know with the family."] * (words // 8))
    return (f"## What is it?\n\n{filler}\n\n## Why are we doing it?\n\nIt helps.\n\n"
            "## How are we doing it?\n\nTogether.\n\n## Who are the key contacts?\n\nPlease get in touch with:\n")


def shown_text(page: str) -> str:
    """The words a reader reads on a built guide: title, summary and the guide's text."""
    head = page.split("<h1", 1)[1].split('<p class="omg-meta">', 1)[0]
    content = page.split('class="omg-review"', 1)[1].split("</div>", 1)[1].split('<ul class="omg-contacts">', 1)[0]
    text = re.sub(r"<svg\b.*?</svg>", " ", "<h1" + head + content, flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", text))


def label_of(page: str) -> int:
    return int(re.search(r'<span class="omg-meta__reading">(\d+) minute read</span>', page).group(1))


def test_each_label_agrees_with_the_text_its_page_shows(site):
    # 250 words took '2 minute read' and 480 words '3 minute read' when the estimate rounded up at 200 a minute.
    for slug, words in (("short", 40), ("middling", 240), ("long", 460)):
        site.guide(slug, guide_text(slug.capitalize(), body=body_of(words)))
    result = site.build()
    assert result.ok, result.output
    labels = {}
    for slug in ("short", "middling", "long"):
        page = site.html(f"guides/{slug}/")
        words = count_words(shown_text(page))
        labels[slug] = label_of(page)
        assert labels[slug] == reading_minutes(words), (slug, words)
    assert labels == {"short": 1, "middling": 1, "long": 2}


def test_the_home_page_promise_names_the_measure_and_its_source_and_agrees_with_the_labels(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    home = html_module.unescape(re.sub(r"\s+", " ", site.html("")))
    promise = promised_minutes(load_settings(site.root).word_budget)
    assert f"Each guide takes {promise} minutes or less to read." in home
    assert "238 words a minute, the average silent reading speed of adults reading non-fiction" in home
    assert 'href="https://doi.org/10.1016/j.jml.2019.104047">Brysbaert, 2019' in home
    assert "about a minute" not in home
    assert label_of(site.html("guides/target/")) <= promise


def test_a_guide_that_would_take_longer_than_the_promise_fails_the_check(site):
    long_contacts = "Please get in touch with: " + " ".join(["the team that runs the service in your area"] * 20)
    text = guide_text("Target", body=body_of(440).replace("Please get in touch with:", long_contacts))
    site.guide("target", text)
    result = site.check()
    assert result.returncode == 1
    assert re.search(r"docs/guides/target\.md: the guide takes about 3 minutes to read \(\d+ words, from the title to "
                     r"the contacts, at 238 words a minute\); the site promises 2 at most\. Fix: shorten the text, "
                     r"the summary or the words under '## Who are the key contacts\?'\.", result.output), result.output


# Every written promise of a reading time: the home page, the glossary, the README and the editors' guide,
# the templates. "One Minute Guides" is the site's name, not a promise ("Minute" with a capital).
PROMISE_FILES = ["README.md", "CONTRIBUTING.md", "data/glossary.yml", "omg/templates/guide.md",
                 *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")),
                 *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "overrides").rglob("*.html"))]
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_STATED = re.compile(r"(?<!words )(?<!\d )\b(a|an|one|two|three|four|five|\d+(?:\.\d+)?)[ -]minutes?(?![\w-])")


@pytest.mark.parametrize("name", PROMISE_FILES)
def test_every_written_promise_agrees_with_what_the_guides_measure(name):
    promise = promised_minutes(load_settings(ROOT).word_budget)
    text = (ROOT / name).read_text(encoding="utf-8")
    for match in _STATED.finditer(text):
        said = match.group(1)
        value = NUMBERS.get(said.lower(), None) or float(said)
        assert value == promise, f"{name}: '{match.group(0)}' but the guides measure at most {promise} minutes"
