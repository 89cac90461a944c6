"""What each guide is found by, beyond the words on its page (issue 17).

For each guide, the words a reader may type that the page does not hold, in tiers that
omg/search_index.py writes as hidden fields of the guide's search entry:

- `keywords`, weighted like the title: its `keywords:`, the synonyms of the words in its title and
  keywords (data/synonyms.yml, and the groups that name the guide), and for each acronym there its
  meaning, and the reverse (data/glossary.yml: "LADO" and "local authority designated officer").
- `related`: the summary, with the synonyms and glossary words its words bring; and other forms of
  the words in the title, keywords and summary ("neglected", "exploited"). One field, not two of
  the same weight: Material looks up every query word in every field, and copies every field of
  every page found into the results.
- `about`: the synonyms and glossary words its body brings, and a form in -ed of each word its title
  and keywords bring ("circumcised" for "female circumcision").
- `slips`: one-letter slips of the title's and keywords' words and of the summary's long words
  ("neglet", "radicalisaton"), and two-letter slips of the title's ("proffesional"), omg/wordforms.py.
  Weighted lowest of all: a slip is a rare word, which lunr scores high, and one word has many
  slips; they are there to find a guide nothing else finds, not to rank it.

The contacts, which the template renders outside the page's text, are searchable too.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from dataclasses import dataclass

from . import wordforms
from .acronyms import acronyms_in

# lunr's English stop words, which Material's search leaves out of the index, and a few more
# words too common in guides to tell them apart.
LUNR_STOP_WORDS = frozenset("""a able about across after all almost also am among an and any are as at be because been
but by can cannot could dear did do does either else ever every for from get got had has have he her hers him his how
however i if in into is it its just least let like likely may me might most must my neither no nor not of off often on
only or other our own rather said say says she should since so some than that the their them then there these they
this tis to too twas us wants was we were what when where which while who whom why will with would yet you
your""".split())
STOP_WORDS = LUNR_STOP_WORDS | frozenset("more out such those up".split())


@dataclass(frozen=True)
class SearchTerms:
    keywords: str
    related: str
    about: str
    slips: str
    contacts: str     # plain text of the guide's contacts
    description: str  # the summary as written, shown under the title in the results


@dataclass(frozen=True)
class _Vocabulary:
    """Every glossary and synonym word a guide may use, with what each brings, looked up word by word."""
    brings: dict[str, tuple[str, ...]]  # a word or phrase (case kept for acronyms, else casefolded) -> words it brings
    starts: dict[str, tuple[int, ...]]  # a phrase's first word, casefolded -> the lengths in words of the phrases it starts, longest first


def search_terms(corpus) -> dict[str, SearchTerms]:
    """slug -> what the guide is found by."""
    vocabulary = _vocabulary(corpus)
    named_by = {}
    for group in corpus.synonyms.values():
        for slug in group.guides:
            named_by.setdefault(slug, []).extend(group.words)
    bodies = {slug: corpus.rendered.get(slug, guide.body) for slug, guide in corpus.guides.items()}
    telling = _telling_acronyms(bodies)
    terms = {}
    for slug, guide in corpus.guides.items():
        name = " ; ".join([guide.title, *guide.keywords])
        brought = [*named_by.get(slug, ()), *_brought(vocabulary, name)]
        keywords = [*guide.keywords, *brought, *telling.get(slug, ())]
        summary_words = [guide.summary, *_brought(vocabulary, guide.summary)]
        body = bodies[slug]
        about = [*_brought(vocabulary, body), *_done_forms(brought)]
        forms, slips = _forms(title=guide.title, slip_words=[*guide.keywords, *_long_words(guide.summary)],
                              form_words=[*guide.keywords, guide.summary])
        terms[slug] = SearchTerms(
            keywords=_join(keywords), related=_join([*summary_words, *forms]), about=_join(about),
            slips=" ".join(slips),
            contacts=_contacts_text(corpus, guide), description=guide.summary)
    return terms


def _phrase(text: str) -> str:
    return " ".join(_words_of(text.casefold()))


def _done_forms(phrases: list[str]) -> list[str]:
    """For each word of `phrases`, its forms in -ed that a query for the word would not find anyway:
    readers say what was done ("circumcised", "trafficked"), guides name it ("circumcision",
    "trafficking"). None that starts with the word ("abused" for "abuse"): every indexed word a
    query word starts counts again, and a pile of forms would outrank a title."""
    found = []
    for word in dict.fromkeys(wordforms.words(" ".join(phrases))):
        if len(word) >= DONE_FORM_SHORTEST and word not in STOP_WORDS:
            found.extend(sorted(form for form in wordforms.forms(word) if form.endswith("ed") and not form.startswith(word)))
    return found


DONE_FORM_SHORTEST = 6  # shorter words' -ed forms are mostly other words' starts ("cared", "based")


def _telling_acronyms(bodies: dict[str, str]) -> dict[str, list[str]]:
    """slug -> the acronyms its text uses that few other guides use ("AIM" in a guide on harmful
    sexual behaviour): a reader who types one means that guide, as much as its title. An acronym
    many guides use ("MASH", "DSL") tells none of them apart, and stays in the text's weight."""
    used = {slug: set(acronyms_in(body)) for slug, body in bodies.items()}
    guides_using = Counter(term for found in used.values() for term in found)
    few = max(FEW_GUIDES, len(bodies) // 20)
    return {slug: sorted(term for term in found if guides_using[term] <= few) for slug, found in used.items()}


FEW_GUIDES = 2  # or a twentieth of the guides, if more


def _vocabulary(corpus) -> _Vocabulary:
    brings: dict[str, set[str]] = {}
    for term in corpus.glossary.values():
        _link(brings, [term.term, term.meaning])
    for group in corpus.synonyms.values():
        for word in group.terms:
            brings.setdefault(_key(word), set()).update(w for w in group.words if _key(w) != _key(word))
    for term in corpus.glossary.values():  # an acronym's meaning brings the synonyms of the acronym too
        brings.setdefault(_key(term.meaning), set()).update(brings.get(_key(term.term), ()))
    kept = {word: tuple(sorted(found)) for word, found in brings.items() if word}
    lengths: dict[str, set[int]] = {}
    for word in kept:
        parts = word.casefold().split(" ")
        lengths.setdefault(parts[0], set()).add(len(parts))
    return _Vocabulary(kept, {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()})


def _link(brings: dict[str, set[str]], words: list[str]) -> None:
    for word in words:
        brings.setdefault(_key(word), set()).update(other for other in words if other != word)


def _brought(vocabulary: _Vocabulary, text: str) -> list[str]:
    """What the glossary and synonym words in `text` bring: whole words, the longest phrase first at
    each place, a phrase's last word perhaps plural ("missed appointments"). A dictionary look-up for
    each place and length: an alternation of hundreds of phrases was most of a build's search work."""
    words = _words_of(text)
    folded = [word.casefold() for word in words]
    found: list[str] = []
    index = 0
    while index < len(words):
        # Only the lengths of phrases that start with this word: a long phrase costs one look-up, not one a length.
        lengths = vocabulary.starts.get(_bare(folded[index])) or vocabulary.starts.get(folded[index][:-1], ())
        for length in (length for length in lengths if index + length <= len(words)):
            brings = (_acronym_brings(vocabulary.brings, words[index]) if length == 1 else None) \
                or _plural_or_not(vocabulary.brings, " ".join(folded[index:index + length]))
            if brings:
                found.extend(brings)
                index += length
                break
        else:
            index += 1
    return list(dict.fromkeys(found))


def _bare(word: str) -> str:
    """`word` without a possessive 's ("LADO's", "MASH's")."""
    return word[:-2] if word.endswith("'s") else word


def _acronym_brings(brings: dict, word: str):
    """What an acronym brings, plural or possessive ("GPs", "LADO's"); matched with its case."""
    for bare in (word, _bare(word), word[:-1] if word.endswith("s") else ""):
        if bare and _is_acronym(bare) and bare in brings:
            return brings[bare]
    return None


def _plural_or_not(brings: dict, phrase: str):
    found = brings.get(phrase)
    if found is None and phrase.endswith("s"):
        found = brings.get(phrase[:-1]) or (brings.get(phrase[:-2]) if phrase.endswith("es") else None)
    return found


_WORD = re.compile(r"\w(?:[\w'\u2019-]*\w)?")


def _words_of(text: str) -> list[str]:
    """`text`'s words, apostrophes and hyphens inside them kept ("children's", "self-harm")."""
    return _WORD.findall(text.replace("\u2019", "'"))


def _forms(*, title: str, slip_words: list[str], form_words: list[str]) -> tuple[list[str], list[str]]:
    """Forms of all these words; and apart, one-letter slips of the title's and `slip_words`' words
    and two-letter slips of the title's."""
    forms: set[str] = set()
    slips: set[str] = set()
    for text, depth in ((title, 2), (" ".join(slip_words), 1), (" ".join(form_words), 0)):
        for word in wordforms.words(text):
            if word in STOP_WORDS:
                continue
            forms |= wordforms.forms(word)
            if depth:
                slips |= wordforms.slips(word)
            if depth > 1:
                slips |= wordforms.double_slips(word)
    kept = wordforms.longest(forms)
    return kept, [slip for slip in wordforms.longest(slips - forms) if not _starts_any(slip, kept)]


def _starts_any(word: str, ordered: list[str]) -> bool:
    """Whether `word` starts a word of `ordered` (sorted): a query that finds it finds that one already."""
    at = bisect.bisect_left(ordered, word)
    return at < len(ordered) and ordered[at].startswith(word)


LONG_WORD = 8  # the summary's words readers misspell are its long ones ("radicalisation", "exploitation")


def _long_words(text: str) -> list[str]:
    return [word for word in wordforms.words(text) if len(word) >= LONG_WORD]


def _contacts_text(corpus, guide) -> str:
    parts = []
    for contact_id in guide.contacts:
        contact = corpus.contacts.get(contact_id)
        if contact:
            parts.append(", ".join(part for part in (contact.name, contact.role, contact.team, contact.email,
                                                     contact.phone) if part))
    return ". ".join(parts)


def _join(words) -> str:
    """Words and phrases as one field: each word once, and only the longest of words that start alike
    ("allegations", not "allegation" too), since a query word finds the longer one by its start and
    each extra word would add to every guide found by a short query word ("a" finds "allegation")."""
    tokens = [token for text in words if text for token in _TOKEN.split(text.casefold()) if token]
    return html.escape(" ".join(wordforms.longest(token for token in tokens if token not in STOP_WORDS)), quote=False)


_TOKEN = re.compile(r"[\s\-,:;!?=\[\]()\"“”/.]+")  # as the search separator in mkdocs.yml splits words


def _key(word: str) -> str:
    return word if _is_acronym(word) else _phrase(word)


def _is_acronym(word: str) -> bool:
    """'LADO', 'GCP2', 'CP': written in capitals, so matched with its case ('DNA' is not 'dna' in 'dnase')."""
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and " " not in word.strip() and all(char.isupper() for char in letters) and len(word) <= 8
