"""`omg import` on fixture sites: the seed, Word and Markdown guides, contacts, links, bad inputs.

Word fixtures are made here with python-docx, so no binary is kept in the repository.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.shared import OxmlElement, qn

from omg.guide import SECTIONS, check_sections, split_front_matter
from omg.problems import Report
from sitekit import ROOT, dedent

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
SEED = FIXTURES / "omg-restorative-practice.txt"
SHARED_SEED = ROOT.parent / "shared" / "seeds" / "omg-restorative-practice.txt"
HAND_MADE = ROOT / "docs" / "guides" / "restorative-practice.md"
CPC = ROOT / "docs" / "guides" / "child-protection-conferences.md"
WHAT, WHY, HOW, WHO = SECTIONS


@pytest.fixture
def cpc_site(site):
    """A fixture site with the real child protection conferences guide, which the seed links to."""
    site.guide("child-protection-conferences", CPC.read_text(encoding="utf-8"))
    return site


def snapshot(site) -> dict[str, bytes]:
    folders = [site.root / "docs", site.root / "data"]
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file()}


def parts_of(text: str) -> tuple[dict, dict[str, list[str]]]:
    """(front matter, section title -> its paragraphs as normalised words)."""
    report = Report()
    front, body, body_line = split_front_matter(text, path="x", report=report)
    sections = check_sections(body, body_line=body_line, path="x", report=report)
    # Figures added to a guide later are not text an importer could find in the seed.
    return yaml.safe_load(front), {s.title: [_words(p) for p in s.text.split("\n\n")
                                             if p.strip() and not p.strip().startswith("![")] for s in sections}


def _words(paragraph: str) -> str:
    # A macro reads as the words it shows: its text, or its id when it has none.
    shown = re.sub(r'\{\{\s*\w+\("([^"]+)"(?:,\s*"([^"]+)")?\)\s*\}\}', lambda m: m.group(2) or m.group(1), paragraph)
    return " ".join(re.findall(r"[a-z0-9]+", shown.lower()))


def macros(text: str) -> list[str]:
    return re.findall(r"\{\{.*?\}\}", text)


def macro_targets(text: str) -> list[str]:
    """The guide or link each macro names, whatever words it shows."""
    return re.findall(r'\{\{\s*(\w+\("[^"]+")', text)


EDITORS_EDITS = [
    ("one of ways", "one of the ways"),
    ("has a restorative practice strategy", "has a restorative practice rp strategy"),
    ("on the pscb website", "on the website of the portsmouth safeguarding children partnership pscp which was called "
                            "the portsmouth safeguarding children board pscb until 2019"),
    ("see the omg on", "see the one minute guide omg on"),
]  # "PEP website" needs no edit: the named link's own title spells it out


def editors_edits(words: str) -> str:
    for before, after in EDITORS_EDITS:
        words = words.replace(before, after)
    return words


# The seed --------------------------------------------------------------------------------------

def test_the_seed_fixture_is_the_shared_seed():
    if not SHARED_SEED.exists():
        pytest.skip("the shared seed sits beside the project, not in it")
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_importing_the_seed_gives_the_hand_made_guides_four_sections(cpc_site):
    result = cpc_site.omg("import", str(SEED))
    assert result.ok, result.output
    imported_text = (cpc_site.root / "docs/guides/restorative-practice.md").read_text(encoding="utf-8")
    imported_meta, imported = parts_of(imported_text)
    hand_meta, hand_made = parts_of(HAND_MADE.read_text(encoding="utf-8"))
    assert list(imported) == list(SECTIONS)
    # The copy edits an editor made that no importer can know: a missing word, the acronyms spelled
    # out on first use, and the partnership's name since 2019.
    imported[HOW] = [editors_edits(p) for p in imported[HOW]]
    assert imported == hand_made
    assert macro_targets(imported_text) == macro_targets(HAND_MADE.read_text(encoding="utf-8"))
    for name in ("title", "contacts", "related", "audience"):
        assert imported_meta[name] == hand_meta[name], name


def test_importing_the_seed_reuses_its_two_contacts_and_leaves_the_contacts_file_alone(cpc_site):
    before = (cpc_site.root / "data/contacts.yml").read_bytes()
    result = cpc_site.omg("import", str(SEED))
    assert "  - contact rp-training: already in data/contacts.yml (same email)" in result.output
    assert "  - contact hayden-ginns: already in data/contacts.yml (same email)" in result.output
    assert (cpc_site.root / "data/contacts.yml").read_bytes() == before


def test_the_import_report_lists_what_was_done_and_each_to_do_with_its_line(cpc_site):
    result = cpc_site.omg("import", str(SEED), "--reviewed", "2026-11-25")
    assert result.output == dedent(f"""
        Imported {SEED.as_posix()} as docs/guides/restorative-practice.md
          - title "Restorative practice" from line 3 (written "RESTORATIVE PRACTICE")
          - sections: line 5 'What is it?' -> 'What is it?'; line 15 'Why are we doing it?' -> 'Why are we doing it?'; line 23 'How are we doing it?' -> 'How are we doing it?'; line 33 'Who are the key contacts?' -> 'Who are the key contacts?'
          - summary: the first sentence of 'What is it?'; check it reads well above the guide
          - audience schools, social-care, health, voluntary-sector: these groups are named in the text; check them
          - contact rp-training: already in data/contacts.yml (same email)
          - contact hayden-ginns: already in data/contacts.yml (same email)
          - linked "RP Strategy" to link("rp-strategy")
          - linked "OMG on Child Protection Conferences" to guide("child-protection-conferences")
          - linked "PEP website" to link("pep-website")
        To do for an editor (1):
          docs/guides/restorative-practice.md:6: choose one or more topics from data/topics.yml: safeguarding, ways-of-working, meetings-and-plans
        1 guide imported. `omg check` reports each to-do until it is done, and nothing is published before then.
        """)


def test_the_imported_seed_passes_omg_check_apart_from_its_to_do_and_its_bare_acronyms(cpc_site):
    cpc_site.omg("import", str(SEED), "--reviewed", "2026-11-25")
    result = cpc_site.check()
    assert result.returncode == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        'docs/guides/restorative-practice.md:6: an editor\'s to-do is still here: "choose one or more topics from '
        'data/topics.yml: safeguarding, ways-of-working, meetings-and-plans". '
        "Fix: do what it asks, then delete the whole [TO DO: ...] marker.")
    # The seed never spells out its acronyms, in its text or in the words of its links.
    bare = sorted(re.findall(r"'([A-Z]+)' is used for the first time in the guide without being spelled out", result.output))
    assert bare == ["OMG", "PEP", "PSCB", "RP"]
    assert "write 'Portsmouth Education Partnership (PEP)' at its first use" in result.output
    assert lines[-1] == "5 problems found. Nothing is published until they are fixed."


def test_the_imported_seed_builds_once_its_to_do_is_done_and_its_acronyms_are_spelled_out(cpc_site):
    cpc_site.omg("import", str(SEED), "--reviewed", "2026-11-25")
    path = cpc_site.root / "docs/guides/restorative-practice.md"
    text = re.sub(r"topics: \[\]  # .*", "topics: [ways-of-working]", path.read_text(encoding="utf-8"))
    for before, after in [("Restorative Practice Strategy", "Restorative Practice (RP) Strategy"),
                          ("PSCB website", "Portsmouth Safeguarding Children Board (PSCB) website"),
                          ('"OMG on', '"One Minute Guide (OMG) on'),
                          ('link("pep-website", "PEP website")', 'link("pep-website")')]:
        assert before in text
        text = text.replace(before, after)
    path.write_text(text, encoding="utf-8")
    result = cpc_site.build()
    assert result.ok, result.output
    html = cpc_site.html("guides/restorative-practice/")
    assert '<a href="../child-protection-conferences/">One Minute Guide (OMG) on Child Protection Conferences</a>' in html
    assert "from doing things <strong>to</strong> and <strong>for</strong> to doing things <strong>with</strong>" in html
    assert '<a href="mailto:hayden.ginns@portsmouthcc.gov.uk">' in html


def test_dry_run_reports_and_writes_nothing(cpc_site):
    before = snapshot(cpc_site)
    result = cpc_site.omg("import", "--dry-run", str(SEED))
    assert result.ok, result.output
    assert result.output.startswith(f"Would import {SEED.as_posix()} as docs/guides/restorative-practice.md\n")
    assert result.output.endswith("Dry run: 1 guide checked, nothing written.\n")
    assert snapshot(cpc_site) == before


def test_an_existing_guide_is_never_overwritten(cpc_site):
    cpc_site.guide("restorative-practice", HAND_MADE.read_text(encoding="utf-8"))
    before = snapshot(cpc_site)
    result = cpc_site.omg("import", str(SEED))
    assert result.returncode == 1
    assert result.output == (
        f"{SEED.as_posix()}: docs/guides/restorative-practice.md already exists, and an import never replaces a "
        "guide. Fix: to import it as another guide, pass --title (and --slug) with other names; to replace the "
        "guide, delete or rename the old file first.\n"
        f"{SEED.as_posix()}: the title \"Restorative practice\" is already used by "
        "docs/guides/restorative-practice.md. Fix: pass --title with another title, or update that guide instead.\n"
        "Nothing was imported and no file was changed.\n")
    assert snapshot(cpc_site) == before


def test_title_and_slug_options_import_a_second_version_beside_the_first(cpc_site):
    cpc_site.guide("restorative-practice", HAND_MADE.read_text(encoding="utf-8"))
    result = cpc_site.omg("import", str(SEED), "--title", "Restorative practice (2019 text)", "--slug", "rp-2019")
    assert result.ok, result.output
    text = (cpc_site.root / "docs/guides/rp-2019.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Restorative practice (2019 text)\n")


# Word, Markdown and plain text -----------------------------------------------------------------

def hyperlink(paragraph, url: str, text: str) -> None:
    """python-docx has no call for a hyperlink, so add the XML Word writes."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run, words = OxmlElement("w:r"), OxmlElement("w:t")
    words.text = text
    run.append(words)
    link.append(run)
    paragraph._p.append(link)


