"""Glossary tooltips: the first use of each acronym on a page explains itself.

A Python-Markdown treeprocessor wraps the first occurrence of each glossary
term (data/glossary.yml) in `<abbr title="meaning" tabindex="0">`. The
tabindex lets keyboard users focus it, and the theme shows the meaning on
hover and on focus. Only the first occurrence is wrapped, so a page does not
fill up with tab stops. Headings, links, code and drawings are left alone:
a tooltip there would fight with the link or change what the heading says.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

LEFT_ALONE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp",
                        "script", "style", "svg", "button", "textarea"})
CSS_CLASS = "omg-abbr"


class GlossaryExtension(Extension):
    """`terms()` returns {acronym: meaning} for the build, read when each page renders."""

    def __init__(self, terms: Callable[[], dict[str, str]], **kwargs):
        self.terms = terms
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline Markdown (20) and the stock abbr extension (7), so links and
        # abbreviations already exist; before the table of contents (5).
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.terms), "omg-glossary", 6)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, terms: Callable[[], dict[str, str]]):
        super().__init__(md)
        self.terms = terms

    def run(self, root: etree.Element) -> None:
        self.meanings = self.terms() or {}
        self.pattern = term_pattern(self.meanings)
        self.seen: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        kept, added = self._split(element.text)
        element.text = kept
        children = list(added)
        changed = bool(added)
        for child in list(element):
            if child.tag == "abbr" and child.get("title"):
                _make_focusable(child)  # an editor's own *[X]: definition
            elif child.tag not in LEFT_ALONE:
                self._walk(child)
            kept, added = self._split(child.tail)
            child.tail = kept
            children += [child, *added]
            changed = changed or bool(added)
        if changed:  # most elements gain no tooltip: leave their children as they are
            element[:] = children

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        """The text before the first new term, and the abbr elements (with their tails) after it."""
        if not text or self.pattern is None or isinstance(text, AtomicString):
            return text, []
        pieces: list[etree.Element] = []
        kept, start, position = None, 0, 0
        while match := self.pattern.search(text, position):
            term = match.group(0)
            if match.start() and _JOINED.match(text, match.start() - 1):
                position = match.start() + 1  # part of a longer word ('XCP', 'pre-CP'): look again just after
                continue
            position = match.end()
            if term in self.seen:
                continue
            self.seen.add(term)
            before = text[start:match.start()]
            if pieces:
                pieces[-1].tail = before
            else:
                kept = before
            pieces.append(_abbr(term, self.meanings[term]))
            start = match.end()
        if not pieces:
            return text, []
        pieces[-1].tail = text[start:]
        return kept, pieces


def term_pattern(meanings: dict[str, str]) -> re.Pattern | None:
    """Terms not followed by a word character or '-', longest first, so 'RCPC' never matches as 'CP'.

    What comes before is checked by the caller (_JOINED), which searches again from the next
    character after a refusal: a pattern that starts with the terms themselves lets the regular
    expression engine skip ahead to their first letters, four times faster than a look-behind."""
    if not meanings:
        return None
    alternatives = "|".join(re.escape(term) for term in sorted(meanings, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?![\w-])")


_JOINED = re.compile(r"[\w-]")  # a term after one of these is part of a longer word


def _abbr(term: str, meaning: str) -> etree.Element:
    element = etree.Element("abbr", {"title": meaning})
    element.text = AtomicString(term)
    _make_focusable(element)
    return element


def _make_focusable(element: etree.Element) -> None:
    element.set("tabindex", "0")
    element.set("class", " ".join(dict.fromkeys([*element.get("class", "").split(), CSS_CLASS])))
