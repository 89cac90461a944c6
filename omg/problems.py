"""Problems found in guides and data, reported to editors all at once.

Every problem names the file (relative to the repository), the line or
field, what was found and how to fix it. Checks collect problems into a
`Report` and the caller fails once at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""
    field: str | None = None
    # A problem readers can live with in a preview but a published site must not have (a bare
    # acronym): `omg check`, the pull-request check and a release build refuse it; a plain build
    # builds and lists it, so a partnership's existing guides can be built and searched first.
    release_only: bool = False

    def __str__(self) -> str:
        return f"{self._where()}: {self._what()}"

    def _where(self) -> str:
        path = printable(self.path)
        return path if self.line is None else f"{path}:{self.line}"

    def _what(self) -> str:
        what = f"{self.field}: {self.message}" if self.field else self.message
        return what + (f" Fix: {self.fix}" if self.fix else "")

    def github_annotation(self) -> str:
        """One GitHub Actions workflow command, shown on the pull request line.

        A file name or message can hold any character, so each part is escaped as GitHub's
        workflow commands require: a newline must not start a command of its own.
        """
        location = f"file={_command_property(self.path)}" + (f",line={self.line}" if self.line else "")
        text = _command_message(self._what())
        return f"::error {location},title=One Minute Guides check::{text}"


def printable(text: str) -> str:
    """`text` on one line: control and other unprintable characters shown as escapes, so a file name
    or a value cannot start a line of its own in a report or a log."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\x{ord(char):02x}" if ord(char) < 256
                   else f"\\u{ord(char):04x}" for char in text)


def _command_message(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_message(text).replace(":", "%3A").replace(",", "%2C")


class GuideError(Exception):
    """Raised with every problem found, after a whole run has been checked."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} found in the guides:"]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: str, line: int | None, message: str, *, fix: str = "",
            field: str | None = None, release_only: bool = False) -> None:
        self.problems.append(Problem(path, line, message, fix, field, release_only))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise GuideError(sorted(self.problems, key=_order))


def _order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.message)


def closest(word: str, choices, *, hint: str = "") -> str:
    """A 'Did you mean ...?' sentence, or the hint when nothing is close."""
    import difflib

    matches = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    if matches:
        return f"did you mean '{matches[0]}'?"
    return hint