def word_guide(path: Path, *, headings=("What is the early help hub?", "Why is it important?", "How does it work?",
                                        "Key contacts"), bold_headings: bool = False) -> Path:
    document = docx.Document()
    document.add_heading("One Minute Guide: EARLY HELP HUB", level=1)
    document.add_paragraph("How the early help hub supports families before problems grow.")

    def heading(text):
        if bold_headings:
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_heading(text, level=2)

    heading(headings[0])
    paragraph = document.add_paragraph("The hub is a ")
    paragraph.add_run("single front door").bold = True
    paragraph.add_run(" for families who need ")
    paragraph.add_run("extra").italic = True
    paragraph.add_run(" help")
    heading(headings[1])
    document.add_paragraph("Help given early stops problems growing.")
    heading(headings[2])
    document.add_paragraph("Professionals send a request.", style="List Bullet")
    document.add_paragraph("The hub replies within a week.", style="List Bullet")
    paragraph = document.add_paragraph("Staff can read more on the ")
    hyperlink(paragraph, "https://www.portsmoutheducationpartnership.co.uk/", "education partnership site")
    paragraph.add_run(". See the OMG on Early Years Funding.")
    heading(headings[3])
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Sam Sample", "Early Help Manager", "sam.sample@example.org"]):
        cell.text = text
    document.add_paragraph("Early help hub duty line: 01632 960 123")
    document.save(path)
    return path


