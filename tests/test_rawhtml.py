"""The raw HTML check on small inputs: what is refused, what is allowed, and the line it names."""

from __future__ import annotations

import pytest

from omg.rawhtml import find_unsafe_html


def messages(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    return [(finding.line, finding.message) for finding in find_unsafe_html(text, first_line=first_line)]


@pytest.mark.parametrize("text, expected", [
    ("Text\n<SCRIPT src=x></SCRIPT>", (2, "the HTML tag <script> is not allowed.")),
    ("<script/x>alert(1)</script>", (1, "the HTML tag <script> is not allowed.")),
    ("<style>p { color: red }</style>", (1, "the HTML tag <style> is not allowed.")),
    ("<frameset></frameset>", (1, "the HTML tag <frameset> is not allowed.")),
    ("<svg></svg>", (1, "the HTML tag <svg> is not allowed.")),
    ("<meta http-equiv=refresh content='0;url=https://example.org'>", (1, "the HTML tag <meta> is not allowed.")),
    ('<img src=x ONERROR="alert(1)">', (1, "the HTML attribute 'onerror' on <img> is not allowed.")),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>',
     (1, "the address 'jav ascript:alert(1)' in the attribute 'href' on <a> is not allowed.")),
    ("[x](jav&#97;script:alert(1))", (1, "the link address 'jav&#97;script:alert(1)' is not allowed.")),
    ("[x]( <JavaScript:alert(1)>)", (1, "the link address 'JavaScript:alert(1)' is not allowed.")),
    ("[x](vbscript:msgbox)", (1, "the link address 'vbscript:msgbox' is not allowed.")),
    ("[x][1]\n\n[1]: data:text/html,hi", (3, "the link address 'data:text/html,hi' is not allowed.")),
    ("[x](https://www.gov.uk/){: href='javascript:x' }",
     (1, "the address 'javascript:x' in the attribute 'href' in '{: ... }' is not allowed.")),
    ("## Heading {: style=\"color: red\" }", (1, "inline style (style=\"color: red\") in '{: ... }' is not allowed.")),
], ids=["upper-case-script", "script-with-slash", "style-element", "frameset", "svg", "meta-refresh",
        "upper-case-event", "entity-and-tab-in-scheme", "entity-in-markdown-link", "angle-brackets",
        "vbscript", "reference-definition", "attribute-list-href", "attribute-list-style"])
def test_unsafe_markup_is_refused_with_its_line(text, expected):
    assert messages(text) == [expected]


def test_a_tag_that_only_looks_like_an_address_is_checked_as_html():
    # Markdown links only <http(s)://...> and e-mail addresses; this reaches the page as a tag.
    assert messages("<x:y/onmouseover=alert(1)>") == [
        (1, "the HTML tag <x:y> is not allowed."), (1, "the HTML attribute 'onmouseover' on <x:y> is not allowed.")]


@pytest.mark.parametrize("text", ["<img\nsrc=x\nonerror=alert(1)//@x>", "<img\tsrc=x\tonerror=alert(1)//@x>"],
                         ids=["lines", "tabs"])
def test_a_tag_split_by_white_space_and_ending_like_an_email_address_is_still_checked(text):
    # At the start of a line Markdown keeps it as an HTML block: it is a tag, not an address.
    assert (1, "the HTML attribute 'onerror' on <img> is not allowed.") in messages(text)


def test_a_real_email_autolink_is_not_read_as_a_tag():
    assert messages("Write to <team@example.org> or see <https://www.example.org/a?b=c>.") == []


@pytest.mark.parametrize("text", [
    "Line one<br>line two<br/>",
    '<abbr title="Initial child protection conference">ICPC</abbr>',
    "<strong>a</strong> <em>b</em> <sup>1</sup> <kbd>Ctrl</kbd>",
    '<a href="https://www.gov.uk/">GOV.UK</a> and <a href="../other/">a guide</a>',
    "<details><summary>More</summary>Hidden text.</details>",
    "<!-- a note for editors -->",
    "See <https://www.gov.uk/x> or write to <someone@example.org>.",
    "Children aged < 5, and score<threshold without a closing bracket",
    "The data: the numbers. The javascript: the language.",
    '{{ guide("restorative-practice") }} and {{ link("pep-website", "the PEP site") }}',
    "[Working together](https://www.gov.uk/government/publications/working-together_(2023))",
], ids=["br", "abbr", "inline-emphasis", "links", "details", "comment", "autolinks", "less-than",
        "scheme-words-in-prose", "macros", "parentheses-in-address"])
def test_plain_safe_markup_is_allowed(text):
    assert messages(text) == []


def test_html_inside_a_comment_is_checked_because_browsers_may_end_the_comment_early():
    assert messages("Text\n<!--><img src=x onerror=alert(1)>-->") == [
        (2, "the HTML attribute 'onerror' on <img> is not allowed.")]


def test_html_inside_a_cdata_section_is_checked_because_browsers_end_it_at_the_first_bracket():
    assert messages("<![CDATA[><img src=x onerror=alert(1)>]]>") == [
        (1, "the HTML attribute 'onerror' on <img> is not allowed.")]


def test_lines_count_from_where_the_text_starts_in_the_file():
    assert messages("one\ntwo <span onclick=x>", first_line=10) == [
        (11, "the HTML attribute 'onclick' on <span> is not allowed.")]


def test_every_problem_in_a_text_is_reported():
    text = "<script>x</script>\n<iframe></iframe>\n[a](javascript:x)\n"
    assert [line for line, _ in messages(text)] == [1, 2, 3]
