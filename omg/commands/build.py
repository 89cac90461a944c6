"""`omg build`: a strict MkDocs build that never leaves a half-written site.

MkDocs writes pages as it goes and only fails at the end under `strict`, so
we build beside the target and swap only when the build succeeds: a failed
build leaves the previous site untouched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HELP = "build the site strictly into site/ (the previous site stays if the build fails)"


def add_arguments(parser) -> None:
    parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where to write the site (default: site/)")
    parser.add_argument("--config-file", "-f", type=Path, default=None, help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--release", action="store_true",
                        help="build to publish: refuse placeholders in data/site.yml, loopback addresses and a "
                             "statement with no record that the browser checks passed")


def run(args) -> int:
    root = args.root.resolve()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.isdigit():
        # MkDocs would stop with a traceback; reproducible builds need a clear answer instead.
        print(f"SOURCE_DATE_EPOCH is '{epoch}', not a number of seconds since 1970. "
              "Fix: unset it, or set it to a whole number such as the last commit's time: "
              "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).", file=sys.stderr)
        return 1
    target = args.site_dir if args.site_dir.is_absolute() else root / args.site_dir
    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    # -P: `python -m` would put the project folder first on sys.path, where a yaml.py or markdown.py
    # added by a pull request would be imported in place of the library (omg/projectfiles.py names them).
    command = [sys.executable, "-P", "-m", "mkdocs", "build", "--strict", "--site-dir", str(staging)]
    if args.config_file:
        command += ["--config-file", str(args.config_file)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if args.release:
        env["OMG_RELEASE"] = "1"  # read by mkdocs.yml (extra: omg: release), so `mkdocs build` can do the same
    done = subprocess.run(command, cwd=root, env=env)
    if done.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = "The previous site is untouched." if target.exists() else "No site was written."
        print(f"The build failed; see the messages above. {kept}", file=sys.stderr)
        return 1
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    shown = target.relative_to(root).as_posix() if target.is_relative_to(root) else target.as_posix()
    # Pages link to folders (guides/x/), so the site is read through a web server, not opened as files.
    print(f"Built the site into {shown}/. To look at it: make serve, then open http://127.0.0.1:8000/.")
    return 0