EXPECTED_WORD_GUIDE = """\
---
title: Early help hub
summary: How the early help hub supports families before problems grow.
contacts: [sam-sample, early-help-hub-duty-line]
topics: []  # [TO DO: choose one or more topics from data/topics.yml: safeguarding, ways-of-working, meetings-and-plans]
audience: []  # [TO DO: choose who the guide is for from data/audiences.yml: schools, social-care, health, voluntary-sector]
last_reviewed: 2026-01-15
review_interval: 12 months
---

## What is it?

The hub is a **single front door** for families who need *extra* help.

## Why are we doing it?

Help given early stops problems growing.

## How are we doing it?

- Professionals send a request.
- The hub replies within a week.

Staff can read more on the {{ link("pep-website", "education partnership site") }}. See the OMG on Early Years Funding [TO DO: no guide is called "Early Years Funding"; link it with guide("its-slug") once that guide exists, or delete the reference].

## Who are the key contacts?

For more information, please get in touch:
"""

EXPECTED_NEW_CONTACTS = """
  # Added by omg import from hub.docx; check before publishing.
  - id: sam-sample
    name: Sam Sample
    role: Early Help Manager
    team: "[TO DO: the organisation or service this contact works for]"
    email: sam.sample@example.org

  - id: early-help-hub-duty-line
    role: Early help hub duty line
    team: "[TO DO: the organisation or service this contact works for]"
    phone: 01632 960 123
"""


