"""Guide keywords in the search index, so "RP" finds restorative practice.

Material's search indexes a page's text and its `tags` (boosted far above the
text), but knows nothing of our front-matter `keywords`. After Material has
written search/search_index.json, each guide's keywords become the `tags` of
its page entry only: readers see no repeated text on the page, and the index
grows by one short list per guide, not one per section.

After a `make serve` rebuild that wrote only some pages again, the index
Material writes holds only those pages; `merge_entries` puts them back into
the index of the build before.
"""

from __future__ import annotations

import json
from pathlib import Path


def update_index(index_file: Path, keywords: dict[str, list[str]], *,
                 previous: list[dict] | None = None, rebuilt: set[str] = frozenset()) -> list[dict] | None:
    """Merge into `previous` when given, tag each page entry with its keywords; returns the entries written."""
    if not index_file.exists():  # the search plugin is switched off
        return None
    index = json.loads(index_file.read_text(encoding="utf-8"))
    docs = index.get("docs", [])
    if previous is not None:
        docs = index["docs"] = merge_entries(previous, docs, rebuilt)
    for entry in docs:
        words = keywords.get(entry.get("location"))
        if words:
            entry["tags"] = list(dict.fromkeys([*entry.get("tags", []), *words]))
    # The same compact form Material writes.
    index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return docs


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
