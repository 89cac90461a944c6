"""`make serve` rebuilds only what an edit changed, and the preview matches a full build.

Both runs replay the same edits through MkDocs' own build in one process, as
`mkdocs serve` does (tests/serve_rebuilds.py): once as `make serve` runs it
(`--dirty`, with omg/incremental.py choosing pages) and once rebuilding
everything. After every edit the two sites must be identical, page for page
and entry for entry in the search index.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import BODY, ROOT, free_port, guide_text, make_site, page_when

sys.path.insert(0, str(ROOT))  # benchmarks/ sits beside omg/ but is not an installed package
from benchmarks.serve import SERVE_COMMAND  # noqa: E402

LINKING_BODY = BODY.format(slug="Alpha").replace("Through training and shared practice.",
                                                 'See {{ guide("bravo") }} for the next step.')

STEPS = [
    # 1. A change to one guide's text, which links to nothing and nothing links to.
    {"write": {"docs/guides/delta.md": guide_text("Delta", body=BODY.format(slug="Delta").replace(
        "Through training", "Through weekly training"))}},
    # 2. A new title for a guide that another guide links to and lists as related.
    {"write": {"docs/guides/bravo.md": guide_text("Bravo renamed")}},
    # 3. A new link: charlie now links to bravo, so bravo's "Guides that link here" grows.
    {"write": {"docs/guides/charlie.md": guide_text("Charlie", body=BODY.format(slug="Charlie").replace(
        "Through training and shared practice.", 'Read {{ guide("bravo") }} first.'))}},
    # 4. A contact's details, shown on every guide that lists the contact.
    {"write": {"data/contacts.yml": (ROOT / "data/contacts.yml").read_text(encoding="utf-8").replace(
        "role: Restorative practice training", "role: Restorative practice training team")}},
    # 5. A broken guide: the preview shows its problem in its place (tests/test_editor_preview.py).
    {"write": {"docs/guides/delta.md": "---\ntitle: [Delta\n---\n"}},
    # 6. Fixed again.
    {"write": {"docs/guides/delta.md": guide_text("Delta", summary="What delta is, in a new summary.")}},
    # 7. A new guide, and 8. a guide removed: lists, search and addresses change everywhere.
    {"write": {"docs/guides/echo.md": guide_text("Echo")}},
    {"delete": ["docs/guides/charlie.md"]},
    # 9. A page that is not a guide, added, and 10. deleted: no stale copy is left in the preview.
    {"write": {"docs/about.md": "# About these guides\n\nWho writes them, and how.\n"}},
    {"delete": ["docs/about.md"]},
    # 11-16. Links to a heading in another guide: MkDocs checks them only between pages it rendered, so the
    # preview must remember the headings and links of the pages it left alone.
    {"write": {"docs/guides/bravo.md": guide_text("Bravo renamed", body=BODY.format(slug="Bravo").replace(
        "## Who are", "### Training\n\nA short course.\n\n## Who are"))}},
    {"write": {"docs/guides/delta.md": guide_text("Delta", body=BODY.format(slug="Delta") + "\nSee [training](bravo.md#training).\n")}},
    {"write": {"docs/guides/delta.md": guide_text("Delta", body=BODY.format(slug="Delta") + "\nSee [training](bravo.md#no-such-part).\n")}},
    {"write": {"docs/guides/delta.md": guide_text("Delta", body=BODY.format(slug="Delta") + "\nSee [training](bravo.md#training).\n")}},
    {"write": {"docs/guides/bravo.md": guide_text("Bravo renamed")}},
    {"write": {"docs/guides/bravo.md": guide_text("Bravo renamed", body=BODY.format(slug="Bravo").replace(
        "## Who are", "### Training\n\nA short course.\n\n## Who are"))}},
]
FAILING: set[int] = set()  # the preview never stops: problems, broken links included, show on their pages


@pytest.fixture(scope="module")
def replays(tmp_path_factory):
    results = {}
    for mode in ("dirty", "full"):
        base = tmp_path_factory.mktemp(mode)
        site = make_site(base, guides={
            "alpha": guide_text("Alpha", related="[bravo]", body=LINKING_BODY),
            "bravo": guide_text("Bravo"), "charlie": guide_text("Charlie"), "delta": guide_text("Delta"),
        })
        steps = base / "steps.json"
        steps.write_text(json.dumps(STEPS), encoding="utf-8")
        out = base / "out"
        done = site.run([sys.executable, str(ROOT / "tests" / "serve_rebuilds.py"), mode, str(steps), str(out)],
                        env={"SOURCE_DATE_EPOCH": "1795000000"})
        assert done.ok, done.output
        results[mode] = (out, json.loads((out / "report.json").read_text(encoding="utf-8")))
    return results


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _search(files: dict[str, bytes]) -> list[str]:
    docs = json.loads(files.pop("search/search_index.json"))["docs"]
    return sorted(json.dumps(entry, sort_keys=True) for entry in docs)


@pytest.mark.parametrize("step", range(len(STEPS) + 1))
def test_after_each_edit_the_preview_is_what_a_full_build_gives(replays, step):
    (dirty_out, dirty_report), (full_out, full_report) = replays["dirty"], replays["full"]
    assert dirty_report[step]["passed"] == full_report[step]["passed"] == (step not in FAILING)
    if step in FAILING:
        return  # a failed full build has emptied its folder; the dirty one keeps the last good site
    dirty, full = _files(dirty_out / str(step)), _files(full_out / str(step))
    assert _search(dirty) == _search(full)
    assert sorted(dirty) == sorted(full), "pages missing or left over"
    different = [name for name in dirty if dirty[name] != full[name]]
    assert not different, f"after step {step}, these differ from a full build: {different}"


def test_an_edit_rebuilds_the_guide_and_its_neighbours_not_every_guide(replays):
    report = replays["dirty"][1]
    guides = lambda rendered: {url for url in rendered if url.startswith("guides/")}  # noqa: E731
    assert guides(report[0]["rendered"]) == {"guides/alpha/", "guides/bravo/", "guides/charlie/", "guides/delta/"}
    assert guides(report[1]["rendered"]) == {"guides/delta/"}
    assert guides(report[2]["rendered"]) == {"guides/alpha/", "guides/bravo/"}  # alpha shows bravo's title
    assert guides(report[3]["rendered"]) == {"guides/bravo/", "guides/charlie/"}
    assert guides(report[4]["rendered"]) == {"guides/alpha/", "guides/bravo/", "guides/charlie/", "guides/delta/"}
    # Pages that list every guide are always written again; the full run writes every guide every time.
    assert {"", "whats-new/", "glossary/"} <= set(report[1]["rendered"])
    assert guides(replays["full"][1][1]["rendered"]) == guides(report[0]["rendered"])


def test_a_broken_link_to_a_heading_is_listed_on_the_page_that_has_it(replays):
    for mode in ("dirty", "full"):
        out = replays[mode][0]
        delta = (out / "13" / "guides/delta/index.html").read_text(encoding="utf-8")
        assert ("contains a link &#39;bravo.md#no-such-part&#39;, but the doc &#39;guides/bravo.md&#39; does not "
                "contain an anchor &#39;#no-such-part&#39;") in delta, mode
        # Bravo loses the heading delta links to: delta's page is written again to say so.
        delta = (out / "15" / "guides/delta/index.html").read_text(encoding="utf-8")
        assert "contains a link &#39;bravo.md#training&#39;" in delta, mode
        assert "omg-problems" not in (out / "14" / "guides/delta/index.html").read_text(encoding="utf-8")
    assert "guides/delta/" in replays["dirty"][1][15]["rendered"]


def test_a_broken_guide_is_shown_as_its_problem_while_the_other_pages_stay_as_they_were(replays):
    out = replays["dirty"][0]
    broken, before = _files(out / "5"), _files(out / "4")
    assert "This page cannot be shown until its file is fixed" in broken["guides/delta/index.html"].decode()
    assert broken["guides/bravo/index.html"] == before["guides/bravo/index.html"]
    assert "omg-problems" not in broken["guides/bravo/index.html"].decode()


def test_make_serve_shows_a_new_title_on_the_guide_that_links_to_it(tmp_path):
    """The real server, run as `make serve` runs it: strict, dirty, reloading on save."""
    # tests/test_benchmarks.py checks that SERVE_COMMAND is the Makefile's recipe.
    assert "--dirty" in SERVE_COMMAND and "--strict" in SERVE_COMMAND
    site = make_site(tmp_path, guides={"alpha": guide_text("Alpha", related="[bravo]", body=LINKING_BODY),
                                       "bravo": guide_text("Bravo")})
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    with log.open("w") as log_file:
        server = subprocess.Popen([sys.executable, "-m", *SERVE_COMMAND, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=site.root, env=env, stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            url = f"http://127.0.0.1:{port}/guides/alpha/"
            assert ">Bravo</a>" in page_when(url, server, log)
            site.guide("bravo", guide_text("Bravo renamed"))
            page = page_when(url, server, log, ready=lambda page: "Bravo renamed" in page)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert page.count(">Bravo renamed</a>") == 2, "the link in the text and the related guide both show the new title"
    assert "Aborted" not in log.read_text(encoding="utf-8")


def test_a_partial_search_index_replaces_only_the_pages_written_again():
    from omg.search_index import merge_entries

    entry = lambda location, text="old": {"location": location, "text": text}  # noqa: E731
    previous = [entry(""), entry("#welcome"), entry("guides/a/"), entry("guides/a/#why"), entry("guides/b/")]
    written = [entry("", "new"), entry("guides/a/", "new"), entry("guides/c/", "new")]
    merged = merge_entries(previous, written, rebuilt={"", "guides/a/", "guides/gone/"})
    # The home page ("") keeps its place without swallowing every other address; a section
    # that is no longer written is dropped; a page new to the index goes at the end.
    assert merged == [entry("", "new"), entry("guides/a/", "new"), entry("guides/b/"), entry("guides/c/", "new")]
