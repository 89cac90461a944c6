"""The preview (`make serve`): every problem shown on its page, never a stopped server.

The strict build refuses any problem found by `check_corpus`. The preview runs
the same check but keeps going: each problem is listed on the page of the file
it is in (in the words `omg check` uses), problems in data files and settings
are listed on every page, and a page that cannot be rendered at all shows its
problems in its place. Plain Python: the plugin (omg/mkdocs_plugin.py) asks it
what each page shows, and the partial overrides/partials/omg-problems.html renders it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem


@dataclass(frozen=True)
class ProblemView:
    where: str    # 'docs/guides/x.md:12', as `omg check` names it
    line: int | None
    what: str     # the message, with its field first as `omg check` writes it
    fix: str


@dataclass(frozen=True)
class PageProblems:
    """What the problems partial shows on one page."""
    page: list[ProblemView] = field(default_factory=list)  # in the page's own file
    site: list[ProblemView] = field(default_factory=list)  # in data files and settings: every page shows them
    unrendered: bool = False  # the page could not be rendered; its problems stand in its place
    file: str = ""            # the page's file, relative to the repository

    @property
    def count(self) -> int:
        return len(self.page) + len(self.site)


def _view(problem: Problem) -> ProblemView:
    where = problem.path if problem.line is None else f"{problem.path}:{problem.line}"
    what = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return ProblemView(where, problem.line, what, problem.fix)


class Preview:
    """The problems of one preview build, sorted by the file they are in."""

    def __init__(self, problems: list[Problem], *, docs_dir: str, root: Path | None = None):
        self.prefix = docs_dir.rstrip("/") + "/"
        self.root = root  # the project folder, to find the line of a broken link
        self.problems: list[Problem] = []
        self.by_page: dict[str, list[Problem]] = {}   # src path under docs/ -> its problems
        self.site: list[Problem] = []
        self.unrendered: set[str] = set()  # pages shown as their problems only
        self.add(problems)

    def add(self, problems: list[Problem]) -> None:
        """Also problems found after the corpus was checked (such as a page at a generated page's address)."""
        self.problems = sorted([*self.problems, *problems], key=lambda p: (p.path, p.line or 0, p.message))
        self.by_page, self.site = {}, []
        for problem in self.problems:
            if problem.path.startswith(self.prefix) and problem.path.endswith(".md"):
                self.by_page.setdefault(problem.path[len(self.prefix):], []).append(problem)
            else:
                self.site.append(problem)

    def add_link_problem(self, src_path: str | None, message: str) -> None:
        """One of MkDocs' own link checks, in its words, kept for the page it names (once a build)."""
        if any(problem.message == message for problem in self.problems):
            return  # MkDocs checks anchors again after the pages are written
        if src_path is None:
            self.add([Problem("mkdocs.yml", None, message, fix=LINK_FIX)])
            return
        self.add([Problem(f"{self.prefix}{src_path}", self._line_of_link(src_path, message), message, fix=LINK_FIX)])

    def _line_of_link(self, src_path: str, message: str) -> int | None:
        quoted = re.search(r"contains a link '([^']+)'", message)
        if not quoted or self.root is None:
            return None
        try:
            lines = (self.root / self.prefix / src_path).read_text(encoding="utf-8-sig").split("\n")
        except OSError:
            return None
        return next((number for number, text in enumerate(lines, start=1) if f"({quoted.group(1)}" in text), None)

    def mark_unrendered(self, src_path: str) -> None:
        self.unrendered.add(src_path)

    def for_page(self, src_path: str) -> PageProblems | None:
        own = self.by_page.get(src_path, [])
        unrendered = src_path in self.unrendered
        if not own and not self.site and not unrendered:
            return None
        return PageProblems([_view(p) for p in own], [_view(p) for p in self.site], unrendered,
                            f"{self.prefix}{src_path}")

    def fingerprint(self, src_path: str | None = None) -> str:
        """A digest of the problems a page shows (`src_path`), or of those every page shows (None)."""
        shown = self.site if src_path is None else self.by_page.get(src_path, [])
        return hashlib.sha256(repr(shown).encode()).hexdigest()

    def summary(self) -> str:
        """What the terminal shows after each preview build."""
        if not self.problems:
            return ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} found; each is shown on its page in the preview, "
                 "and the published build (make build) refuses them until they are fixed:"]
        return "\n".join(lines + [f"  - {problem}" for problem in self.problems])


LINK_FIX = "correct the address, or the heading it points to; a link to another guide is best written {{ guide(\"slug\") }}."


class LinkWarnings(logging.Filter):
    """MkDocs' link and anchor checks, during a preview build: listed on the page they are about.

    They still fail the build (`make build`, CI) as warnings under `strict`; in the preview they
    would stop the server at start-up, so they join the page's problems instead (`page`: the page
    MkDocs is rendering or checking when it warns)."""

    def __init__(self):
        super().__init__()
        self.preview: Preview | None = None
        self.page: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if self.preview is None or record.levelno < logging.WARNING:
            return True
        self.preview.add_link_problem(self.page, record.getMessage())
        return False


LINK_WARNINGS = LinkWarnings()
logging.getLogger("mkdocs.structure.pages").addFilter(LINK_WARNINGS)


def check_anchors_before_writing(files, *, level: int) -> None:
    """MkDocs checks links to headings after writing the pages (`files`: MkDocs' own); the preview
    checks them first too, so each page lists its own broken '#heading' links (LINK_WARNINGS)."""
    for file in files.documentation_pages():
        if file.page is not None and file.page.present_anchor_ids is not None:
            LINK_WARNINGS.page = file.src_uri
            file.page.validate_anchor_links(files=files, log_level=level)
    LINK_WARNINGS.page = None


def readable(path: str | None) -> bool:
    """Whether MkDocs can read the page at `path` as UTF-8; the check has reported it if not."""
    if path is None:
        return True  # a generated page
    try:
        Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return False
    return True


# Loggers whose INFO lines say nothing an editor acts on: mkdocs-macros' configuration, printed on every
# build, and MkDocs' own "Cleaning site directory" / "Building documentation to ..." steps.
CHATTY_LOGGERS = ("mkdocs.plugins.mkdocs_macros", "mkdocs.commands.build")


def quiet_output() -> None:
    """Shows warnings and errors from those loggers, not their INFO lines; `mkdocs -v` still shows everything."""
    if logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
        return  # --verbose: the developer asked for everything
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
