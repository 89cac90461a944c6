"""Replay edits through the build that `mkdocs serve` runs, copying the site after each rebuild.

    python tests/serve_rebuilds.py dirty|full STEPS.json OUT     (in the project folder)

MkDocs' serve loads the configuration again and calls `build()` on every change, in one
process, so plugins keep their state; this does the same without the file watcher and
its timing. "dirty" is what `make serve` runs (`--dirty`); "full" rebuilds everything
each time, the reference. A step is {"write": {path: text}} and/or {"delete": [path]};
OUT/<n>/ is the site after step n (0: the first build), and OUT/report.json says, for
each step, whether the build passed, which pages it rendered and what MkDocs warned.
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from omg.mkdocs_plugin import plugin_of

SERVE_URL = "http://127.0.0.1:8000/"


def main(mode: str, steps_file: str, out: str) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    steps = json.loads(Path(steps_file).read_text(encoding="utf-8"))
    site_dir = tempfile.mkdtemp(prefix="omg-serve-")
    dirty = mode == "dirty"

    def config():
        loaded = load_config(config_file="mkdocs.yml", site_dir=site_dir, strict=True)
        loaded.site_url = SERVE_URL
        return loaded

    warnings: list[str] = []
    recorder = logging.Handler(logging.WARNING)
    recorder.emit = lambda record: warnings.append(record.getMessage())
    logging.getLogger("mkdocs").addHandler(recorder)
    first = config()
    first.plugins.on_startup(command="serve", dirty=dirty)
    report = []
    for number, step in enumerate([{}, *steps]):
        for path, text in step.get("write", {}).items():
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(text, encoding="utf-8")
        for path in step.get("delete", []):
            Path(path).unlink()
        current = first if number == 0 else config()
        warnings.clear()
        try:
            build(current, serve_url=SERVE_URL, dirty=dirty)
            passed = True
        except BaseException as error:  # noqa: BLE001 - MkDocs' Abort is a SystemExit; serve logs it and goes on
            print(f"step {number}: {type(error).__name__}: {error}", file=sys.stderr)
            passed = False
        report.append({"passed": passed, "rendered": sorted(plugin_of(current).written), "warnings": list(warnings)})
        shutil.copytree(site_dir, Path(out) / str(number))
    first.plugins.on_shutdown()
    (Path(out) / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
