"""CONTRIBUTING.md: the short way for the web editor first, and nothing in it that trips an editor up."""

import re

from omg.cli import COMMANDS
from sitekit import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
HEADINGS = re.findall(r"^## (.+)$", TEXT, flags=re.M)


def _anchor(heading: str) -> str:
    # GitHub's rule: lower case, punctuation dropped, spaces to hyphens.
    return re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")


def test_the_page_leads_with_the_four_web_editor_steps_and_the_reference_comes_after():
    first = TEXT.index("## The short way")
    assert first < TEXT.index("## What each front-matter field means")
    steps = TEXT[first:TEXT.index("\n## ", first + 3)]
    for step in ("1. **Edit this page.**", "2. **Change the text.**", "3. **Propose.**", "4. **Read the check.**"):
        assert step in steps
    assert "make " not in steps and "python" not in steps  # no terminal in the short way


def test_every_link_to_a_part_of_the_page_finds_its_heading():
    anchors = {_anchor(heading) for heading in HEADINGS}
    for target in re.findall(r"\]\(#([^)]+)\)", TEXT):
        assert target in anchors, f"#{target} matches no heading"


def test_every_command_it_names_exists():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z]+):", makefile, flags=re.M))
    for target in re.findall(r"(?:`|^)make ([a-z]+)", TEXT, flags=re.M):  # in code, not "make up a name"
        assert target in targets, f"make {target} is not in the Makefile"
    commands = {entry if isinstance(entry, str) else entry[0] for entry in COMMANDS}
    for command in re.findall(r"python -m omg ([a-z]+)", TEXT):
        assert command in commands, f"omg {command} does not exist"


def test_it_names_the_artifacts_the_check_uploads():
    workflow = (ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")
    for artifact in re.findall(r"\*\*([a-z]+-[a-z]+)\*\* under \*\*Artifacts\*\*|as \*\*([a-z]+-[a-z]+)\*\*", TEXT):
        name = artifact[0] or artifact[1]
        assert f"name: {name}" in workflow, name
