"""Reading guides to import keeps their structure: lists, tables, headings, page headers and footers.

Every input is a real file made here in tmp_path (python-docx writes the Word files); the
assertions are on the blocks the reader gives the rest of the importer (omg/importer/reading.py).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from docx.oxml import parse_xml
from docx.oxml.shared import OxmlElement, qn

from omg.importer.reading import UnreadableInput, blocks_from_lines, read_document, tidy
from sitekit import dedent


def read_text(tmp_path: Path, text: str, suffix: str = ".txt"):
    path = tmp_path / f"guide{suffix}"
    path.write_text(text, encoding="utf-8")
    return read_document(path).blocks


def kinds(blocks) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in blocks]


# Lists in text -----------------------------------------------------------------------------------

def test_bullets_typed_as_a_dot_and_a_tab_with_o_sub_bullets_become_a_nested_list(tmp_path):
    blocks = read_text(tmp_path, "Early help may include:\n\u2022\tparenting support\n\to\tgroups\n\to\tone to one"
                                 "\n\u2022\ta family support worker\n")
    assert kinds(blocks) == [
        ("paragraph", "Early help may include:"),
        ("list", "- parenting support\n    - groups\n    - one to one\n- a family support worker")]


def test_dash_sub_bullets_under_dot_bullets_are_the_second_level(tmp_path):
    blocks = read_text(tmp_path, "\u2022 Schools\n- designated safeguarding leads\n\u2022 Health\n")
    assert kinds(blocks) == [("list", "- Schools\n    - designated safeguarding leads\n- Health")]


def test_a_bullet_wrapping_onto_continuation_lines_is_one_item(tmp_path):
    blocks = read_text(tmp_path, dedent("""
        \u2022 Talk to the family about what is happening and
          what support they would find useful
        \u2022 Record what was agreed, with the family's
        consent.
        \u2022 Share the plan.
        """))
    assert kinds(blocks) == [("list", "- Talk to the family about what is happening and what support they would find "
                                      "useful\n- Record what was agreed, with the family's consent.\n- Share the plan.")]


def test_bullets_directly_under_a_lead_in_line_are_a_list_after_a_paragraph(tmp_path):
    blocks = read_text(tmp_path, "Practitioners should:\n- listen to the child\n- write down what they say\n"
                                 "Then call the hub.\n")
    assert kinds(blocks) == [("paragraph", "Practitioners should:"),
                             ("list", "- listen to the child\n- write down what they say"),
                             ("paragraph", "Then call the hub.")]


def test_numbered_steps_separated_by_blank_lines_are_one_numbered_list(tmp_path):
    blocks = read_text(tmp_path, "1. Speak to the family.\n\n2. Complete the assessment.\n\n3. Hold a team around "
                                 "the family meeting.\n\nAfter the meeting the plan is shared.\n")
    assert kinds(blocks) == [("list", "1. Speak to the family.\n2. Complete the assessment.\n3. Hold a team around "
                                      "the family meeting."),
                             ("paragraph", "After the meeting the plan is shared.")]


def test_a_numbered_list_that_starts_again_at_one_is_a_second_list(tmp_path):
    blocks = read_text(tmp_path, "1. First\n2. Second\n\n1. Another first\n")
    assert [block.kind for block in blocks] == ["list", "list"]


# Headings in text --------------------------------------------------------------------------------

def test_setext_underlines_make_headings_in_text_and_markdown(tmp_path):
    for suffix in (".txt", ".md"):
        blocks = read_text(tmp_path, "Early help\n==========\n\nWhat is it?\n-----------\nSupport for families.\n", suffix)
        assert [(b.kind, b.text, b.level) for b in blocks] == [
            ("heading", "Early help", 1), ("heading", "What is it?", 2), ("paragraph", "Support for families.", 0)]


def test_a_heading_glued_to_the_next_line_is_split_off_and_marked(tmp_path):
    blocks = read_text(tmp_path, "WHY DOES IT MATTER?\nFamilies find help sooner.\nThey say so.\n")
    assert kinds(blocks) == [("paragraph", "WHY DOES IT MATTER?"), ("paragraph", "Families find help sooner.\nThey say so.")]
    assert blocks[0].hints == ("glued", "caps", "question")
    assert blocks[1].where == "line 2"


def test_a_bold_name_above_its_phone_and_email_stays_with_them_as_the_contacts_label(tmp_path):
    blocks = read_text(tmp_path, "**CAMHS Single Point of Access**\nPhone: 01632 960770\nEmail: camhs@example.org\n",
                       ".md")
    assert kinds(blocks) == [("paragraph", "**CAMHS Single Point of Access**\nPhone: 01632 960770\n"
                                           "Email: camhs@example.org")]


def test_a_sentence_is_not_split_off_as_a_heading(tmp_path):
    blocks = read_text(tmp_path, "Families find help sooner, and\nthey say so.\n")
    assert kinds(blocks) == [("paragraph", "Families find help sooner, and\nthey say so.")]


def test_a_numbered_all_capitals_part_is_a_heading_candidate_not_a_list(tmp_path):
    blocks = read_text(tmp_path, "3. WHAT TO DO\nContact the hub.\n\n4. Contact the hub within one working day.\n")
    assert blocks[0].kind == "paragraph" and blocks[0].text == "3. WHAT TO DO"
    assert {"caps", "numbered", "glued"} <= set(blocks[0].hints)
    assert kinds(blocks[1:]) == [("paragraph", "Contact the hub."), ("list", "4. Contact the hub within one working day.")]


def test_a_bold_line_in_markdown_is_marked_as_a_candidate_heading(tmp_path):
    blocks = read_text(tmp_path, "**Who are the key contacts?**\n\nThe hub.\n", ".md")
    assert blocks[0].hints == ("bold", "question")


# Tables in Markdown ------------------------------------------------------------------------------

def test_a_markdown_pipe_table_is_a_table_with_its_header_row_known(tmp_path):
    blocks = read_text(tmp_path, dedent("""
        ## Key contacts

        | Team | Email | Phone |
        |------|-------|-------|
        | Early Help Hub | earlyhelp@example.org | 01632 960000 |
        | Emergency Duty Team | | 01632 960999 |
        """), ".md")
    table = blocks[1]
    assert table.kind == "table" and table.header
    assert table.rows == [["Team", "Email", "Phone"], ["Early Help Hub", "earlyhelp@example.org", "01632 960000"],
                          ["Emergency Duty Team", "", "01632 960999"]]
    assert table.text.splitlines()[1] == "|---|---|---|"


def test_lines_that_merely_hold_a_bar_are_not_a_table(tmp_path):
    blocks = read_text(tmp_path, "Open Monday | Friday\nand weekends by appointment | only\nsometimes\n")
    assert [block.kind for block in blocks] == ["paragraph"]


# Markdown front matter ---------------------------------------------------------------------------

def test_front_matter_is_kept_whole_for_the_dates_in_it(tmp_path):
    path = tmp_path / "kin.md"
    path.write_text("---\ntitle: Kinship care\nreview_date: 2025-03-01\npublished: September 2022\n---\n\nText.\n",
                    encoding="utf-8")
    meta = read_document(path).meta
    assert meta["title"] == "Kinship care"
    assert meta["front_matter"] == {"title": "Kinship care", "review_date": "2025-03-01", "published": "September 2022"}
    assert (meta["review_date"], meta["published"]) == ("2025-03-01", "September 2022")


@pytest.mark.parametrize("line, said", [
    ("review_date: !!python/object/apply:os.system ['echo hi']", "line 3 of its front matter uses a YAML tag"),
    ("review_date: !!timestamp 2025-13-45", "line 3 of its front matter uses the YAML tag '!!timestamp', "
                                            "which is not allowed."),
    ("review_date: [2025", "line 3 of its front matter is not valid YAML"),
])
def test_front_matter_with_a_bad_tag_or_date_gives_a_message_naming_the_line(tmp_path, line, said):
    path = tmp_path / "kin.md"
    path.write_text(f"---\ntitle: Kinship care\n{line}\n---\n\nText.\n", encoding="utf-8")
    with pytest.raises(UnreadableInput) as raised:
        read_document(path)
    assert raised.value.message.startswith(f"cannot be read: {said}")
    assert "delete the front matter" in raised.value.fix


def test_a_bad_front_matter_tag_is_a_message_from_the_command_not_a_traceback(site, tmp_path):
    path = tmp_path / "kin.md"
    path.write_text("---\ntitle: Kin\nreview_date: !!timestamp 2025-02-30\n---\n\n## What is it?\n\nText.\n",
                    encoding="utf-8")
    result = site.omg("import", str(path))
    assert result.returncode == 1 and "Traceback" not in result.output
    assert result.output.startswith(f"{path.as_posix()}: the file cannot be read: line 3 of its front matter uses the "
                                    "YAML tag '!!timestamp', which is not allowed.")


# Word --------------------------------------------------------------------------------------------

def number_paragraph(paragraph, num_id: int, level: int = 0) -> None:
    """Direct numbering on a Normal paragraph, as Word writes when someone clicks the bullets button."""
    properties = paragraph._p.get_or_add_pPr()
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        numbering.append(element)
    properties.append(numbering)


def bullet_num_id(document) -> int:
    """A two-level bullet numbering (• then o) added to the document, as Word defines one; its id."""
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = "".join(f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                     f'<w:lvlText w:val="{mark}"/><w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/>'
                     f"</w:pPr></w:lvl>" for level, mark in enumerate(("\u2022", "o")))
    numbering = document.part.numbering_part.element
    numbering.find(qn("w:num")).addprevious(
        parse_xml(f'<w:abstractNum {namespace} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {namespace} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def test_word_bullets_by_direct_numbering_in_the_normal_style_are_a_nested_list(tmp_path):
    document = docx.Document()
    document.add_paragraph("Early help may include:")
    num_id = bullet_num_id(document)
    for text, level in (("parenting support", 0), ("groups", 1), ("a family support worker", 0)):
        number_paragraph(document.add_paragraph(text), num_id, level)
    document.save(tmp_path / "guide.docx")
    blocks = read_document(tmp_path / "guide.docx").blocks
    assert kinds(blocks) == [("paragraph", "Early help may include:"),
                             ("list", "- parenting support\n    - groups\n- a family support worker")]


def test_word_shift_enter_line_breaks_split_a_bold_heading_from_its_text(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("What is it?").bold = True
    paragraph.add_run().add_break()
    paragraph.add_run("Support for families as soon as problems start.")
    document.save(tmp_path / "guide.docx")
    blocks = read_document(tmp_path / "guide.docx").blocks
    assert kinds(blocks) == [("paragraph", "**What is it?**"),
                             ("paragraph", "Support for families as soon as problems start.")]
    assert blocks[0].hints == ("glued", "bold", "question")


def test_word_tables_are_tables_with_their_header_row_and_cells(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    cells = [["Team", "Email", "Phone"], ["Early Help Hub", "earlyhelp@example.org", "01632 960000"],
             ["Emergency Duty Team", "", "01632 960999"]]
    for row, texts in zip(table.rows, cells):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    for cell in table.rows[0].cells:
        cell.paragraphs[0].runs[0].bold = True
    document.save(tmp_path / "guide.docx")
    [block] = read_document(tmp_path / "guide.docx").blocks
    assert block.kind == "table" and block.header
    assert block.rows == [["**Team**", "**Email**", "**Phone**"], *cells[1:]]


def test_word_headers_and_footers_are_page_furniture_not_body_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("Early help is support for families.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "Portsmouth Safeguarding Children Partnership"
    section.footer.paragraphs[0].text = "Published September 2022 \u2013 review due September 2024"
    section.footer.add_paragraph("Review date: March 2025")
    document.save(tmp_path / "guide.docx")
    read = read_document(tmp_path / "guide.docx")
    assert kinds(read.blocks) == [("paragraph", "Early help is support for families.")]
    assert read.meta["page_furniture"] == ["Portsmouth Safeguarding Children Partnership",
                                           "Published September 2022 \u2013 review due September 2024",
                                           "Review date: March 2025"]


def test_a_word_subtitle_is_marked_as_one(tmp_path):
    document = docx.Document()
    document.add_paragraph("Early help", style="Title")
    document.add_paragraph("A one minute guide for all practitioners", style="Subtitle")
    document.save(tmp_path / "guide.docx")
    blocks = read_document(tmp_path / "guide.docx").blocks
    assert (blocks[0].kind, blocks[0].level) == ("heading", 1)
    assert "subtitle" in blocks[1].hints


# Bounds ------------------------------------------------------------------------------------------

def test_a_word_file_whose_part_unpacks_too_large_is_refused_naming_the_part(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 26_000_000)
    assert path.stat().st_size < 100_000
    with pytest.raises(UnreadableInput) as raised:
        read_document(path)
    assert raised.value.message == ("has a part, word/document.xml, that unpacks to 26,000,000 bytes, over the "
                                    "25,000,000 byte limit for one part of a guide.")


def test_a_word_file_that_unpacks_too_large_in_all_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        for number in range(5):
            archive.writestr(f"word/media/image{number}.png", b"\0" * 24_000_000)
    with pytest.raises(UnreadableInput) as raised:
        read_document(path)
    assert raised.value.message.startswith("unpacks to 120,000,013 bytes, over the 100,000,000 byte limit")


def test_a_word_bomb_is_refused_by_the_command_naming_the_file(site, tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 26_000_000)
    result = site.omg("import", str(path))
    assert result.returncode == 1
    assert result.output.startswith(f"{path.as_posix()}: the file has a part, word/document.xml, that unpacks to")


# Nothing lost ------------------------------------------------------------------------------------

PIECES = ["What is it?", "WHAT TO DO", "3. WHAT TO DO", "Early help", "support for families.", "and", "the hub",
          "\u2022\t", "\u2022 ", "\to\t", "- ", "* ", "1. ", "2) ", "   ", "**Key contacts**", "| Team | Email |",
          "|---|---|", "| Hub | hub@example.org |", "=====", "-----", "Tel: 01632 960000", "Contact:", "\n", "\n\n", " "]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=40), markdown=st.booleans())
def test_every_word_of_the_text_is_in_the_blocks_read_from_it(pieces, markdown):
    text = "".join(pieces)
    lines = tidy(text).split("\n")
    blocks = blocks_from_lines(lines, markdown=markdown)
    written = " ".join(" ".join(" ".join(row) for row in block.rows) if block.kind == "table" else block.text
                       for block in blocks)
    assert _words(written) == _words(text)


def _words(text: str) -> Counter:
    # Words of two letters or more: bullets ("o", "•"), rules and list numbers are layout, not words.
    return Counter(word for word in re.findall(r"[A-Za-z][A-Za-z0-9@.']+", text))


def test_a_word_numbered_part_in_capitals_is_a_heading_candidate_not_a_list(tmp_path):
    document = docx.Document()
    number_paragraph(document.add_paragraph("WHAT TO DO"), int(document.styles["List Number"].element.pPr.numPr.numId.val))
    document.add_paragraph("Contact the hub.")
    document.save(tmp_path / "guide.docx")
    blocks = read_document(tmp_path / "guide.docx").blocks
    assert kinds(blocks) == [("paragraph", "WHAT TO DO"), ("paragraph", "Contact the hub.")]
    assert set(blocks[0].hints) == {"caps", "numbered"}


def test_markdown_comments_are_left_out_and_named_in_a_note(tmp_path):
    path = tmp_path / "guide.md"
    path.write_text("<!-- Early help OMG, version 3 -->\n# Early help\n\nSupport <!-- check this --> for families.\n",
                    encoding="utf-8")
    document = read_document(path)
    assert kinds(document.blocks) == [("heading", "Early help"), ("paragraph", "Support for families.")]
    assert document.blocks[0].where == "line 2"
    assert document.notes == ['an HTML comment (line 1) is not shown to readers and was left out: "Early help OMG, '
                              'version 3"',
                              'an HTML comment (line 4) is not shown to readers and was left out: "check this"']
