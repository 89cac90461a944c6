"""Two commits of the project, read from git into folders, for `omg diff`.

Nothing is checked out: `git archive` writes the project's files as they were
at a commit into a temporary folder, so the working copy is never touched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path


class GitProblem(Exception):
    """A git question that has no answer here: the message says why and what to do."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=300)
    except FileNotFoundError:
        raise GitProblem("git is not installed. Fix: install git, then run the command again.") from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitProblem(detail[-1] if detail else f"git {' '.join(args)} failed.")
    return done.stdout


def project_prefix(root: Path) -> str:
    """The project folder inside its repository ('' at the top, else 'sub/folder/')."""
    try:
        return _git(root, "rev-parse", "--show-prefix").decode().strip()
    except GitProblem:
        raise GitProblem(f"{root} is not in a git repository. Fix: run omg diff in a clone of the "
                         "guides' repository.") from None


def commit_of(root: Path, revision: str) -> str:
    """The full commit id of `revision` (a branch, tag or commit), or a clear error."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}").decode().strip()
    except GitProblem:
        raise GitProblem(f"'{revision}' is not a commit, branch or tag in this repository. Fix: check the "
                         "name, or fetch it first (git fetch origin main).") from None


def export(root: Path, commit: str, dest: Path) -> Path:
    """Write the project's files at `commit` into `dest`; returns the project folder in it."""
    prefix = project_prefix(root)
    tree = f"{commit}:{prefix}" if prefix else commit
    data = _git(root, "archive", "--format=tar", tree)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(dest, filter="data")  # refuses links and paths that leave dest
    return dest


@dataclass(frozen=True)
class Changed:
    status: str        # A, M, D or R (renamed), as git says
    path: str          # relative to the project folder, as it is at the head
    old_path: str = "" # for R: as it was at the base


def changed_files(root: Path, base: str, head: str, *folders: str) -> list[Changed]:
    """Files changed between two commits under the project's `folders`, renames found by git."""
    prefix = project_prefix(root)
    paths = [f"{prefix}{folder}" for folder in folders] or [prefix or "."]
    out = _git(root, "diff", "--name-status", "-M", "-z", base, head, "--", *paths)
    fields = out.decode("utf-8", "replace").split("\0")
    changes, index = [], 0
    strip = lambda path: path[len(prefix):] if prefix and path.startswith(prefix) else path  # noqa: E731
    while index < len(fields) and fields[index]:
        status = fields[index][0]
        if status in "RC":
            old, new = fields[index + 1], fields[index + 2]
            changes.append(Changed("R" if status == "R" else "A", strip(new), strip(old)))
            index += 3
        else:
            changes.append(Changed(status, strip(fields[index + 1])))
            index += 2
    return changes
