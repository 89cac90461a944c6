"""The command line: `python -m omg COMMAND ...`.

Each command is a module in `omg/commands/` with `HELP`, `add_arguments(parser)`
and `run(args) -> int`. Editors' mistakes end in a clear message and exit 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from .problems import GuideError

# A name, or (name, module) when the name is a Python keyword such as "import".
COMMANDS = ("build", "check", "new", "review", "published", ("import", "import_guides"), "links", "offline", "diff")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="omg", description="Tools for One Minute Guides.")
    parser.add_argument("--root", type=Path, default=Path("."),
                        help="the project folder (the one with mkdocs.yml); default: here")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for entry in COMMANDS:
        name, module_name = entry if isinstance(entry, tuple) else (entry, entry)
        module = importlib.import_module(f"omg.commands.{module_name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.root / "mkdocs.yml").is_file():  # every command works on a project
        print(f"{args.root}: no mkdocs.yml here. Fix: run the command in the project folder, or pass --root.",
              file=sys.stderr)
        return 1
    try:
        return args.run(args)
    except GuideError as error:
        print(error.summary(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
