"""Guide keywords in the search index, so "RP" finds restorative practice.

Material's search indexes a page's text and its `tags` (boosted far above the
text), but knows nothing of our front-matter `keywords`. After Material has
written search/search_index.json, each guide's keywords become the `tags` of
its page entry only: readers see no repeated text on the page, and the index
grows by one short list per guide, not one per section.
"""

from __future__ import annotations

import json
from pathlib import Path


def add_keywords(index_file: Path, keywords: dict[str, list[str]]) -> int:
    """Tag each page entry whose location is in `keywords`; returns how many were tagged."""
    if not index_file.exists():  # the search plugin is switched off
        return 0
    index = json.loads(index_file.read_text(encoding="utf-8"))
    tagged = 0
    for entry in index.get("docs", []):
        words = keywords.get(entry.get("location"))
        if words:
            entry["tags"] = list(dict.fromkeys([*entry.get("tags", []), *words]))
            tagged += 1
    # The same compact form Material writes.
    index_file.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")
    return tagged
