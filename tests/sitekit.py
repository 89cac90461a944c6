"""Small sites in tmp_path, built and checked the way CI does it.

A fixture site is the real configuration (mkdocs.yml, hooks.py, overrides/,
data/, the home page and assets) with only the guides a test gives it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from omg.localserver import free_port  # noqa: F401 - for the preview-server tests

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("mkdocs.yml", "hooks.py", "overrides", "data", "docs/index.md", "docs/assets")

BODY = """\
## What is it?

{slug} is a way of working with children and families.

## Why are we doing it?

It helps professionals work together.

## How are we doing it?

Through training and shared practice.

## Who are the key contacts?

Please get in touch with:
"""


def guide_text(title: str = "Test guide", *, body: str | None = None, **fields) -> str:
    """A valid guide; keyword arguments replace front-matter fields (None removes one)."""
    meta = {
        "title": title,
        "summary": f"What {title.lower()} is and whom to contact.",
        "contacts": "[rp-training]",
        "topics": "[ways-of-working]",
        "audience": "[schools]",
        "last_reviewed": "2026-01-15",
        "review_interval": "12 months",
    }
    meta.update(fields)
    front = "\n".join(f"{key}: {value}" for key, value in meta.items() if value is not None)
    return f"---\n{front}\n---\n\n" + (body if body is not None else BODY.format(slug=title))


@dataclass
class Result:
    returncode: int
    output: str  # stdout and stderr together

    @property
    def ok(self) -> bool:
        return self.returncode == 0


class FixtureSite:
    def __init__(self, root: Path):
        self.root = root

    @property
    def site(self) -> Path:
        return self.root / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def guide(self, slug: str, text: str | bytes | None = None) -> Path:
        return self.write(f"docs/guides/{slug}.md", text if text is not None else guide_text(slug.replace("-", " ").capitalize()))

    def identity(self, **fields) -> None:
        """Change fields of data/site.yml (who runs the site); None removes a field."""
        import yaml

        path = self.root / "data" / "site.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["site"].update(fields)
        data["site"] = {key: value for key, value in data["site"].items() if value is not None}
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    def build(self, *extra: str, env: dict | None = None) -> Result:
        """What `make build` does: strict, and the previous site/ kept on failure."""
        return self.omg("build", *extra, env=env)

    def check(self, *extra: str, env: dict | None = None) -> Result:
        return self.run([sys.executable, "-m", "omg", "check", *extra], env=env)

    def omg(self, *extra: str, env: dict | None = None) -> Result:
        return self.run([sys.executable, "-m", "omg", *extra], env=env)

    def run(self, command: list[str], *, env: dict | None = None) -> Result:
        full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), **(env or {})}
        done = subprocess.run(command, cwd=self.root, env=full_env, capture_output=True, text=True, timeout=300)
        return Result(done.returncode, done.stdout + done.stderr)

    def html(self, url: str) -> str:
        """The built page at a site address such as 'guides/x/'."""
        path = self.site / url
        return (path / "index.html" if url.endswith("/") or not url else path).read_text(encoding="utf-8")


def make_site(tmp_path: Path, *, guides: dict[str, str] | None = None) -> FixtureSite:
    root = tmp_path / "project"
    for name in COPIED:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy2(source, target)
    site = FixtureSite(root)
    for slug, text in (guides or {}).items():
        site.guide(slug, text)
    return site


def lay_folder(site: FixtureSite, folder: Path, *, skip: tuple[str, ...] = ()) -> None:
    """Copy the files of a case folder over `site`, but for its control files (`skip`)."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_file() and relative not in skip:
            site.write(relative, path.read_bytes())


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes, to show a failed build changed nothing."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def page_when(url: str, server: subprocess.Popen, log: Path, *, ready=lambda page: True, timeout: float = 120) -> str:
    """The page at `url` from a preview server once `ready(page)` holds; fails with the server's log."""
    import pytest  # only tests that start a server need it

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
            if ready(page):
                return page
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} never showed what was expected. Server log:\n{log.read_text()}")
