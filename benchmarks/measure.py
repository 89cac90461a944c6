"""Build timings and the sizes readers download, read from a built site."""

from __future__ import annotations

import gzip
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

GZIP_LEVEL = 6  # the usual server default (nginx gzip_comp_level is often set to 5 or 6)


class BenchError(Exception):
    """A benchmark step failed; the message says which and why."""


def mkdocs_env() -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Python keeps compiled modules unless told not to, and some machines tell it not to
    # (PYTHONDONTWRITEBYTECODE=1). Then every timed build compiled our package from source,
    # a cost the bare build does not have (its packages were compiled when installed) and an
    # editor or CI pays once. The warm-up build writes them; the timed builds read them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass(frozen=True)
class BuildTime:
    wall: float  # seconds on the clock, what a person waits
    cpu: float   # user + system seconds of the build and its children: steadier on a busy machine


def time_build(project: Path, site_dir: Path) -> BuildTime:
    """One `mkdocs build --strict` in a fresh interpreter, as CI runs it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=mkdocs_env(), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise BenchError(f"the build of {project} failed (exit {done.returncode}):\n{tail}")
    return BuildTime(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def mean_page_bytes(site_dir: Path, slugs: list[str]) -> int:
    """Mean size of the built guide pages for `slugs`."""
    sizes = [(site_dir / "guides" / slug / "index.html").stat().st_size for slug in slugs]
    return round(sum(sizes) / len(sizes))


def search_index_bytes(site_dir: Path) -> int:
    return (site_dir / "search" / "search_index.json").stat().st_size


@dataclass(frozen=True)
class FirstLoad:
    total: int                   # bytes a server sends gzip-compressed
    files: dict[str, int]        # site path -> compressed bytes

    @property
    def kb(self) -> float:
        return self.total / 1000


def first_load(site_dir: Path, page: str) -> FirstLoad:
    """What a guide page makes the browser fetch before it is usable: the HTML,
    its stylesheets, scripts, icon and Material's search worker, each gzipped.
    The search index is left out (it loads in the background)."""
    html_path = site_dir / page / "index.html"
    found = _Resources()
    found.feed(html_path.read_text(encoding="utf-8"))
    base = f"/{page}"
    paths = [f"/{page}index.html"]
    for url in found.urls + found.worker:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # nothing third-party is loaded; a stray one is a privacy bug, not a size
        paths.append(urljoin(base, parts.path))
    files = {}
    for path in dict.fromkeys(paths):
        if path.endswith("search_index.json"):
            continue
        file = site_dir / path.lstrip("/")
        if file.is_file():
            files[path.lstrip("/")] = len(gzip.compress(file.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0))
    return FirstLoad(sum(files.values()), files)


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.worker: list[str] = []
        self._config = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "icon", "preload", "modulepreload"} & set(rel)) and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])
        elif tag == "img" and attributes.get("src"):
            self.urls.append(attributes["src"])
        self._config = tag == "script" and attributes.get("id") == "__config"

    def handle_data(self, data):
        if self._config:  # Material starts its search worker from this address
            try:
                worker = json.loads(data).get("search")
            except ValueError:
                worker = None
            if worker:
                self.worker.append(worker)
            self._config = False
