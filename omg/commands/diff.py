"""`omg diff BASE HEAD`: what a change to the guides means for readers, guide by guide."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .. import changes, gittree, screenshots
from ..settings import load_settings

HELP = "describe, guide by guide, what changes for readers between two commits (for pull request reviews)"


def add_arguments(parser) -> None:
    parser.add_argument("base", help="the commit, branch or tag before the change, such as origin/main")
    parser.add_argument("head", nargs="?", default="HEAD", help="the commit after the change (default: HEAD)")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="'markdown' writes a GitHub job summary ($GITHUB_STEP_SUMMARY)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="also save pictures of each added, changed or renamed guide at desktop (1280) and "
                             "phone (375) width into DIR (needs Chromium)")


def run(args) -> int:
    root = args.root.resolve()
    try:
        base, head = gittree.commit_of(root, args.base), gittree.commit_of(root, args.head)
        with tempfile.TemporaryDirectory(prefix="omg-diff-") as temp:
            base_root = gittree.export(root, base, Path(temp) / "base")
            head_root = gittree.export(root, head, Path(temp) / "head")
            found = _compare(root, base, head, base_root, head_root, labels=(args.base, args.head))
            failed = _screenshots(found, head_root, Path(temp) / "site", args.screenshots) if args.screenshots else False
    except gittree.GitProblem as problem:
        print(f"omg diff: {problem}", file=sys.stderr)
        return 1
    print(changes.to_markdown(found) if args.format == "markdown" else changes.to_text(found), end="")
    if failed:
        print(found.screenshots_note, file=sys.stderr)
        return 1
    return 0


def _compare(root: Path, base: str, head: str, base_root: Path, head_root: Path, *, labels) -> changes.Changes:
    before, after = changes.load_side(base_root), changes.load_side(head_root)
    settings = after.corpus.settings
    guides = f"{settings.docs_dir}/{settings.guides_dir}/"
    renamed = {}
    for change in gittree.changed_files(root, base, head, guides):
        if change.status == "R" and change.path.endswith(".md") and change.old_path.endswith(".md"):
            renamed[Path(change.path).stem] = Path(change.old_path).stem
    statuses = {"A": "added", "M": "changed", "D": "removed", "R": "renamed"}
    data = {change.path: statuses.get(change.status, "changed")
            for change in gittree.changed_files(root, base, head, f"{settings.data_dir}/")}
    return changes.compare(before, after, renamed=renamed, data_changed=data, base_label=labels[0], head_label=labels[1])


def _screenshots(found: changes.Changes, head_root: Path, site_dir: Path, out_dir: Path) -> bool:
    """Fills in found.screenshots; True when pictures were asked for and none could be taken."""
    shown = [change for change in found.guides if change.after]
    if not shown:
        found.screenshots_note = "No screenshots: no guide is added or changed."
        return False
    try:
        screenshots.build(head_root, site_dir)
        guides_dir = load_settings(head_root).guides_dir
        pages = {change.after.slug: screenshots.page_address(site_dir, f"{guides_dir}/{change.after.slug}.md")
                 for change in shown}
        unbuilt = sorted(change.after.title for change in shown if not pages[change.after.slug])
        if unbuilt:  # drafts: the published build leaves them out
            found.screenshots_note = "No screenshots of drafts, which are not published: " + ", ".join(unbuilt) + "."
        pages = {slug: address for slug, address in pages.items() if address}
        taken = screenshots.photograph(site_dir, pages, out_dir if out_dir.is_absolute() else Path.cwd() / out_dir)
    except screenshots.ScreenshotsUnavailable as why:
        found.screenshots_note = str(why)
        return True
    by_slug = {change.after.slug: change.after.path for change in shown}
    found.screenshots = {by_slug[slug]: files for slug, files in taken.items()}
    return False
