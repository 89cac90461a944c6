"""`omg new "Title"`: a new guide from the shared template, never over an old one."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..corpus import check_corpus
from ..schema import SLUG
from ..settings import load_settings
from ..template import render_template, slugify

HELP = "start a new guide from the template (a draft, with placeholders the check lists until you fill them)"
EXIT_CODES = """\
exit codes:
  0  the guide was written
  1  nothing was written: the title gives no usable file name, or that guide or address already exists
  2  the command was typed wrongly"""


def add_arguments(parser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES
    parser.add_argument("title", help='the guide\'s title, in quotes, such as "Early help assessments"')
    parser.add_argument("--slug", help="the file name to use instead of one made from the title, such as 'early-help'")


def run(args) -> int:
    root = args.root.resolve()
    title = " ".join(args.title.split())
    slug = args.slug if args.slug is not None else slugify(title)
    problem = _why_not(root, title, slug, chosen=args.slug is not None)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    settings = load_settings(root)
    path = Path(settings.docs_dir) / settings.guides_dir / f"{slug}.md"
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    try:
        text = render_template(title, today=dt.date.today())
    except ValueError as error:  # the template was edited wrongly: a maintainer's fix
        print(f"{error} Fix: restore that line in the template.", file=sys.stderr)
        return 1
    with open(root / path, "x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    print(f"Wrote {path.as_posix()} (a draft). Next: replace each 'REPLACE:' and 'replace-me' in it, "
          "then run `python -m omg check` (make check) until it reports no problems.")
    return 0


def _why_not(root: Path, title: str, slug: str, *, chosen: bool) -> str | None:
    """Why no guide can be written for this title and slug, or None."""
    if not title:
        return 'the title is empty. Fix: give the guide\'s title in quotes, such as omg new "Early help assessments".'
    if not SLUG.match(slug):
        if chosen:
            return (f"--slug: '{slug}' is not a file name we can use. "
                    "Fix: use lower case letters, digits and hyphens only, such as 'early-help'.")
        return (f"the title '{title}' gives no file name (it needs letters or digits). "
                "Fix: use a title with words in it, or choose a file name with --slug.")
    settings = load_settings(root)
    existing = Path(settings.docs_dir) / settings.guides_dir / f"{slug}.md"
    if (root / existing).exists():
        return (f"{existing.as_posix()} already exists, so a new guide '{title}' would replace it. "
                f"Fix: edit {existing.as_posix()} instead, or choose another title or --slug.")
    corpus, _ = check_corpus(root)  # problems elsewhere do not stop a new guide
    for guide in corpus.guides.values():
        if guide.title.casefold() == title.casefold():
            return (f"the title '{title}' is already used by {guide.path}. "
                    "Fix: edit that guide instead, or choose another title.")
        if slug in guide.aliases:
            return (f"guides/{slug}/ is already an old address (alias) of {guide.path}. "
                    "Fix: choose another title or --slug, so saved links to that guide keep working.")
    return None
