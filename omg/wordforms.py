"""Other forms of a word, and the slips readers make typing it, for the search index.

Material's search matches each query word as the start of an indexed word ("neglect" finds
"neglected"), never the other way round, and it cannot stem the query (a stemmed index with an
unstemmed prefix query finds less, not more). So the index holds what readers may type: the
forms of a guide's words that share its Snowball stem ("neglected", "neglectful" for "neglect";
"exploited" for "exploitation") and that English text uses (not "carered" for "carer"), and, for
the words a guide is named by, the common one-letter slips (a letter left out, two letters swapped,
a vowel for a like one, a letter doubled). Only the longest of words that start alike is kept: the
query finds the shorter ones as their start.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z]+")
VOWELS = "aeiou"
SHORTEST = 4        # shorter words have no other forms worth indexing ("lead", "risk")
SHORTEST_SLIP = 6   # a slip in a shorter word is another word more often than not
CONFUSED = {"a": "eo", "e": "ai", "i": "e", "o": "a", "u": "o"}  # vowels readers write for one another

# Endings readers add to a word's stem; a form is kept only when it gives back the same stem.
ENDINGS = ("", "e", "s", "es", "ed", "ing", "er", "ers", "ies", "ied", "ful")  # -ful: no telling which nouns take it
INFLECTIONS = ("s", "es", "ed", "ing")  # added to the whole word too ("professionals")
NOUN_ENDINGS = ("ion", "ity", "ment", "ness", "ship", "hood", "ence", "ance", "ism", "ist")  # nouns: no -ed, -ing
SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh", "o")  # -es follows these
# Endings that make another kind of word, added only to a word of their family: the stem check
# alone lets through words nobody types ("contactation", "councilment"), which only make the
# index, and every search result, bigger. (the word's endings, the endings its family takes)
STEM_FAMILIES = ((("ation", "ations", "ate", "ated", "ates", "ating", "ator"), ("ation", "ated", "ating")),
                 (("ment", "ments"), ("ment",)))                    # on the stem: "mutilated", "assessment"
WORD_FAMILIES = ((("ion", "ions"), ("al",)),
                 (("al", "ful", "ous", "ive", "ent", "ant", "ic", "ical"), ("ly",)))  # on the word: "professional"
# Derived words the Snowball stemmer keeps apart ("curiosity" -> "curios", "curious" -> "curious"),
# and the two spellings of -ise words.
DERIVED = (("osity", "ous"), ("ous", "osity"), ("ility", "le"), ("ical", "ic"), ("rral", "r"),
           ("isation", "ise"), ("ization", "ize"), ("isation", "ize"), ("ization", "ise"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
           ("isation", "ization"), ("ize", "ise"), ("ized", "ised"), ("izing", "ising"), ("ization", "isation"))


def words(text: str) -> list[str]:
    """The lower-case words of `text`, letters only."""
    return _WORD.findall(text.lower())


def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=50_000)
def forms(word: str) -> frozenset[str]:
    """Forms of `word` a reader may type, including the word itself."""
    word = word.lower()
    if len(word) < SHORTEST or not word.isalpha():
        return frozenset({word})
    found = set()
    for root in _roots(word):
        found |= _suffixed(root)
    return frozenset({word} | {form for form in found if is_word(form)})  # the word itself, written or not


def is_word(word: str) -> bool:
    """Whether `word` is written in English text, or is the British -ise spelling of a word the list
    has in -ize: the stem check alone lets through forms nobody writes ("carered", "childrened"),
    and each is one more indexed word that a query's start finds ("care" finds "carered"), adding
    to the guide's score for no reader."""
    known = _known_words()
    return word in known or _ize_spelling(word) in known


@lru_cache(maxsize=1)
def _known_words() -> dict[str, float]:
    """wordfreq's English list: 320,000 words seen at least once in 100 million words of varied text,
    British and American spellings alike; read from the package, never the network."""
    from wordfreq import get_frequency_dict  # 0.45 s: only a build that indexes guides pays it

    return get_frequency_dict("en", wordlist="large")


def _ize_spelling(word: str) -> str:
    """'radicalised' -> 'radicalized'. Never the reverse: a word spelled only -ise ("promise",
    "supervise") has no -ize form, and checking one would wave "promized" through."""
    at = word.rfind("is")
    return word[:at] + "iz" + word[at + 2:] if at > 0 else word


def _roots(word: str) -> set[str]:
    roots = {word}
    for old, new in DERIVED:
        if word.endswith(old) and len(word) - len(old) >= 3:
            roots.add(word[: -len(old)] + new)
    return roots


