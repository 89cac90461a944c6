"""What each guide is found by, beyond the words on its page (issue 17).

For each guide, the words a reader may type that the page does not hold, in tiers that
omg/search_index.py writes as hidden fields of the guide's search entry:

- `keywords`, weighted like the title: its `keywords:`, the synonyms of the words in its title and
  keywords (data/synonyms.yml, and the groups that name the guide), and for each acronym there its
  meaning, and the reverse (data/glossary.yml: "LADO" and "local authority designated officer").
- `summary`: the summary, with the synonyms and glossary words its words bring.
- `about`: the synonyms and glossary words its body brings.
- `forms`: other forms of the words in the title, keywords and summary ("neglected", "exploited").
- `slips`: one-letter slips of the title's and keywords' words and of the summary's long words
  ("neglet", "radicalisaton"), and two-letter slips of the title's ("proffesional"), omg/wordforms.py.
  Weighted lowest of all: a slip is a rare word, which lunr scores high, and one word has many
  slips; they are there to find a guide nothing else finds, not to rank it.

The contacts, which the template renders outside the page's text, are searchable too.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import wordforms

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
    summary: str
    about: str
    forms: str
    slips: str
    contacts: str     # plain text of the guide's contacts
    description: str  # the summary as written, shown under the title in the results


@dataclass(frozen=True)
class _Vocabulary:
    """Every glossary and synonym word a guide may use, with what each brings, matched in one pass a text."""
    brings: dict[str, tuple[str, ...]]  # a matched word (case kept for acronyms, else casefolded) -> words it brings
    acronyms: re.Pattern | None
    phrases: re.Pattern | None


def search_terms(corpus) -> dict[str, SearchTerms]:
    """slug -> what the guide is found by."""
    vocabulary = _vocabulary(corpus)
    named_by = {}
    for group in corpus.synonyms.values():
        for slug in group.guides:
            named_by.setdefault(slug, []).extend(group.words)
    terms = {}
    for slug, guide in corpus.guides.items():
        name = " ; ".join([guide.title, *guide.keywords])
        keywords = [*guide.keywords, *named_by.get(slug, ()), *_brought(vocabulary, name)]
        summary_words = [guide.summary, *_brought(vocabulary, guide.summary)]
        body = corpus.rendered.get(slug, guide.body)
        about = _brought(vocabulary, body)
        forms, slips = _forms(title=guide.title, slip_words=[*guide.keywords, *_long_words(guide.summary)],
                              form_words=[*guide.keywords, guide.summary])
        terms[slug] = SearchTerms(
            keywords=_join(keywords), summary=_join(summary_words), about=_join(about),
            forms=" ".join(forms), slips=" ".join(slips),
            contacts=_contacts_text(corpus, guide), description=guide.summary)
    return terms


def _vocabulary(corpus) -> _Vocabulary:
    brings: dict[str, set[str]] = {}
    for term in corpus.glossary.values():
        _link(brings, [term.term, term.meaning])
    for group in corpus.synonyms.values():
        for word in group.terms:
            brings.setdefault(_key(word), set()).update(w for w in group.words if _key(w) != _key(word))
    for term in corpus.glossary.values():  # an acronym's meaning brings the synonyms of the acronym too
        brings.setdefault(_key(term.meaning), set()).update(brings.get(_key(term.term), ()))
    acronyms = sorted((word for word in brings if _is_acronym(word)), key=len, reverse=True)
    phrases = sorted((word for word in brings if not _is_acronym(word)), key=len, reverse=True)
    return _Vocabulary({word: tuple(sorted(found)) for word, found in brings.items()},
                       _alternation(acronyms, flags=0), _alternation(phrases, flags=re.IGNORECASE))


def _link(brings: dict[str, set[str]], words: list[str]) -> None:
    for word in words:
        brings.setdefault(_key(word), set()).update(other for other in words if other != word)


def _alternation(words: list[str], *, flags: int) -> re.Pattern | None:
    if not words:
        return None
    # Whole words only; a phrase may be plural ("missed appointments") or run across a line break.
    body = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    return re.compile(rf"(?<![\w-])(?:{body})(?:e?s)?(?![\w-])", flags)


def _brought(vocabulary: _Vocabulary, text: str) -> list[str]:
    found: list[str] = []
    for pattern, fold in ((vocabulary.acronyms, False), (vocabulary.phrases, True)):
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            word = " ".join(match.group(0).split())
            key = _key(word) if fold else word
            brings = vocabulary.brings.get(key) or vocabulary.brings.get(re.sub(r"e?s$", "", key))
            if brings:
                found.extend(brings)
    return list(dict.fromkeys(found))


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
    # A slip that starts a form is found by it already.
    return kept, [slip for slip in wordforms.longest(slips - forms) if not any(form.startswith(slip) for form in kept)]


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
    return word if _is_acronym(word) else " ".join(word.casefold().split())


def _is_acronym(word: str) -> bool:
    """'LADO', 'GCP2', 'CP': written in capitals, so matched with its case ('DNA' is not 'dna' in 'dnase')."""
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and " " not in word.strip() and all(char.isupper() for char in letters) and len(word) <= 8