def test_a_word_guide_keeps_emphasis_lists_and_links_and_gives_its_contacts_to_the_data(site, tmp_path):
    source = word_guide(tmp_path / "hub.docx")
    contacts_before = (site.root / "data/contacts.yml").read_text(encoding="utf-8")
    result = site.omg("import", str(source), "--reviewed", "2026-01-15")
    assert result.ok, result.output
    assert (site.root / "docs/guides/early-help-hub.md").read_text(encoding="utf-8") == EXPECTED_WORD_GUIDE
    # Appended as text: the editors' comments and layout above stay byte for byte.
    assert (site.root / "data/contacts.yml").read_text(encoding="utf-8") == contacts_before + EXPECTED_NEW_CONTACTS


def test_new_contacts_pass_the_contacts_schema_and_their_to_dos_are_reported_with_lines(site, tmp_path):
    site.omg("import", str(word_guide(tmp_path / "hub.docx")), "--reviewed", "2026-01-15")
    lines = site.check().output.splitlines()
    team_line = len((ROOT / "data/contacts.yml").read_text(encoding="utf-8").splitlines()) + 6
    assert lines == [
        'data/contacts.yml:%d: an editor\'s to-do is still here: "the organisation or service this contact works '
        'for". Fix: do what it asks, then delete the whole [TO DO: ...] marker.' % team_line,
        'data/contacts.yml:%d: an editor\'s to-do is still here: "the organisation or service this contact works '
        'for". Fix: do what it asks, then delete the whole [TO DO: ...] marker.' % (team_line + 5),
        "docs/guides/early-help-hub.md:5: an editor's to-do is still here: \"choose one or more topics from "
        'data/topics.yml: safeguarding, ways-of-working, meetings-and-plans". Fix: do what it asks, then delete '
        "the whole [TO DO: ...] marker.",
        "docs/guides/early-help-hub.md:6: an editor's to-do is still here: \"choose who the guide is for from "
        'data/audiences.yml: schools, social-care, health, voluntary-sector". Fix: do what it asks, then delete '
        "the whole [TO DO: ...] marker.",
        # The Word guide writes "See the OMG on ...": acronyms are spelled out on first use, as GOV.UK asks.
        "docs/guides/early-help-hub.md:24: 'OMG' is used for the first time in the guide without being spelled "
        "out. Fix: write 'One minute guide (OMG)' at its first use, link text included; after that 'OMG' alone "
        "is fine.",
        "docs/guides/early-help-hub.md:24: an editor's to-do is still here: \"no guide is called \"Early Years "
        "Funding\"; link it with guide(\"its-slug\") once that guide exists, or delete the reference\". Fix: do "
        "what it asks, then delete the whole [TO DO: ...] marker.",
        "6 problems found. Nothing is published until they are fixed."]


def test_a_word_guide_with_bold_lines_for_headings_is_read_like_one_with_heading_styles(site, tmp_path):
    source = word_guide(tmp_path / "hub.docx", bold_headings=True)
    result = site.omg("import", str(source), "--reviewed", "2026-01-15")
    assert result.ok, result.output
    assert (site.root / "docs/guides/early-help-hub.md").read_text(encoding="utf-8") == EXPECTED_WORD_GUIDE


VARIANTS = [
    ("What is it?", "Why are we doing it?", "How are we doing it?", "Who are the key contacts?"),
    ("What is a family hub?", "Why is it important?", "How does it work?", "Key contacts"),
    ("Overview", "Purpose", "What happens?", "Contacts"),
    ("WHAT IS IT?", "WHY DOES IT MATTER?", "HOW DO WE DO IT?", "CONTACT DETAILS:"),
    ("1. What are family hubs?", "2. Why are we doing this?", "3. How will it work?", "4. Who to contact"),
]


