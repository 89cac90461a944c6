"""Reading a guide to import: plain text, Markdown, Word (.docx) or PDF into blocks.

Every reader gives the same thing, a `Document` of `Block`s with Markdown
emphasis, so the rest of the importer does not care where a guide came from.
An input that cannot be read raises `UnreadableInput` with what was found and
the fix, in an editor's words.

The contract with the rest of the importer (sections, contacts, cross-references):

Block.kind
    "heading"     a heading the source marks as one (Markdown '#' or a setext
                  underline, a Word heading or Title style, larger type in a PDF);
                  `level` is 1-6.
    "paragraph"   text; lines joined by "\\n" where the source broke them
                  (Shift+Enter in Word, line breaks in text).
    "list"        one list; each line is an item, "- text" or "1. text", nested
                  items indented four spaces a level (as Python-Markdown wants).
                  Items that wrapped onto continuation lines are one line.
    "table"       `rows` holds the cells (Markdown text) row by row; `header` says
                  whether the first row is the header row; `text` is the table in
                  Markdown pipe form, ready to put in a guide.
    "subheading"  made by the section splitter, never by a reader.
Block.hints (paragraphs only; a paragraph of one line) say why it may be a heading
    that the source did not mark as one. The section splitter decides:
    "bold"      the whole paragraph is bold (Word, Markdown **...**, a bold PDF font)
    "caps"      written in capitals: "WHAT TO DO"
    "numbered"  starts with a part number: "3. WHAT TO DO", "Part 2:"
    "question"  a short line ending in "?"
    "glued"     it was the first line of a paragraph, split off because it reads as
                a heading (the text below it had no blank line between)
    "subtitle"  Word's Subtitle style: a strapline under the title
Document.meta
    "title", "summary", "review_date"... (FRONT_MATTER_KEYS)
                         from Markdown front matter: text, or a date under an explicit !!timestamp tag
    "front_matter"       the whole Markdown front matter (dates left as the text written, "2025-03-01")
    "page_furniture"     lines from Word headers and footers and from the repeated
                         top and bottom lines of a PDF's pages, in order, each once:
                         "Review date: March 2025", "Published September 2022"...
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_TEXT_BYTES = 1_000_000       # a one-minute guide is a few kilobytes of text
MAX_WORD_BYTES = 20_000_000      # Word files carry images and fonts
MAX_WORD_UNPACKED = 100_000_000  # all of a .docx's parts, unpacked: more is a zip bomb, not a guide
MAX_WORD_PART = 25_000_000       # one part unpacked (the text of a guide is well under 1 MB)
MAX_PDF_BYTES = 30_000_000
MAX_PDF_PAGES = 20               # a one-minute guide is a page or two
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
WORD_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + WORD_SUFFIXES + PDF_SUFFIXES
READABLE = "plain text (.txt), Markdown (.md), Word (.docx) or PDF (.pdf)"


class UnreadableInput(Exception):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


@dataclass
class Block:
    kind: str          # "heading", "paragraph", "list", "table" or "subheading": see the module's docstring
    text: str          # Markdown; lines of a list start with "- " or "1. "
    where: str         # "line 5", "paragraph 5" or "page 1", for the import report
    level: int = 0     # a heading's level, from Markdown '#'s, a Word heading style or a PDF's type size
    hints: tuple[str, ...] = ()                            # why a paragraph may be a heading
    rows: list[list[str]] = field(default_factory=list)    # a table's cells
    header: bool = False                                   # a table's first row is its header


@dataclass
class Document:
    blocks: list[Block]
    meta: dict = field(default_factory=dict)  # see the module's docstring
    notes: list[str] = field(default_factory=list)


def plain_line(text: str) -> str:
    """Text that starts with '#' but is not a heading, escaped so Markdown does not make it one."""
    return re.sub(r"^#", r"\\#", text)


def unsafe_file_name(path: Path) -> str | None:
    """The name shown with its control characters escaped, when it has any; else None."""
    name = str(path)
    if not any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in name):
        return None
    return name.encode("unicode_escape").decode("ascii")


def read_document(path: Path) -> Document:
    if unsafe_file_name(path):
        raise UnreadableInput("has a line break or other control character in its name, which would be copied into "
                              "the files the import writes.",
                              "rename the file with letters, digits, spaces and hyphens only, then import it again.")
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        from .word import read_word  # mammoth and python-docx are only needed here

        return read_word(path)
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        return read_pdf(path)
    if suffix in TEXT_SUFFIXES or suffix in MARKDOWN_SUFFIXES:
        text, notes = _read_text(path)
        markdown = suffix in MARKDOWN_SUFFIXES
        meta, text, offset = _front_matter(text) if markdown else ({}, text, 0)
        if markdown:
            text = _without_comments(text, offset, notes)
        blocks = blocks_from_lines(text.split("\n"), markdown=markdown, first_line=1 + offset)
        return Document(blocks, meta, notes)
    raise UnreadableInput(*_unsupported(suffix))


def _without_comments(text: str, offset: int, notes: list[str]) -> str:
    """Markdown's HTML comments are not shown to readers: left out, each named in a note."""
    def drop(match: re.Match) -> str:
        line = text.count("\n", 0, match.start()) + 1 + offset
        words = " ".join(match.group(1).split())
        if words:
            notes.append(f"an HTML comment (line {line}) is not shown to readers and was left out: \"{words[:80]}\"")
        return "\n" * match.group(0).count("\n")  # line numbers below stay right

    return re.sub(r"[ \t]?<!--(.*?)-->", drop, text, flags=re.DOTALL)


