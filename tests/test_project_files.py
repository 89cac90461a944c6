"""Which files may be under docs/ (an allow-list), and no Python at the root named like a library."""

from __future__ import annotations

from pathlib import Path

import pytest

from omg.problems import Report
from omg.projectfiles import check_project_files


def problems_for(tmp_path: Path, *files: str) -> list[str]:
    for name in files:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    (tmp_path / "docs").mkdir(exist_ok=True)
    report = Report()
    check_project_files(tmp_path, docs_dir=tmp_path / "docs", data_dir=tmp_path / "data", report=report)
    return [str(problem) for problem in report.problems]


def test_pages_figures_images_and_documents_readers_need_are_allowed(tmp_path):
    assert problems_for(tmp_path, "docs/index.md", "docs/guides/a.md", "docs/assets/figures/a.svg",
                        "docs/assets/photo.jpg", "docs/assets/photo.jpeg", "docs/guides/chart.png", "docs/a.gif",
                        "docs/a.webp", "docs/forms/referral.pdf", "docs/forms/plan.docx", "docs/forms/list.xlsx",
                        "docs/forms/slides.pptx", "docs/forms/plan.odt", "docs/.hidden-by-mkdocs.js", "data/contacts.yml",
                        "main.py", "hooks.py") == []


@pytest.mark.parametrize(("name", "message"), [
    ("docs/assets/x.js", "docs/assets/x.js: scripts and stylesheets are not published from docs/"),
    ("docs/guides/x.css", "docs/guides/x.css: scripts and stylesheets are not published from docs/"),
    ("docs/x.svg", "docs/x.svg: an SVG drawing outside docs/assets/figures/ would be published without checks"),
    ("docs/assets/figures/a/b.svg", "docs/assets/figures/a/b.svg: an SVG drawing outside docs/assets/figures/"),
    ("docs/assets/figures/b.SVG", "docs/assets/figures/b.SVG: the file ending '.SVG' must be in lower case. "
                                  "Fix: rename it to 'b.svg'."),
    ("docs/assets/photo.PNG", "docs/assets/photo.PNG: the file ending '.PNG' must be in lower case."),
    ("docs/page.xht", "docs/page.xht: an HTML file would be published as it is, without any checks."),
    ("docs/feed.xml", "docs/feed.xml: an XML file would be published as it is"),
    ("docs/run.sh", "docs/run.sh: a file ending '.sh' is not published: docs/ holds Markdown pages (.md), SVG figures"),
    ("docs/guides/a.markdown", "docs/guides/a.markdown: the file ending '.markdown' is not read by the checks."),
])
def test_every_other_file_under_docs_is_refused_by_name_with_the_fix(tmp_path, name, message):
    found = problems_for(tmp_path, name)
    assert len(found) == 1 and found[0].startswith(message) and " Fix: " in found[0], found


def test_links_under_docs_and_data_are_refused_and_folders_behind_links_are_not_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "id_rsa.md").write_text("secret")
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "keys").symlink_to(outside, target_is_directory=True)
    (tmp_path / "data" / "links.yml").symlink_to(outside / "id_rsa.md")
    assert sorted(line.split(": ")[0] for line in problems_for(tmp_path)) == ["data/links.yml", "docs/keys"]


def test_a_file_name_with_a_line_break_is_refused_without_printing_the_break(tmp_path):
    found = problems_for(tmp_path, "docs/guides/a\n::warning file=x::b.md")
    assert found == ["docs/guides/a\\n::warning file=x::b.md: the file name contains a control character "
                     "(such as a line break). Fix: rename it using letters, digits and hyphens only."]


@pytest.mark.parametrize(("name", "shown", "module"), [("yaml.py", "yaml.py", "yaml"), ("json.py", "json.py", "json"),
                                                       ("markdown/__init__.py", "markdown/__init__.py", "markdown"),
                                                       ("jinja2.pyc", "jinja2.pyc", "jinja2")])
def test_a_root_module_named_like_a_library_is_refused(tmp_path, name, shown, module):
    assert problems_for(tmp_path, name) == [
        f"{shown}: a Python file at the project root named like the installed module '{module}'; a command run in "
        "this folder could import it in place of the real one. Fix: delete it or rename it; the site's own code "
        "lives in omg/, which maintainers review."]


def test_an_omg_py_at_the_project_root_cannot_stand_in_for_the_package(tmp_path):
    # `python -m omg` (the CI workflows) searches the working folder first: the package must win.
    import subprocess
    import sys

    from sitekit import ROOT

    (tmp_path / "omg").symlink_to(ROOT / "omg", target_is_directory=True)
    (tmp_path / "omg.py").write_text("print('the root omg.py ran')\n")
    done = subprocess.run([sys.executable, "-m", "omg", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0 and "Tools for One Minute Guides." in done.stdout
    assert "the root omg.py ran" not in done.stdout + done.stderr
