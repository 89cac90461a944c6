"""The guide schema and the section check, on small inputs."""

import datetime as dt
from pathlib import Path

import pytest

from omg.guide import SECTIONS, check_sections, parse_guide
from omg.problems import Report
from sitekit import BODY, guide_text

TODAY = dt.date(2026, 11, 25)


def parse(tmp_path: Path, text: str, name: str = "test-guide.md"):
    file = tmp_path / "docs" / "guides" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    report = Report()
    guide = parse_guide(file, root=tmp_path, report=report, today=TODAY)
    return guide, [str(p) for p in report.problems]


def test_a_valid_guide_has_no_problems_and_a_due_date_from_its_interval(tmp_path):
    guide, problems = parse(tmp_path, guide_text("Test guide"))
    assert problems == []
    assert guide.review_due == dt.date(2027, 1, 15)
    assert [s.title for s in guide.sections] == list(SECTIONS)


def test_unknown_key_suggests_the_nearest_known_key(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", sumary="x"))
    assert problems == ["docs/guides/test-guide.md:9: sumary: unknown field 'sumary'. Fix: Did you mean 'summary'? "
                        "Known fields are: title, summary, contacts, related, topics, audience, last_reviewed, "
                        "review_due, review_interval, keywords, owner, status, aliases."]


def test_malformed_yaml_names_the_file_and_line(tmp_path):
    _, problems = parse(tmp_path, "---\ntitle: Test\nsummary: [oops\ncontacts: []\n---\n\n" + BODY)
    assert len(problems) == 1
    assert problems[0].startswith("docs/guides/test-guide.md:4: the front matter is not valid YAML")
    assert "Fix:" in problems[0]


def test_front_matter_that_is_a_list_is_reported(tmp_path):
    _, problems = parse(tmp_path, "---\n- title\n- summary\n---\n\n" + BODY)
    assert problems[0] == ("docs/guides/test-guide.md:2: the front matter must be a set of 'name: value' lines, "
                           "but it is a list. Fix: write one field per line, such as 'title: Restorative practice'.")


def test_missing_required_fields_are_each_named(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", contacts=None, audience=None))
    assert any("contacts: the required field 'contacts' is missing or empty." in p for p in problems)
    assert any("audience: the required field 'audience' is missing or empty." in p for p in problems)


@pytest.mark.parametrize("value, message", [
    ("2026-02-30", "last_reviewed"),
    ("15/01/2026", "last_reviewed"),
])
def test_impossible_or_badly_written_dates_are_errors(tmp_path, value, message):
    _, problems = parse(tmp_path, guide_text("Test guide", last_reviewed=value))
    assert len(problems) == 1 and f"{message}:" in problems[0] and "YYYY-MM-DD" in problems[0]


def test_a_last_review_in_the_future_is_an_error(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", last_reviewed="2027-01-01"))
    assert problems == ["docs/guides/test-guide.md:7: last_reviewed: last_reviewed is 2027-01-01, a date in the "
                        "future. Fix: use the date the guide was actually reviewed (today at the latest)."]


def test_a_due_date_before_the_last_review_is_an_error(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", review_interval=None, review_due="2025-01-01"))
    assert problems == ["docs/guides/test-guide.md:8: review_due: review_due (2025-01-01) is not after "
                        "last_reviewed (2026-01-15). Fix: set the next review after the last one, usually a year later."]


def test_a_guide_without_a_next_review_is_an_error(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", review_interval=None))
    assert "review_due: the guide has no next review date." in problems[0]


def test_a_file_name_that_is_not_a_slug_is_an_error(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide"), name="Test Guide.md")
    assert problems[0] == ("docs/guides/Test Guide.md: the file name 'Test Guide.md' is not a valid slug. Fix: rename it "
                           "using lower case letters, digits and hyphens only, such as 'child-protection-conferences.md'.")


def test_a_two_sentence_summary_is_an_error(tmp_path):
    _, problems = parse(tmp_path, guide_text("Test guide", summary="One thing. Another thing."))
    assert "summary: the summary must be one short sentence" in problems[0]


def sections(body: str) -> list[str]:
    report = Report()
    check_sections(body, body_line=10, path="docs/guides/x.md", report=report)
    return [str(p) for p in report.problems]


LISTING = ("'## What is it?' / '## Why are we doing it?' / '## How are we doing it?' / "
           "'## Who are the key contacts?'")


def test_the_four_sections_in_order_pass():
    assert sections(BODY.format(slug="X")) == []


def test_a_missing_section_names_the_expected_headings():
    body = BODY.format(slug="X").replace("## Why are we doing it?\n\nIt helps professionals work together.\n\n", "")
    assert sections(body) == [f"docs/guides/x.md:10: the section '## Why are we doing it?' is missing. "
                              f"Fix: add it; a guide has exactly these sections, in order: {LISTING}."]


def test_a_misspelt_section_names_the_line_and_the_right_heading():
    body = BODY.format(slug="X").replace("## Why are we doing it?", "## Why are we doing this")
    assert sections(body) == ["docs/guides/x.md:14: the section '## Why are we doing this' should be "
                              "'## Why are we doing it?'. Fix: change the heading to '## Why are we doing it?'; "
                              f"a guide has exactly these sections, in order: {LISTING}."]


def test_sections_out_of_order_are_reported():
    body = "## Why are we doing it?\n\nA.\n\n## What is it?\n\nB.\n\n## How are we doing it?\n\nC.\n\n## Who are the key contacts?\n"
    assert sections(body) == [f"docs/guides/x.md:10: the section '## Why are we doing it?' is out of order. "
                              f"Fix: put the sections in this order: {LISTING}."]


def test_an_empty_prose_section_is_reported():
    body = BODY.format(slug="X").replace("Through training and shared practice.", "")
    assert sections(body) == ["docs/guides/x.md:18: the section '## How are we doing it?' is empty. "
                              "Fix: write a few sentences under the heading."]


def test_a_duplicate_section_and_a_page_title_are_reported():
    body = "# Title\n\n" + BODY.format(slug="X") + "\n## What is it?\n\nAgain.\n"
    problems = sections(body)
    assert any("the heading '# Title' is a page title." in p for p in problems)
    assert any("the section '## What is it?' appears twice." in p for p in problems)


def test_headings_inside_code_blocks_are_not_sections():
    body = BODY.format(slug="X").replace("Through training", "```\n## Not a heading\n```\n\nThrough training")
    assert sections(body) == []
