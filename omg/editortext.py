"""Editor text is text: what editors write in front matter and data files never becomes markup.

Three places it is printed, three guards:
- page metadata (titles, descriptions), which Material prints unescaped into
  the head, the header and the navigation: turned into escaped markup once,
  when the page is read (`escape_meta`);
- our own templates (overrides/), which escape every value they print
  (`autoescape_ours`, the Jinja environment's autoescape setting);
- Markdown that macros build from titles and summaries (`markdown_text`).

And one refusal: control characters (`control_character_problem`), which
can hide text from reviewers or break the lines of a message.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

OUR_TEMPLATES = ("partials/omg-", "omg-")  # overrides/partials/omg-*.html and overrides/omg-redirect.html
# C0 controls but tab and newline, DEL, C1 controls, line and paragraph separators, and the
# bidirectional overrides and isolates that make text read differently from how it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Inline Markdown: code, emphasis, attribute lists and links. (Block markers such as '#' and '-'
# only count at the start of a line, where macro output never starts.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")


def autoescape_ours(name: str | None) -> bool:
    """Jinja's autoescape for a template name: on for our templates (Material's own are left as they are)."""
    return bool(name) and name.startswith(OUR_TEMPLATES)


def as_text(value: str) -> Markup:
    """`value` escaped once, for a template that prints it as it is (a table-of-contents title)."""
    return _escaped(value)


def escape_meta(meta: dict) -> dict:
    """Page metadata with every string (and string in a list) escaped, so any template prints it as text."""
    return {key: _escaped(value) for key, value in meta.items()}


def _escaped(value):
    if isinstance(value, str):
        return escape(value) if not isinstance(value, Markup) else value
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def markdown_text(text: str) -> str:
    """`text` for Markdown that must show it as it is: no HTML, links, emphasis or attribute lists."""
    html = str(escape(text)).replace("&#34;", '"').replace("&#39;", "'")  # quotes are plain in text
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html)


def control_character_problem(value: str) -> str | None:
    """A sentence naming the first control character in `value`, or None."""
    found = _CONTROL.search(value)
    if not found:
        return None
    char = found.group()
    name = unicodedata.name(char, "a control character")
    return (f"the text holds an invisible control character (U+{ord(char):04X}, {name.lower()}) "
            f"at character {found.start() + 1}")
