"""`omg offline`: the site as a zip to read without internet, on a laptop.

The same strict build as `omg build`, with Material's offline plugin switched on
(omg/offline.py). Unzip it anywhere and open index.html; search works too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .. import offline

HELP = "build the site to read without internet, as a zip (default: dist/one-minute-guides-offline.zip)"
FOLDER = "one-minute-guides"  # the folder a reader sees when they unzip it


def add_arguments(parser) -> None:
    parser.add_argument("--output", "-o", type=Path, default=Path("dist/one-minute-guides-offline.zip"),
                        help="where to write the zip (default: dist/one-minute-guides-offline.zip)")


def run(args) -> int:
    root = args.root.resolve()
    output = args.output if args.output.is_absolute() else root / args.output
    with tempfile.TemporaryDirectory(prefix="omg-offline-") as work:
        site_dir = Path(work) / FOLDER
        command = [sys.executable, "-P", "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]  # -P: see build.py
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", offline.ENV: "true"}
        if subprocess.run(command, cwd=root, env=env).returncode != 0:
            print("The offline build failed; see the messages above. No zip was written.", file=sys.stderr)
            return 1
        if not (site_dir / offline.SEARCH_SCRIPT).is_file():
            print(f"mkdocs.yml: the offline plugin did not run, so search would not work from the files. "
                  f"Fix: list it under 'plugins:' as '- offline:' with 'enabled: !ENV [{offline.ENV}, false]'.",
                  file=sys.stderr)
            return 1
        pages = offline.zip_site(site_dir, output, folder=FOLDER)
    shown = output.relative_to(root).as_posix() if output.is_relative_to(root) else str(output)
    print(f"Wrote {shown} ({pages} pages). Unzip it and open {FOLDER}/index.html in a web browser.")
    return 0
