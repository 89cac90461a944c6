"""Reading a PDF into blocks (see omg/importer/reading.py for what blocks are).

pdfplumber gives every word with its place, size and font. From those this
module finds the columns (one or two), the lines and paragraphs in reading
order, headings (larger type) and bold lines, bullets drawn as glyphs, and
words broken with a hyphen at a line's end. Lines repeated at the top or
bottom of the pages (running headers and footers, page numbers) leave the
body for `Document.meta["page_furniture"]`. The lines found are handed to the
same reader as plain text, so lists and headings glued to text are read alike.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .reading import (MAX_PDF_BYTES, MAX_PDF_PAGES, Block, Document, UnreadableInput, blocks_from_lines,
                      guess_header, plain_line, read_bytes, table_markdown, tidy)

# Bullets as PDFs draw them: Word's Symbol and Wingdings bullets land in the private use area.
BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u25cb\u25a1\u25ab\u2023\u2043\u00b7\u27a2\u27a4\u25ba\u25b6\u2713\u2714" \
          "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8\u2219\u2013"
_SUB_BULLETS = "\u25e6\u25cb\u25a1\u25ab\u2013"
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$", re.IGNORECASE)
_MARGIN = 0.1  # the top and bottom tenth of a page, where headers and footers sit
_HEADING_RATIO = 1.15
# Words that start compounds ("well-established"): their hyphen is kept when a line breaks after it.
_COMPOUND_STARTS = set("""well self non co multi cross long short full part high low post pre anti ex inter child
family school evidence solution age one two three four five six seven eight nine ten face follow decision time
out early year day risk trauma community person strength step up on off half cost open fast""".split())
_BROKEN = re.compile(r"(\w+)([-\u2010\u2011\u00ad])$")
_GUTTER = 8  # points: wider than the space between two words
_DAMAGED = ("open it and save or print it again as PDF, import the Word document it was made from, "
            "or copy its text into a .txt file.")


@dataclass
class _Line:
    words: list[dict]
    x0: float = 0
    x1: float = 0
    top: float = 0
    bottom: float = 0
    size: float = 0
    bold: bool = False
    text: str = ""
    role: str = "body"            # "body", "heading" or "furniture"
    level: int = 0
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.words.sort(key=lambda w: w["x0"])
        self.x0 = min(w["x0"] for w in self.words)
        self.x1 = max(w["x1"] for w in self.words)
        self.top = min(w["top"] for w in self.words)
        self.bottom = max(w["bottom"] for w in self.words)
        sizes = Counter()
        bold = 0
        for word in self.words:
            sizes[round(word["size"], 1)] += len(word["text"])
            bold += len(word["text"]) if _BOLD.search(word.get("fontname", "")) else 0
        self.size = sizes.most_common(1)[0][0]
        letters = sum(len(w["text"]) for w in self.words)
        self.bold = bold >= 0.9 * letters
        # Pieces of one word that pdfplumber split (a soft hyphen, a kerned syllable) touch: no space between.
        text = self.words[0]["text"]
        for before, word in zip(self.words, self.words[1:]):
            text += ("" if word["x0"] - before["x1"] < 0.12 * word["size"] else " ") + word["text"]
        self.text = text


def read_pdf(path: Path) -> Document:
    raw = read_bytes(path, MAX_PDF_BYTES)
    if not raw.startswith(b"%PDF-"):
        raise UnreadableInput("is not a PDF: it does not start as a PDF file does.", _DAMAGED)
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise UnreadableInput(f"has {len(pdf.pages)} pages, over the {MAX_PDF_PAGES} page limit for a "
                                      "one-minute guide.", "check it is the right file; a one-minute guide is a "
                                      "page or two.")
            pages = [_page_lines(page) for page in pdf.pages]
            heights = [float(page.height) for page in pdf.pages]
    except UnreadableInput:
        raise
    except Exception as error:  # pdfminer raises many kinds for damaged or locked files
        name = type(error).__name__
        if "Password" in name or "Encrypt" in name:
            raise UnreadableInput("is protected by a password.", "save an unprotected copy, then import that.") from None
        raise UnreadableInput(f"could not be read as a PDF ({name}).", _DAMAGED) from None
    if not any(line for lines in pages for line in lines):
        raise UnreadableInput("has no text to read: it is probably a scanned picture of the page.",
                              "import the Word document it was made from, or type or copy the text into a .txt file.")
    furniture = _mark_furniture(pages, heights)
    _mark_headings([line for lines in pages for line in lines if line.role == "body" and "table" not in line.extra])
    blocks: list[Block] = []
    for number, lines in enumerate(pages, start=1):
        text_lines = _text_lines([line for line in lines if line.role != "furniture"])
        blocks += blocks_from_lines(text_lines, markdown=True, where=f"page {number}")
    document = Document(blocks)
    if furniture:
        document.meta["page_furniture"] = furniture
    return document


# Words into lines, in reading order --------------------------------------------------------------

def _page_lines(page) -> list[_Line]:
    return _with_drawn_bullets(_ordered_lines(page), page)


def _ordered_lines(page) -> list[_Line]:
    words = page.extract_words(extra_attrs=["size", "fontname"], keep_blank_chars=False, use_text_flow=False)
    words = [w for w in words if w["text"].strip()]
    tables = _tables(page, words)
    if not words and not tables:
        return []
    gutter = _gutter(words, page.width) if words else None
    lines = sorted(_lines(words) + tables, key=lambda line: line.top)
    if gutter is None:
        return lines
    # Lines that cross the gutter (a title across both columns) split the page into bands;
    # in each band the left column is read before the right.
    ordered: list[_Line] = []
    band: list[_Line] = []

    def flush():
        text = [line for line in band if "table" not in line.extra]
        left = [w for line in text for w in line.words if w["x1"] <= gutter]
        right = [w for line in text for w in line.words if w["x0"] >= gutter]
        in_left = [line for line in band if "table" in line.extra and line.x1 <= gutter]
        in_right = [line for line in band if "table" in line.extra and line.x1 > gutter]
        ordered.extend(sorted(_lines(left) + in_left, key=lambda line: line.top)
                       + sorted(_lines(right) + in_right, key=lambda line: line.top))
        band.clear()

    for line in lines:
        if any(w["x0"] < gutter < w["x1"] for w in line.words):
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def _with_drawn_bullets(lines: list[_Line], page) -> list[_Line]:
    """Bullets drawn as small shapes (Chromium's list discs, some designers' squares), not as glyphs:
    each marks the line it sits to the left of."""
    marks = [shape for shape in [*page.curves, *page.rects]
             if shape["width"] <= 7 and shape["height"] <= 7 and abs(shape["width"] - shape["height"]) <= 2]
    for line in lines:
        if "table" in line.extra:
            continue
        middle = (line.top + line.bottom) / 2
        for mark in marks:
            if mark["top"] - 1 <= middle <= mark["bottom"] + 1 or line.top <= (mark["top"] + mark["bottom"]) / 2 <= line.bottom:
                if mark["x1"] <= line.x0 and line.x0 - mark["x1"] < 2 * line.size:
                    line.extra["bullet_at"] = mark["x0"]
                    break
    return lines


def _tables(page, words: list[dict]) -> list[_Line]:
    """Ruled tables, each as one line holding its rows; their words leave the running text."""
    found = []
    for table in page.find_tables():
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        rows = [row for row in rows if any(row)]
        if len(rows) < 2 or max(len(row) for row in rows) < 2:
            continue
        x0, top, x1, bottom = table.bbox
        inside = [w for w in words if x0 - 1 <= w["x0"] and w["x1"] <= x1 + 1 and top - 1 <= w["top"]
                  and w["bottom"] <= bottom + 1]
        if not inside:
            continue
        bold = all(_BOLD.search(w.get("fontname", "")) for w in inside if w["top"] < inside[0]["bottom"])
        words[:] = [w for w in words if w not in inside]
        line = _Line([{**w, "text": "|"} for w in inside[:1]])
        line.x0, line.x1, line.top, line.bottom = x0, x1, top, bottom
        line.extra["table"] = (rows, bold)
        found.append(line)
    return found


def _gutter(words: list[dict], width: float) -> float | None:
    """The x of a clear gap between two columns, or None for one column.

    A gutter is a band, wider than a space between words, that few rows of
    text cross while plenty of words sit on each side of it, level with each
    other; in one column of text almost every row crosses any such band.
    """
    rows = _lines(words)
    best, best_crossing = None, len(rows)
    for step in range(int(width * 0.3), int(width * 0.7), 2):
        low, high = step - _GUTTER / 2, step + _GUTTER / 2
        crossing = sum(1 for row in rows if any(w["x0"] < high and w["x1"] > low for w in row.words))
        left = [w for w in words if w["x1"] <= low]
        right = [w for w in words if w["x0"] >= high]
        if min(len(left), len(right)) < 0.2 * len(words) or crossing > 0.2 * len(rows):
            continue
        level = {round(w["top"] / 6) for w in left} & {round(w["top"] / 6) for w in right}
        if len(level) >= 3 and crossing < best_crossing:
            best, best_crossing = float(step), crossing
    return best


def _lines(words: list[dict]) -> list[_Line]:
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 0), w["x0"])):
        for line in reversed(lines[-3:]):
            first = line[0]
            if abs(word["top"] - first["top"]) <= 0.4 * max(word["size"], first["size"]) or \
                    abs(word["bottom"] - first["bottom"]) <= 0.25 * max(word["size"], first["size"]):
                line.append(word)
                break
        else:
            lines.append([word])
    built = [_Line(line) for line in lines]
    return sorted(built, key=lambda line: line.top)


# Headers, footers and headings -------------------------------------------------------------------

def _mark_furniture(pages: list[list[_Line]], heights: list[float]) -> list[str]:
    """Mark the running headers and footers of the pages, and page numbers; return their text.

    Read from each edge of the page inwards: a line in the margin is furniture when it is a
    page number, or stands apart from the text (a gap wider than a blank line) and either
    repeats at the same height on other pages or is in smaller type than the text.
    """
    def key(line: _Line) -> tuple[str, int]:
        # The same words at the same height on each page; the page number may change.
        return re.sub(r"\d+", "#", line.text.casefold()), round(line.top / 6)

    seen = Counter(key(line) for lines in pages for line in lines)
    furniture: list[str] = []
    for lines, height in zip(pages, heights):
        body = _body_size(lines)
        ordered = sorted(lines, key=lambda line: line.top)
        for edge in (ordered, ordered[::-1]):
            for index, line in enumerate(edge):
                inner = edge[index + 1] if index + 1 < len(edge) else None
                in_margin = line.top < _MARGIN * height or line.bottom > (1 - _MARGIN) * height
                gap = abs(inner.top - line.bottom) if inner and edge is ordered else \
                    abs(line.top - inner.bottom) if inner else 0
                apart = gap > 1.2 * body and (seen[key(line)] > 1 or line.size < body)
                if not in_margin or "table" in line.extra or not (_PAGE_NUMBER.match(line.text) or apart):
                    break
                if line.role != "furniture" and not _PAGE_NUMBER.match(line.text):
                    furniture.append(" ".join(tidy(line.text).split()))
                line.role = "furniture"
    return list(dict.fromkeys(furniture))


def _body_size(lines: list[_Line]) -> float:
    sizes = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0


def _mark_headings(lines: list[_Line]) -> None:
    body = _body_size(lines)
    if not body:
        return
    larger = sorted({line.size for line in lines if line.size >= body * _HEADING_RATIO and len(line.text.split()) <= 15},
                    reverse=True)
    for line in lines:
        if line.size in larger and len(line.text.split()) <= 15:
            line.role, line.level = "heading", min(larger.index(line.size) + 1, 6)


# Lines into the text the plain-text reader reads -------------------------------------------------

def _text_lines(lines: list[_Line]) -> list[str]:
    """One string a line; a blank string between paragraphs; '#'s before headings; '**' round bold lines;
    bullets as "•" indented by level; an item's continuation lines indented under it."""
    out: list[str] = []
    gaps = [(b.top - a.bottom) / b.size for a, b in zip(lines, lines[1:])
            if a.role == b.role == "body" and b.top > a.bottom and "table" not in a.extra | b.extra]
    # The usual gap between lines of a paragraph, as a share of the type size; capped, so that a
    # document whose every paragraph is one line still shows where paragraphs break.
    usual_gap = min(statistics.median(gaps) if gaps else 0.2, 0.5)
    bullet_xs: list[float] = []      # where each level of the list being read puts its bullets
    item_text_x: float | None = None
    previous: _Line | None = None
    for line in lines:
        if "table" in line.extra:
            rows, bold = line.extra["table"]
            out += ["", *_pipe_rows(rows, header=bold or guess_header(rows)), ""]
            bullet_xs, item_text_x, previous = [], None, None
            continue
        glyph = _bullet(line.text) or ("\u2022" if "bullet_at" in line.extra else "")
        new_block = previous is None or previous.role != line.role or line.bold != previous.bold or \
            line.top - previous.bottom > (usual_gap + 0.45) * line.size or line.top < previous.top  # or a new column
        if line.role == "heading":
            wrapped = previous is not None and previous.role == "heading" and previous.level == line.level and \
                0 <= line.top - previous.bottom < 0.5 * line.size
            if wrapped:
                out[-2] += " " + line.text  # a heading on two lines
            else:
                out += ["", "#" * line.level + " " + line.text, ""]
            bullet_xs, item_text_x = [], None
        elif glyph:
            drawn = "bullet_at" in line.extra
            level = _level(line.extra["bullet_at"] if drawn else line.x0, bullet_xs)
            rest = line.text if drawn else line.text[len(glyph):].strip()
            out.append("    " * level + ("◦ " if glyph in _SUB_BULLETS and level else "• ") + rest)
            following = line.words if drawn else [w for w in line.words if w["text"] != glyph]
            item_text_x = following[0]["x0"] if following else line.x0
        elif item_text_x is not None and not new_block and line.x0 >= item_text_x - 2:
            out.append("    " * len(bullet_xs) + "  " + line.text)  # an item's text wrapping onto the next line
        else:
            if new_block:
                out.append("")
            bullet_xs, item_text_x = [], None
            out.append(f"**{line.text}**" if line.bold else plain_line(line.text))
        previous = line
    return _join_hyphenated(out)