def _suffixed(word: str) -> set[str]:
    base = stem(word)
    bases = {base}
    if base.endswith("i"):
        bases.add(base[:-1] + "y")
    if len(base) >= 3 and base[-1] not in VOWELS + "wxy" and base[-2] in VOWELS and base[-3] not in VOWELS:
        bases.add(base + base[-1])  # "plan" -> "planning", "refer" -> "referring", "travel" -> "travelled"
    whole = word[:-1] if word.endswith("e") else word  # "radicalise" -> "radicalised", "radicalising"
    inflections = ("s",) if word.endswith(NOUN_ENDINGS) else INFLECTIONS
    found = {word, *(whole + ending for ending in inflections if _fits(whole, ending) and stem(whole + ending) == base)}
    for family, added in WORD_FAMILIES:
        if word.endswith(family):
            found |= {word + ending for ending in added if stem(word + ending) == base}
    endings = ENDINGS + tuple(ending for family, added in STEM_FAMILIES if word.endswith(family) for ending in added)
    for start in bases:
        for ending in endings:
            if not _fits(start, ending):
                continue
            candidate = start + ending
            if len(candidate) >= SHORTEST and stem(candidate) == base:
                found.add(candidate)
    return found


def _fits(start: str, ending: str) -> bool:
    """Whether `ending` may follow `start` in English spelling: -es only after a hiss or an o."""
    return ending != "es" or start.endswith(SIBILANT_ENDINGS)


# Spellings readers build from a related word ("curious" + "ity"): (ending of the word, the slip).
BUILT = (("osity", "ousity"), ("ance", "ence"), ("ence", "ance"), ("ible", "able"), ("able", "ible"),
         ("ary", "ery"), ("ery", "ary"))


@lru_cache(maxsize=50_000)
def slips(word: str) -> frozenset[str]:
    """One-letter slips in typing `word`: a letter left out, two swapped, a vowel for a like one, a letter
    doubled; and the word built from a related one ("curiousity", "independance").

    The first letter is kept: readers rarely get it wrong, and it keeps the slips of one word
    from landing on the start of many others."""
    word = word.lower()
    if len(word) < SHORTEST or not word.isalpha():
        return frozenset()
    if len(word) < SHORTEST_SLIP:  # only two letters swapped ("slef"): other slips of a short word are other words
        return frozenset(word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1)
                         if word[i] != word[i + 1])
    found = set()
    for i in range(1, len(word)):
        found.add(word[:i] + word[i + 1:])                               # left out
        if i + 1 < len(word) and word[i] != word[i + 1]:
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])  # swapped
        if word[i] in CONFUSED:
            found.update(word[:i] + vowel + word[i + 1:] for vowel in CONFUSED[word[i]])
        if word[i] not in VOWELS and word[i] != word[i - 1] and (i + 1 == len(word) or word[i + 1] != word[i]):
            found.add(word[:i] + word[i] + word[i:])                       # doubled
    for ending, slip in BUILT:                                             # built from a related word
        if word.endswith(ending):
            found.add(word[: -len(ending)] + slip)
    found.discard(word)
    return frozenset(found)


@lru_cache(maxsize=50_000)
def double_slips(word: str) -> frozenset[str]:
    """Two slips with doubled letters, the commonest pair ("proffesional", "harrassment"): a double
    consonant made single, and at another place a single one doubled or another double made single.
    A word without a double letter has none: readers seldom double two single letters."""
    word = word.lower()
    if len(word) < SHORTEST_SLIP or not word.isalpha():
        return frozenset()
    toggles = []  # each place a doubling can be toggled: (start, end, replacement)
    i = 1
    while i < len(word):
        char = word[i]
        if char not in VOWELS and i + 1 < len(word) and word[i + 1] == char:
            toggles.append((i, i + 2, char))
            i += 2
            continue
        if char not in VOWELS and char != word[i - 1]:
            toggles.append((i, i + 1, char * 2))
        i += 1
    found = set()
    for first in range(len(toggles)):
        for second in range(first + 1, len(toggles)):
            if len(toggles[first][2]) == 2 and len(toggles[second][2]) == 2:
                continue  # both double a single letter: one of the pair must make a double single
            spelled = word
            for start, end, replacement in (toggles[second], toggles[first]):  # right to left keeps places
                spelled = spelled[:start] + replacement + spelled[end:]
            found.add(spelled)
    found.discard(word)
    return frozenset(found)


def longest(tokens) -> list[str]:
    """`tokens` less any that starts another: a query word finds the longer one as well. Sorted."""
    ordered = sorted(set(tokens))
    kept = []
    for index, token in enumerate(ordered):
        following = ordered[index + 1] if index + 1 < len(ordered) else ""
        if not following.startswith(token):
            kept.append(token)
    return kept
