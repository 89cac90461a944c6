"""The record of published addresses (published-addresses.yml, at the top level).

People save and print guide addresses, so an address that was once
published must keep working: the guide is still there, or another guide
lists it in `aliases` and the build writes a redirect page for it. The
record only grows (`omg published --update`); taking an address out is a
deliberate, reviewed edit of the file.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .datafile import read_data_file
from .guide import Guide
from .listing import relative_path
from .problems import Report
from .schema import SLUG

# Beside mkdocs.yml, not in data/: test and benchmark sites copy data/ and must not inherit it.
RECORD_NAME = "published-addresses.yml"
KEY = "published"
HEADER = """\
# Every guide address (guides/<slug>/) that has been published. People save and print
# these links, so `omg check` and the build fail when one of them stops working: a
# renamed guide must list its old slug under `aliases:`. New addresses are added with
# `python -m omg published --update` (make published). Delete a line only when a guide
# is withdrawn on purpose.
"""


def record_path(root: Path) -> Path:
    return Path(root) / RECORD_NAME


def load_record(path: Path, *, root: Path, report: Report) -> dict[str, int]:
    """Recorded slugs and their lines; an absent file records nothing yet."""
    if not path.exists():
        return {}
    shown = relative_path(path, root)
    located = read_data_file(path, shown=shown, report=report)
    if located is None:
        return {}
    data = located.data
    if not isinstance(data, dict) or set(data) != {KEY} or not isinstance(data[KEY], (list, type(None))):
        report.add(shown, 1, f"the file must hold only '{KEY}:' followed by a list of guide slugs.",
                   fix=f"write '{KEY}:' on one line and each slug below it as '  - restorative-practice'.")
        return {}
    recorded: dict[str, int] = {}
    for index, slug in enumerate(data[KEY] or []):
        line = located.line(KEY, index)
        if not isinstance(slug, str) or not SLUG.match(slug):
            report.add(shown, line, f"'{slug}' is not a guide slug.",
                       fix="write the guide's file name without '.md', such as 'restorative-practice'.")
        elif slug in recorded:
            report.add(shown, line, f"'{slug}' is listed twice (first on line {recorded[slug]}).",
                       fix="delete one of the two lines.")
        else:
            recorded[slug] = line
    return recorded


def live_addresses(guides) -> dict[str, Guide]:
    """Every address the site serves: each published guide's slug and aliases."""
    served: dict[str, Guide] = {}
    for guide in guides:
        if not guide.is_draft:
            served[guide.slug] = guide
            served.update({alias: guide for alias in guide.aliases})
    return served


def check_published(guides: list[Guide], *, root: Path, guides_path: str, report: Report) -> None:
    """Each recorded address must still be served; `guides` includes drafts."""
    path = record_path(root)
    recorded = load_record(path, root=root, report=report)
    served = live_addresses(guides)
    by_slug = {guide.slug: guide for guide in guides}
    shown = relative_path(path, root)
    for slug, line in recorded.items():
        if slug in served:
            continue
        draft = by_slug.get(slug) or next((g for g in guides if slug in g.aliases), None)
        if draft:
            report.add(shown, line, f"the address guides/{slug}/ was published, but {draft.path} is now a draft,"
                       " so that address would stop working.",
                       fix=f"set 'status: published' in {draft.path}; if the guide was withdrawn on purpose,"
                           " delete this line.")
        elif (root / guides_path / f"{slug}.md").exists():
            continue  # the guide is there but has errors of its own, reported with its file
        else:
            report.add(shown, line, f"the guide '{slug}' was published at guides/{slug}/, but no guide has"
                       f" that address now{_renamed_hint(slug, served)}.",
                       fix=f"add 'aliases: [{slug}]' to the guide that replaced it, so saved and printed links"
                           " still work; if the guide was withdrawn on purpose, delete this line.")


def _renamed_hint(slug: str, served: dict[str, Guide]) -> str:
    match = difflib.get_close_matches(slug, sorted(served), n=1, cutoff=0.6)
    return f" (was it renamed to {served[match[0]].path}?)" if match else ""


def update_record(path: Path, guides) -> list[str]:
    """Add every address served now to the record; returns the added slugs.

    Call only on a corpus without problems, so nothing broken is recorded."""
    report = Report()
    recorded = list(load_record(path, root=path.parent, report=report))
    report.raise_if_any()  # never rewrite a record we could not read
    added = sorted(set(live_addresses(guides)) - set(recorded))
    if not added and path.exists():
        return []
    header = _leading_comments(path) if path.exists() else HEADER
    lines = [f"  - {slug}" for slug in sorted(set(recorded) | set(added))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + f"{KEY}:\n" + "".join(line + "\n" for line in lines), encoding="utf-8")
    return added


def _leading_comments(path: Path) -> str:
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        kept.append(line + "\n")
    return "".join(kept) or HEADER