def _pipe_rows(rows: list[list[str]], *, header: bool) -> list[str]:
    """A table as the plain-text reader reads one: framed rows, a rule under a header row."""
    lines = table_markdown(rows).split("\n")
    return lines if header else [lines[0], *lines[2:]]


def _bullet(text: str) -> str:
    first = text[:1]
    # An en dash starts a bullet only when a space follows; other glyphs may touch the text.
    if first in BULLETS and (first != "\u2013" or text[1:2].isspace()):
        return first
    return ""


def _level(x: float, bullet_xs: list[float]) -> int:
    for index, known in enumerate(bullet_xs):
        if abs(known - x) <= 4:
            del bullet_xs[index + 1:]
            return index
    bullet_xs[:] = [known for known in bullet_xs if known < x] + [x]
    return len(bullet_xs) - 1


def _join_hyphenated(lines: list[str]) -> list[str]:
    """'safe-' at a line's end and 'guarding' at the next line's start: one word again.
    A compound's hyphen ('well-' 'established') stays, and the word still joins its first half."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        broken = _BROKEN.search(out[-1]) if out and not out[-1].startswith("#") else None
        if broken and re.match(r"[a-z]", stripped):
            first, _, rest = stripped.partition(" ")
            keep = broken.group(1).lower() in _COMPOUND_STARTS
            out[-1] = out[-1][: broken.start(2)] + ("-" if keep else "") + first
            if not rest:
                continue
            line = line[: len(line) - len(line.lstrip())] + rest
        out.append(line)
    return out
