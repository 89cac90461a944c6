"""What the accessibility statement says that is not prose: known issues, status, testing.

docs/accessibility.md stays editable Markdown and calls the macros made here,
so the parts the regulations ask for come from data and cannot drift:
- known issues (data/accessibility.yml), each with its WCAG 2.2 success
  criterion and the date it will be fixed by;
- the compliance status, worked out from those issues;
- who to contact and how soon they reply (data/site.yml, omg/identity.py);
- when the site was last tested: the day the browser checks last all passed,
  from the record the browser test suite writes (never a date typed by hand).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .datafile import load_entries
from .identity import Identity
from .problems import Report
from .reviews import long_date
from .schema import Field

RECORD = Path(".checks") / "browser.json"  # written by tests/browser/conftest.py when every check passes
RUN_CHECKS = "OMG_REQUIRE_BROWSER=1 .venv/bin/python -m pytest tests/browser"

# WCAG 2.2 success criteria at levels A and AA: the standard the regulations refer to.
WCAG_22_AA = {
    "1.1.1": "Non-text content", "1.2.1": "Audio-only and video-only (prerecorded)", "1.2.2": "Captions (prerecorded)",
    "1.2.3": "Audio description or media alternative (prerecorded)", "1.2.4": "Captions (live)",
    "1.2.5": "Audio description (prerecorded)", "1.3.1": "Info and relationships", "1.3.2": "Meaningful sequence",
    "1.3.3": "Sensory characteristics", "1.3.4": "Orientation", "1.3.5": "Identify input purpose",
    "1.4.1": "Use of colour", "1.4.2": "Audio control", "1.4.3": "Contrast (minimum)", "1.4.4": "Resize text",
    "1.4.5": "Images of text", "1.4.10": "Reflow", "1.4.11": "Non-text contrast", "1.4.12": "Text spacing",
    "1.4.13": "Content on hover or focus", "2.1.1": "Keyboard", "2.1.2": "No keyboard trap",
    "2.1.4": "Character key shortcuts", "2.2.1": "Timing adjustable", "2.2.2": "Pause, stop, hide",
    "2.3.1": "Three flashes or below threshold", "2.4.1": "Bypass blocks", "2.4.2": "Page titled",
    "2.4.3": "Focus order", "2.4.4": "Link purpose (in context)", "2.4.5": "Multiple ways",
    "2.4.6": "Headings and labels", "2.4.7": "Focus visible", "2.4.11": "Focus not obscured (minimum)",
    "2.5.1": "Pointer gestures", "2.5.2": "Pointer cancellation", "2.5.3": "Label in name", "2.5.4": "Motion actuation",
    "2.5.7": "Dragging movements", "2.5.8": "Target size (minimum)", "3.1.1": "Language of page",
    "3.1.2": "Language of parts", "3.2.1": "On focus", "3.2.2": "On input", "3.2.3": "Consistent navigation",
    "3.2.4": "Consistent identification", "3.2.6": "Consistent help", "3.3.1": "Error identification",
    "3.3.2": "Labels or instructions", "3.3.3": "Error suggestion", "3.3.4": "Error prevention (legal, financial, data)",
    "3.3.7": "Redundant entry", "3.3.8": "Accessible authentication (minimum)", "4.1.2": "Name, role, value",
    "4.1.3": "Status messages",
}

FIELDS = {
    "id": Field("slug", required=True, help="a short id for the issue, such as 'search-announcements'"),
    "problem": Field("text", required=True, help="what does not work, for whom, in plain words"),
    "criterion": Field("text", required=True, help="the WCAG 2.2 success criterion it fails, such as '4.1.3'"),
    "fix_by": Field("date", required=True, help="the date we plan to fix it by, YYYY-MM-DD"),
}


@dataclass(frozen=True)
class KnownIssue:
    id: str
    problem: str
    criterion: str
    fix_by: dt.date

    @property
    def criterion_name(self) -> str:
        return WCAG_22_AA[self.criterion]


def load_known_issues(path: Path, *, report: Report, root: Path) -> list[KnownIssue]:
    entries = load_entries(path, key="known_issues", fields=FIELDS, report=report, root=root) if path.exists() else {}
    issues = []
    for entry in entries.values():
        line, _ = entry.pop("_line"), entry.pop("_given")
        criterion = str(entry["criterion"]).strip()
        if criterion not in WCAG_22_AA:
            report.add(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path), line,
                       f"'{criterion}' is not a WCAG 2.2 level A or AA success criterion.",
                       fix="write its number as in https://www.w3.org/TR/WCAG22/, such as '1.4.3' or '4.1.3'.",
                       field="criterion")
            continue
        issues.append(KnownIssue(**{**entry, "criterion": criterion}))
    return sorted(issues, key=lambda issue: (issue.fix_by, issue.id))


# --- The browser-check record ----------------------------------------------------------------

@dataclass(frozen=True)
class CheckRecord:
    passed_on: dt.date
    commit: str | None  # the commit the checks ran on; None outside git
    dirty: bool         # tracked files had changes the commit does not hold
    tests: int
    browser: str


def git_state(root: Path) -> tuple[str | None, bool]:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=30)
        status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=root,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None, False
    if commit.returncode != 0:
        return None, False
    return commit.stdout.strip(), bool(status.stdout.strip())


def write_record(root: Path, *, tests: int, browser: str, today: dt.date) -> Path:
    commit, dirty = git_state(root)
    path = root / RECORD
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"passed_on": today.isoformat(), "commit": commit, "dirty": dirty, "tests": tests, "browser": browser}
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


def read_record(root: Path) -> CheckRecord | None:
    try:
        data = json.loads((root / RECORD).read_text(encoding="utf-8"))
        return CheckRecord(dt.date.fromisoformat(data["passed_on"]), data.get("commit"), bool(data.get("dirty")),
                           int(data["tests"]), str(data["browser"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_problems(root: Path, *, report: Report) -> None:
    """A release states when it was tested: the browser checks must have passed on this very commit."""
    record = read_record(root)
    if record is None:
        report.add(RECORD.as_posix(), None, "there is no record that the browser checks passed, so the accessibility "
                   "statement cannot say when the site was last tested.", fix=f"run `{RUN_CHECKS}` first.")
        return
    commit, _ = git_state(root)
    if record.dirty or (commit and record.commit != commit):
        ran_on = f"commit {record.commit[:12]}" if record.commit else "files outside git"
        ran_on += " with uncommitted changes" if record.dirty else ""
        report.add(RECORD.as_posix(), None, f"the browser checks last passed on {ran_on}, not on the commit being "
                   f"released ({(commit or '?')[:12]}).", fix=f"commit your changes, then run `{RUN_CHECKS}` again.")


# --- Macros for docs/accessibility.md ----------------------------------------------------------

def statement_macros(identity: Identity | None, issues: list[KnownIssue], record: CheckRecord | None) -> dict:
    """Macros that return Markdown; each takes no arguments, so page text cannot misuse them."""
    names = ("organisation", "contact_details", "contact_team", "response_time", "compliance_status", "known_issues",
             "last_tested")
    if identity is None:  # data/site.yml has a problem, already reported: no second error from each page
        return {name: (lambda: "") for name in names}

    def organisation() -> str:
        return _plain(identity.organisation)

    def contact_details() -> str:
        lines = [f"- email [{identity.email}](mailto:{identity.email})"]
        if identity.phone:
            lines.append(f"- call [{identity.phone}]({identity.phone_href})")
        return "\n".join(lines)

    def contact_team() -> str:
        return _plain(identity.contact_team)

    def response_time() -> str:
        days = identity.response_days
        return f"{days} working day" + ("" if days == 1 else "s")

    def compliance_status() -> str:
        standard = "[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard"
        if issues:
            return (f"This website is partially compliant with the {standard}, due to the non-compliances "
                    "listed below.")
        return (f"We have not yet had this website audited against every success criterion of the {standard}, "
                "so we cannot yet say that it is fully compliant. The automated checks described under "
                "\"Preparation of this accessibility statement\" cover only part of the standard.")

    def known_issues() -> str:
        if not issues:
            return "We do not know of any content that fails the standard. If you find some, please tell us."
        return "The content listed below is non-accessible for the following reasons.\n\n" + "\n".join(f"- {_plain(issue.problem)} This fails WCAG 2.2 success criterion {issue.criterion} "
                         f"({issue.criterion_name}). We plan to fix this by {long_date(issue.fix_by)}."
                         for issue in issues)

    def last_tested() -> str:
        if record is None:
            return ("The browser checks have not been run on this copy of the website, so it has no test date. "
                    "A published release always has one.")
        return (f"This website was last tested on {long_date(record.passed_on)}, when every check listed "
                f"below passed in {_plain(record.browser)} ({record.tests} automated checks). The tests were run "
                f"by {organisation()}'s automated build, before the release was published.")

    macros = locals()
    return {name: macros[name] for name in names}


def _plain(text: str) -> str:
    """Text from a data file, shown as text: Markdown's special characters escaped."""
    return "".join("\\" + ch if ch in "\\`*_{}[]<>()#+!|" else ch for ch in text)
