"""Acronyms explain themselves: focusable tooltips in text, never in headings, links or code."""

import re
import xml.etree.ElementTree as etree

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from omg.abbreviations import GlossaryExtension
from sitekit import BODY, guide_text

MEANINGS = {"RP": "Restorative practice", "CP": "Child protection", "RCPC": "Review child protection conference"}


def render(text, meanings=MEANINGS):
    return markdown.markdown(text, extensions=["abbr", GlossaryExtension(lambda: meanings)])


def test_the_first_use_of_an_acronym_becomes_a_focusable_abbreviation():
    html = render("We use RP every day. RP helps.")
    assert html == ('<p>We use <abbr class="omg-abbr" tabindex="0" title="Restorative practice">RP</abbr>'
                    " every day. RP helps.</p>")


def test_acronyms_in_headings_links_and_code_are_left_alone():
    html = render("## About RP\n\nSee [the RP strategy](https://example.org/) and `RP`.\n\n    RP\n\nThen RP.")
    assert html.count("<abbr") == 1
    assert 'Then <abbr class="omg-abbr" tabindex="0" title="Restorative practice">RP</abbr>.' in html
    assert "<h2>About RP</h2>" in html and ">the RP strategy</a>" in html and "<code>RP</code>" in html


def test_a_longer_acronym_is_not_taken_for_a_shorter_one_inside_it():
    html = render("An RCPC is not a CP-plan or a CPR; a CP conference is.")
    assert re.findall(r'title="([^"]+)">(\w+)</abbr>', html) == [
        ("Review child protection conference", "RCPC"), ("Child protection", "CP")]
    assert "a CP-plan or a CPR; a <abbr" in html and ">CP</abbr> conference is." in html


def test_an_editors_own_abbreviation_is_made_focusable_too():
    html = render("The MASH meets daily.\n\n*[MASH]: Multi-Agency Safeguarding Hub", meanings={})
    assert '<abbr class="omg-abbr" tabindex="0" title="Multi-Agency Safeguarding Hub">MASH</abbr>' in html


def test_a_guide_page_explains_the_glossary_acronyms_it_uses(site):
    body = BODY.format(slug="The Portsmouth Safeguarding Children Board (PSCB) and the initial child protection "
                            "conference (ICPC)")
    site.guide("target", guide_text("Target", body=body))
    assert site.build().ok
    html = site.html("guides/target/")
    assert ('<abbr class="omg-abbr" tabindex="0" title="Portsmouth Safeguarding Children Board">PSCB</abbr>' in html)
    assert '<abbr class="omg-abbr" tabindex="0" title="Initial child protection conference">ICPC</abbr>' in html


def test_the_glossary_page_lists_every_term_in_the_data_file(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    html = site.html("glossary/")
    terms = re.findall(r'<dt id="([^"]+)">([^<]+)</dt>', html)
    data = (site.root / "data" / "glossary.yml").read_text(encoding="utf-8")
    assert sorted(term for _, term in terms) == sorted(re.findall(r"^    term: (.+)$", data, re.M))
    assert [term for _, term in terms] == sorted((term for _, term in terms), key=str.casefold)
    icpc = html.split('<dt id="icpc">ICPC</dt>')[1].split("</dd>")[0]
    assert "<strong>Initial child protection conference</strong>" in icpc


def test_tooltips_show_on_hover_and_focus_and_escape_dismisses_them(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    css = (site.site / "assets/stylesheets/omg.css").read_text(encoding="utf-8")
    assert ".omg-abbr:hover > .omg-abbr__tip,\n.omg-abbr:focus > .omg-abbr__tip {\n  display: block;" in css
    assert ".omg-abbr[title]:focus::after {\n  content: attr(title);" in css  # without JavaScript
    script = (site.site / "assets/javascripts/omg.js").read_text(encoding="utf-8")
    assert 'abbr.setAttribute("aria-describedby", tip.id);' in script
    assert 'if (event.key !== "Escape") return;' in script


ODD_TERMS = {"RP": "a", "CP": "b", "RCPC": "c", "A&E": "d", "E": "e", "S 47": "f", "-X": "g"}
WHOLE_WORD = re.compile(r"(?<![\w-])(?:RCPC|A&E|S 47|RP|CP|-X|E)(?![\w-])")  # what the tooltips must find


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["RP", "CP", "RCPC", "A&E", "E", "S 47", "-X", "X", "-", " ", "a", "é", "_", "&", "\n"]),
                max_size=12).map("".join))
def test_tooltips_go_on_exactly_the_whole_word_uses_of_each_term_the_first_time(text):
    from omg.abbreviations import GlossaryTreeprocessor

    expected, seen = [], set()
    for match in WHOLE_WORD.finditer(text):
        if match.group() not in seen:
            seen.add(match.group())
            expected.append((match.start(), match.group()))
    processor = GlossaryTreeprocessor(markdown.Markdown(), lambda: ODD_TERMS)
    processor.run(etree.Element("div"))  # sets up the terms for this page
    kept, pieces = processor._split(text)
    found, at = [], len(kept or "")
    for piece in pieces:
        found.append((at, piece.text))
        at += len(piece.text) + len(piece.tail or "")
    assert found == expected
