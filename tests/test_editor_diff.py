"""`omg diff BASE HEAD` tells a reviewer, guide by guide, what changes for readers.

Each test makes a real git repository in tmp_path (a fixture site, tests/sitekit.py), commits a
base, changes it, commits a head, and reads what `omg diff` prints: plain text for a terminal and
Markdown for a GitHub job summary.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path

import pytest

from sitekit import BODY, FixtureSite, guide_text, make_site

HUB = """\
  - id: early-help-hub
    role: Early help hub
    team: Example early help service
    email: early-help@example.org
    phone: 01632 960001
"""


def git(site: FixtureSite, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    done = subprocess.run(["git", *args], cwd=site.root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def commit(site: FixtureSite, message: str) -> str:
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", message)
    return git(site, "rev-parse", "HEAD").strip()


def repository(tmp_path: Path, guides: dict[str, str]) -> FixtureSite:
    site = make_site(tmp_path, guides=guides)
    contacts = site.root / "data/contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + HUB, encoding="utf-8")
    git(site, "init", "-q", "-b", "main")
    commit(site, "Base")
    return site


def text_of(slug: str, extra: str = "") -> str:
    return BODY.format(slug=slug).replace("Through training and shared practice.",
                                          "Through training and shared practice." + extra)


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory):
    """Base and head commits: a guide added, changed, renamed and removed; a contact's phone changed; a problem."""
    site = repository(tmp_path_factory.mktemp("diff"), {
        "alpha": guide_text("Alpha", contacts="[early-help-hub]"),
        "bravo": guide_text("Bravo", contacts="[early-help-hub, rp-training]"),
        "charlie": guide_text("Charlie"),
        "delta": guide_text("Delta"),
        "foxtrot": guide_text("Foxtrot"),
        "golf": guide_text("Golf"),
    })
    base = git(site, "rev-parse", "HEAD").strip()
    site.guide("echo", guide_text("Echo", summary="How echo meetings work."))
    site.guide("charlie", guide_text("Charlie", related="[alpha]", last_reviewed="2026-03-01", body=text_of(
        "Charlie", ' Each school has an RP lead. See {{ link("pscp-website") }} for the procedures.')))
    git(site, "mv", "docs/guides/delta.md", "docs/guides/delta-meetings.md")
    site.guide("delta-meetings", guide_text("Delta meetings", aliases="[delta]"))
    (site.root / "docs/guides/foxtrot.md").unlink()
    site.guide("golf", guide_text("Golf", contacts="[no-such-team]", body=text_of("Golf", " [TO DO: ask the team]")))
    contacts = site.root / "data/contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("01632 960001", "01632 960002"), encoding="utf-8")
    head = commit(site, "Head")
    text = site.omg("diff", base, head)
    markdown = site.omg("diff", "--format", "markdown", base, head)
    return site, text, markdown


def section(output: str, heading: str) -> str:
    """The part of the text output under `heading`, up to the next blank line."""
    start = output.index(heading)
    end = output.find("\n\n", start)
    return output[start:end if end >= 0 else None]


def test_the_headline_counts_each_kind_of_change(pull_request):
    _site, text, _markdown = pull_request
    assert text.ok, text.output
    assert "7 guides: 1 added, 4 changed, 1 renamed, 1 removed." in text.output, text.output


def test_an_added_guide_shows_its_title_words_reading_time_and_review_dates(pull_request):
    _site, text, _markdown = pull_request
    added = section(text.output, "Added: Echo")
    assert "Words (budget 500)  —  ->  " in added
    assert "Reading time        —  ->  1 minute" in added
    assert "Review due          —  ->  15 January 2027" in added
    assert "+ Echo is a way of working with children and families." in added


