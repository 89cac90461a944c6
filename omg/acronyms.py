"""Acronyms spelled out on first use, as GOV.UK style asks, checked in every guide.

An acronym is a word of two or more capital letters ('ICPC', 'GPs', "PSCP's"). The first time a
guide uses one, in the order a reader meets it (title, summary, then the text, link text and
figure captions included), it must be spelled out: 'initial child protection conference (ICPC)'.
Tooltips cannot do this: they skip links, print as nothing and need a mouse or a Tab stop.

A glossary acronym (data/glossary.yml, or the guide's own `*[TERM]: meaning` line) must be spelled
out with its meaning, so the words readers see agree with the tooltip and the Glossary page; a word
in the singular or plural, or 'and' for 'or', still agrees. One
that the glossary marks `well_known` (UK, GP) needs nothing. Any other acronym passes when the
words before its brackets begin with its letters ('Team Around the Family (TAF)'); otherwise it
is reported, with the fix of spelling it out and adding it to the glossary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .problems import Report

# Two capitals or more (digits after the first letter), an optional plural or possessive; not part
# of a longer word, a hyphenated word ('COVID-19') or a dotted name ('GOV.UK').
_ACRONYM = re.compile(r"(?<![\w.\-/@#&])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(s|'s|\u2019s)?(?![\w\-]|\.\w)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")  # keeps the link text
_AUTOLINK_OR_TAG = re.compile(r"<[^>\n]*>")
_MARKUP = re.compile(r"[*_\[\]!]|\{:[^}]*\}")
_OWN_DEFINITION = re.compile(r"^\*\[([^\]]+)\]:\s*(.+)$")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_WORD = re.compile(r"[^\W_]+")
_CANDIDATE = re.compile(r"[A-Z][A-Z0-9]*[A-Z]")  # a quick look: most paragraphs hold no acronym at all


@dataclass(frozen=True)
class Known:
    """What the glossary says of an acronym."""
    meaning: str
    well_known: bool = False
    confusable: tuple[str, ...] = ()  # other meanings readers may take it for


@dataclass(frozen=True)
class Passage:
    """Text a reader meets, in order: `text` starts on file line `line`."""
    text: str
    line: int | None
    where: str = ""  # 'in the title', 'in the summary', or '' for the text


def acronyms_in(markdown: str) -> list[str]:
    """The acronyms a reader meets in `markdown`, as written, without a plural or possessive ending:
    what the first-use check reads, so code, link addresses and definition lines are left out."""
    found, _ = passages(title="", title_line=None, summary="", summary_line=None, markdown=markdown, first_line=1)
    return [match.group(1) for passage in found for _, match in _uses(passage.text)]


def passages(*, title: str, title_line: int | None, summary: str, summary_line: int | None,
             markdown: str, first_line: int) -> tuple[list[Passage], dict[str, str]]:
    """The guide's text in reading order, one passage a paragraph, and its own `*[TERM]: meaning` lines."""
    found = [Passage(title, title_line, "in the title"), Passage(summary, summary_line, "in the summary")]
    own: dict[str, str] = {}
    fence, start, lines = None, None, []
    for index, line in enumerate(markdown.split("\n")):
        first = line.lstrip()[:1]
        opener = _FENCE.match(line) if first in ("`", "~") else None
        if fence or opener:
            if fence is None:
                fence = opener.group(1)
            elif opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            line = ""
        if first in ("*", "[", "#"):
            definition = _OWN_DEFINITION.match(line)
            if definition:
                own[definition.group(1).strip()] = definition.group(2).strip()
                line = ""
            if _REFERENCE_DEFINITION.match(line):
                line = ""  # a link's address, never shown
            elif first == "#":
                line = line.lstrip(" #")  # a heading is read too, in its place
        if line.strip():
            start = first_line + index if start is None else start
            lines.append(line)
        elif lines:
            found.append(Passage("\n".join(lines), start))
            start, lines = None, []
    if lines:
        found.append(Passage("\n".join(lines), start))
    return found, own


def check_first_uses(passages_in_order: list[Passage], known: dict[str, Known], *, path: str,
                     report: Report) -> None:
    """Report each acronym whose first use is not spelled out."""
    seen: set[str] = set()
    for passage in passages_in_order:
        for text, match in _uses(passage.text):
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            entry = known.get(term)
            if entry and entry.well_known:
                continue
            if _spelled_out(text, match, term, entry):
                continue
            line = passage.line + text.count("\n", 0, match.start()) if passage.line else None
            _report(report, path, line, term, entry, passage.where)


def _uses(passage: str):
    """Each acronym in `passage` as a reader sees it, with that readable text; a Roman numeral that
    numbers part of a document left out."""
    if not passage or not _CANDIDATE.search(passage):
        return
    text = _readable(passage)
    for match in _ACRONYM.finditer(text):
        if not _numeral(text, match):
            yield text, match


