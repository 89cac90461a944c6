"""Every bad input in tests/bad_inputs/ is stopped by `omg check` and by the build.

Each case is a folder of files laid over a fixture site (the real
configuration and data, no guides), with `expected.txt`: the one message the
editor must see. `grow.txt` ("path bytes") pads a file to a size too big to
keep in the repository. A case passes when both commands exit non-zero with
exactly that message and no traceback, and the build leaves the previous
site/ as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitekit import guide_text, lay_folder, snapshot

CASES = Path(__file__).resolve().parent / "bad_inputs"
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir())
CONTROL_FILES = ("expected.txt", "grow.txt")
RAN_MARKER = Path("/tmp/omg-bad-input-ran")  # what the !!python/... cases would create if YAML ran them


def lay_case(site, name: str) -> str:
    """Copy the case's files over `site`; the message it must produce."""
    case = CASES / name
    lay_folder(site, case, skip=CONTROL_FILES)
    grow = case / "grow.txt"
    if grow.exists():
        relative, size = grow.read_text().split()
        target = site.root / relative
        with target.open("ab") as file:
            file.write(b"Padding text.\n" * (int(size) // 14 + 1))
    return (case / "expected.txt").read_text(encoding="utf-8").rstrip("\n")


def test_every_case_has_its_expected_message():
    assert len(CASE_NAMES) >= 30
    missing = [name for name in CASE_NAMES if not (CASES / name / "expected.txt").is_file()]
    assert missing == []


@pytest.mark.parametrize("name", CASE_NAMES)
def test_omg_check_reports_the_one_problem_and_fails(site, name):
    expected = lay_case(site, name)
    result = site.check()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines() == [expected, "1 problem found. Nothing is published until they are fixed."]


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_build_fails_with_the_same_message_and_keeps_the_previous_site(site, previous_site, name):
    expected = lay_case(site, name)
    shutil.copytree(previous_site, site.site)
    before = snapshot(site.site)
    result = site.build()
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert f"1 problem found in the guides:\n  - {expected}\n" in result.output
    assert "The build failed; see the messages above. The previous site is untouched." in result.output
    assert snapshot(site.site) == before
    assert not (site.root / ".site.new").exists()


def test_a_failed_first_build_writes_no_site(site):
    lay_case(site, "raw-html-script")
    result = site.build()
    assert result.returncode == 1
    assert "The build failed; see the messages above. No site was written." in result.output
    assert not site.site.exists()
    assert not (site.root / ".site.new").exists()


def test_a_symbolic_link_out_of_the_project_is_refused_and_not_published(site, tmp_path):
    secret = tmp_path / "outside" / "id_rsa"
    secret.parent.mkdir()
    secret.write_text("secret-key-material")
    (site.root / "docs" / "assets" / "key.txt").symlink_to(secret)
    expected = ("docs/assets/key.txt: the file is a symbolic link, so the site would publish whatever it points to. "
                "Fix: replace the link with a copy of the file itself, or delete it.")
    check = site.check()
    assert check.output.splitlines() == [expected, "1 problem found. Nothing is published until they are fixed."]
    build = site.build()
    assert build.returncode == 1
    assert f"  - {expected}" in build.output
    assert not site.site.exists()


def test_python_tags_in_yaml_never_run(site):
    RAN_MARKER.unlink(missing_ok=True)
    for name in CASE_NAMES:
        if name.startswith("python-tag-"):
            lay_case(site, name)
    assert site.check().returncode == 1
    assert site.build().returncode == 1
    assert not RAN_MARKER.exists()


SAFE_HTML = """\
## What is it?

A guide may break a line<br>like this, and spell out an initial child protection conference (<abbr title="Initial child protection conference">ICPC</abbr>).
It may <strong>stress</strong> a word, and link to <https://www.gov.uk/> or [a page](https://www.gov.uk/).

## Why are we doing it?

So that editors can use the plain tags they know.

## How are we doing it?

With <em>plain</em> tags only.

## Who are the key contacts?

Please get in touch with:
"""


def test_plain_safe_html_is_allowed_and_published(site):
    site.guide("safe-html", guide_text("Safe markup", body=SAFE_HTML))
    assert site.check().ok
    result = site.build()
    assert result.ok, result.output
    html = site.html("guides/safe-html/")
    assert 'break a line<br>like this' in html
    assert '<abbr title="Initial child protection conference">' in html