def test_a_changed_guide_shows_its_new_sentences_links_related_guides_and_glossary_terms(pull_request):
    _site, text, _markdown = pull_request
    changed = section(text.output, "Changed: Charlie")
    assert "Last reviewed       15 January 2026  ->  1 March 2026" in changed
    assert "+ Each school has an RP lead." in changed
    assert "+ See Portsmouth Safeguarding Children Partnership website for the procedures." in changed
    assert "+ Portsmouth Safeguarding Children Partnership website (https://www.portsmouthscp.org.uk/)" in changed
    assert "Related guides:\n    + Alpha" in changed
    assert "Glossary terms:\n    + RP (Restorative practice)" in changed
    assert "{{" not in changed and "<" not in changed and "](" not in changed  # sentences, not Markdown or HTML


def test_a_renamed_guide_shows_its_old_and_new_title_and_file(pull_request):
    _site, text, _markdown = pull_request
    renamed = section(text.output, "Renamed: Delta → Delta meetings")
    assert "File                docs/guides/delta.md  ->  docs/guides/delta-meetings.md" in renamed
    assert "Saved links to the old address (delta) send readers to the new one." in renamed


def test_a_removed_guide_is_listed_with_its_text_taken_out(pull_request):
    _site, text, _markdown = pull_request
    removed = section(text.output, "Removed: Foxtrot")
    assert "- Foxtrot is a way of working with children and families." in removed


def test_a_contacts_new_phone_number_shows_on_every_guide_that_lists_the_contact(pull_request):
    _site, text, _markdown = pull_request
    assert "data/contacts.yml (changed) changes: Alpha, Bravo" in text.output
    for title in ("Alpha", "Bravo"):
        changed = section(text.output, f"Changed: {title}")
        assert "The guide's file is unchanged; its page changes because of: data/contacts.yml." in changed
        assert ("changed: Early help hub, Example early help service, early-help@example.org, 01632 960001 → "
                "Early help hub, Example early help service, early-help@example.org, 01632 960002") in changed
    assert "Changed: Charlie" in text.output and "Changed: Foxtrot" not in text.output


def test_a_problem_and_a_to_do_introduced_are_shown_in_the_words_of_omg_check(pull_request):
    site, text, _markdown = pull_request
    changed = section(text.output, "Changed: Golf")
    line = (site.root / "docs/guides/golf.md").read_text(encoding="utf-8").split("\n").index(
        "Through training and shared practice. [TO DO: ask the team]") + 1
    assert f"To-dos left:\n    line {line}: ask the team" in changed
    checked = site.check("docs/guides/golf.md").output
    problems = [line for line in checked.splitlines() if line.startswith("docs/guides/golf.md:")]
    assert len(problems) == 2, checked
    assert "Problems to fix (2):" in changed
    for problem in problems:
        assert f"    {problem}" in changed


def test_the_markdown_summary_has_a_section_and_a_table_for_each_guide(pull_request):
    _site, _text, markdown = pull_request
    assert markdown.ok, markdown.output
    out = markdown.output
    assert out.startswith("## What this pull request changes for readers")
    for heading in ("### Added: Echo", "### Changed: Charlie", "### Renamed: Delta → Delta meetings", "### Removed: Foxtrot"):
        assert heading in out
    assert "| Last reviewed **(changed)** | 15 January 2026 | 1 March 2026 |" in out
    assert "```diff\n+ Each school has an RP lead." in out
    assert "- `data/contacts.yml` (changed): changes Alpha, Bravo" in out


def test_editors_text_cannot_turn_into_markup_in_the_summary(tmp_path):
    site = repository(tmp_path, {"alpha": guide_text("Alpha")})
    base = git(site, "rev-parse", "HEAD").strip()
    site.guide("alpha", guide_text("Alpha", body=text_of("Alpha", " Read <img src=x onerror=alert(1)> and [a](javascript:alert(1)) now.")))
    head = commit(site, "Head")
    out = site.omg("diff", "--format", "markdown", base, head).output
    assert "<img" not in out.split("```diff")[0]
    assert "onerror" not in out.split("```diff")[0] or "&lt;img" in out


