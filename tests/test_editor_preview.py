"""The preview never stops on an editor's mistake: problems show on their pages; the build still refuses them.

The preview runs are replayed through MkDocs' own build in one process, as `mkdocs serve` does
(tests/serve_rebuilds.py, `--dirty` as `make serve` runs it), so each step is one save and reload.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from omg.template import render_template
from sitekit import ROOT, free_port, guide_text, make_site, page_when

DRAFT = render_template("Early help assessments", today=dt.date(2026, 1, 15))
FIXED_DRAFT = guide_text("Early help assessments", status="draft")
UNREADABLE = "---\ntitle: [Delta\n---\n"
BAD_MACRO = guide_text("Macro", body=guide_text("x").split("---\n\n", 1)[1].replace(
    "Through training", '{{ guide("no-such-guide") }} Through training'))
BROKEN_LINK = guide_text("Linky", body=guide_text("x").split("---\n\n", 1)[1].replace(
    "Through training", "See [the other guide](no-such-guide.md). Through training"))
HOSTILE = DRAFT.replace("REPLACE: one sentence saying what this guide is about", "REPLACE: <script>alert(1)</script>", 1)

STEPS = [
    # 1. The draft fixed: its problems go on the next reload.
    {"write": {"docs/guides/early-help-assessments.md": FIXED_DRAFT}},
    # 2. A data file broken: every page lists it, and the site still builds.
    {"write": {"data/contacts.yml": "contacts:\n  - id: [oops\n"}},
    # 3. Mended again.
    {"write": {"data/contacts.yml": (ROOT / "data/contacts.yml").read_text(encoding="utf-8")}},
    # 4. The first problem of a guide that was fine, then 5. fixed.
    {"write": {"docs/guides/alpha.md": guide_text("Alpha", contacts="[no-such-contact]")}},
    {"write": {"docs/guides/alpha.md": guide_text("Alpha")}},
]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    base = tmp_path_factory.mktemp("preview")
    site = make_site(base, guides={"alpha": guide_text("Alpha"), "early-help-assessments": DRAFT,
                                   "delta": UNREADABLE, "macro": BAD_MACRO, "linky": BROKEN_LINK, "hostile": HOSTILE.replace(
                                       "Early help assessments", "Hostile"),
                                   "latin": guide_text("Café").encode("latin-1"), "empty": ""})
    site.write("docs/about.md", "# About the café\n".encode("latin-1"))
    checked = site.check("docs/guides/early-help-assessments.md").output  # before any step
    steps = base / "steps.json"
    steps.write_text(json.dumps(STEPS), encoding="utf-8")
    out = base / "out"
    done = site.run([sys.executable, str(ROOT / "tests" / "serve_rebuilds.py"), "dirty", str(steps), str(out)],
                    env={"SOURCE_DATE_EPOCH": "1795000000"})
    assert done.ok, done.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return site, out, report, checked


def page(out: Path, step: int, url: str) -> str:
    return (out / str(step) / url / "index.html").read_text(encoding="utf-8")


def test_every_edit_builds_a_preview_whatever_the_editor_wrote(preview):
    _site, _out, report, _output = preview
    assert [step["passed"] for step in report] == [True] * (len(STEPS) + 1)


def test_a_new_draft_shows_with_its_nine_problems_in_the_words_of_omg_check(preview):
    _site, out, _report, checked = preview
    html = page(out, 0, "guides/early-help-assessments")
    assert "9 problems to fix before this page can be published" in html
    lines = [line[len("docs/guides/early-help-assessments.md:"):] for line in checked.splitlines()
             if line.startswith("docs/guides/early-help-assessments.md:")]
    assert len(lines) == 9, checked
    for line in lines:
        where, rest = line.split(": ", 1)
        what, fix = rest.split(" Fix: ")
        shown = (f"<code>docs/guides/early-help-assessments.md:{where}</code>: {what}"
                 .replace("'", "&#39;"))
        assert shown in html, shown
        assert f"<strong>Fix:</strong> {fix}".replace("'", "&#39;") in html
    assert '<h1 id="early-help-assessments">Early help assessments</h1>' in html
    assert "omg-draft" in html  # the draft banner as well


def test_fixing_the_file_clears_its_problems_on_the_next_reload(preview):
    _site, out, _report, _output = preview
    assert "omg-problems" not in page(out, 1, "guides/early-help-assessments")
    assert "omg-problems" not in page(out, 1, "guides/alpha")
    assert "no-such-contact" in page(out, 4, "guides/alpha")
    assert "omg-problems" not in page(out, 5, "guides/alpha")


def test_a_guide_that_cannot_be_read_shows_its_problem_in_its_place(preview):
    _site, out, _report, _output = preview
    html = page(out, 0, "guides/delta")
    assert "This page cannot be shown until its file is fixed" in html
    assert "<code>docs/guides/delta.md:3</code>: the front matter is not valid YAML" in html


@pytest.mark.parametrize(("url", "problem"), [
    ("guides/latin", "<code>docs/guides/latin.md:2</code>: the file is not UTF-8 text (byte 0xe9)."),
    ("guides/empty", "<code>docs/guides/empty.md</code>: the guide is empty."),
    ("about", "<code>docs/about.md:1</code>: the file is not UTF-8 text (byte 0xe9)."),
], ids=str)
def test_a_file_that_cannot_be_read_shows_why_in_its_place(preview, url, problem):
    _site, out, _report, _output = preview
    html = page(out, 0, url)
    assert "This page cannot be shown until its file is fixed" in html
    assert problem in html


def test_a_macro_error_shows_in_place_of_the_text(preview):
    _site, out, _report, _output = preview
    html = page(out, 0, "guides/macro")
    assert "This page cannot be shown until its file is fixed" in html
    assert "no-such-guide" in html
    assert "Through training" not in html  # the text is not half-rendered


def test_a_broken_link_is_listed_on_its_page_with_its_line_in_mkdocs_words(preview):
    _site, out, _report, _output = preview
    html = page(out, 0, "guides/linky")
    line = BROKEN_LINK.split("\n").index(next(t for t in BROKEN_LINK.split("\n") if "no-such-guide.md" in t)) + 1
    assert (f"<code>docs/guides/linky.md:{line}</code>: Doc file &#39;guides/linky.md&#39; contains a link "
            "&#39;no-such-guide.md&#39;, but the target &#39;guides/no-such-guide.md&#39; is not found among "
            "documentation files.") in html
    assert "the other guide</a>. Through training" in html  # the rest of the page is shown as it stands


def test_the_build_refuses_a_broken_link_as_before(tmp_path):
    site = make_site(tmp_path, guides={"linky": BROKEN_LINK})
    result = site.build()
    assert not result.ok
    assert "contains a link 'no-such-guide.md', but the target 'guides/no-such-guide.md' is not found" in result.output
    assert "Aborted with 1 warnings in strict mode!" in result.output


def test_the_rest_of_the_site_keeps_working_beside_broken_guides(preview):
    _site, out, _report, _output = preview
    alpha, home = page(out, 0, "guides/alpha"), (out / "0" / "index.html").read_text(encoding="utf-8")
    assert "omg-problems" not in alpha and "Alpha is a way of working" in alpha
    assert "Alpha" in home
    assert (out / "0" / "search" / "search_index.json").is_file()


def test_a_problem_in_a_data_file_is_listed_on_every_page(preview):
    _site, out, _report, _output = preview
    for url in ("guides/alpha", "guides/early-help-assessments"):
        html = page(out, 2, url)
        assert "1 problem in the site's data or settings" in html
        assert "<code>data/contacts.yml:3</code>: this data file is not valid YAML" in html
    assert "omg-problems" not in page(out, 3, "guides/alpha")


def test_text_from_a_file_is_escaped_where_its_problems_are_shown(preview):
    _site, out, _report, _output = preview
    html = page(out, 0, "guides/hostile")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_the_build_still_refuses_every_problem_of_a_draft(tmp_path):
    site = make_site(tmp_path, guides={"alpha": guide_text("Alpha"), "early-help-assessments": DRAFT})
    result = site.build()
    assert not result.ok
    assert "9 problems found in the guides:" in result.output
    assert "docs/guides/early-help-assessments.md:12: contacts: 'replace-me' is a placeholder" in result.output
    assert not site.site.exists()


def test_make_build_prints_no_plugin_info_lines(tmp_path):
    site = make_site(tmp_path, guides={"alpha": guide_text("Alpha")})
    result = site.build()
    assert result.ok, result.output
    for chatter in ("[macros]", "Cleaning site directory", "Building documentation to directory",
                    "not included in the \"nav\""):
        assert chatter not in result.output
    assert "Built the site into site/. To look at it: make serve, then open http://127.0.0.1:8000/." in result.output


def test_make_serve_stays_up_with_a_new_draft_and_shows_it(tmp_path):
    """The real server, started as `make serve` starts it, on the draft `make new` writes."""
    site = make_site(tmp_path, guides={"alpha": guide_text("Alpha")})
    assert site.omg("new", "Early help assessments").ok
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    command = next(line.split("$(BIN)/mkdocs ", 1)[1] for line in makefile.splitlines() if "$(BIN)/mkdocs serve" in line)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    args = command.replace("127.0.0.1:8000", f"127.0.0.1:{port}").split()
    with log.open("w") as log_file:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", *args], cwd=site.root, env=env,
                                  stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            url = f"http://127.0.0.1:{port}/guides/early-help-assessments/"
            assert "9 problems to fix" in page_when(url, server, log)
            site.guide("early-help-assessments", FIXED_DRAFT)
            fixed = page_when(url, server, log, ready=lambda html: "omg-problems" not in html)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "Early help assessments is a way of working" in fixed
    output = log.read_text(encoding="utf-8")
    assert f"Serving on http://127.0.0.1:{port}/" in output
    assert "docs/guides/early-help-assessments.md:12: contacts: 'replace-me' is a placeholder" in output
    for chatter in ("[macros]", "Cleaning site directory", "not included in the \"nav\""):
        assert chatter not in output
