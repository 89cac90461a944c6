"""Resource bounds: what an editor writes cannot make the build run for minutes or fill memory.

The long-line tests assert on what is read, not on time: a pattern quadratic in the line
would take minutes on these inputs and the run's timeout would end it.
"""

from __future__ import annotations

import pytest

from omg import figures, guide, macros, rawhtml
from omg.corpus import prose_words
from omg.problems import Report
from sitekit import guide_text

LONG = 100_000


@pytest.mark.parametrize("tail", ["#" * LONG + "x", " " * LONG + "x", " \t" * (LONG // 2) + "x", "a#" * (LONG // 2)])
def test_a_heading_line_of_a_hundred_thousand_characters_is_read_in_one_pass(tail):
    found = guide._headings("## What is it?\n\n### a" + tail + "\n", 1)
    assert [(level, title[:1], line) for level, title, line, _start, _end in found] == [(2, "W", 1), (3, "a", 3)]
    assert found[1][1] == ("a" + tail).rstrip(" \t").rstrip("#").strip()


def test_the_heading_pattern_strips_closing_hashes_as_before():
    titles = [found[1] for found in guide._headings("# One #\n## Two ##  \n### Three#\n#### ####\n##### Five # x\n", 1)]
    assert titles == ["One", "Two", "Three", "", "Five # x"]


@pytest.mark.parametrize("line", ["<" * LONG, "](" * (LONG // 2), "<a" * (LONG // 2)])
def test_words_are_counted_in_a_line_of_a_hundred_thousand_brackets(line):
    assert prose_words(f"## What is it?\n\n{line} three more words\n") == 3 + line.count("<a")  # no ">" closes a tag: each "a" is a word


def test_an_attribute_list_of_one_long_word_is_scanned_in_one_pass():
    assert rawhtml.find_unsafe_html("Text\n{: " + "a" * LONG + " }\n") == []
    assert rawhtml.find_unsafe_html("Text\n{: " + "a" * LONG + " onclick=x }\n") != []


def test_a_line_over_the_limit_is_refused_with_its_number(site):
    site.guide("long", guide_text("Long", body="## What is it?\n\n" + "word " * 5000 + "\n"))
    result = site.check()
    assert result.returncode == 1
    assert "docs/guides/long.md:13: the line is 25,000 characters long, over the limit of 20,000." in result.output


LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "lollollollol">\n'
          + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">\n' for i in range(9))
          + ']>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>&j;</title><desc>x</desc></svg>\n')


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_figure_with_nested_entities_is_refused_before_any_is_expanded(tmp_path, encoding):
    folder = tmp_path / "docs" / figures.FIGURES_DIR
    folder.mkdir(parents=True)
    text = LAUGHS if encoding == "utf-8" else LAUGHS.replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    (folder / "laughs.svg").write_bytes(text.encode(encoding))
    report = Report()
    assert figures.load_figures(tmp_path / "docs", root=tmp_path, report=report) == {}
    assert [str(problem) for problem in report.problems] == [
        "docs/assets/figures/laughs.svg:2: the figure has a DOCTYPE or entity declaration, which is not allowed. "
        "Fix: delete the <!DOCTYPE ...> and <!ENTITY ...> lines; plain SVG needs neither."]


def renderer(title: str = "Target") -> macros.Renderer:
    return macros.Renderer(guides={"target": macros.GuideRef("target", title, "S.", "guides/target.md")}, links={})


@pytest.mark.parametrize("text", ['{{ guide("target") }}\n' * 501, '{{ guide("target") }}' * 501,
                                  '{{ guide("target", text=none) }}\n' * 501])
def test_a_page_calling_macros_more_than_the_limit_is_refused_with_the_line(text):
    with pytest.raises(macros.MacroError) as refused:
        renderer().render(text, page="guides/page.md", first_line=10)
    assert refused.value.message == "the page calls macros more than 500 times."
    assert refused.value.line == (10 if text.count("\n") < 2 else 510)


def test_macro_output_is_capped_even_under_the_call_limit():
    with pytest.raises(macros.MacroError) as refused:
        renderer("T" * 9_000).render('{{ guide("target") }}\n' * 300, page="guides/page.md", first_line=1)
    assert refused.value.message == "the macros on this page write more than 2,000,000 characters."


def test_a_page_at_the_limits_still_renders():
    assert renderer().render('{{ guide("target") }}\n' * 500, page="guides/page.md").markdown.count("[Target]") == 500


def test_three_thousand_nested_brackets_are_a_message_not_a_recursion_error():
    with pytest.raises(macros.MacroError) as refused:
        renderer().render("Text\n{{ guide" + "(" * 3000 + '"x"' + ")" * 3000 + " }}\n", page="guides/page.md", first_line=7)
    assert (refused.value.line, refused.value.message) == (8, "the macro text nests brackets too deeply to read.")