def _numeral(text: str, match: re.Match) -> bool:
    """A Roman numeral numbering a part of a document ('Part IV of the Children Act 1989', 'Schedule II'),
    not an acronym."""
    return bool(_ROMAN.fullmatch(match.group(1))) and bool(_NUMBERED.search(text, max(0, match.start() - 20), match.start()))


_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_NUMBERED = re.compile(r"\b(?:parts?|schedules?|chapters?|sections?|articles?|appendix|annex|volume|book|stage|level|"
                       r"phase|tier|step|type|class|grade|title)\s+$", re.IGNORECASE)


def _readable(text: str) -> str:
    """What a reader sees of Markdown: link text without addresses, no code, tags or emphasis marks.

    Newlines stay where they were, so a match's line can be counted."""
    if "`" in text:
        text = _CODE_SPAN.sub(" ", text)
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    if "<" in text:
        text = _AUTOLINK_OR_TAG.sub(" ", text)
    return _MARKUP.sub("", text)


def _spelled_out(text: str, match: re.Match, term: str, entry: Known | None) -> bool:
    before, after = text[:match.start()], text[match.end():]
    if re.search(r"\(\s*$", before) and re.match(r"\s*\)", after):  # 'Full name (TERM)'
        words = _words(before[:before.rstrip().rfind("(")])
        return _ends_with(words, _words(entry.meaning)) if entry else _initials_match(words, term)
    inside = re.match(r"\s*\(([^()]*)\)", after)  # 'TERM (full name)'
    if inside:
        words = _words(inside.group(1))
        return _same_words(words, _words(entry.meaning)) if entry else _initials_match(list(reversed(words)), term[::-1])
    return False


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _ends_with(words: list[str], meaning: list[str]) -> bool:
    """`words` end with `meaning` ('conferences (ICPCs)'), as `_same_words` compares them."""
    tail, wanted = _content(words), _content(meaning)
    return bool(wanted) and len(tail) >= len(wanted) and _same_content(tail[-len(wanted):], wanted)


def _same_words(words: list[str], meaning: list[str]) -> bool:
    """The same words, any perhaps plural where the other is not, and 'and' for 'or': 'Child and
    Adolescent Mental Health Service' and 'fabricated and induced illness' spell out the glossary's
    'Child and Adolescent Mental Health Services' and 'Fabricated or induced illness'."""
    return _same_content(_content(words), _content(meaning))


def _same_content(words: list[str], meaning: list[str]) -> bool:
    return len(words) == len(meaning) and all(_same_word(one, other) for one, other in zip(words, meaning))


def _content(words: list[str]) -> list[str]:
    """`words` with 'or' read as 'and', the one small word a spelling-out may change."""
    return ["and" if word == "or" else word for word in words]


_IRREGULAR_PLURALS = {"child": "children", "person": "people", "man": "men", "woman": "women"}


def _same_word(one: str, other: str) -> bool:
    return one == other or _plural(one, other) or _plural(other, one)


def _plural(single: str, plural: str) -> bool:
    """'conference' and 'conferences', 'authority' and 'authorities', 'person' and 'people'."""
    if _IRREGULAR_PLURALS.get(single) == plural or plural == single + "es":
        return True
    if single.endswith("y") and plural == single[:-1] + "ies":
        return True
    return plural == single + "s" and not single.endswith("s")  # 'illnes' and 'illness': a slip, not a plural


def _initials_match(words: list[str], term: str) -> bool:
    """The letters of `term` are, in order, the first letters of the words just before it.

    Small words ('of', 'and') may be skipped, and so may a word whose letter the acronym leaves
    out; the last letter must start the last word."""
    letters = [c for c in term.casefold() if c.isalpha()]
    if not letters or not words or words[-1][:1] != letters[-1]:
        return False
    position = len(letters) - 1
    for word in reversed(words[-3 * len(letters):]):
        if position >= 0 and word[:1] == letters[position]:
            position -= 1
            if position < 0:
                return True
    return False


def _report(report: Report, path: str, line: int | None, term: str, entry: Known | None, where: str) -> None:
    place = f" {where}" if where else ""
    if entry:
        other = (f" Readers may take it for {' or '.join(entry.confusable)}." if entry.confusable else "")
        report.add(path, line, f"'{term}' is used{place} for the first time in the guide without being spelled out.{other}",
                   fix=f"write '{_capital(entry.meaning)} ({term})' at its first use, link text included; "
                       f"after that '{term}' alone is fine.", release_only=True)
        return
    report.add(path, line, f"'{term}' looks like an acronym, is used{place} for the first time without being "
                           "spelled out, and is not in data/glossary.yml.",
               fix=f"write the words in full with the acronym in brackets at its first use, such as 'Full name ({term})', "
                   "and add it to data/glossary.yml so readers see its meaning everywhere; "
                   "if it is not an acronym, write it in lower case.", release_only=True)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
