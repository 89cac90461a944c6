"""Finding a guide's title and mapping its headings to the four sections.

Real guides word their headings many ways ("What is restorative practice?",
"Why is it important?", "How does it work?", "Key contacts"); `section_for`
maps each to one of the four sections of `omg.guide.SECTIONS`, or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..guide import SECTIONS
from .reading import Block, Document

WHAT, WHY, HOW, WHO = SECTIONS

# Checked in this order: "What happens?" is about how, "Who is it for?" about what.
_VARIANTS = (
    (WHAT, r"who (is|are) (it|this|they) for"),
    (WHO, r"who\b|(key |useful |main )?contacts?\b|contact (details|us|information)|"
          r"where (can|do) (i|you|we) (get|find|go)|further information|more information|find out more"),
    (WHY, r"why\b|(the )?purpose\b|rationale\b|what (difference|are the benefits|is the benefit)|benefits\b|"
          r"what does it (achieve|change)"),
    (HOW, r"how\b|what happens\b|what (will|should) happen|what (we are|are we|do we|should i|do i|can i) (doing|do)\b|"
          r"(the )?process\b|in practice\b|implementation\b|next steps\b|what we do\b"),
    (WHAT, r"what\b|overview\b|introduction\b|background\b|about\b|definition\b|summary\b|in brief\b"),
)
_MAX_HEADING_WORDS = 12


def clean_heading(text: str) -> str:
    """The heading's words: no Markdown, numbering or trailing colon."""
    text = re.sub(r"[*_#`]", "", text).replace("\u2019", "'").strip()
    text = re.sub(r"^(?:\(?\d+[.)]|[a-z][.)])\s+", "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def section_for(heading: str) -> str | None:
    """The section a heading belongs to, or None when it is not one of the four."""
    words = clean_heading(heading).lower()
    if not words or len(words.split()) > _MAX_HEADING_WORDS:
        return None
    for section, pattern in _VARIANTS:
        if re.match(f"(?:{pattern})", words):
            return section
    return None


def _guessed_heading(line: str) -> str | None:
    """A section, when a line of plain text reads as a section heading."""
    words = clean_heading(line)
    if not words or "@" in line or re.search(r"\d{4}", line) or line.rstrip("*_ ").endswith("."):
        return None
    # Plain text has no markup: only a short line, or a question, is taken as a heading.
    if len(words.split()) > 8 and not line.rstrip("*_ ").endswith(("?", ":")):
        return None
    return section_for(words)


@dataclass
class Part:
    section: str
    heading: str   # as written in the document
    where: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Draft:
    title: str | None
    title_where: str | None
    intro: list[Block]            # text before the first section heading
    parts: list[Part]             # in document order; a section may appear twice
    summary: str | None = None    # from Markdown front matter
    notes: list[str] = field(default_factory=list)

    def blocks_of(self, section: str) -> list[Block]:
        return [block for part in self.parts if part.section == section for block in part.blocks]

    def found(self, section: str) -> bool:
        return any(part.section == section for part in self.parts)


def split_sections(document: Document) -> Draft:
    blocks = _split_leading_headings(document.blocks)
    title, title_where, blocks = _take_title(blocks, document.meta)
    intro: list[Block] = []
    parts: list[Part] = []
    for block in blocks:
        section = _section_of(block)
        if section:
            parts.append(Part(section, clean_heading(block.text), block.where))
        elif block.kind == "heading":
            # A heading that is not a section stays as a sub-heading where it is.
            sub = Block("subheading", clean_heading(block.text), block.where)
            (parts[-1].blocks if parts else intro).append(sub)
        else:
            (parts[-1].blocks if parts else intro).append(block)
    return Draft(title, title_where, intro, parts, document.meta.get("summary"))


def _section_of(block: Block) -> str | None:
    if block.kind == "heading":
        return section_for(block.text)
    if block.kind in ("paragraph", "list") and "\n" not in block.text:
        return _guessed_heading(block.text)  # a list of one line may be a numbered heading: "2. Why?"
    return None


def _split_leading_headings(blocks: list[Block]) -> list[Block]:
    """Text from PDFs often has no blank line after a heading: split it off."""
    result = []
    for block in blocks:
        first, _, rest = block.text.partition("\n")
        if block.kind == "paragraph" and rest and _guessed_heading(first):
            result.append(Block("paragraph", first, block.where))
            line = int(block.where.split()[-1]) + 1 if block.where.startswith("line ") else None
            result.append(Block("paragraph", rest, f"line {line}" if line else block.where))
        else:
            result.append(block)
    return result


_OMG_PREFIX = re.compile(r"^(?:(?:an?\s+)?one[\s-]minute[\s-]guides?|omgs?)\b\s*(?:[-\u2013\u2014:|]\s*|(?:to|on|about|for)\s+)?",
                         re.IGNORECASE)


def _take_title(blocks: list[Block], meta: dict) -> tuple[str | None, str | None, list[Block]]:
    if meta.get("title"):
        return meta["title"].strip(), "front matter", blocks
    if blocks and "\n" in blocks[0].text:
        line, _, rest = blocks[0].text.partition("\n")
        if not _OMG_PREFIX.sub("", clean_heading(line)).strip(" -\u2013\u2014:"):
            blocks = [Block(blocks[0].kind, rest, blocks[0].where), *blocks[1:]]  # "ONE MINUTE GUIDE" above the title
    for index, first in enumerate(blocks[:2]):
        if _section_of(first) or "\n" in first.text or first.kind == "list":
            break
        is_title = (first.kind == "heading" and first.level <= 1) or (
            len(first.text.split()) <= 15 and not first.text.rstrip().endswith("."))
        if not is_title:
            break
        title = _OMG_PREFIX.sub("", clean_heading(first.text)).strip(" -\u2013\u2014:")
        if title:
            return title, first.where, blocks[index + 1:]
        # A line saying only "One Minute Guide": the title is on the next line.
    return None, None, blocks


def sentence_case(title: str, *, body: str) -> str:
    """'RESTORATIVE PRACTICE' or 'Restorative Practice' as 'Restorative practice'.

    Words the body writes in capitals mid-sentence (acronyms, places) keep
    the body's spelling, so 'EARLY HELP IN PORTSMOUTH' keeps 'Portsmouth'.
    """
    words = title.split()
    shouting = title.upper() == title and any(ch.isalpha() for ch in title)
    title_case = all(word[:1].isupper() for word in words if word[:1].isalpha() and len(word) > 3)
    if not (shouting or (title_case and len(words) > 1)):
        return title
    spellings = _mid_sentence_spellings(body)
    result = []
    for index, word in enumerate(words):
        known = spellings.get(word.lower())
        if known and known != known.lower():
            result.append(known)
        elif index == 0:
            result.append(word[:1].upper() + word[1:].lower())
        else:
            result.append(word.lower())
    return " ".join(result)


def _mid_sentence_spellings(body: str) -> dict[str, str]:
    counts: dict[str, dict[str, int]] = {}
    for match in re.finditer(r"(?<=[a-z,;] )([A-Za-z][\w'-]*)", body):
        word = match.group(1)
        counts.setdefault(word.lower(), {}).setdefault(word, 0)
        counts[word.lower()][word] += 1
    # On a tie the lower-case spelling wins: capitals in a table or a name are no guide.
    return {lower: max(forms, key=lambda form: (forms[form], form == lower)) for lower, forms in counts.items()}
