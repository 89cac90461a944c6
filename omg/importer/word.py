"""Reading a Word document (.docx) into blocks (see omg/importer/reading.py for what blocks are).

mammoth turns the document into clean HTML and reads Word's numbering, so a
list bulleted by direct numbering in the Normal style is still a list;
python-docx reads only what mammoth leaves out, the page headers and footers
(where a guide often keeps its review date).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .reading import (MAX_WORD_BYTES, MAX_WORD_PART, MAX_WORD_UNPACKED, Block, Document, UnreadableInput,
                      blocks_from_lines, heading_hints, read_bytes, table_block, tidy)

# Word's Title style is the guide's title; a Subtitle is a strapline the title reader can drop.
_STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p.subtitle:fresh
"""
_DAMAGED = "open it in Word, check it opens, and save it again as .docx."


def read_word(path: Path) -> Document:
    read_bytes(path, MAX_WORD_BYTES)
    _check_archive(path)
    import mammoth

    try:
        with open(path, "rb") as source:
            # Pictures are left out: the importer keeps words, and a picture's bytes are not read at all.
            converted = mammoth.convert_to_html(source, style_map=_STYLE_MAP,
                                                convert_image=mammoth.images.img_element(lambda image: {}))
    except Exception as error:  # mammoth raises many kinds for damaged files
        raise UnreadableInput(f"could not be read as a Word document ({type(error).__name__}).", _DAMAGED) from None
    blocks = _html_blocks(converted.value)
    pictures = converted.value.count("<img")
    if not any(block.text.strip() for block in blocks):
        raise UnreadableInput("is empty: the Word document has no text.",
                              "check it is the right file, and that it was saved with its text.")
    document = Document(blocks)
    if pictures:
        document.notes.append(f"{pictures} picture(s) in the Word document were left out: add any that readers "
                              "need as figures (see the README)")
    furniture = _headers_and_footers(path, document.notes)
    if furniture:
        document.meta["page_furniture"] = furniture
    return document