def test_an_unknown_commit_is_a_clear_error(tmp_path):
    site = repository(tmp_path, {"alpha": guide_text("Alpha")})
    result = site.omg("diff", "no-such-branch", "HEAD")
    assert result.returncode == 1
    assert "'no-such-branch' is not a commit, branch or tag in this repository. Fix:" in result.output
    assert "Traceback" not in result.output


def test_no_guide_change_says_so(tmp_path):
    site = repository(tmp_path, {"alpha": guide_text("Alpha")})
    base = git(site, "rev-parse", "HEAD").strip()
    site.write("README.md", "Notes for developers.\n")
    head = commit(site, "Head")
    result = site.omg("diff", base, head)
    assert result.ok and "No guide changes on the page." in result.output


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_each_changed_guide_at_desktop_and_phone_width(tmp_path):
    from omg.screenshots import browser_missing

    missing = browser_missing()
    if missing:
        if os.environ.get("OMG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Screenshots are required (OMG_REQUIRE_BROWSER=1) but {missing}")
        pytest.skip(f"screenshots need a browser: {missing}")
    site = repository(tmp_path, {"alpha": guide_text("Alpha"), "bravo": guide_text("Bravo")})
    base = git(site, "rev-parse", "HEAD").strip()
    site.guide("alpha", guide_text("Alpha", body=text_of("Alpha", " A new sentence.")))
    site.guide("charlie", guide_text("Charlie"))
    site.guide("delta", guide_text("Delta", status="draft"))
    head = commit(site, "Head")
    shots = tmp_path / "shots"
    result = site.omg("diff", "--screenshots", str(shots), base, head)
    assert result.ok, result.output
    files = sorted(path.name for path in shots.iterdir())
    assert files == ["alpha-desktop-1280.png", "alpha-phone-375.png", "charlie-desktop-1280.png", "charlie-phone-375.png"]
    assert _png_size(shots / "alpha-desktop-1280.png")[0] == 1280
    assert _png_size(shots / "charlie-phone-375.png")[0] == 375
    assert "Screenshot: alpha-desktop-1280.png" in result.output
    assert "No screenshots of drafts, which are not published: Delta." in result.output


def test_no_screenshots_when_the_head_does_not_build_and_the_reason_is_given(tmp_path):
    site = repository(tmp_path, {"alpha": guide_text("Alpha")})
    base = git(site, "rev-parse", "HEAD").strip()
    site.guide("alpha", guide_text("Alpha", contacts="[no-such-team]"))
    head = commit(site, "Head")
    result = site.omg("diff", "--screenshots", str(tmp_path / "shots"), base, head)
    assert result.returncode == 1
    assert "No screenshots: the pull request's version of the site does not build" in result.output
    assert "Problems to fix (1):" in result.output  # the summary is still written


def test_a_summary_too_long_for_github_is_cut_between_guides_with_a_note():
    from omg.changes import _within

    lines = ["## What this pull request changes for readers", ""]
    for number in range(50):
        lines += [f"### Changed: Guide {number}", "", "x" * 100, ""]
    text = _within(lines, 2_000)
    assert len(text.encode("utf-8")) < 2_300
    assert text.rstrip().endswith("on a copy of the repository for the rest.")
    assert "\n### Changed: Guide 1\n" in text and "Guide 49" not in text
    assert "xxx\n\n**The summary is too long" in text.replace("\n\n\n", "\n\n")


def test_a_glossary_change_lists_only_the_guides_that_use_the_term(tmp_path):
    site = repository(tmp_path, {"alpha": guide_text("Alpha", body=text_of("Alpha", " Each school has an RP lead.")),
                                 "bravo": guide_text("Bravo")})
    base = git(site, "rev-parse", "HEAD").strip()
    glossary = site.root / "data/glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "meaning: Restorative practice", "meaning: Restorative practice (RP)"), encoding="utf-8")
    head = commit(site, "Head")
    result = site.omg("diff", base, head)
    assert result.ok, result.output
    assert "data/glossary.yml (changed) changes: Alpha\n" in result.output
    assert "changed: RP (Restorative practice) → RP (Restorative practice (RP))" in result.output
    assert "Bravo" not in result.output
