"""How long `make serve` takes to show an edit: start `mkdocs serve`, change one guide, time it.

The clock starts when the file is saved and stops when the server prints
"Reloading browsers", which is when an editor's open page reloads; the page
is then fetched to check it shows the edit. "Detected file changes" to
"Reloading browsers" is the rebuild alone.
"""

from __future__ import annotations

import queue
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from omg.localserver import free_port

from .measure import BenchError, mkdocs_env

SERVE_COMMAND = ("mkdocs", "serve", "--strict", "--dirty", "--livereload")  # as `make serve` runs it
STARTUP_TIMEOUT = 600


@dataclass
class ServeTiming:
    n: int
    variant: str                                      # the extra serve options, or "" for make serve's
    edit_to_reload: list[float] = field(default_factory=list)  # seconds, save -> browsers told to reload
    rebuild: list[float] = field(default_factory=list)        # seconds, "Detected file changes" -> "Reloading browsers"

    @property
    def median(self) -> float:
        return statistics.median(self.edit_to_reload)


def time_serve_rebuild(project: Path, slug: str, *, n: int, edits: int = 3, extra: tuple[str, ...] = ()) -> ServeTiming:
    """Edit guide `slug` `edits` times under `mkdocs serve` and time each rebuild."""
    port = free_port()
    command = [sys.executable, "-m", *SERVE_COMMAND, "--dev-addr", f"127.0.0.1:{port}", *extra]
    server = subprocess.Popen(command, cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    log: list[str] = []
    reader = threading.Thread(target=_read_lines, args=(server.stdout, lines), daemon=True)
    reader.start()
    timing = ServeTiming(n=n, variant=" ".join(extra))
    guide = project / "docs" / "guides" / f"{slug}.md"
    original = guide.read_text(encoding="utf-8")
    try:
        _wait_for(lines, log, "Serving on", STARTUP_TIMEOUT, server)
        time.sleep(1.0)  # let the file watcher settle after the first build
        url = f"http://127.0.0.1:{port}/guides/{slug}/"
        for attempt in range(1, edits + 1):
            marker = f"Edited by the benchmark, attempt {attempt}."
            text = original.replace("## What is it?\n\n", f"## What is it?\n\n{marker} ", 1)
            saved = time.perf_counter()
            guide.write_text(text, encoding="utf-8")
            detected = _wait_for(lines, log, "Detected file changes", 60, server)
            reloaded = _wait_for(lines, log, "Reloading browsers", 600, server)
            _wait_for_page(url, marker, timeout=60)
            timing.edit_to_reload.append(reloaded - saved)
            timing.rebuild.append(reloaded - detected)
            time.sleep(0.5)
    finally:
        guide.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return timing


def _read_lines(stream, lines: queue.Queue) -> None:
    for line in stream:
        lines.put((time.perf_counter(), line.rstrip("\n")))


def _wait_for(lines: queue.Queue, log: list[str], needle: str, timeout: float, server) -> float:
    """The time the server printed a line containing `needle`."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            stamp, line = lines.get(timeout=0.2)
        except queue.Empty:
            if server.poll() is not None:
                break
            continue
        log.append(line)
        if needle in line:
            return stamp
        if re.search(r"\b(ERROR|Aborted)\b", line):
            break
    tail = "\n".join(log[-12:])
    raise BenchError(f"mkdocs serve did not print '{needle}' (exit {server.poll()}); last lines:\n{tail}")


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


def _wait_for_page(url: str, marker: str, *, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with _LOCAL.open(url, timeout=5) as response:
                if marker in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise BenchError(f"{url} did not show the edit within {timeout:.0f} s")
