"""What guides are found by, written into Material's search index (issue 17).

Material's search indexes a page's title and text, and every field named in the index's
`config.fields`, with that field's boost. After Material has written
search/search_index.json, each guide's page entry gets the summary as its text (shown under
the title in the results), and hidden fields with the words of omg/search_terms.py: readers
see no repeated text, and the index grows by a few short fields a guide, not one per section.
The contacts, which the template renders outside the page's text, join the text of the
contacts section's entry.

Boosts are set here, relative to the title's: keywords and synonyms weigh like a title, never
above it, so one matching keyword cannot outrank a guide whose title matches.

After a `make serve` rebuild that wrote only some pages again, the index Material writes holds
only those pages; `merge_entries` puts them back into the index of the build before.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .search_terms import STOP_WORDS, SearchTerms

# Each hidden field's weight as a share of the title's.
FIELD_WEIGHTS = {"keywords": 1.0, "related": 0.15, "about": 0.05, "slips": 0.002}
CONTACTS_SECTION = "Who are the key contacts?"


def update_index(index_file: Path, guides: dict[str, SearchTerms], *,
                 previous: list[dict] | None = None, rebuilt: set[str] = frozenset()) -> list[dict] | None:
    """Merge into `previous` when given; add to each guide's entries (by page address) what it is found by.

    Returns the entries written."""
    if not index_file.exists():  # the search plugin is switched off
        return None
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    if previous is not None:
        docs = index["docs"] = merge_entries(previous, docs, rebuilt)
    config = index.setdefault("config", {})
    if config.get("separator"):
        config["separator"] = separator_with_stop_words(config["separator"])
    fields = config.setdefault("fields", {})
    title = float(fields.get("title", {}).get("boost", 1000.0))
    for name, weight in FIELD_WEIGHTS.items():
        fields[name] = {"boost": title * weight}
    if not any("tags" in entry for entry in docs):
        fields.pop("tags", None)  # no page has tags: one field fewer for every query word to look in
    for entry in docs:
        location = str(entry.get("location", ""))
        terms = guides.get(page_of(entry))
        if terms is None:
            continue
        if location == page_of(entry):
            entry.pop("tags", None)  # from an index written before keywords had their own field
            entry["text"] = entry.get("text") or f"<p>{html.escape(terms.description, quote=False)}</p>"
            for name in FIELD_WEIGHTS:
                value = getattr(terms, name)
                if value:
                    entry[name] = value
        elif entry.get("title") == CONTACTS_SECTION and terms.contacts and terms.contacts not in entry.get("text", ""):
            entry["text"] = f"{entry.get('text', '')} <p>{html.escape(terms.contacts, quote=False)}</p>".strip()
    # The same compact form Material writes.
    index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return docs


def separator_with_stop_words(separator: str) -> str:
    """`separator` that also takes stop words standing alone, as if they were spaces.

    Material appends `*` to every query word, and lunr does not drop stop words from a query word
    with a wildcard: "a" finds every word that starts with an "a" ("allegations", "abuse"). The
    separator splits the index's text and the reader's query alike, so a stop word taken by it is
    in neither. Written with [Aa] classes: Material compiles the separator without the i flag."""
    if _STOP_ALTERNATION in separator:  # the index of the build before, already extended
        return separator
    return f"(?:{separator})|{_STOP_ALTERNATION}"


def _cased(word: str) -> str:
    return "".join(f"[{char.upper()}{char}]" if char.isalpha() else re.escape(char) for char in word)


# A stop word is whole when neither side touches a letter, digit or apostrophe ("it's", "a1" are kept).
_STOP_ALTERNATION = ("(?<![\\w'\u2019])(?:" + "|".join(_cased(word) for word in sorted(STOP_WORDS, key=lambda w: (-len(w), w)))
                     + ")(?![\\w'\u2019])")


def merge_entries(previous: list[dict], written: list[dict], rebuilt: set[str]) -> list[dict]:
    """`previous` with every entry of a page in `rebuilt` (addresses) replaced by that page's `written` ones.

    A page keeps its place; a page new to the index goes at the end.
    """
    fresh: dict[str, list[dict]] = {}
    for entry in written:
        fresh.setdefault(page_of(entry), []).append(entry)
    replaced = set(rebuilt) | set(fresh)
    merged: list[dict] = []
    for entry in previous:
        page = page_of(entry)
        if page not in replaced:
            merged.append(entry)
        elif page in fresh:
            merged += fresh.pop(page)  # at the page's first entry; its other old entries are dropped
    for entries in fresh.values():
        merged += entries
    return merged


def page_of(entry: dict) -> str:
    """The page address of an index entry: 'guides/x/' for 'guides/x/#why-are-we-doing-it'."""
    return str(entry.get("location", "")).split("#", 1)[0]
