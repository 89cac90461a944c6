"""Acronyms are spelled out on their first use in a guide (GOV.UK style), link text included.

The check (omg check, and the build: a release refuses, a preview lists) names the file, the line and the words to write; the glossary
can say what an acronym is not to be confused with, shown on the Glossary page and in the tooltip.
"""

import html as html_module
import re

import pytest

from omg.acronyms import Known, check_first_uses, passages
from omg.glossary import load_glossary
from omg.problems import Report
from sitekit import BODY, guide_text

KNOWN = {
    "PEP": Known("Portsmouth Education Partnership", confusable=("a personal education plan",)),
    "ICPC": Known("Initial child protection conference"),
    "UK": Known("United Kingdom", well_known=True),
}


def problems(body, *, title="A guide", summary="What it is.", known=KNOWN):
    found, own = passages(title=title, title_line=2, summary=summary, summary_line=3, markdown=body, first_line=10)
    report = Report()
    check_first_uses(found, known | {term: Known(meaning) for term, meaning in own.items()}, path="docs/guides/g.md",
                     report=report)
    return [str(problem) for problem in report.problems]


def test_a_glossary_acronym_used_bare_is_reported_with_its_line_and_the_words_to_write():
    assert problems("## What is it?\n\nSchools work with the\nPEP every day.") == [
        "docs/guides/g.md:13: 'PEP' is used for the first time in the guide without being spelled out. "
        "Readers may take it for a personal education plan. Fix: write 'Portsmouth Education Partnership (PEP)' "
        "at its first use, link text included; after that 'PEP' alone is fine."]


def test_an_acronym_in_link_text_counts_as_its_first_use():
    found = problems('See the [PEP website](https://pep.example.org/) and the Portsmouth Education Partnership (PEP).')
    assert len(found) == 1 and found[0].startswith("docs/guides/g.md:10: 'PEP' is used for the first time")


@pytest.mark.parametrize("text", [
    "See the [Portsmouth Education Partnership (PEP) website](https://pep.example.org/). Then the PEP.",
    "An **initial child protection conference (ICPC)** is held. The ICPC decides.",
    "Two *initial child protection conferences* (ICPCs) were held.",
    "The ICPC (initial child protection conference) decides.",
    "The child leaves the UK.",
    "Code such as `XYZ` is not text.\n\n```\nABC\n```",
    "The address https://example.org/ABC/ is not text, nor is GOV.UK or COVID-19.",
    "The Team Around the Family (TAF) meets.",
    "Hampshire, Isle of Wight, Portsmouth and Southampton (HIPS) share procedures.",
    "Initial child protection conferences (ICPC) are held.",
    "Initial child protection conferences (ICPC) are held.\n\n*[ICPC]: Initial child protection conference",
    "The ICPC (initial child protection conferences) decide.",
    "Under Part IV of the Children Act 1989, and schedule II, section VI and Type II.",
], ids=["link text", "bold", "plural", "meaning after", "well known", "code", "addresses", "initials",
        "initials with a word left out", "plural meaning, single acronym", "own definition, plural",
        "plural meaning after", "Roman numerals numbering parts"])
def test_spelled_out_well_known_or_not_text_passes(text):
    assert problems(text) == []


def test_a_roman_numeral_alone_is_still_an_acronym_to_spell_out():
    assert problems("The VI team visits.")  # visual impairment, not a part of a document
    assert problems("Part of the IV team.")


def test_the_guides_own_definition_gives_the_words_to_write():
    found = problems("The MASH meets daily.\n\n*[MASH]: Multi-Agency Safeguarding Hub")
    assert found == ["docs/guides/g.md:10: 'MASH' is used for the first time in the guide without being "
                     "spelled out. Fix: write 'Multi-Agency Safeguarding Hub (MASH)' at its first use, link text "
                     "included; after that 'MASH' alone is fine."]
    assert problems("The multi-agency safeguarding hub (MASH) meets.\n\n*[MASH]: Multi-Agency Safeguarding Hub") == []


