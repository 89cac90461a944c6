"""Importing PDFs: the tests print their own HTML to PDF with Chromium, never use a downloaded file.

Skipped with one line where Chromium is missing, unless OMG_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from omg.importer.reading import UnreadableInput, read_document

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    missing = None if CHROMIUM.exists() else f"{CHROMIUM} is missing"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = "the Python package playwright is missing (run `make venv`)"
    if missing:
        if os.environ.get("OMG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"PDF import tests need Chromium (OMG_REQUIRE_BROWSER=1) but {missing}.", pytrace=False)
        pytest.skip(f"PDF import tests print with Chromium: {missing}")
    # Playwright's sync API runs one instance a thread, and the browser tests may hold theirs open
    # for the whole session: this printer has a thread of its own.
    printer = _Printer(sync_playwright)
    yield printer
    printer.close()


class _Printer:
    """Chromium in a thread of its own; `run(fn)` calls fn(browser) there."""

    def __init__(self, sync_playwright):
        from concurrent.futures import ThreadPoolExecutor

        self.thread = ThreadPoolExecutor(max_workers=1)
        def start():
            self.playwright = sync_playwright().start()
            return self.playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        self.browser = self.thread.submit(start).result()

    def run(self, fn):
        return self.thread.submit(fn, self.browser).result()

    def close(self):
        def stop():
            self.browser.close()
            self.playwright.stop()
        self.thread.submit(stop).result()
        self.thread.shutdown()


STYLE = """
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 11pt; margin: 0; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; margin: 10pt 0 4pt; }
p { margin: 0 0 7pt; } .item { margin: 0 0 2pt 14pt; } .sub { margin: 0 0 2pt 34pt; }
.columns { column-count: 2; column-gap: 28pt; }
"""


def print_pdf(printer, path: Path, body: str, *, header: str = "", footer: str = "", size: str = "A4",
              width: str | None = None) -> Path:
    return printer.run(lambda browser: _print(browser, path, body, header=header, footer=footer, size=size, width=width))


def _print(browser, path: Path, body: str, *, header: str, footer: str, size: str, width: str | None) -> Path:
    page = browser.new_page()
    page.set_content(f"<!doctype html><html><head><meta charset='utf-8'><style>{STYLE}</style></head>"
                     f"<body>{body}</body></html>")
    small = "<div style='font-size:8px;width:100%;text-align:center;font-family:sans-serif'>{}</div>"
    options = {"path": str(path), "margin": {"top": "60px", "bottom": "60px", "left": "50px", "right": "50px"},
               "display_header_footer": bool(header or footer), "header_template": small.format(header) if header
               else "<span></span>", "footer_template": small.format(footer) if footer else "<span></span>"}
    if width:
        options.update(width=width, height="29.7cm")
    else:
        options["format"] = size
    page.pdf(**options)
    page.close()
    return path


GUIDE = """
<h1>Early Help</h1>
<h2>What is it?</h2>
<p>Early help means giving support as soon as a problem emerges, at any point in a child's life, from the
foundation years through to the teenage years. It is a well-established way of working across the partnership
and every practitioner has a part to play in it.</p>
<h2>Why are we doing it?</h2>
<p>Help given early stops problems growing, and families tell us it works for them.</p>
<h2>How are we doing it?</h2>
<p>Practitioners should:</p>
<p class="item">\u2022 talk to the family about what is happening and what support they would find useful in the
weeks ahead</p>
<p class="sub">\u25e6 with the family's consent</p>
<p class="item">\u25aa record the conversation</p>
<p><b>Out of hours</b></p>
<p>Call the Emergency Duty Team.</p>
<h2>Who are the key contacts?</h2>
<p>Early Help Hub: earlyhelp@example.org, 01632 960000</p>
"""


def kinds(blocks) -> list[tuple[str, str]]:
    return [(block.kind, " ".join(block.text.split())) for block in blocks]


EXPECTED = [
    ("heading", "Early Help"),
    ("heading", "What is it?"),
    ("paragraph", "Early help means giving support as soon as a problem emerges, at any point in a child's life, "
                  "from the foundation years through to the teenage years. It is a well-established way of working "
                  "across the partnership and every practitioner has a part to play in it."),
    ("heading", "Why are we doing it?"),
    ("paragraph", "Help given early stops problems growing, and families tell us it works for them."),
    ("heading", "How are we doing it?"),
    ("paragraph", "Practitioners should:"),
    ("list", "- talk to the family about what is happening and what support they would find useful in the weeks "
             "ahead - with the family's consent - record the conversation"),
    ("paragraph", "**Out of hours**"),
    ("paragraph", "Call the Emergency Duty Team."),
    ("heading", "Who are the key contacts?"),
    ("paragraph", "Early Help Hub: earlyhelp@example.org, 01632 960000"),
]


def test_a_one_column_pdf_reads_as_headings_paragraphs_and_a_nested_list(browser, tmp_path):
    document = read_document(print_pdf(browser, tmp_path / "guide.pdf", GUIDE))
    assert kinds(document.blocks) == EXPECTED
    assert [block.level for block in document.blocks if block.kind == "heading"] == [1, 2, 2, 2, 2]
    listing = next(block for block in document.blocks if block.kind == "list")
    assert listing.text.splitlines()[1] == "    - with the family's consent"
    bold = next(block for block in document.blocks if block.text == "**Out of hours**")
    assert "bold" in bold.hints


def test_a_two_column_pdf_is_read_column_by_column(browser, tmp_path):
    body = GUIDE.replace("<h2>What is it?</h2>", "<div class='columns'><h2>What is it?</h2>") + "</div>"
    document = read_document(print_pdf(browser, tmp_path / "guide.pdf", body, size="A5"))
    assert kinds(document.blocks) == EXPECTED


def test_running_headers_and_footers_leave_the_body_for_the_page_furniture(browser, tmp_path):
    path = print_pdf(browser, tmp_path / "guide.pdf", GUIDE, header="Example Safeguarding Children Partnership",
                     footer="Review date: March 2025 \u2013 page <span class='pageNumber'></span> of "
                            "<span class='totalPages'></span>")
    document = read_document(path)
    assert kinds(document.blocks) == EXPECTED
    assert document.meta["page_furniture"] == ["Example Safeguarding Children Partnership",
                                               "Review date: March 2025 \u2013 page 1 of 1"]


def test_headers_repeated_on_every_page_are_removed_from_a_longer_pdf(browser, tmp_path):
    longer = GUIDE + "".join(f"<p>Paragraph {n} of the notes on early help practice in the area.</p>" for n in range(70))
    path = print_pdf(browser, tmp_path / "guide.pdf", longer, header="Early help \u2013 one minute guide",
                     footer="Page <span class='pageNumber'></span>")
    document = read_document(path)
    text = " ".join(block.text for block in document.blocks)
    assert "one minute guide" not in text and "Page 2" not in text
    assert document.meta["page_furniture"] == ["Early help \u2013 one minute guide"]
    assert "Paragraph 69 of the notes" in text


def test_words_broken_with_a_hyphen_at_a_line_end_are_joined(browser, tmp_path):
    body = ("<h2>What is it?</h2><p style='width:9.2em'>Children need safe&shy;guarding by every practi&shy;tioner "
            "in a multi-agency way.</p>")
    document = read_document(print_pdf(browser, tmp_path / "guide.pdf", body))
    text = " ".join(document.blocks[1].text.split())
    assert "safeguarding" in text and "practitioner" in text
    assert "safe-" not in text and "practi-" not in text


def test_bullets_drawn_as_glyphs_of_other_shapes_are_list_items(browser, tmp_path):
    body = ("<h2>How are we doing it?</h2><p>We will:</p>"
            + "".join(f"<p class='item'>{mark} step {n}</p>" for n, mark in enumerate("\u25cf\u25aa\u27a2\u2713", 1)))
    document = read_document(print_pdf(browser, tmp_path / "guide.pdf", body))
    assert kinds(document.blocks)[-1] == ("list", "- step 1 - step 2 - step 3 - step 4")


def test_a_pdf_guide_imports_into_the_four_sections(site, browser, tmp_path):
    path = print_pdf(browser, tmp_path / "early-help.pdf", GUIDE, footer="Review date: March 2025")
    result = site.omg("import", str(path))
    assert result.ok, result.output
    text = (site.root / "docs/guides/early-help.md").read_text(encoding="utf-8")
    assert "## How are we doing it?\n\nPractitioners should:\n\n- talk to the family" in text
    assert "Review date" not in text.split("---")[2]


def test_a_pdf_with_no_text_says_it_is_probably_a_scanned_picture(browser, tmp_path):
    path = print_pdf(browser, tmp_path / "scan.pdf", "<div style='width:200px;height:200px;background:#888'></div>")
    with pytest.raises(UnreadableInput) as raised:
        read_document(path)
    assert raised.value.message == "has no text to read: it is probably a scanned picture of the page."


def test_a_damaged_pdf_is_refused_with_a_message(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    with pytest.raises(UnreadableInput) as raised:
        read_document(path)
    assert raised.value.message.startswith("could not be read as a PDF (")


def test_a_ruled_table_in_a_pdf_is_a_table_with_its_header_row(browser, tmp_path):
    body = ("<h2>Who are the key contacts?</h2><p>Please get in touch:</p>"
            "<table style='border-collapse:collapse' border='1' cellpadding='4'>"
            "<tr><th>Team</th><th>Email</th><th>Phone</th></tr>"
            "<tr><td>Early Help Hub</td><td>earlyhelp@example.org</td><td>01632 960000</td></tr>"
            "<tr><td>Emergency Duty Team</td><td></td><td>01632 960999</td></tr></table>"
            "<p>The hub answers within a day.</p>")
    blocks = read_document(print_pdf(browser, tmp_path / "guide.pdf", body)).blocks
    assert [block.kind for block in blocks] == ["heading", "paragraph", "table", "paragraph"]
    table = blocks[2]
    assert table.header
    assert table.rows == [["Team", "Email", "Phone"], ["Early Help Hub", "earlyhelp@example.org", "01632 960000"],
                          ["Emergency Duty Team", "", "01632 960999"]]


def test_list_bullets_the_printer_draws_as_shapes_are_list_items_too(browser, tmp_path):
    body = ("<h2>How are we doing it?</h2><p>We will:</p><ul><li>meet the family within a week and agree what "
            "help they want from the services in their area</li><li>review the plan<ul><li>every six weeks</li>"
            "</ul></li></ul><p>Then the case closes.</p>")
    blocks = read_document(print_pdf(browser, tmp_path / "guide.pdf", body)).blocks
    assert kinds(blocks) == [("heading", "How are we doing it?"), ("paragraph", "We will:"),
                             ("list", "- meet the family within a week and agree what help they want from the "
                                      "services in their area - review the plan - every six weeks"),
                             ("paragraph", "Then the case closes.")]
    assert blocks[2].text.splitlines()[2] == "    - every six weeks"