def variant_text(headings, *, markdown: bool) -> str:
    mark = "## " if markdown else ""
    return dedent(f"""
        {"# " if markdown else ""}Family hubs

        {mark}{headings[0]}
        Family hubs bring services for families together in one place.

        {mark}{headings[1]}

        Families find help sooner.

        {mark}{headings[2]}

        Staff from health and social care work side by side.

        {mark}{headings[3]}

        Family hub team: hubs@portsmouthcc.gov.uk
        """)


def sections_written(site, slug="family-hubs") -> dict[str, list[str]]:
    return parts_of((site.root / f"docs/guides/{slug}.md").read_text(encoding="utf-8"))[1]


EXPECTED_VARIANT_SECTIONS = {
    WHAT: ["family hubs bring services for families together in one place"],
    WHY: ["families find help sooner"],
    HOW: ["staff from health and social care work side by side"],
    WHO: ["for more information please get in touch"],
}


@pytest.mark.parametrize("headings", VARIANTS, ids=lambda h: h[1])
@pytest.mark.parametrize("kind", ["txt", "md", "docx"])
def test_each_heading_variant_is_mapped_to_its_section(site, tmp_path, headings, kind):
    source = tmp_path / f"family-hubs.{kind}"
    if kind == "docx":
        document = docx.Document()
        document.add_paragraph("Family hubs", style="Title")
        for heading, text in zip(headings, ["Family hubs bring services for families together in one place.",
                                            "Families find help sooner.",
                                            "Staff from health and social care work side by side.",
                                            "Family hub team: hubs@portsmouthcc.gov.uk"]):
            document.add_heading(heading, level=2)
            document.add_paragraph(text)
        document.save(source)
    else:
        source.write_text(variant_text(headings, markdown=kind == "md"), encoding="utf-8")
    result = site.omg("import", str(source))
    assert result.ok, result.output
    assert sections_written(site) == EXPECTED_VARIANT_SECTIONS


def test_a_new_contact_takes_its_role_from_the_text_and_its_team_from_its_email_domain(site, tmp_path):
    source = tmp_path / "family-hubs.txt"
    source.write_text(variant_text(VARIANTS[0], markdown=False), encoding="utf-8")
    site.omg("import", str(source), "--reviewed", "2026-01-15")
    contacts = (site.root / "data/contacts.yml").read_text(encoding="utf-8")
    assert contacts.endswith("  - id: family-hub-team\n    role: Family hub team\n    team: Portsmouth City Council\n"
                             "    email: hubs@portsmouthcc.gov.uk\n")
    assert site.check().output.count("to-do") == 1  # only the topics; the contact is complete


def test_text_before_the_first_heading_starts_what_is_it_when_it_is_not_one_sentence(site, tmp_path):
    source = tmp_path / "hubs.txt"
    source.write_text(dedent("""
        FAMILY HUBS

        Family hubs are open to all. They are in every area of the city

        Why is it important?

        Families find help sooner.
        """), encoding="utf-8")
    site.omg("import", str(source))
    text = (site.root / "docs/guides/family-hubs.md").read_text(encoding="utf-8")
    assert "summary: Family hubs are open to all.\n" in text
    assert "## What is it?\n\nFamily hubs are open to all. They are in every area of the city.\n" in text
    assert "## How are we doing it?\n\n[TO DO: write this section: the document has no 'How are we doing it?' part]\n" in text


def test_an_address_in_the_prose_moves_to_the_contacts_with_a_to_do_to_reword_the_sentence(site, tmp_path):
    source = tmp_path / "hubs.txt"
    source.write_text(variant_text(VARIANTS[0], markdown=False).replace(
        "Families find help sooner.", "Families find help sooner. Email bookings@portsmouthcc.gov.uk to visit."),
        encoding="utf-8")
    site.omg("import", str(source))
    text = (site.root / "docs/guides/family-hubs.md").read_text(encoding="utf-8")
    assert "bookings@" not in text
    assert ("Families find help sooner. Email [TO DO: an email address was here; it is now a contact listed under "
            "\"Who are the key contacts?\". Reword this sentence to point readers there] to visit.") in text
    assert "contacts: [family-hub-team, bookings]" in text


# Cross-references ------------------------------------------------------------------------------

