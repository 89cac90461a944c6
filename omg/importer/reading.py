"""Reading a guide to import: plain text, Markdown or Word (.docx) into blocks.

Every reader gives the same thing, a list of `Block`s (headings, paragraphs,
lists) with Markdown emphasis, so the rest of the importer does not care
where a guide came from. An input that cannot be read raises
`UnreadableInput` with what was found and the fix, in an editor's words.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

MAX_TEXT_BYTES = 1_000_000   # a one-minute guide is a few kilobytes of text
MAX_WORD_BYTES = 20_000_000  # Word files carry images and fonts
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
WORD_SUFFIXES = (".docx",)
READABLE = "plain text (.txt), Markdown (.md) or Word (.docx)"


class UnreadableInput(Exception):
    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message, self.fix = message, fix


@dataclass
class Block:
    kind: str          # "heading", "paragraph", "list", or "subheading" (a heading that is not a section)
    text: str          # Markdown; lines of a list start with "- " or "1. "
    where: str         # "line 5" or "paragraph 5", for the import report
    level: int = 0     # a heading's level, from Markdown '#'s or a Word heading style


@dataclass
class Document:
    blocks: list[Block]
    meta: dict = field(default_factory=dict)  # title/summary from Markdown front matter
    notes: list[str] = field(default_factory=list)


def plain_line(text: str) -> str:
    """Text that starts with '#' but is not a heading, escaped so Markdown does not make it one."""
    return re.sub(r"^#", r"\\#", text)


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if suffix in WORD_SUFFIXES:
        return _read_word(path)
    if suffix in TEXT_SUFFIXES or suffix in MARKDOWN_SUFFIXES:
        text, notes = _read_text(path)
        document = _text_document(text, markdown=suffix in MARKDOWN_SUFFIXES)
        document.notes[:0] = notes
        return document
    raise UnreadableInput(*_unsupported(suffix))


def _unsupported(suffix: str) -> tuple[str, str]:
    if suffix == ".doc":
        return ("is an old-style Word document (.doc), which cannot be read.",
                "open it in Word and use Save As > Word Document (.docx), then import the .docx.")
    if suffix == ".pdf":
        return ("is a PDF, which cannot be read.",
                "copy its text into a .txt file, or import the Word document it was made from.")
    return (f"is not a kind of file omg import reads ('{suffix or 'no extension'}').",
            f"save the guide as {READABLE}.")


def _raw(path: Path, limit: int) -> bytes:
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
    raw = _raw(path, MAX_TEXT_BYTES)
    if raw.startswith(b"PK\x03\x04"):
        raise UnreadableInput("is a zip or Word file, not text.",
                              "if it is a Word document, give it the .docx extension; otherwise save it as text.")
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
    text = _tidy(text)
    if controls > max(2, len(text) // 100):
        raise UnreadableInput("is a binary file, not text.", f"save the guide as {READABLE}.")
    if not text.strip():
        raise UnreadableInput("is empty.", "check it is the right file, and that it was saved with its text.")
    return text, notes


def _tidy(text: str) -> str:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u00ad", "").replace("\t", " ")
    # Word writes manual line and page breaks as \v and \f; other control characters break YAML.
    text = re.sub(r"[\x0b\x0c\u2028\u2029]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]", "", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+\u2022\u25e6\u25aa\u2023\u2043\u00b7]|\d+[.)])\s+")


def _text_document(text: str, *, markdown: bool) -> Document:
    meta, text, offset = _front_matter(text) if markdown else ({}, text, 0)
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []

    def flush():
        if group:
            blocks.extend(_group_blocks(group))
            group.clear()

    for number, line in enumerate(text.split("\n"), start=1 + offset):
        heading = _MD_HEADING.match(line) if markdown else None
        if heading:
            flush()
            blocks.append(Block("heading", heading.group(2), f"line {number}", len(heading.group(1))))
        elif line.strip():
            group.append((number, line.strip()))
        else:
            flush()
    flush()
    return Document(blocks, meta)


def _group_blocks(group: list[tuple[int, str]]) -> list[Block]:
    """One blank-line-separated group of lines: a paragraph, or a list."""
    first = group[0][0]
    if all(_BULLET.match(line) for _, line in group):
        items = [_list_item(line) for _, line in group]
        return [Block("list", "\n".join(items), f"line {first}")]
    return [Block("paragraph", "\n".join(line for _, line in group), f"line {first}")]


def _list_item(line: str) -> str:
    numbered = re.match(r"^\s*(\d+)[.)]\s+", line)
    return (f"{numbered.group(1)}. " if numbered else "- ") + _BULLET.sub("", line, count=1)


# Front-matter keys the importer uses: the title, the summary and the source's dates.
FRONT_MATTER_KEYS = ("title", "summary", "review_date", "review_due", "next_review", "next_review_date",
                     "last_reviewed", "reviewed", "date_reviewed", "published", "date_published", "publication_date",
                     "date", "updated", "last_updated")


def _front_matter(text: str) -> tuple[dict, str, int]:
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
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        meta = None
    rest = text[end + 4:]
    lines_before = text[: end + 4].count("\n")
    keep = {k: v for k, v in meta.items() if k in FRONT_MATTER_KEYS and isinstance(v, (str, dt.date))} \
        if isinstance(meta, dict) else {}
    return keep, rest, lines_before


# Word ------------------------------------------------------------------------------------------

def _read_word(path: Path) -> Document:
    _raw(path, MAX_WORD_BYTES)
    if not zipfile.is_zipfile(path):
        raise UnreadableInput("is not a Word document: a .docx file is a zip archive, and this one is not.",
                              "open it in Word and use Save As > Word Document (.docx).")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        names = set()
    if "word/document.xml" not in names:
        raise UnreadableInput("is a zip archive but not a Word document (it has no word/document.xml).",
                              "open the guide in Word and use Save As > Word Document (.docx).")
    import docx  # python-docx; imported here so the site build does not need it

    try:
        document = docx.Document(str(path))
        blocks = list(_word_blocks(document))
    except Exception as error:  # python-docx raises many kinds for damaged files
        raise UnreadableInput(f"could not be read as a Word document ({type(error).__name__}).",
                              "open it in Word, check it opens, and save it again as .docx.") from None
    if not any(block.text.strip() for block in blocks):
        raise UnreadableInput("is empty: the Word document has no text.",
                              "check it is the right file, and that it was saved with its text.")
    return Document(blocks)


def _word_blocks(document):
    from docx.table import Table

    number = 0
    pending_list: list[str] = []
    list_where = ""
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                number += 1
                cells = list(dict.fromkeys(_tidy(cell.text).strip() for cell in row.cells))  # merged cells repeat
                text = " - ".join(cell for cell in cells if cell)
                if text:
                    yield Block("paragraph", text, f"table row {number}")
            continue
        number += 1
        style = (item.style.name if item.style is not None else "") or ""
        text = _tidy(_runs_markdown(item)).strip()
        if style.lower().startswith("list") and text:
            if not pending_list:
                list_where = f"paragraph {number}"
            marker = "1. " if "number" in style.lower() else "- "
            pending_list.append(marker + text)
            continue
        if pending_list:
            yield Block("list", "\n".join(pending_list), list_where)
            pending_list = []
        if not text:
            continue
        level = _heading_level(style)
        if level:
            yield Block("heading", text.replace("**", ""), f"paragraph {number}", level)
        else:
            # A bold line may be a heading too (many Word guides bold a line instead of
            # using a heading style); the section mapping decides, as for plain text.
            yield Block("paragraph", text, f"paragraph {number}")
    if pending_list:
        yield Block("list", "\n".join(pending_list), list_where)


def _heading_level(style: str) -> int:
    if style.lower() == "title":
        return 1
    match = re.match(r"heading\s*(\d)", style, re.IGNORECASE)
    return int(match.group(1)) if match else 0


def _runs_markdown(paragraph) -> str:
    """The paragraph's text with bold and italic as Markdown, and web links as [text](url)."""
    from docx.text.hyperlink import Hyperlink

    # Word splits one bold phrase into several runs; join runs of the same look first.
    pieces: list[list] = []  # [text, bold, italic] or [markdown, None, None] for a link
    for item in paragraph.iter_inner_content():
        if isinstance(item, Hyperlink):
            url = item.url
            link = f"[{item.text}]({url})" if url and item.text.strip() and not url.startswith("mailto:") else item.text
            pieces.append([link, None, None])
            continue
        look = [bool(item.bold), bool(item.italic)]
        if pieces and pieces[-1][1:] == look:
            pieces[-1][0] += item.text
        else:
            pieces.append([item.text, *look])
    return "".join(text if bold is None else _emphasis(text, bold=bold, italic=italic)
                   for text, bold, italic in pieces)


def _emphasis(text: str, *, bold: bool, italic: bool) -> str:
    if not text.strip() or not (bold or italic):
        return text
    mark = ("**" if bold else "") + ("*" if italic else "")
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.DOTALL).groups()
    return f"{lead}{mark}{core}{mark[::-1]}{trail}"