def test_a_glossary_meaning_is_met_in_the_singular_or_plural_with_other_small_words_and_no_other_word():
    known = {"CAMHS": Known("Child and Adolescent Mental Health Services")}
    assert problems("Ask Child and Adolescent Mental Health Service (CAMHS).", known=known) == []
    assert problems("Ask Child and Family Mental Health Service (CAMHS).", known=known)  # another word
    assert problems("Ask Child and Adolescent Mental Health (CAMHS).", known=known)  # a word left out
    known = {"FII": Known("Fabricated or induced illness"), "LAC": Known("Looked after child"),
             "LA": Known("Local authority"), "PIPOT": Known("Person in a position of trust")}
    assert problems("Fabricated and induced illness (FII) is rare. Looked after children (LAC) too.", known=known) == []
    assert problems("Local authorities (LAs) and people in a position of trust (PIPOT).", known=known) == []
    assert problems("Fabricated illness (FII) is rare.", known=known)
    assert problems("Fabricated or induced illnes (FII) is rare.", known=known)  # a slip, not a plural
    assert problems("People with a position of trust (PIPOT).", known=known)  # 'with' is not 'in'


def test_an_acronym_spelled_out_with_other_words_than_the_glossary_is_reported():
    # The tooltip and the Glossary page would say one thing and the text another.
    found = problems("Every child in care has a personal education plan (PEP).")
    assert found and "write 'Portsmouth Education Partnership (PEP)'" in found[0]


def test_an_unknown_acronym_is_reported_with_the_glossary_as_the_fix():
    assert problems("The XYZ meets weekly.") == [
        "docs/guides/g.md:10: 'XYZ' looks like an acronym, is used for the first time without being spelled out, "
        "and is not in data/glossary.yml. Fix: write the words in full with the acronym in brackets at its first use, "
        "such as 'Full name (XYZ)', and add it to data/glossary.yml so readers see its meaning everywhere; "
        "if it is not an acronym, write it in lower case."]


def test_the_title_and_summary_come_first_in_reading_order():
    found = problems("The Portsmouth Education Partnership (PEP) helps.", summary="How the PEP helps.")
    assert len(found) == 1 and found[0].startswith("docs/guides/g.md:3: 'PEP' is used in the summary for the first")


def test_an_acronym_in_a_sub_heading_is_its_first_use():
    found = problems("## How are we doing it?\n\n### What the ICPC decides\n\nAn initial child protection conference (ICPC).")
    assert len(found) == 1 and found[0].startswith("docs/guides/g.md:12: 'ICPC' is used for the first time")


def test_only_the_first_use_is_reported_once_per_acronym():
    assert len(problems("PEP, PEP and PEP.\n\nPEP again.")) == 1


def test_a_guide_with_a_bare_acronym_fails_the_check_and_the_release_with_the_file_line_and_fix(site):
    # In a link's own words, which tooltips never expand.
    body = BODY.format(slug="Target").replace("Through training and shared practice.",
                                              'Please see the {{ link("pep-website", "PEP website") }}.')
    site.guide("target", guide_text("Target", body=body))
    result = site.check()
    assert result.returncode == 1
    line = next(number for number, text in enumerate((site.root / "docs/guides/target.md").read_text().split("\n"), 1)
                if "pep-website" in text)
    assert (f"docs/guides/target.md:{line}: 'PEP' is used for the first time in the guide without being spelled out."
            in result.output)
    # A preview build of a partnership's guides builds, and lists what a release would refuse;
    # the release build refuses it, and publishes nothing.
    build = site.build()
    assert build.returncode == 0, build.output
    assert "1 problem to fix before publishing" in build.output and "'PEP' is used for the first time" in build.output
    assert (site.root / "site" / "guides" / "target" / "index.html").exists()
    release = site.build("--site-dir", "released", env={"OMG_RELEASE": "1"})
    assert release.returncode == 1 and "'PEP' is used for the first time" in release.output
    assert not (site.root / "released").exists()


