"""Figures: SVG drawings in docs/assets/figures/, shown inline in guides.

An editor adds a figure with a plain Markdown image on a line of its own:

    ![The social discipline window](../../assets/figures/social-discipline-window.svg)

The alt text becomes the visible caption. The drawing is put into the page
itself (inline SVG), so its text scales with the reader's settings and its
`<title>` and `<desc>` are read by screen readers. Figures come from pull
requests like guides do, so each SVG is parsed and checked against an
allowlist of drawing elements and attributes (no scripts, styles, links or
outside files), and only the checked tree is written into pages.
"""

from __future__ import annotations

import copy
import posixpath
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from xml.parsers import expat

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .listing import listed, relative_path
from .problems import Report

FIGURES_DIR = "assets/figures"  # under docs/
MAX_BYTES = 200_000
SVG_NS = "http://www.w3.org/2000/svg"

ELEMENTS = frozenset({"svg", "g", "title", "desc", "rect", "circle", "ellipse", "line", "polyline", "polygon",
                      "path", "text", "tspan", "defs", "marker"})
ATTRIBUTES = frozenset({
    "id", "class", "viewBox", "width", "height", "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "rx", "ry", "d", "points", "dx", "dy", "transform", "fill", "fill-opacity", "stroke",
    "stroke-width", "stroke-opacity", "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity",
    "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline", "letter-spacing",
    "marker-start", "marker-end", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "role", "aria-hidden", "focusable",
})
_LOCAL_URL = re.compile(r"url\(\s*#[\w-]+\s*\)")
ALLOWED_FIX = ("draw with shapes, lines and text only (svg, g, rect, circle, line, path, polygon, text...) "
               "and plain attributes such as fill and stroke; no scripts, styles, links or images.")


@dataclass(frozen=True)
class Figure:
    name: str
    path: str              # relative to the project folder, for messages
    title: str
    description: str
    svg: etree.Element     # the checked drawing, without namespaces


def load_figures(docs_dir: Path, *, root: Path, report: Report) -> dict[str, Figure]:
    """Every SVG in docs/assets/figures/, checked; problems go to `report`."""
    folder = docs_dir / FIGURES_DIR
    figures: dict[str, Figure] = {}
    for file in listed(folder, "*.svg"):
        shown = relative_path(file, root)
        figure = _load(file, shown, report)
        if figure:
            figures[file.stem] = figure
    return figures


def _load(file: Path, shown: str, report: Report) -> Figure | None:
    try:
        size = file.stat().st_size
        data = file.read_bytes() if size <= MAX_BYTES else b""
    except OSError as error:
        report.add(shown, None, f"the figure cannot be read ({error.strerror}).", fix="save it again as a plain SVG file.")
        return None
    if size > MAX_BYTES or len(data) > MAX_BYTES:
        report.add(shown, None, f"the figure is {max(size, len(data)):,} bytes, over the limit of {MAX_BYTES:,}.",
                   fix="simplify the drawing, or save it as plain SVG rather than an editor's own format.")
        return None
    try:
        svg = _SvgReader(shown, report).read(data)
    except _Refused:
        return None  # reported: a DTD stops the reading before any entity is expanded
    except expat.ExpatError as error:
        report.add(shown, error.lineno, f"the figure is not well-formed SVG ({expat.ErrorString(error.code)}).",
                   fix="save it again from the drawing program as plain SVG.")
        return None
    if svg is None:
        return None
    ok = True
    if svg.tag != "svg" or not svg.get("viewBox"):
        report.add(shown, 1, "the figure must be an <svg> element with a viewBox.",
                   fix="add viewBox=\"0 0 WIDTH HEIGHT\" to the <svg> element so it can scale.")
        ok = False
    texts = {}
    for name in ("title", "desc"):
        child = svg.find(name)
        texts[name] = " ".join("".join(child.itertext()).split()) if child is not None else ""
        if not texts[name]:
            what = "a short name" if name == "title" else "a description of what the figure shows, for people who cannot see it"
            report.add(shown, 1, f"the figure has no <{name}>.",
                       fix=f"add <{name}> as the first elements inside <svg>, with {what}.")
            ok = False
    if not ok:
        return None
    return Figure(file.stem, shown, texts["title"], texts["desc"], svg)


class _Refused(Exception):
    """Stops expat at once."""