def _check_archive(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise UnreadableInput("is not a Word document: a .docx file is a zip archive, and this one is not.",
                              "open it in Word and use Save As > Word Document (.docx).")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        parts = []
    if "word/document.xml" not in {part.filename for part in parts}:
        raise UnreadableInput("is a zip archive but not a Word document (it has no word/document.xml).",
                              "open the guide in Word and use Save As > Word Document (.docx).")
    # Sizes are checked before anything is unpacked: a small zip can unpack to gigabytes.
    for part in parts:
        if part.file_size > MAX_WORD_PART and not part.filename.startswith("word/media/"):
            raise UnreadableInput(f"has a part, {part.filename}, that unpacks to {part.file_size:,} bytes, over the "
                                  f"{MAX_WORD_PART:,} byte limit for one part of a guide.",
                                  "check it is the right file; a one-minute guide is a page or two. " + _DAMAGED)
    total = sum(part.file_size for part in parts)
    if total > MAX_WORD_UNPACKED:
        raise UnreadableInput(f"unpacks to {total:,} bytes, over the {MAX_WORD_UNPACKED:,} byte limit for a "
                              "one-minute guide.",
                              "check it is the right file; if it holds large pictures, use Compress Pictures in "
                              "Word, save it, and import it again.")


# The HTML mammoth writes, into blocks ------------------------------------------------------------

def _html_blocks(html: str) -> list[Block]:
    from lxml import html as lxml_html

    if not html.strip():
        return []
    root = lxml_html.fragment_fromstring(html, create_parent="div")
    blocks: list[Block] = []
    for number, element in enumerate(root, start=1):
        where = f"paragraph {number}"
        tag = element.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = " ".join(_inline(element).replace("**", "").split())
            if text:
                blocks.append(Block("heading", text, where, int(tag[1])))
        elif tag in ("ul", "ol"):
            lines = _list_lines(element, 0)
            part = _numbered_part(lines) if tag == "ol" else None
            if part:
                blocks.append(part)
                part.where = where
            elif lines:
                blocks.append(Block("list", "\n".join(lines), where))
        elif tag == "table":
            block = _table(element, where)
            if block:
                blocks.append(block)
        else:
            lines = [line.strip() for line in tidy(_inline(element)).split("\n")]
            found = blocks_from_lines(lines, markdown=False, where=where)
            if "subtitle" in (element.get("class") or "").split():
                for block in found:
                    block.hints = ("subtitle", *block.hints)
            blocks += found
    return blocks


def _numbered_part(lines: list[str]) -> Block | None:
    """Word's numbering on one line in capitals ("3. WHAT TO DO"): a part of the guide, not a list."""
    if len(lines) != 1 or lines[0].startswith(" "):
        return None
    hints = heading_hints(lines[0])
    if "caps" not in hints:
        return None
    # mammoth starts each list at 1, so the part's own number is not known: the words are kept.
    return Block("paragraph", re.sub(r"^\d+\. ", "", lines[0]), "", hints=tuple(dict.fromkeys((*hints, "numbered"))))


def _list_lines(element, level: int) -> list[str]:
    lines = []
    ordered = element.tag == "ol"
    for number, item in enumerate((child for child in element if child.tag == "li"), start=1):
        nested = [child for child in item if child.tag in ("ul", "ol")]
        own = " ".join(tidy(_inline(item, skip=("ul", "ol"))).split())
        if own:
            lines.append("    " * level + (f"{number}. " if ordered else "- ") + own)
        for child in nested:
            lines += _list_lines(child, level + 1 if own else level)
    return lines


def _table(element, where: str) -> Block | None:
    rows, header = [], False
    for index, row in enumerate(element.iter("tr")):
        cells = [child for child in row if child.tag in ("td", "th")]
        if index == 0 and cells and all(cell.tag == "th" for cell in cells):
            header = True  # Word's "Repeat as header row"
        texts = []
        for cell in cells:
            lines = [" ".join(line.split()) for line in tidy(_cell_text(cell)).split("\n")]
            texts.append("\n".join(line for line in lines if line))
        rows.append(texts)
    return table_block(rows, where, header=True if header else None)


def _cell_text(cell) -> str:
    # Each paragraph of a cell on a line of its own; a table inside a cell is read row by row.
    parts = [_inline(child) if child.tag != "table" else "\n".join(" ".join(c.text_content().split())
                                                                    for c in child.iter("tr"))
             for child in cell]
    return "\n".join(parts) if len(cell) else _inline(cell)


def _inline(element, *, skip: tuple[str, ...] = ()) -> str:
    """An element's text as Markdown: bold, italic, web links, line breaks."""
    out = [element.text or ""]
    for child in element:
        if child.tag in skip:
            out.append(child.tail or "")
            continue
        out.append(_inline_child(child))
        out.append(child.tail or "")
    return "".join(out)


def _inline_child(child) -> str:
    tag = child.tag
    if tag == "br":
        return "\n"
    if tag == "img":
        return ""
    inner = _inline(child)
    if tag in ("strong", "b"):
        return _emphasis(inner, "**")
    if tag in ("em", "i"):
        return _emphasis(inner, "*")
    if tag == "a":
        href = child.get("href") or ""
        if href.startswith("#") and not inner.strip("\u2191 "):
            return ""  # a footnote's way back up
        if re.match(r"https?://", href) and inner.strip():
            return f"[{inner.strip()}]({href})"
        return inner
    if tag in ("p", "div"):
        return inner + "\n"
    return inner


def _emphasis(text: str, mark: str) -> str:
    if not text.strip():
        return text
    lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", text, re.DOTALL).groups()
    if "\n" in core:  # emphasis does not cross a line break in Markdown
        return "\n".join(_emphasis(line, mark) for line in core.split("\n"))
    return f"{lead}{mark}{core}{mark}{trail}"


# Page headers and footers ------------------------------------------------------------------------

def _headers_and_footers(path: Path, notes: list[str]) -> list[str]:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
        lines: list[str] = []
        for section in document.sections:
            for part in (section.first_page_header, section.header, section.even_page_header,
                         section.first_page_footer, section.footer, section.even_page_footer):
                if part.is_linked_to_previous:
                    continue
                texts = [p.text for p in part.paragraphs]
                texts += [cell.text for table in part.tables for row in table.rows for cell in row.cells]
                for text in texts:
                    lines += [" ".join(line.split()) for line in tidy(text).split("\n")]
    except Exception as error:  # the body was read; the headers are a bonus
        notes.append(f"the Word headers and footers could not be read ({type(error).__name__}); "
                     "check them for a review date")
        return []
    return list(dict.fromkeys(line for line in lines if line))
