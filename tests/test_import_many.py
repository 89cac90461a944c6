"""`omg import` of many guides at once, its summary and report, and writing all or nothing."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from omg.importer import ImportFailed, plan_import, write_import
from sitekit import dedent

GUIDE = """\
{title}

What is it?
{title} is a service for families.

Why is it important?
Families find help sooner.

How does it work?
Staff read the OMG on Early Help. Families can see the PCP website.

Key contacts
{title} team: {slug}@example.org
"""


def write_guide(folder: Path, title: str) -> Path:
    slug = title.lower().replace(" ", "-")
    path = folder / f"{slug}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GUIDE.format(title=title, slug=slug), encoding="utf-8")
    return path


def snapshot(site) -> dict[str, bytes]:
    folders = [site.root / "docs", site.root / "data"]
    return {p.relative_to(site.root).as_posix(): p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file()}


@pytest.fixture
def legacy(tmp_path) -> Path:
    """A partnership's folder: two good guides (one in a subfolder), one empty, one old Word file, a picture."""
    folder = tmp_path / "legacy"
    write_guide(folder, "Family hubs")
    write_guide(folder / "older", "Young carers")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "logo.png").write_bytes(b"\x89PNG")
    (folder / "~$mily-hubs.docx").write_bytes(b"lock")  # Word's lock file, left while a document is open
    return folder


def test_a_folder_imports_every_guide_in_it_and_lists_the_ones_that_failed(site, legacy):
    result = site.omg("import", str(legacy))
    assert result.returncode == 1
    assert (site.root / "docs/guides/family-hubs.md").exists()
    assert (site.root / "docs/guides/young-carers.md").exists()
    empty, old = (legacy / "empty.txt").as_posix(), (legacy / "old.doc").as_posix()
    assert f"{empty}: the file is empty. Fix: check it is the right file" in result.output
    assert f"{old}: the file is an old-style Word document (.doc), which cannot be read." in result.output
    assert f"Left out of {legacy.as_posix()}: 1 file(s) that are not documents (logo.png)." in result.output
    assert result.output.splitlines()[-1] == f"Not imported: {empty}, {old}. The other guides were imported."
    assert "~$" not in result.output


def test_the_summary_table_gives_sections_contacts_references_and_to_dos_for_each_guide(site, legacy):
    result = site.omg("import", str(legacy))
    lines = result.output.splitlines()
    table = lines[lines.index("Summary:") + 1:]
    assert table[0].split("  ")[0] == "source"
    assert [column.strip() for column in table[0].split("  ") if column.strip()] == [
        "source", "guide", "sections found", "contacts", "references resolved", "to-dos", "status"]
    family = next(line for line in table if line.startswith((legacy / "family-hubs.txt").as_posix()))
    assert "docs/guides/family-hubs.md" in family
    assert "4 of 4" in family and "1 (1 new)" in family and "0 of 2" in family and family.endswith("imported")
    assert any(line.startswith((legacy / "empty.txt").as_posix()) and line.endswith("failed") for line in table)


def test_the_report_in_markdown_lists_each_guide_its_to_dos_and_the_failures(site, legacy, tmp_path):
    report = tmp_path / "reports" / "import.md"
    site.omg("import", str(legacy), "--report", str(report))
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Import report, ")
    assert "| Source | Guide | Sections found | Contacts | References resolved | To-dos | Status |" in text
    todos = (site.root / "docs/guides/family-hubs.md").read_text(encoding="utf-8").count("[TO DO:")
    assert (f"| {(legacy / 'family-hubs.txt').as_posix()} | docs/guides/family-hubs.md | 4 of 4 | 1 (1 new) | 0 of 2 "
            f"| {todos} | imported |") in text
    assert "## To do for an editor (" in text
    assert "- `docs/guides/family-hubs.md:5`: choose one or more topics" in text
    assert "## Could not import (2)" in text
    assert f"- {(legacy / 'empty.txt').as_posix()}: the file is empty." in text


def test_the_report_in_csv_has_one_row_a_file_for_a_spreadsheet(site, legacy, tmp_path):
    report = tmp_path / "import.csv"
    site.omg("import", str(legacy), "--report", str(report), "--dry-run")
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [row["source"].rsplit("/", 1)[-1] for row in rows] == ["family-hubs.txt", "young-carers.txt",
                                                                   "empty.txt", "old.doc"]
    assert rows[0]["sections found"] == "4 of 4" and rows[0]["status"] == "would be imported"
    assert rows[2]["status"].startswith("failed: the file is empty.")
    assert not (site.root / "docs/guides/family-hubs.md").exists()


def test_a_report_that_is_neither_markdown_nor_csv_is_refused(site, legacy):
    result = site.omg("import", str(legacy), "--report", "report.txt")
    assert result.returncode == 2
    assert "'report.txt' should be a file name ending .md (Markdown) or .csv (for a spreadsheet)" in result.output


