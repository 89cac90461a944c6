"""Reading time: one measure for every guide's label and every promise the site makes.

The rate is the average silent reading rate of adults reading non-fiction in
English, from a meta-analysis of 190 studies (18,573 readers):
Brysbaert, M. (2019). How many words do we read per minute? A review and
meta-analysis of reading rate. Journal of Memory and Language, 109, 104047.
https://doi.org/10.1016/j.jml.2019.104047
"""

from __future__ import annotations

from dataclasses import dataclass

WORDS_PER_MINUTE = 238
SOURCE = "Brysbaert, 2019: a review of 190 studies of reading speed"
SOURCE_URL = "https://doi.org/10.1016/j.jml.2019.104047"


def reading_minutes(words: int) -> int:
    """Minutes to read `words`, rounded to the nearest minute (half up), never below 1."""
    return max(1, int(words / WORDS_PER_MINUTE + 0.5))


def promised_minutes(word_budget: int) -> int:
    """What the site promises: the reading time of a guide at the word budget."""
    return reading_minutes(word_budget)


@dataclass(frozen=True)
class ReadingMeasure:
    """The measure as readers are told it (home page, guide labels)."""
    minutes: int            # the promise: a guide takes about this long at most
    word_budget: int
    words_per_minute: int = WORDS_PER_MINUTE
    source: str = SOURCE
    source_url: str = SOURCE_URL


def measure(word_budget: int) -> ReadingMeasure:
    return ReadingMeasure(promised_minutes(word_budget), word_budget)
