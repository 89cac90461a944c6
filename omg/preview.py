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
from dataclasses import dataclass, field

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

    def __init__(self, problems: list[Problem], *, docs_dir: str):
        self.prefix = docs_dir.rstrip("/") + "/"
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


# Loggers whose INFO lines say nothing an editor acts on: mkdocs-macros' configuration, printed on every
# build, and MkDocs' own "Cleaning site directory" / "Building documentation to ..." steps.
CHATTY_LOGGERS = ("mkdocs.plugins.mkdocs_macros", "mkdocs.commands.build")


def quiet_output() -> None:
    """Shows warnings and errors from those loggers, not their INFO lines; `mkdocs -v` still shows everything."""
    if logging.getLogger("mkdocs").getEffectiveLevel() < logging.INFO:
        return  # --verbose: the developer asked for everything
    for name in CHATTY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