class _SvgReader:
    """Builds an element tree with expat, refusing anything outside the allowlist."""

    def __init__(self, shown: str, report: Report):
        self.shown, self.report, self.ok = shown, report, True
        self.stack: list[etree.Element] = []
        self.root: etree.Element | None = None

    def read(self, data: bytes) -> etree.Element | None:
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.StartDoctypeDeclHandler = self._doctype
        self.parser.EntityDeclHandler = self._doctype
        self.parser.ExternalEntityRefHandler = self._doctype
        self.parser.Parse(data, True)
        return self.root if self.ok else None

    def _problem(self, message: str, fix: str = ALLOWED_FIX) -> None:
        self.ok = False
        self.report.add(self.shown, self.parser.CurrentLineNumber, message, fix=fix)

    def _doctype(self, *args) -> None:
        # Entities nested ten deep make a few hundred bytes expand to gigabytes ("billion laughs"):
        # the reading stops here, at the DOCTYPE, before expat has read a single declaration.
        self._problem("the figure has a DOCTYPE or entity declaration, which is not allowed.",
                      fix="delete the <!DOCTYPE ...> and <!ENTITY ...> lines; plain SVG needs neither.")
        raise _Refused

    def _start(self, name: str, attributes: dict) -> None:
        namespace, _, tag = name.rpartition(" ")
        if namespace not in ("", SVG_NS) or tag not in ELEMENTS:
            self._problem(f"the figure uses <{tag}>, which is not allowed.")
        element = etree.Element(tag)
        for key, value in attributes.items():
            attr_namespace, _, attr = key.rpartition(" ")
            if attr_namespace or attr not in ATTRIBUTES:
                self._problem(f"the figure uses the attribute '{attr}' on <{tag}>, which is not allowed.")
            elif "url(" in value.replace(" ", "").lower() and not _LOCAL_URL.fullmatch(value.strip()):
                self._problem(f"the attribute '{attr}' on <{tag}> points outside the figure ({value}).")
            else:
                element.set(attr, value)
        if self.stack:
            self.stack[-1].append(element)
        else:
            self.root = element
        self.stack.append(element)

    def _end(self, name: str) -> None:
        self.stack.pop()

    def _text(self, data: str) -> None:
        if not self.stack:
            return
        current = self.stack[-1]
        if len(current):
            current[-1].tail = AtomicString((current[-1].tail or "") + data)
        else:
            current.text = AtomicString((current.text or "") + data)


def figure_element(figure: Figure, caption: str) -> etree.Element:
    """<figure> holding the inline drawing, named by its title and described by its desc."""
    svg = copy.deepcopy(figure.svg)
    prefix = f"figure-{figure.name}"
    for element in svg.iter():
        if element.get("id"):
            element.set("id", f"{prefix}-{element.get('id')}")
        for attr in ("marker-start", "marker-end"):
            if element.get(attr):
                element.set(attr, element.get(attr).replace("#", f"#{prefix}-"))
    svg.find("title").set("id", f"{prefix}-title")
    svg.find("desc").set("id", f"{prefix}-desc")
    svg.set("role", "img")
    svg.set("focusable", "false")
    svg.set("aria-labelledby", f"{prefix}-title")
    svg.set("aria-describedby", f"{prefix}-desc")
    holder = etree.Element("figure", {"class": "omg-figure", "id": prefix})
    holder.append(svg)
    figcaption = etree.SubElement(holder, "figcaption")
    figcaption.text = AtomicString(caption or figure.title)
    return holder


class FigureExtension(Extension):
    """Inlines figures; `figures()` gives the checked figures, `page()` the page's path in docs/."""

    def __init__(self, figures: Callable[[], dict[str, Figure]], page: Callable[[], str], **kwargs):
        self.figures, self.page = figures, page
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline Markdown (20) and attr_list (8); before the glossary (6), which leaves drawings alone.
        md.treeprocessors.register(FigureTreeprocessor(md, self.figures, self.page), "omg-figures", 6.5)


class FigureTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, figures: Callable[[], dict[str, Figure]], page: Callable[[], str]):
        super().__init__(md)
        self.figures, self.page = figures, page

    def run(self, root: etree.Element) -> None:
        figures = self.figures() or {}
        if not figures:
            return
        folder = posixpath.dirname(self.page() or "")
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                name = _figure_name(child, folder)
                if name in figures:
                    image = child[0]
                    replacement = figure_element(figures[name], image.get("alt", ""))
                    replacement.tail = child.tail
                    parent[index] = replacement


def _figure_name(element: etree.Element, folder: str) -> str | None:
    """The figure's name when `element` is a paragraph holding only an image of a figure."""
    if element.tag != "p" or len(element) != 1 or (element.text or "").strip() or (element[0].tail or "").strip():
        return None
    image = element[0]
    source = image.get("src", "") if image.tag == "img" else ""
    if "://" in source or not source.endswith(".svg"):
        return None
    target = posixpath.normpath(posixpath.join(folder, source))
    if posixpath.dirname(target) != FIGURES_DIR:
        return None
    return posixpath.basename(target)[:-4]
