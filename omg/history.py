"""When each guide changed, from git: "Last updated", change lists and "What's new".

One `git log` call covers every guide, so the cost does not grow with a call
per guide. A site built outside a git checkout (a downloaded zip, a shallow CI
clone) still builds: the history says plainly that it is not available.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

GIT_TIMEOUT_SECONDS = 60
_RECORD, _FIELD = "\x1e", "\x1f"

NOT_A_CHECKOUT = "this copy of the site was built outside a git checkout"
NO_GIT = "git is not installed where this copy of the site was built"
SHALLOW = "this copy of the site was built from a shallow git clone, which holds only the latest commit"


@dataclass(frozen=True)
class Change:
    day: dt.date
    summary: str  # the commit's first line
    added: bool   # the commit created the file


@dataclass(frozen=True)
class GuideChange:
    path: str  # relative to the project folder, such as 'docs/guides/x.md'
    change: Change


@dataclass
class History:
    available: bool
    reason: str = ""  # why it is not available, in words for readers
    changes: dict[str, list[Change]] = field(default_factory=dict)  # path -> newest first
    order: list[GuideChange] = field(default_factory=list)         # every change, newest first

    def of(self, path: str) -> list[Change]:
        return self.changes.get(path, [])

    def recent(self, paths: set[str], *, limit: int) -> list[GuideChange]:
        """The latest `limit` changes to any of `paths`, newest first."""
        return [entry for entry in self.order if entry.path in paths][:limit]


def load_history(root: Path, *, folder: str) -> History:
    """Every commit that touched files in `folder` (relative to `root`), newest first."""
    try:
        shallow = _git(root, "rev-parse", "--is-shallow-repository")
        if shallow.returncode != 0:
            return History(False, NOT_A_CHECKOUT)
        if shallow.stdout.strip() == "true":
            return History(False, SHALLOW)
        log = _git(root, "log", f"--format={_RECORD}%cI{_FIELD}%s", "--name-status", "--relative", "--", folder)
    except FileNotFoundError:
        return History(False, NO_GIT)
    except (OSError, subprocess.TimeoutExpired):
        return History(False, NOT_A_CHECKOUT)
    if log.returncode != 0:
        return History(False, NOT_A_CHECKOUT)
    return parse_log(log.stdout)


def parse_log(text: str) -> History:
    """A History from `git log --format=<RS>%cI<US>%s --name-status --relative` output."""
    history = History(True)
    renamed: dict[str, str] = {}  # an old path -> the path it has now
    for record in text.split(_RECORD)[1:]:
        header, _, names = record.partition("\n")
        stamp, _, summary = header.partition(_FIELD)
        day = dt.date.fromisoformat(stamp[:10])
        for line in names.splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or parts[0].startswith("D"):
                continue
            status, path = parts[0], parts[-1]
            path = renamed.get(path, path)
            if status.startswith("R") and len(parts) == 3:
                renamed[parts[1]] = path  # older commits of the old name belong to the guide as it is now
            change = Change(day, summary.strip(), added=status.startswith("A"))
            history.changes.setdefault(path, []).append(change)
            history.order.append(GuideChange(path, change))
    return history


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=GIT_TIMEOUT_SECONDS)