def _unsupported(suffix: str) -> tuple[str, str]:
    if suffix == ".doc":
        return ("is an old-style Word document (.doc), which cannot be read.",
                "open it in Word and use Save As > Word Document (.docx), then import the .docx.")
    return (f"is not a kind of file omg import reads ('{suffix or 'no extension'}').",
            f"save the guide as {READABLE}.")


def read_bytes(path: Path, limit: int) -> bytes:
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableInput("is a folder, not a file.", "give the guide files themselves.") from None
    except OSError as error:
        raise UnreadableInput(f"cannot be read ({error.strerror}).",
                              "check the path and that the file exists.") from None
    if len(raw) > limit:
        raise UnreadableInput(f"is {len(raw):,} bytes, over the {limit:,} byte limit for a one-minute guide.",
                              "check it is the right file; a one-minute guide is a page or two.")
    return raw


def _read_text(path: Path) -> tuple[str, list[str]]:
    raw = read_bytes(path, MAX_TEXT_BYTES)
    if raw.startswith(b"PK\x03\x04"):
        raise UnreadableInput("is a zip or Word file, not text.",
                              "if it is a Word document, give it the .docx extension; otherwise save it as text.")
    if raw.startswith(b"%PDF-"):
        raise UnreadableInput("is a PDF, not text.", "give it the .pdf extension and import it again.")
    notes = []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            raw = raw.decode("utf-16").encode("utf-8")  # Word's "Unicode Text" is UTF-16
        except UnicodeDecodeError:
            raise UnreadableInput("is a binary file, not text.", f"save the guide as {READABLE}.") from None
    if b"\x00" in raw:
        raise UnreadableInput("is a binary file, not text.", f"save the guide as {READABLE}.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Text saved by older Windows programs; cp1252 decodes almost any bytes, so check the result.
        text = raw.decode("cp1252", errors="replace")
        notes.append("the file is not UTF-8; it was read as Windows text (cp1252): check accented letters and quotes.")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\x0b\x0c")
    text = tidy(text)
    if controls > max(2, len(text) // 100):
        raise UnreadableInput("is a binary file, not text.", f"save the guide as {READABLE}.")
    if not text.strip():
        raise UnreadableInput("is empty.", "check it is the right file, and that it was saved with its text.")
    return text, notes


def tidy(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u00ad", "")
    # Word writes manual line and page breaks as \v and \f; other control characters break YAML.
    text = re.sub(r"[\x0b\x0c\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", "", text)
    lines = []
    for line in text.split("\n"):
        indent = re.match(r"[ \t]*", line).group(0)
        # A tab in the indent is a level of a list; a tab after a bullet or in text is a space.
        lines.append(indent.replace("\t", "    ") + line[len(indent):].replace("\t", " ").rstrip())
    return "\n".join(lines)


# Markdown front matter ---------------------------------------------------------------------------

# Front-matter keys the importer reads at the top of Document.meta: the title, the summary and the dates.
FRONT_MATTER_KEYS = ("title", "summary", "review_date", "review_due", "next_review", "next_review_date",
                     "last_reviewed", "reviewed", "date_reviewed", "published", "date_published", "publication_date",
                     "date", "updated", "last_updated")


def _front_matter(text: str) -> tuple[dict, str, int]:
    from .. import yamlfile

    comment = re.match(r"\s*<!--.*?-->[ \t]*\n(?=---\n)", text, re.DOTALL)  # a note above the front matter
    if comment:
        meta, rest, lines = _front_matter(text[comment.end():])
        return meta, rest, lines + text[:comment.end()].count("\n")
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---", 3)
    if end < 0:
        return {}, text, 0
    try:
        meta = yamlfile.load(text[4:end], first_line=2).data
    except yamlfile.YamlProblem as problem:
        where = f"line {problem.line} of its front matter" if problem.line else "its front matter"
        raise UnreadableInput(f"cannot be read: {where} {problem.message}",
                              f"{problem.fix[:1].lower()}{problem.fix[1:]} Or delete the front matter (the lines "
                              "between the two '---' lines) and import again.") from None
    rest = text[end + 4:]
    lines_before = text[: end + 4].count("\n")
    if not isinstance(meta, dict):
        return {}, rest, lines_before
    keep = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and isinstance(v, (str, dt.date))}
    keep["front_matter"] = meta
    return keep, rest, lines_before


# Lines of text into blocks (text, Markdown, and each Word paragraph) -----------------------------

_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^ {0,3}([-*_=])(\s*\1){2,}\s*$")
# Bullets people type or paste: "•" and a tab from Word, "o" for a second level, dashes and arrows.
_TOP_MARKS = "-*+\u2022\u25cf\u25aa\u25a0\u2023\u2043\u00b7\u27a2\u27a4\u25ba\u25b6\u2713\u2714\u2192\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
_SUB_MARKS = "o\u25e6\u25cb\u25a1\u25ab\u2013"
_ITEM = re.compile(rf"^(?P<indent>\s*)(?:(?P<mark>[{re.escape(_TOP_MARKS + _SUB_MARKS)}])|"
                   rf"(?P<number>\(?\d{{1,2}}[.)]|\(?[a-z][.)](?=\s)))\s+(?P<text>\S.*)$")
_PIPE_ROW = re.compile(r"^\s*\|?(?:[^|]*\|)+[^|]*\|?\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBERED_PART = re.compile(r"^(?:\(?\d{1,2}[.):]|part\s+\d+\b|section\s+\d+\b|step\s+\d+\b)", re.IGNORECASE)
_MAX_HEADING_WORDS = 12
_CONTACT_DETAIL = re.compile(r"^(?:tel|telephone|phone|mobile|email|e-mail|fax)\b|@|\d{4,}\s?\d{3}", re.IGNORECASE)


def _item(line: str) -> re.Match | None:
    match = _ITEM.match(line)
    if not match:
        return None
    if match.group("mark") == "o" and not line[match.end("mark"):match.end("mark") + 1].isspace():
        return None
    if match.group("number") and _looks_like_a_part(line.strip()):
        return None  # "3. WHAT TO DO" is a numbered part, not a list
    return match


def _looks_like_a_part(line: str) -> bool:
    words = re.sub(r"^\(?\d{1,2}[.):]\s*", "", line)
    letters = [ch for ch in words if ch.isalpha()]
    return len(letters) >= 3 and all(ch.isupper() for ch in letters) and len(words.split()) <= _MAX_HEADING_WORDS


def heading_hints(line: str) -> tuple[str, ...]:
    """Why a line of text may be a heading nobody marked as one (see the module's docstring)."""
    text = line.strip()
    words = re.sub(r"[*_]", "", text).strip()
    if not words or len(words.split()) > _MAX_HEADING_WORDS or "@" in words or words.endswith((".", ",", ";")):
        return ()
    hints = []
    if re.fullmatch(r"\*\*[^*].*?\*\*:?|__[^_].*?__:?", text) and text.count("**") <= 2:
        hints.append("bold")
    letters = [ch for ch in words if ch.isalpha()]
    if len(letters) >= 3 and all(ch.isupper() for ch in letters):
        hints.append("caps")
    if _NUMBERED_PART.match(words):
        hints.append("numbered")
    if words.endswith("?"):
        hints.append("question")
    return tuple(hints)


def _glued_heading(first: str, rest: list[str]) -> bool:
    """The first line of a paragraph reads as a heading for the lines under it."""
    hints = heading_hints(first)
    if not hints or not rest:
        return False
    if hints == ("numbered",) or hints == ("question",) and len(first.split()) > 10:
        return False  # "4. Contact the hub" is a step; a long question is a sentence
    if hints == ("bold",) and any(_CONTACT_DETAIL.search(line) for line in rest):
        return False  # a bold name or team above its phone and email is the contact's label
    return True


@dataclass
class _Item:
    level: int
    marker: str  # "- " or "1. "
    text: str


class _ListBuilder:
    """Items of one list, nested by indentation and by the kind of bullet."""

    def __init__(self):
        self.items: list[_Item] = []
        self.stack: list[tuple[int, str]] = []  # (indent, kind of bullet) of each open level

    def add(self, match: re.Match) -> None:
        indent = len(match.group("indent"))
        mark, number = match.group("mark"), match.group("number")
        kind = "number" if number else ("sub" if mark in _SUB_MARKS else mark)
        if not self.stack:
            self.stack = [(indent, kind)]
        elif indent > self.stack[-1][0] + 1:
            self.stack.append((indent, kind))
        else:
            while len(self.stack) > 1 and indent < self.stack[-1][0] - 1:
                self.stack.pop()
            kinds = [k for _, k in self.stack]
            if kind in kinds:
                del self.stack[kinds.index(kind) + 1:]
            elif kind == "sub" or (kind == "-" and kinds[-1] not in ("-", "*", "+")):
                self.stack.append((indent, kind))  # "o" or "-" under "•" at the same indent: a second level
            else:
                self.stack[-1] = (self.stack[-1][0], kind)
        digits = re.sub(r"\D", "", number or "")
        marker = f"{digits}. " if digits else "- "
        self.items.append(_Item(len(self.stack) - 1, marker, match.group("text").strip()))

    def continue_item(self, line: str) -> None:
        self.items[-1].text += " " + line.strip()

    def block(self, where: str) -> Block:
        return Block("list", "\n".join("    " * item.level + item.marker + item.text for item in self.items), where)


def blocks_from_lines(lines: list[str], *, markdown: bool, first_line: int = 1, where: str | None = None) -> list[Block]:
    """Blocks from lines of text; `where` names them all (a Word paragraph), else each gets its line."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    listing: _ListBuilder | None = None
    start = 0

    def at(index: int) -> str:
        return where or f"line {first_line + index}"

    def flush() -> None:
        nonlocal listing, paragraph
        if paragraph:
            blocks.extend(_paragraph_blocks(paragraph, at(start), where is None and first_line + start))
            paragraph = []
        if listing:
            blocks.append(listing.block(at(start)))
            listing = None

    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _MD_HEADING.match(line) if markdown else None
        table = _table_at(lines, index)
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2), at(index), len(heading.group(1))))
        elif table:
            flush()
            rows, header, used = table
            blocks.append(_table_block(rows, header, at(index)))
            index += used
            continue
        elif line.strip() and _SETEXT.match(following) and not _item(line) and not _RULE.match(line):
            # "Title" with "=====" or "-----" under it: a heading (Markdown's setext form, and plain text's habit).
            flush()
            level = 1 if following.strip()[0] == "=" else 2
            blocks.append(Block("heading", line.strip(), at(index), level))
            index += 2
            continue
        elif _RULE.match(line):
            flush()  # a rule between parts has no words to keep
        elif (item := _item(line)) and (item.group("number") is None or listing or not paragraph
                                        or _item_under_lead_in(paragraph)):
            if paragraph:
                flush()
            if not listing:
                listing, start = _ListBuilder(), index
            listing.add(item)
        elif not line.strip():
            if listing and not _list_goes_on(lines, index, listing):
                flush()
            elif not listing:
                flush()
        elif listing and _continues_item(line, listing, lines[index - 1]):
            listing.continue_item(line)
        else:
            if listing:
                flush()
            if not paragraph:
                start = index
            paragraph.append(line.strip())
        index += 1
    flush()
    return blocks


def _item_under_lead_in(paragraph: list[str]) -> bool:
    return paragraph[-1].rstrip().endswith(":")


def _list_goes_on(lines: list[str], index: int, listing: _ListBuilder) -> bool:
    """After a blank line, the next item of the same list (numbered steps spaced out)."""
    following = next((line for line in lines[index + 1:] if line.strip()), "")
    item = _item(following)
    if not item:
        return False
    numbered = bool(item.group("number"))
    if numbered != listing.items[-1].marker[0].isdigit():
        return False
    if numbered:
        previous = int(re.sub(r"\D", "", listing.items[-1].marker) or 0)
        return int(re.sub(r"\D", "", item.group("number")) or 0) == previous + 1 or len(item.group("indent")) > 0
    return True


def _continues_item(line: str, listing: _ListBuilder, previous: str) -> bool:
    """A line under an item, with no blank line between, that carries on its sentence."""
    if not previous.strip() or heading_hints(line) and not line.startswith(" "):
        return False
    # Indented, or carrying on in lower case: a capital at the margin starts a new paragraph.
    return len(line) - len(line.lstrip()) > 0 or line.strip()[:1].islower()


def _paragraph_blocks(lines: list[str], where: str, line_number: int | bool) -> list[Block]:
    """A paragraph, split after its first line when that line reads as a heading glued to the text."""
    if len(lines) > 1 and _glued_heading(lines[0], lines[1:]):
        rest_where = f"line {line_number + 1}" if line_number else where
        return [Block("paragraph", lines[0], where, hints=("glued", *heading_hints(lines[0]))),
                *_paragraph_blocks(lines[1:], rest_where, line_number and line_number + 1)]
    hints = heading_hints(lines[0]) if len(lines) == 1 else ()
    return [Block("paragraph", "\n".join(lines), where, hints=hints)]


def _table_at(lines: list[str], index: int) -> tuple[list[list[str]], bool, int] | None:
    """A pipe table starting at `index`: (rows, has a header row, lines used)."""
    run = []
    for line in lines[index:]:
        if not line.strip() or "|" not in line or not _PIPE_ROW.match(line):
            break
        run.append(line)
    if len(run) < 2:
        return None
    header = bool(_PIPE_RULE.match(run[1]))
    body = [line for line in run if not _PIPE_RULE.match(line)]
    rows = [_pipe_cells(line) for line in body]
    if not rows:
        return None  # rules with no rows: nothing to tabulate
    widths = {len(row) for row in rows}
    framed = all(line.strip().startswith("|") and line.strip().endswith("|") for line in run)
    if not header and (not framed or len(widths) != 1 or min(widths) < 2):
        return None  # a few lines that happen to hold "|", not a table
    return rows, header, len(run)


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def table_markdown(rows: list[list[str]]) -> str:
    """Rows as a Markdown pipe table; the first row is the header (Markdown tables always have one)."""
    width = max(len(row) for row in rows)

    def cell(text: str) -> str:
        return re.sub(r"(?<!\\)\|", r"\\|", " ".join(text.split()))

    lines = ["| " + " | ".join(cell(c) for c in row + [""] * (width - len(row))) + " |" for row in rows]
    lines.insert(1, "|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def _table_block(rows: list[list[str]], header: bool, where: str) -> Block:
    return Block("table", table_markdown(rows), where, rows=rows, header=header)


def table_block(rows: list[list[str]], where: str, *, header: bool | None = None) -> Block | None:
    """A table from cells read elsewhere (Word, PDF); header guessed when the source does not say."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return None
    if header is None:
        header = guess_header(rows)
    return _table_block(rows, header, where)


def guess_header(rows: list[list[str]]) -> bool:
    """The first row labels the columns: bold, or short words with no email or number where the rest have some."""
    if len(rows) < 2:
        return False
    first = [cell for cell in rows[0] if cell.strip()]
    if first and all(re.fullmatch(r"\*\*.+\*\*", cell.strip()) for cell in first):
        return True
    labels = all(len(cell.split()) <= 4 and not re.search(r"[@\d]", cell) for cell in first)
    details = any(re.search(r"@|\d{3}", cell) for row in rows[1:] for cell in row)
    return labels and details