def test_a_spelled_out_acronym_builds_with_a_tooltip_that_says_what_it_is_not(site):
    body = BODY.format(slug="Target").replace(
        "Through training and shared practice.",
        'Please see the {{ link("pep-website", "Portsmouth Education Partnership (PEP) website") }}. '
        "Schools in the Portsmouth Education Partnership (PEP) share it. The PEP meets termly.")
    site.guide("target", guide_text("Target", body=body))
    result = site.build()
    assert result.ok, result.output
    page = site.html("guides/target/")
    assert ">Portsmouth Education Partnership (PEP) website</a>" in page
    tooltip = re.search(r'<abbr class="omg-abbr" tabindex="0" title="([^"]+)">PEP</abbr>', page).group(1)
    assert html_module.unescape(tooltip) == ("Portsmouth Education Partnership (not to be confused with "
                                             "a personal education plan, which every child in care has)")
    glossary = site.html("glossary/")
    entry = glossary.split('<dt id="pep">PEP</dt>')[1].split("</dd>")[0]
    assert "Not to be confused with a personal education plan, which every child in care has." in entry


def test_to_dos_and_placeholders_are_not_reported_twice(site):
    site.guide("target", guide_text("Target", body=BODY.format(slug="Target [TO DO: check the RCPC dates]")))
    output = site.check().output
    assert "to-do" in output and "'RCPC'" not in output and "'TO'" not in output


GLOSSARY = """\
glossary:
  - id: pep
    term: PEP
    meaning: Portsmouth Education Partnership
    not_to_be_confused_with: [a personal education plan]
"""


def load(tmp_path, text):
    path = tmp_path / "data" / "glossary.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_glossary(path, report=report, root=tmp_path), [str(p) for p in report.problems]


def test_not_to_be_confused_with_is_loaded_and_shown_in_the_tooltip(tmp_path):
    glossary, found = load(tmp_path, GLOSSARY)
    assert found == []
    assert glossary["pep"].not_to_be_confused_with == ("a personal education plan",)
    assert glossary["pep"].tooltip == "Portsmouth Education Partnership (not to be confused with a personal education plan)"


def test_the_same_acronym_twice_in_the_glossary_is_an_error_pointing_to_not_to_be_confused_with(tmp_path):
    second = GLOSSARY + "  - id: pep-plan\n    term: PEP\n    meaning: Personal education plan\n"
    glossary, found = load(tmp_path, second)
    assert list(glossary) == ["pep"]
    assert found == ["data/glossary.yml:6: term: the term 'PEP' is listed twice (as 'pep' and 'pep-plan'). "
                     "Fix: keep one entry for each acronym: write the meaning guides use in 'meaning:', and the "
                     "other meaning under 'not_to_be_confused_with:'."]


def test_a_glossary_entry_confused_with_its_own_meaning_or_both_well_known_and_confusable_is_an_error(tmp_path):
    text = GLOSSARY.replace("[a personal education plan]", "[Portsmouth education partnership]")
    _, found = load(tmp_path, text)
    assert found == ["data/glossary.yml:2: not_to_be_confused_with: 'Portsmouth education partnership' is the term's "
                     "own meaning, not something to confuse it with. Fix: list only other things the same letters "
                     "stand for, or remove 'not_to_be_confused_with:'."]
    _, found = load(tmp_path, GLOSSARY + "    well_known: true\n")
    assert found == ["data/glossary.yml:2: well_known: 'PEP' is marked well_known, but it can be confused with "
                     "something else. Fix: remove 'well_known: true', so guides spell it out; readers need its meaning."]
    _, found = load(tmp_path, GLOSSARY + "    well_known: sometimes\n")
    assert found == ["data/glossary.yml:6: well_known: must be true or false, but found 'sometimes'. "
                     "Fix: write true or false."]


def test_the_shipped_glossary_lets_abbreviations_every_reader_knows_stand_alone(tmp_path):
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    report = Report()
    shipped = load_glossary(root / "data" / "glossary.yml", report=report, root=root)
    assert report.problems == []
    known = {term.term: term.known for term in shipped.values()}
    assert problems("Children arrive in the UK. Send your CV as a PDF; ask your GP or the NHS.", known=known) == []
    assert problems("Ask the LADO.", known=known)  # a service's acronym is still spelled out
