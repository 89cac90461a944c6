"""Problems print as one line each, whatever characters a file name holds."""

from __future__ import annotations

from omg.problems import Problem, printable
from sitekit import guide_text


def test_a_file_name_with_a_newline_cannot_add_a_workflow_command_of_its_own(site):
    site.guide("bad\n::warning file=README.md::All good\nx", guide_text("Spoof"))
    result = site.check("--format", "github")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert not [line for line in lines if line.startswith("::") and not line.startswith("::error ")]
    errors = [line for line in lines if line.startswith("::error ")]
    assert any("file=docs/guides/bad%0A%3A%3Awarning file=README.md%3A%3AAll good%0Ax.md" in line for line in errors)


def test_a_file_name_with_a_newline_shows_on_one_line_in_the_text_report(site):
    site.guide("bad\nname", guide_text("Spoof"))
    result = site.check()
    assert result.returncode == 1
    assert any(line.startswith("docs/guides/bad\\x0aname.md: ") for line in result.output.splitlines())


def test_annotation_properties_and_message_are_escaped_as_github_requires():
    problem = Problem("docs/a,b:c.md", 3, "50% of\r\nit", "do x")
    assert problem.github_annotation() == (
        "::error file=docs/a%2Cb%3Ac.md,line=3,title=One Minute Guides check::50%25 of%0D%0Ait Fix: do x")


def test_printable_leaves_ordinary_text_alone_and_escapes_control_characters():
    assert printable("docs/guides/café-guide.md") == "docs/guides/café-guide.md"
    assert printable("a\tb\x1b[2Jc\u2028d") == "a\\x09b\\x1b[2Jc\\u2028d"
