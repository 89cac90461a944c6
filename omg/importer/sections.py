"""Finding a guide's title and mapping its headings to the four sections.

Real guides word their headings many ways ("What is restorative practice?",
"Why is it important?", "What should schools do?", "Key contacts"); `section_for`
maps each by its meaning to one of the four sections of `omg.guide.SECTIONS`,
or None. Context decides the rest: markup (a heading style, '#', bold,
capitals, an underline, a numbered part) makes a heading; a numbered step,
a wrapped line or a question in the body does not. Where several parts map
to one section (a 7 Minute Briefing's seven), each keeps its title as a
sub-heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..guide import SECTIONS
from .contacts import EMAIL_IN_TEXT, PHONE_IN_TEXT, is_pipe_table, table_rows
from .reading import Block, Document

WHAT, WHY, HOW, WHO = SECTIONS

# Checked in this order: "What happens?" is about how, "Who is it for?" about what,
# "What does this mean for practitioners?" and "What should schools do?" about how.
_VARIANTS = (
    (WHAT, r"who (is|are) (it|this|they|these|the) ?(\w+ ){0,2}for\b|who (does|do) (it|this|they) (apply|affect)|"
           r"who (is|are) (affected|involved)"),
    (WHO, r"who\b|(key |useful |main |local )?contacts?( details| information| us| numbers| list)?$|"
          r"(key |useful |main |local )contacts\b|where (can|do|to) (i|you|we)? ?(get|find|go)|where to get|"
          r"further (information|reading|help|resources|support)|more information|find out more|resources\b|"
          r"useful (links|resources|information)|(help|advice) and (support|advice)|getting help|sources of help|"
          r"signposting|(links|support) and (resources|contacts)|(support|help|advice)( and \w+)? (available|services)\b|"
          r"(getting|sources of|where to get) (help|support|advice)|who can help|useful (contacts|numbers)"),
    (WHY, r"why\b|(the )?purpose\b|what is the (purpose|aim|point)|rationale\b|what (difference|are the benefits|is the benefit)|"
          r"benefits\b|what does it (achieve|change)|(the )?(research|evidence)\b|what (the )?(research|evidence)|"
          r"the impact\b|impact on\b|(the )?(risks?|aims?|importance)\b|what we know\b|(key )?messages\b|"
          r"(the )?learning from\b"),
    (HOW, r"how\b|what happens\b|what (will|should) happen|what to do\b|what you (need to|should|can|must) do\b|"
          r"what (\w+ ){0,4}(do|doing)( next| now| about (it|this))?$|what (\w+ ){0,3}(should|must|can|could|will|need to) (\w+ ){0,3}do\b|"
          r"what does (it|this|that) mean for\b|what (it|this) means for\b|what can (i|we|you|\w+) (do|offer)|"
          r"(the )?(process|procedure|pathway|steps|actions?)\b|in practice\b|implementation\b|next steps\b|"
          r"what we do\b|learning\b|lessons\b|questions (to consider|for|to ask)|(reflective |key )?questions\b|"
          r"practice (points|guidance|tips)|(key |top )?tips\b|making a referral|referrals?\b|responding\b|"
          r"(your |our )?(role|responsibilit(y|ies))\b|good practice\b|actions? for\b|expectations\b"),
    (WHAT, r"what\b|overview\b|introduction\b|background\b|about\b|definitions?\b|summary\b|in brief\b|"
           r"information\b|(key )?facts\b|context\b|(signs|indicators)\b|the (basics|issue)\b"),
)
_MAX_HEADING_WORDS = 12
# Guides say what they are before their title; the title's own words follow.
_BOILERPLATE = (r"(?:an?\s+)?(?:\d+|one|two|three|five|seven|ten)[\s-]+minute[\s-]+(?:guides?|briefings?|reads?)|"
                r"omgs?|7mb|practice\s+(?:brief|note)|briefing\s+note")
_TITLE_PREFIX = re.compile(rf"^(?:{_BOILERPLATE})\b\s*(?:[-\u2013\u2014:|]\s*|(?:to|on|about|for)\s+)?", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(rf"\s*(?:[-\u2013\u2014:|]\s*|\(\s*)(?:{_BOILERPLATE})\s*\)?\s*$", re.IGNORECASE)
# "A one minute guide for all practitioners": a strapline, not a title and not a reference.
STRAPLINE = re.compile(rf"^\s*(?:{_BOILERPLATE})\b(?:\s+(?:for|to|on|about)\b[^.]*)?\s*$", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)


def clean_heading(text: str) -> str:
    """The heading's words: no Markdown, numbering or trailing colon."""
    text = re.sub(r"[*_#`]", "", text).replace("\u2019", "'").strip()
    text = re.sub(r"^(?:(?:part|section|step)\s+\d+[.):]?|\(?\d+[.):]|[a-z][.)]|\d{1,2}(?=\s+[A-Za-z])(?!\s+minute))\s+",
                  "", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def section_for(heading: str) -> str | None:
    """The section a heading belongs to, or None when it is not one of the four."""
    words = clean_heading(heading).lower().rstrip("?!. ")
    if not words or len(words.split()) > _MAX_HEADING_WORDS:
        return None
    for section, pattern in _VARIANTS:
        if re.match(f"(?:{pattern})", words):
            return section
    return None


def _is_shouting(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _looks_like_heading(line: str) -> bool:
    """A line of plain text whose shape (not its words) says it is a heading."""
    words = clean_heading(line)
    if not words or "@" in line or len(words.split()) > _MAX_HEADING_WORDS:
        return False
    bare = line.strip().rstrip("*_ ")
    if bare.endswith((".", ";", ",")) or re.search(r"[.!?]\s+\S", words):
        return False  # a sentence, or two: body text
    if re.search(r"\w:\s+\S", words) and not _TITLE_PREFIX.match(words):
        return False  # "Role: Neglect lead" is a label and its value
    return True


def _guessed_heading(line: str) -> str | None:
    """A section, when a line of plain text reads as a section heading."""
    if not _looks_like_heading(line) or re.search(r"\d{4}|\d{3,}\s?\d{3}", line):
        return None
    words = clean_heading(line)
    # Plain text has no markup: only a short line, or a question, is taken as a heading.
    if len(words.split()) > 8 and not line.rstrip("*_ ").endswith(("?", ":")):
        return None
    section = section_for(words)
    if section and re.match(r"^\s*\d+[.)]\s", line) and not _numbered_part(line):
        return None  # "4. Contact the hub within one working day" is a step, not a part
    return section


def _numbered_part(line: str) -> bool:
    """'3. WHAT TO DO', '2. Why it matters', '1) Background': a numbered part title, not a step."""
    words = clean_heading(line)
    return (_is_shouting(words) or words.endswith(("?", ":")) or len(words.split()) <= 4
            or bool(re.match(r"^(?:what|why|how|who|where|when)\b", words, re.IGNORECASE)))


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
    meta: dict = field(default_factory=dict)     # the document's front matter and page furniture
    set_aside: list[Block] = field(default_factory=list)  # date lines, kept for the dates reader

    def blocks_of(self, section: str) -> list[Block]:
        return [block for part in self.parts if part.section == section for block in part.blocks]

    def found(self, section: str) -> bool:
        return any(part.section == section for part in self.parts)


def split_sections(document: Document) -> Draft:
    notes: list[str] = []
    blocks = _normalise(document.blocks, notes)
    title, title_where, blocks = _take_title(blocks, document.meta, notes)
    headings = _section_headings(blocks)
    intro: list[Block] = []
    parts: list[Part] = []
    for index, block in enumerate(blocks):
        section = headings.get(index)
        if section:
            parts.append(Part(section, clean_heading(block.text), block.where))
            if -1 - index in headings:  # opened by its meaning, not a section's words: keep what it says
                parts[-1].blocks.append(Block("subheading", clean_heading(block.text), block.where))
        elif block.kind == "heading":
            # A heading that is not a section stays as a sub-heading where it is.
            sub = Block("subheading", clean_heading(block.text), block.where)
            (parts[-1].blocks if parts else intro).append(sub)
        else:
            (parts[-1].blocks if parts else intro).append(block)
    _keep_part_titles(parts)
    return Draft(title, title_where, intro, parts, document.meta.get("summary"), notes, dict(document.meta))


def _section_headings(blocks: list[Block]) -> dict[int, str]:
    """{block index: section} for the blocks that open a section (and {-1 - index: section}
    for those opened by their meaning alone, whose titles stay as sub-headings).

    Markup (a heading style, '#', bold, capitals, a numbered part) makes any
    heading wording count; a plain line counts only when it reads like a
    section heading and does not send the guide back to a section it has left
    ("Why has nothing changed?" in the middle of "How are we doing it?").
    """
    found: dict[int, str] = {}
    order = {section: rank for rank, section in enumerate(SECTIONS)}
    current, latest = -1, None
    for index, block in enumerate(blocks):
        section = _section_of(block)
        if not section and block.kind == "heading":
            # "Making a referral" under "Why?" starts the doing part; under "How?" it is a sub-heading.
            section = _by_meaning(block.text)
            if section == latest:
                section = None
            elif section:
                found[-1 - index] = section  # opened by its meaning: its own title stays above its text
        if not section:
            continue
        latest = section
        marked = block.kind == "heading"
        if not marked and order[section] < current and block.text.rstrip().endswith("?"):
            continue  # a question in the body
        found[index] = section
        current = max(current, order[section])
    return found


_MEANING = (
    (HOW, r"^(?:making|responding|reporting|recording|sharing|supporting|working|managing|referring|escalating|"
          r"using|completing|keeping|taking|asking|talking|planning|acting|helping)\b|\b(?:referrals?|steps|actions?)\b"),
    (WHAT, r"\b(?:signs|indicators|spotting|recognis\w*|types of|what it looks like|defin\w+)\b"),
    (WHY, r"\b(?:law|legal|legislation|statutory|duty|duties|outcomes)\b"),
    (WHO, r"\b(?:helplines?|phone numbers|email addresses|contacting)\b"),
)


def _by_meaning(heading: str) -> str | None:
    """A section for a marked heading that names no section in the usual words."""
    words = clean_heading(heading).lower()
    if len(words.split()) > 8:
        return None
    return next((section for section, pattern in _MEANING if re.search(pattern, words)), None)


def _keep_part_titles(parts: list[Part]) -> None:
    """Where several parts map to one section (a 7 Minute Briefing's Background and
    Information), each part's own title stays above its text as a sub-heading."""
    for section in SECTIONS:
        same = [part for part in parts if part.section == section]
        if len(same) < 2:
            continue
        for part in same:
            kept = part.blocks and part.blocks[0].kind == "subheading" and part.blocks[0].text == part.heading
            if not kept and clean_heading(part.heading).rstrip("?").casefold() != section.rstrip("?").casefold():
                part.blocks.insert(0, Block("subheading", part.heading, part.where))


def _section_of(block: Block) -> str | None:
    if block.kind == "heading":
        return section_for(block.text)
    if block.kind in ("paragraph", "list") and "\n" not in block.text:
        return _guessed_heading(block.text)  # a list of one line may be a numbered heading: "2. Why?"
    return None


# Blocks as the reader gave them, tidied ---------------------------------------------------------

def markdown_table(text: str) -> str:
    """A table as a Markdown pipe table with one header separator, whatever rows it came with."""
    rows = table_rows(text)
    if not rows:
        return text
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    return "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])


_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?P<words>[^*_\n]+?)\1\s*:?\s*$")
_BULLET_LINE = re.compile(r"^\s*(?:[-*+\u2022\u25e6\u25aa\u2023\u2043\u00b7o]|\d+[.)])\s+")


def _normalise(blocks: list[Block], notes: list[str]) -> list[Block]:
    """Headings the reader could not see (underlined, bold, in capitals, glued to the
    text below), HTML comments and lead-in lines above a list, as their own blocks."""
    result: list[Block] = []
    for block in blocks:
        if _HTML_COMMENT.match(block.text):
            notes.append(f"left out an HTML comment ({block.where}): {block.text.strip()[:80]}")
            continue
        if block.kind == "table" or (block.kind == "paragraph" and is_pipe_table(block.text)):
            result.append(Block("table", markdown_table(block.text), block.where))
            continue
        if block.kind == "list":
            result.extend(_part_title_off(block))
            continue
        if block.kind != "paragraph":
            result.append(block)
            continue
        lines = block.text.split("\n")
        if not result and len(lines) > 1 and all(_looks_like_heading(line) and not line.rstrip().endswith("?")
                                                 for line in lines[:3]):
            # The first lines of a document: title, subtitle, strapline, one a line.
            head = min(3, len(lines))
            result += [Block("paragraph", line, _line_where(block, number)) for number, line in enumerate(lines[:head])]
            if lines[head:]:
                result.extend(_split_paragraph(Block("paragraph", "\n".join(lines[head:]), _line_where(block, head))))
            continue
        result.extend(_split_paragraph(block))
    return result


def _part_title_off(block: Block) -> list[Block]:
    """'3. What to do', a blank line, then '4. Contact the hub ...': a numbered part title and the
    step under it, which plain text and Markdown read as one numbered list. The title is a heading."""
    first, _, rest = block.text.partition("\n")
    if rest and re.match(r"^\s*\d+[.)]\s", first) and _guessed_heading(first) and not _guessed_heading(rest.split("\n")[0]):
        return [Block("heading", first.strip(), block.where, 2), Block("list", rest, _line_where(block, 1))]
    return [block]


def _line_where(block: Block, offset: int) -> str:
    if block.where.startswith("line ") and block.where.split()[-1].isdigit():
        return f"line {int(block.where.split()[-1]) + offset}"
    return block.where


def _unglue(line: str) -> list[str]:
    """'What is it?Early help is ...' (a heading glued to its text, as PDFs and Word paste give it)."""
    glued = re.match(r"^(?P<head>[^?\n]{3,80}\?)(?P<rest>[A-Z\u2018\u201c\"'].*)$", line.strip())
    if glued and section_for(glued.group("head")):
        return [glued.group("head"), glued.group("rest")]
    # "**Why does it matter?** Neglected teenagers ...": a bold run-in heading.
    run_in = re.match(r"^(?P<mark>\*\*|__)(?P<head>[^*_\n]{3,80}?)[:.]?(?P=mark)[:.]?\s+(?P<rest>\S.*)$", line.strip())
    if run_in and section_for(run_in.group("head")):
        return [f"**{run_in.group('head').strip()}**", run_in.group("rest")]
    return [line]


def _split_paragraph(block: Block) -> list[Block]:
    lines = [piece for line in block.text.split("\n") for piece in _unglue(line)]
    out: list[Block] = []
    pending: list[tuple[int, str]] = []

    def flush():
        if pending:
            out.extend(_paragraph_or_list(block, pending))
            pending.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _SETEXT.match(following) and line.strip() and not _SETEXT.match(line):
            flush()
            level = 1 if following.strip().startswith("=") else 2
            out.append(Block("heading", line.strip(), _line_where(block, index), level))
            index += 2
            continue
        if _heading_line(line, first=index == 0, alone=len(lines) == 1, before=pending) and \
                not re.match(r"^[a-z]", following.strip()) and \
                not (_BOLD_LINE.match(line) and not section_for(line)
                     and (EMAIL_IN_TEXT.search(following) or PHONE_IN_TEXT.search(following))):
            # (a bold line above an address is the contact's name or role, not a heading)
            flush()
            bold = _BOLD_LINE.match(line)
            out.append(Block("heading", (bold.group("words") if bold else line).strip(), _line_where(block, index), 2))
            index += 1
            continue
        pending.append((index, line))
        index += 1
    flush()
    return out


def _heading_line(line: str, *, first: bool, alone: bool, before: list) -> bool:
    """A line inside a paragraph that is a heading glued to its text."""
    if _SETEXT.match(line) or not line.strip():
        return False
    bold = _BOLD_LINE.match(line)
    if bold and _looks_like_heading(bold.group("words")) and not bold.group("words").strip().endswith("."):
        return True
    if alone:
        return bool(_guessed_heading(line)) and not line.lstrip().startswith(("-", "*", "\u2022"))
    if _guessed_heading(line):
        previous = before[-1][1].rstrip() if before else ""
        if previous.endswith(":"):
            return False  # "Please contact:" then a name
        if previous and not re.search(r"[.!?)\]*_]$", previous) and not _BULLET_LINE.match(previous):
            # Mid-sentence: a wrapped line such as "Background checks are made by the" is text.
            return _strong_heading(line)
        return True
    words = clean_heading(line)
    # "1. WHAT IS CHILD EXPLOITATION?" or "CHILD EXPLOITATION" on a line of its own.
    return _is_shouting(words) and _looks_like_heading(line) and len(words.split()) <= 10 and first


def _strong_heading(line: str) -> bool:
    words = clean_heading(line)
    return line.rstrip().endswith(("?", ":")) or _is_shouting(words) or len(words.split()) <= 2


def _paragraph_or_list(block: Block, lines: list[tuple[int, str]]) -> list[Block]:
    """A lead-in line with bullets under it: a paragraph, then a list."""
    texts = [text for _, text in lines]
    where = _line_where(block, lines[0][0])
    bullets = [bool(_BULLET_LINE.match(text)) for text in texts]
    if len(texts) > 1 and not bullets[0] and all(bullets[1:]):
        return [Block("paragraph", texts[0], where),
                Block("list", "\n".join(_list_item(text) for text in texts[1:]), _line_where(block, lines[1][0]))]
    if len(texts) > 1 and all(bullets) and block.kind == "paragraph":
        return [Block("list", "\n".join(_list_item(text) for text in texts), where)]
    if len(texts) > 1 and not any(bullets) and all(re.search(r"[.!?:]$", t) for t in texts):
        # Lines that each end a sentence, as steps typed one a line: keep their breaks.
        return [Block("paragraph", "\n".join(texts), where)]
    return [Block("paragraph", "\n".join(texts), where)]


def _list_item(line: str) -> str:
    numbered = re.match(r"^\s*(\d+)[.)]\s+", line)
    return (f"{numbered.group(1)}. " if numbered else "- ") + _BULLET_LINE.sub("", line, count=1)


# The title -----------------------------------------------------------------------------------

def strip_boilerplate(title: str) -> str:
    """'7 MINUTE BRIEFING: Neglect' and 'Neglect – A One Minute Guide' as 'Neglect'."""
    bare = _TITLE_SUFFIX.sub("", _TITLE_PREFIX.sub("", title.strip()))
    return bare.strip(" -\u2013\u2014:|") or ""


def without_subtitle(title: str, notes: list[str]) -> str:
    """'Child exploitation: spotting the signs early' as 'Child exploitation'; the subtitle goes in the report."""
    parts = re.split(r"\s+[-\u2013\u2014]\s+|:\s+", title, maxsplit=1)
    if len(parts) == 2 and len(parts[1].split()) >= 3 and parts[0].strip():
        notes.append(f"left the subtitle \"{parts[1].strip()}\" out of the title; use it in the summary if it helps")
        return parts[0].strip()
    return title


def _take_title(blocks: list[Block], meta: dict, notes: list[str]) -> tuple[str | None, str | None, list[Block]]:
    title, where, rest = _find_title(blocks, meta, notes)
    return (without_subtitle(title, notes) if title else title), where, rest


def _find_title(blocks: list[Block], meta: dict, notes: list[str]) -> tuple[str | None, str | None, list[Block]]:
    title, where = None, None
    if isinstance(meta.get("title"), str) and strip_boilerplate(meta["title"]):
        title, where = strip_boilerplate(meta["title"]), "front matter"
    start = 0
    while start < len(blocks) and start < 4:
        block = blocks[start]
        line = clean_heading(block.text) if "\n" not in block.text else ""
        if line and STRAPLINE.match(line):
            notes.append(f"left out the strapline \"{line}\" ({block.where})")
            start += 1
            continue
        if title is None and _is_title(blocks, start):
            title, where = clean_heading(strip_boilerplate(re.sub(r"[*_#`]", "", block.text))), block.where
            start += 1
            continue
        if title and line and (_same_words(strip_boilerplate(line), title)
                               or _same_words(without_subtitle(strip_boilerplate(line), []), without_subtitle(title, []))):
            notes.append(f"left out the heading \"{line}\" ({block.where}): it repeats the title")
            start += 1
            continue
        if title and start < len(blocks) - 1 and _is_subtitle(blocks, start):
            notes.append(f"left out the subtitle \"{line}\" ({block.where}); use it in the summary if it helps")
            start += 1
            continue
        break
    return title, where, blocks[start:]


def _is_title(blocks: list[Block], index: int) -> bool:
    block = blocks[index]
    if "\n" in block.text or block.kind == "list" or not strip_boilerplate(re.sub(r"[*_#`]", "", block.text)):
        return False
    if len(block.text.split()) > 15 or block.text.rstrip("*_ ").endswith((".", ",", ";")):
        return block.kind == "heading" and block.level <= 1
    section = _section_of(block)
    if not section:
        return True
    # "Information Sharing" above "What is it?" is the title; "What is it?" above text is a section.
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return bool(following and _section_of(following) == section)


def _is_subtitle(blocks: list[Block], index: int) -> bool:
    """A short line between the title and the first section that says what the guide is about."""
    block, following = blocks[index], blocks[index + 1]
    if "\n" in block.text or _section_of(block) or block.kind == "list":
        return False
    words = clean_heading(block.text)
    return (len(words.split()) <= 10 and not re.search(r"[.!?]$", words) and bool(_section_of(following)))


def _same_words(one: str, other: str) -> bool:
    def words(text):
        return re.findall(r"\w+", text.casefold())
    return bool(words(one)) and words(one) == words(other)


def sentence_case(title: str, *, body: str) -> str:
    """'RESTORATIVE PRACTICE' or 'Restorative Practice' as 'Restorative practice'.

    Words the body writes in capitals mid-sentence (acronyms, places) keep
    the body's spelling, so 'EARLY HELP IN PORTSMOUTH' keeps 'Portsmouth';
    a title the body writes the same way mid-sentence is a name and is kept
    ('the Local Authority Designated Officer (LADO) manages ...').
    """
    words = title.split()
    shouting = title.upper() == title and any(ch.isalpha() for ch in title)
    title_case = all(word[:1].isupper() for word in words if word[:1].isalpha() and len(word) > 3)
    if not (shouting or (title_case and len(words) > 1)):
        return title
    if not shouting and re.search(rf"(?<=[a-z,;] ){re.escape(title)}(?![ -][A-Z])", body):
        return title
    spellings = _mid_sentence_spellings(body)
    acronyms = set(re.findall(r"\b[A-Z][A-Z0-9]+s?\b", body))
    result = []
    for index, word in enumerate(words):
        core = word.strip("()[],:;")
        known = spellings.get(word.lower())
        if core in acronyms and (len(core) <= 5 or not shouting) or (not shouting and len(core) > 1 and core.isupper()):
            result.append(word)  # "(LADO)", "ICPC": an acronym stays in capitals
        elif known and known != known.lower():
            result.append(known)
        elif index == 0:
            result.append(word[:1].upper() + word[1:].lower())
        else:
            result.append(word.lower())
    return " ".join(result)


def _mid_sentence_spellings(body: str) -> dict[str, str]:
    counts: dict[str, dict[str, int]] = {}
    # A capital beside another capital is part of some other name ("the Private Fostering Team").
    for match in re.finditer(r"(?<=[a-z,;] )([A-Za-z][\w'-]*)(?![ -][A-Z])", body):
        word = match.group(1)
        counts.setdefault(word.lower(), {}).setdefault(word, 0)
        counts[word.lower()][word] += 1
    # On a tie the lower-case spelling wins: capitals in a table or a name are no guide.
    return {lower: max(forms, key=lambda form: (forms[form], form == lower)) for lower, forms in counts.items()}
