"""Which files a pull request may add, and where.

MkDocs publishes every file under docs/ as it is: an HTML, XML or SVG file
there is a page with its own scripts, and a `.js` file is allowed by the
security policy's `script-src 'self'`. So docs/ takes an allow-list: Markdown
pages, SVG figures directly in the figures folder (each checked by
omg/figures.py), and the image and document types readers need. Scripts and
stylesheets live under overrides/, which only maintainers change.

A symbolic link publishes whatever it points to, so none is allowed under
docs/ or data/. And a Python file at the project root named like a library
(`yaml.py`, `markdown/`) could be imported in its place by a build started in
that folder, so it is refused by name.
"""

from __future__ import annotations

import importlib.machinery
import os
import sys
from pathlib import Path

from .figures import FIGURES_DIR
from .listing import relative_path
from .problems import Report

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
DOCUMENTS = (".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp")
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
RAW_PAGES = (".html", ".htm", ".xhtml", ".xht", ".shtml")
CODE = (".js", ".mjs", ".cjs", ".css", ".wasm")
_PYTHON = (".py", ".pyc", ".pyw", ".pyd", ".so")
_KINDS = (f"Markdown pages (.md), SVG figures in docs/{FIGURES_DIR}/, images ({', '.join(IMAGES)}) "
          f"and documents ({', '.join(DOCUMENTS)})")
_LINK_FIX = "replace the link with a copy of the file itself, or delete it."


def check_project_files(root: Path, *, docs_dir: Path, data_dir: Path, report: Report) -> None:
    """Report every file under docs/ outside the allow-list, every link under docs/ and data/,
    and every root module named like a library."""
    for path in _walk(docs_dir):
        _check_docs_file(path, relative_path(path, root), path.relative_to(docs_dir).as_posix(), report)
    for path in _walk(data_dir):
        if path.is_symlink():
            report.add(relative_path(path, root), None, "the file is a symbolic link, so the build would read whatever "
                       "it points to.", fix=_LINK_FIX)
    _check_root_modules(root, report)


def _walk(folder: Path) -> list[Path]:
    """Every file and link below `folder` (links to folders are not followed), in a stable order;
    names starting with '.' are skipped, as MkDocs skips them."""
    found: list[Path] = []
    if not folder.is_dir() or folder.is_symlink():
        return found
    for current, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        here = Path(current)
        found += [here / name for name in folders if (here / name).is_symlink()]
        found += [here / name for name in sorted(files) if not name.startswith(".")]
    return sorted(found, key=lambda path: path.parts)


def _check_docs_file(path: Path, shown: str, inside: str, report: Report) -> None:
    suffix = path.suffix
    lower = suffix.lower()
    if path.is_symlink():
        # MkDocs copies what a link points to: a link to ~/.ssh would publish the build machine's keys.
        report.add(shown, None, "the file is a symbolic link, so the site would publish whatever it points to.",
                   fix=_LINK_FIX)
    elif any(ord(char) < 32 or ord(char) == 127 for char in path.name):
        report.add(repr(shown)[1:-1], None, "the file name contains a control character (such as a line break).",
                   fix="rename it using letters, digits and hyphens only.")
    elif suffix in OTHER_MARKDOWN:
        report.add(shown, None, f"the file ending '{suffix}' is not read by the checks.", fix=f"rename it to '{path.stem}.md'.")
    elif lower in RAW_PAGES:
        report.add(shown, None, "an HTML file would be published as it is, without any checks.",
                   fix="write the page in Markdown (.md) instead, or delete the file.")
    elif lower in (".xml", ".xsl", ".xslt", ".svgz"):
        report.add(shown, None, "an XML file would be published as it is, without any checks, and browsers run "
                   "scripts in XML.", fix="write the page in Markdown (.md) instead, or delete the file.")
    elif lower in CODE:
        report.add(shown, None, "scripts and stylesheets are not published from docs/: they would run on every "
                   "page, and no maintainer reviews this folder.",
                   fix="delete the file; a maintainer adds scripts and styles under overrides/assets/.")
    elif suffix != lower and lower in (".md", ".svg", *IMAGES, *DOCUMENTS):
        report.add(shown, None, f"the file ending '{suffix}' must be in lower case.",
                   fix=f"rename it to '{path.stem}{lower}'.")
    elif suffix == ".svg":
        if inside.rpartition("/")[0] != FIGURES_DIR:
            report.add(shown, None, f"an SVG drawing outside docs/{FIGURES_DIR}/ would be published without checks, "
                       "and SVG can carry scripts.",
                       fix=f"move it into docs/{FIGURES_DIR}/ itself (not a folder inside it), where every figure "
                           "is checked and shown in the page.")
    elif suffix not in (".md", *IMAGES, *DOCUMENTS):
        ending = f"ending '{suffix}'" if suffix else "with no ending"
        report.add(shown, None, f"a file {ending} is not published: docs/ holds {_KINDS}.",
                   fix="save it as one of these types, or delete it.")


def _check_root_modules(root: Path, report: Report) -> None:
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    # Libraries are what is found outside this project and outside the checkout omg itself runs from.
    projects = {root.resolve(), Path(__file__).resolve().parents[1]}
    elsewhere = [entry for entry in sys.path if entry and Path(entry).resolve() not in projects]
    for entry in entries:
        if entry.is_dir() and (entry / "__init__.py").exists():
            name, shown = entry.name, f"{entry.name}/__init__.py"
        elif entry.suffix in _PYTHON and entry.is_file():
            name, shown = entry.name.split(".")[0], entry.name
        else:
            continue
        if _is_library(name, elsewhere, entry):
            report.add(shown, None, f"a Python file at the project root named like the installed module '{name}'; "
                       "a command run in this folder could import it in place of the real one.",
                       fix="delete it or rename it; the site's own code lives in omg/, which maintainers review.")


def _is_library(name: str, search: list[str], entry: Path) -> bool:
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    try:
        spec = importlib.machinery.PathFinder.find_spec(name, search)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    # The same files reached by another path (omg/ itself, or linked into a benchmark corpus) shadow nothing.
    places = [spec.origin] if spec.origin else list(spec.submodule_search_locations or [])
    return not any(Path(place).resolve().is_relative_to(entry.resolve()) for place in places)
