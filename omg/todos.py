"""Editors' to-dos: markers left where a person must decide something.

`omg import` writes `[TO DO: what to do]` wherever it could not finish on its
own (an unknown cross-reference, a missing section, a topic to choose).
`omg check`, and so the build, reports every marker left in a guide or a
data file, so nothing half-imported is published.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import yamlfile
from .listing import listed
from .problems import Report

# Editors type these by hand too, so spacing and case are forgiven.
_MARKER_START = re.compile(r"\[\s*TO[ -]?DO\b", re.IGNORECASE)  # begins with a plain '[': quick to search for
_MARKER = re.compile(_MARKER_START.pattern + r"[\s:]*(?P<what>[^\]\n]*)", re.IGNORECASE)
_BARE = re.compile(r"\bTODO\b(?P<what>.*)")  # upper case only: "to do" is ordinary English

FIX = "do what it asks, then delete the whole [TO DO: ...] marker."


def todo(what: str) -> str:
    """The marker for one to-do; `what` must not contain ']' or a new line."""
    return f"[TO DO: {what.replace(']', ')').strip()}]"


def blank_todos(text: str) -> str:
    """`text` with every to-do marker blanked out, lines kept: other checks leave what a marker reported alone."""
    if "TODO" not in text and not _MARKER_START.search(text):
        return text
    blank = lambda match: " " * len(match.group(0))  # noqa: E731
    return _BARE.sub(blank, re.sub(_MARKER.pattern + r"\]?", blank, text, flags=re.IGNORECASE))


def find_todos(text: str) -> list[tuple[int, str]]:
    """(1-based line, what it asks) for every to-do in `text`."""
    found = []
    if "TODO" not in text and not _MARKER_START.search(text):  # a quick look first: almost every file has none
        return found
    for number, line in enumerate(text.split("\n"), start=1):
        matches = list(_MARKER.finditer(line)) or list(_BARE.finditer(line))
        for match in matches:
            what = match.group("what").strip(" :-").rstrip("]").strip()
            found.append((number, _shorten(what) or "(no details given)"))
    return found


def check_todos(path: Path, *, shown: str, report: Report) -> None:
    """Report each to-do in the file at `path` (unreadable files are reported elsewhere)."""
    try:
        text = yamlfile.read_text(path)
    except yamlfile.YamlProblem:
        return
    for line, what in find_todos(text):
        report.add(shown, line, f"an editor's to-do is still here: \"{what}\".", fix=FIX)


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def check_site_todos(root: Path, *, guides_dir: Path, data_dir: Path, report: Report) -> None:
    """Every to-do in a guide (drafts too) or a data file."""
    files = listed(guides_dir, "*.md")
    files += listed(data_dir, "*.yml")
    for file in files:
        check_todos(file, shown=file.relative_to(root).as_posix(), report=report)
