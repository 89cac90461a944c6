"""Every attack in tests/redteam/ fails the build with a message naming its file, or builds inert.

See tests/redteam/README.md for the layout of a case.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitekit import lay_folder, snapshot

CASES = Path(__file__).resolve().parent / "redteam"
CASE_NAMES = sorted(path.name for path in CASES.iterdir() if path.is_dir())
CONTROL_FILES = ("expected.txt", "inert.txt", "links.txt")
OUTCOMES = ("expected.txt", "inert.txt")
RAN_MARKER = Path("/tmp/omg-redteam-ran")
SECRET = "omg-redteam-secret-3f9c1d"
CLASSES = ("markup-in-metadata", "markup-in-data", "policy", "page-metadata", "source-scan", "files",
           "build-code", "link-checker", "exhaustion", "reproducibility", "messages")


def lay_attack(site, name: str) -> None:
    lay_folder(site, CASES / name, skip=CONTROL_FILES)


def test_the_corpus_is_large_and_every_case_says_what_must_happen():
    assert len(CASE_NAMES) >= 60
    for name in CASE_NAMES:
        assert name.split("--")[0] in CLASSES, f"{name}: the class is not one of {CLASSES}"
        controls = [control for control in OUTCOMES if (CASES / name / control).is_file()]
        assert len(controls) == 1, f"{name}: needs exactly one of {OUTCOMES}"


@pytest.mark.parametrize("name", CASE_NAMES)
def test_the_attack_fails_the_build_by_name_or_builds_inert(site, previous_site, name):
    RAN_MARKER.unlink(missing_ok=True)
    lay_attack(site, name)
    shutil.copytree(previous_site, site.site)
    before = snapshot(site.site)
    result = site.build(env={"OMG_REDTEAM_SECRET": SECRET})
    assert "Traceback" not in result.output, result.output
    assert SECRET not in result.output
    assert not RAN_MARKER.exists(), "the attack ran code at build time"
    expected = CASES / name / "expected.txt"
    if expected.is_file():
        assert result.returncode == 1, result.output
        for line in expected.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert line in result.output, f"missing {line!r} in:\n{result.output}"
        assert snapshot(site.site) == before
    else:
        assert result.returncode == 0, result.output
        for path in site.site.rglob("*"):
            if path.is_file():
                assert SECRET.encode() not in path.read_bytes(), f"{path} holds the secret"
    links = CASES / name / "links.txt"
    if links.is_file():  # the link checker, on the addresses the attack's files use, never the network
        checked = site.omg("links", "docs/guides", "--timeout", "1", "--retries", "0", "--deadline", "5")
        assert "Traceback" not in checked.output, checked.output
        assert checked.returncode == 1, checked.output
        for line in links.read_text(encoding="utf-8").splitlines():
            if line.strip():
                assert line in checked.output, f"missing {line!r} in:\n{checked.output}"