def test_guides_imported_together_can_link_to_each_other(site, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(variant_text(VARIANTS[0], markdown=False).replace(
        "Families find help sooner.", "Families find help sooner. See the OMG on Early Help Assessments."),
        encoding="utf-8")
    second.write_text(variant_text(VARIANTS[0], markdown=False).replace("Family hubs\n", "Early help assessments\n", 1),
                      encoding="utf-8")
    result = site.omg("import", str(first), str(second), "--reviewed", "2026-01-15")
    assert result.ok, result.output
    text = (site.root / "docs/guides/family-hubs.md").read_text(encoding="utf-8")
    assert 'See the {{ guide("early-help-assessments", "OMG on Early Help Assessments") }}.' in text
    assert "related: [early-help-assessments]\n" in text
    assert (site.root / "docs/guides/early-help-assessments.md").exists()
    assert site.check().output.count("to-do") == 2  # the two guides' topics


# Bad inputs ------------------------------------------------------------------------------------

FORMATS = "plain text (.txt), Markdown (.md), Word (.docx) or PDF (.pdf)"


def _not_a_word_file(path):
    path.write_text("This was saved with the wrong extension.", encoding="utf-8")


def _zip_but_not_word(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")


def _word_without_text(path):
    docx.Document().save(path)


def _damaged_word(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
        archive.writestr("word/document.xml", "not xml at all")


BAD_INPUTS = [
    ("empty.txt", b"", "empty.txt: the file is empty. Fix: check it is the right file, and that it was saved with "
                       "its text."),
    ("blank.md", b"  \n\n\t\n", "blank.md: the file is empty. Fix: check it is the right file, and that it was "
                                "saved with its text."),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", f"binary.txt: the file is a binary file, not text. Fix: "
                                                             f"save the guide as {FORMATS}."),
    ("word.txt", b"PK\x03\x04rest", "word.txt: the file is a zip or Word file, not text. Fix: if it is a Word "
                                    "document, give it the .docx extension; otherwise save it as text."),
    ("not-word.docx", _not_a_word_file, "not-word.docx: the file is not a Word document: a .docx file is a zip "
                                        "archive, and this one is not. Fix: open it in Word and use Save As > Word "
                                        "Document (.docx)."),
    ("archive.docx", _zip_but_not_word, "archive.docx: the file is a zip archive but not a Word document (it has no "
                                        "word/document.xml). Fix: open the guide in Word and use Save As > Word "
                                        "Document (.docx)."),
    ("blank.docx", _word_without_text, "blank.docx: the file is empty: the Word document has no text. Fix: check it "
                                       "is the right file, and that it was saved with its text."),
    ("damaged.docx", _damaged_word, "damaged.docx: the file could not be read as a Word document ("),
    ("no-sections.txt", b"Family hubs\n\nFamily hubs bring services together.\n\nStaff work side by side.\n",
     "no-sections.txt: none of the four sections was found: no heading reads like 'What is it?', 'Why are we doing "
     "it?', 'How are we doing it?', 'Who are the key contacts?'. Fix: put each section's heading on a line of its "
     "own, such as 'What is it?', then import again."),
    ("guide.pdf", b"%PDF-1.4", "guide.pdf: the file could not be read as a PDF ("),
    ("fake.pdf", b"Just text", "fake.pdf: the file is not a PDF: it does not start as a PDF file does. Fix: open it "
                               "and save or print it again as PDF"),
    ("guide.doc", b"\xd0\xcf\x11\xe0", "guide.doc: the file is an old-style Word document (.doc), which cannot be "
                                       "read. Fix: open it in Word and use Save As > Word Document (.docx), then "
                                       "import the .docx."),
    ("missing.txt", None, "missing.txt: the file cannot be read (No such file or directory). Fix: check the path and "
                          "that the file exists."),
]


@pytest.mark.parametrize("name, content, expected", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS])
def test_a_bad_input_gets_one_clear_error_naming_the_file_and_nothing_is_written(site, name, content, expected):
    path = site.root / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        content(path)
    before = snapshot(site)
    result = site.omg("import", name)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 2 and lines[0].startswith(expected), result.output
    assert lines[1] == "Nothing was imported and no file was changed."
    assert snapshot(site) == before


def test_one_bad_file_among_several_does_not_stop_the_others_and_the_exit_names_it(site, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(variant_text(VARIANTS[0], markdown=False), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    result = site.omg("import", str(good), str(tmp_path / "empty.txt"))
    assert result.returncode == 1
    assert (site.root / "docs/guides/family-hubs.md").exists()
    empty = (tmp_path / "empty.txt").as_posix()
    assert f"{empty}: the file is empty." in result.output
    assert result.output.splitlines()[-1] == f"Not imported: {empty}. The other guides were imported."


# Other kinds of text ---------------------------------------------------------------------------

def test_word_unicode_text_with_a_one_minute_guide_line_above_the_title_is_read(site, tmp_path):
    source = tmp_path / "friends.txt"
    text = ("ONE MINUTE GUIDE\r\nFostering Friends\r\n\r\nWhat is it?\r\nFostering friends is a scheme for carers.\r\n"
            "\r\nHow does it work?\r\nCarers meet monthly.\r\n\r\nContacts\r\nFostering team - 020 7946 0456\r\n")
    source.write_bytes(text.encode("utf-16"))  # Word's "Unicode Text" export
    result = site.omg("import", str(source))
    assert result.ok, result.output
    written = (site.root / "docs/guides/fostering-friends.md").read_text(encoding="utf-8")
    assert written.startswith("---\ntitle: Fostering friends\nsummary: Fostering friends is a scheme for carers.\n"
                              "contacts: [fostering-team]\n")


def test_markdown_front_matter_gives_the_title_and_summary(site, tmp_path):
    source = tmp_path / "kin.md"
    source.write_text(dedent("""
        ---
        title: Kinship care
        summary: What kinship care is and how families get support.
        ---

        ## What is kinship care?

        Family members *raising* children.

        ## Key contacts

        See the [PEP website](https://www.portsmoutheducationpartnership.co.uk).
        """), encoding="utf-8")
    site.omg("import", str(source))
    meta, sections = parts_of((site.root / "docs/guides/kinship-care.md").read_text(encoding="utf-8"))
    assert (meta["title"], meta["summary"]) == ("Kinship care", "What kinship care is and how families get support.")
    # The document's own words are kept; `omg check` then asks for the acronym to be spelled out.
    assert "## Who are the key contacts?\n\nSee the {{ link(\"pep-website\", \"PEP website\") }}.\n" in (
        site.root / "docs/guides/kinship-care.md").read_text(encoding="utf-8")


def test_braces_in_the_text_are_kept_as_text_not_run_as_macros(site, tmp_path):
    source = tmp_path / "hubs.txt"
    source.write_text(variant_text(VARIANTS[0], markdown=False).replace(
        "in one place.", "in one place {{ config }} {% include 'x' %}."), encoding="utf-8")
    site.omg("import", str(source), "--reviewed", "2026-01-15")
    text = (site.root / "docs/guides/family-hubs.md").read_text(encoding="utf-8")
    assert "in one place { { config }} { % include 'x' %}." in text
    assert site.check().output.count("to-do") == 1  # the topics; the braces are no macro error


# Options ---------------------------------------------------------------------------------------

def test_slug_and_title_name_one_guide_so_they_refuse_several_files(site, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_text(variant_text(VARIANTS[0], markdown=False), encoding="utf-8")
    before = snapshot(site)
    result = site.omg("import", str(first), str(second), "--slug", "hubs", "--title", "Hubs")
    assert result.returncode == 1
    assert result.output.splitlines()[:2] == [
        "--slug: --slug names one guide, but 2 files were given. Fix: import the files one at a time, or leave out "
        "--slug.",
        "--title: --title names one guide, but 2 files were given. Fix: import the files one at a time, or leave "
        "out --title."]
    assert snapshot(site) == before


def test_a_slug_that_is_not_a_slug_is_refused(site, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(variant_text(VARIANTS[0], markdown=False), encoding="utf-8")
    result = site.omg("import", str(source), "--slug", "Family Hubs")
    assert result.returncode == 1
    assert result.output.splitlines()[0] == ("--slug: 'Family Hubs' is not a slug. Fix: use lower case letters, "
                                             "digits and hyphens only, such as 'early-help'.")


def test_a_review_date_that_is_not_a_date_is_refused_by_the_command_line(site, tmp_path):
    result = site.omg("import", "a.txt", "--reviewed", "25/11/2026")
    assert result.returncode == 2
    assert "argument --reviewed: '25/11/2026' is not a date in the form YYYY-MM-DD" in result.output