def test_a_csv_report_does_not_let_a_file_name_run_as_a_spreadsheet_formula(site, tmp_path):
    write_guide(tmp_path / "in", "Family hubs").rename(tmp_path / "in" / "=cmd.txt")
    report = tmp_path / "r.csv"
    site.omg("import", str(tmp_path / "in"), "--report", str(report))
    rows = list(csv.reader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_a_folder_with_no_guides_says_so_and_imports_nothing(site, tmp_path):
    (tmp_path / "nothing").mkdir()
    result = site.omg("import", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert result.output.splitlines() == [
        f"{(tmp_path / 'nothing').as_posix()}: the folder has no guides to import. Fix: put the guides (.txt, .md, "
        ".docx or .pdf) in it, or name the files themselves.",
        "Nothing was imported and no file was changed."]


def test_two_files_that_would_be_the_same_guide_import_the_first_and_fail_the_second(site, tmp_path):
    first = write_guide(tmp_path / "a", "Family hubs")
    second = write_guide(tmp_path / "b", "Family hubs")
    result = site.omg("import", str(first), str(second))
    assert result.returncode == 1
    assert f"{second.as_posix()}: it would be written to docs/guides/family-hubs.md, like {first.as_posix()}." \
        in result.output


# File names ---------------------------------------------------------------------------------------

def test_a_file_name_with_a_line_break_is_refused_and_nothing_reaches_the_contacts(site, tmp_path):
    evil = tmp_path / "hubs\n  - id: injected\n    email: x@example.org\n.txt"
    evil.write_text(GUIDE.format(title="Family hubs", slug="family-hubs"), encoding="utf-8")
    before = snapshot(site)
    result = site.omg("import", str(evil))
    assert result.returncode == 1
    shown = str(evil).replace("\n", "\\n")
    assert result.output.splitlines() == [
        f"{shown}: the file has a line break or other control character in its name, which would be copied into the "
        "files the import writes. Fix: rename the file with letters, digits, spaces and hyphens only, then import "
        "it again.",
        "Nothing was imported and no file was changed."]
    assert snapshot(site) == before


# All or nothing ----------------------------------------------------------------------------------

def test_when_the_contacts_file_changes_after_planning_neither_the_guide_nor_the_contacts_are_written(site, tmp_path):
    plan = plan_import([write_guide(tmp_path, "Family hubs")], root=site.root)
    assert plan.contacts_addition
    contacts = site.root / "data/contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8") + "\n# an editor's change\n", encoding="utf-8")
    before = snapshot(site)
    with pytest.raises(ImportFailed) as raised:
        write_import(plan)
    assert str(raised.value.problems[0]) == ("data/contacts.yml: the file changed while importing, so nothing was "
                                             "written. Fix: import again.")
    assert snapshot(site) == before
    assert not list(site.root.rglob("*.importing"))


def test_when_one_guide_cannot_be_placed_no_guide_and_no_contact_is_written(site, tmp_path):
    plan = plan_import([write_guide(tmp_path, "Family hubs"), write_guide(tmp_path, "Young carers")], root=site.root)
    (site.root / "docs/guides").mkdir(parents=True, exist_ok=True)
    (site.root / "docs/guides/young-carers.md").write_text("someone else's guide\n", encoding="utf-8")
    before = snapshot(site)
    with pytest.raises(ImportFailed) as raised:
        write_import(plan)
    assert str(raised.value.problems[0]).startswith("docs/guides/young-carers.md: the guide appeared while importing")
    assert snapshot(site) == before
    assert not list(site.root.rglob("*.importing"))


def test_a_disk_error_moving_the_contacts_into_place_takes_the_guides_back_out(site, tmp_path, monkeypatch):
    plan = plan_import([write_guide(tmp_path, "Family hubs"), write_guide(tmp_path, "Young carers")], root=site.root)
    before = snapshot(site)

    def disk_full(source, target):
        raise OSError(28, "No space left on device", str(target))

    # The contacts file is moved last, after the guides are in place: the moment a failure costs most.
    monkeypatch.setattr("omg.importer.os.replace", disk_full)
    with pytest.raises(ImportFailed) as raised:
        write_import(plan)
    assert str(raised.value.problems[0]) == (
        "data/contacts.yml: could not be written (No space left on device), so nothing was written. Fix: check the "
        "folder exists and you may write to it, then import again.")
    assert snapshot(site) == before
    assert not list(site.root.rglob("*.importing"))


def test_an_import_that_succeeds_writes_the_guide_and_appends_the_contacts(site, tmp_path):
    contacts = site.root / "data/contacts.yml"
    before = contacts.read_text(encoding="utf-8")
    plan = plan_import([write_guide(tmp_path, "Family hubs")], root=site.root)
    write_import(plan)
    assert contacts.read_text(encoding="utf-8") == before + plan.contacts_addition
    assert (site.root / plan.guides[0].path).read_text(encoding="utf-8") == plan.guides[0].text
    assert not list(site.root.rglob("*.importing"))


def test_a_body_table_stays_a_table_in_the_built_guide(site, tmp_path):
    source = tmp_path / "levels.md"
    source.write_text(dedent("""
        # Levels of need

        ## What is it?

        A way for schools to describe how much help a family needs.

        ## Why is it important?

        Everyone uses the same words.

        ## How does it work?

        | Level | Who helps |
        |-------|-----------|
        | 1 | Universal services |
        | 2 | Early help |

        ## Key contacts

        Early Help Hub: earlyhelp@example.org
        """), encoding="utf-8")
    result = site.omg("import", str(source), "--reviewed", "2026-11-25")  # a source with no date gets a to-do
    assert result.ok, result.output
    path = site.root / "docs/guides/levels-of-need.md"
    text = path.read_text(encoding="utf-8")
    assert "| Level | Who helps |" in text and "| 1 | Universal services |\n| 2 | Early help |\n" in text
    # The editor's part: choose a topic and name the contact's team.
    path.write_text(re.sub(r"topics: \[\].*", "topics: [ways-of-working]", text), encoding="utf-8")
    contacts = site.root / "data/contacts.yml"
    contacts.write_text(re.sub(r'"\[TO DO: [^"]*\]"', "Example Council", contacts.read_text(encoding="utf-8")),
                        encoding="utf-8")
    result = site.build()
    assert result.ok, result.output
    html = site.html("guides/levels-of-need/")
    assert "<th>Level</th>" in html and "<td>Universal services</td>" in html
