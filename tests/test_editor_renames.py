"""Renames never break saved or printed links: aliases build redirect pages, and
a published address that disappears without an alias fails the check and the build."""

import pytest

from omg.published import HEADER
from sitekit import guide_text

RECORD = "published-addresses.yml"


def record(site, *slugs, header="# Addresses.\n"):
    site.write(RECORD, header + "published:\n" + "".join(f"  - {slug}\n" for slug in slugs))


def test_an_alias_builds_a_redirect_page_at_the_old_address(site):
    site.guide("restorative-approaches", guide_text("Restorative approaches", aliases="[restorative-practice, rp]"))
    site.identity(address="https://guides.example.org/")
    result = site.build()
    assert result.ok, result.output
    page = site.html("guides/restorative-practice/")
    assert '<meta http-equiv="refresh" content="0; url=../restorative-approaches/">' in page
    assert '<link rel="canonical" href="https://guides.example.org/guides/restorative-approaches/">' in page
    assert '<a href="../restorative-approaches/">Restorative approaches</a> has a new address.' in page
    assert '<meta name="robots" content="noindex">' in page
    assert '<html lang="en">' in page
    assert "<script" not in page
    assert '<meta http-equiv="refresh" content="0; url=../restorative-approaches/">' in site.html("guides/rp/")


def test_redirect_pages_stay_out_of_search_and_the_sitemap(site):
    site.guide("restorative-approaches", guide_text("Restorative approaches", aliases="[restorative-practice]"))
    assert site.build().ok
    assert "guides/restorative-practice/" not in (site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "restorative-practice" not in (site.site / "search/search_index.json").read_text(encoding="utf-8")


def test_a_published_guide_that_disappeared_without_an_alias_fails_the_check_and_the_build(site):
    site.guide("restorative-approaches", guide_text("Restorative approaches"))
    record(site, "restorative-approaches", "restorative-practice")
    message = ("published-addresses.yml:4: the guide 'restorative-practice' was published at "
               "guides/restorative-practice/, but no guide has that address now (was it renamed to "
               "docs/guides/restorative-approaches.md?). Fix: add 'aliases: [restorative-practice]' to the guide "
               "that replaced it, so saved and printed links still work; if the guide was withdrawn on purpose, "
               "delete this line.")
    check = site.check()
    assert check.returncode == 1
    assert check.output == message + "\n1 problem found. Nothing is published until they are fixed.\n"
    build = site.build()
    assert build.returncode == 1
    assert message in build.output
    assert "Traceback" not in build.output
    assert not site.site.exists()


def test_a_vanished_address_with_no_likely_successor_says_so_plainly(site):
    site.guide("target", guide_text("Target"))
    record(site, "target", "looked-after-children")
    assert ("published-addresses.yml:4: the guide 'looked-after-children' was published at "
            "guides/looked-after-children/, but no guide has that address now. Fix:") in site.check().output


def test_an_alias_keeps_a_published_address_working(site):
    site.guide("restorative-approaches", guide_text("Restorative approaches", aliases="[restorative-practice]"))
    record(site, "restorative-approaches", "restorative-practice")
    assert site.check().ok
    assert site.build().ok


def test_a_published_guide_turned_back_into_a_draft_fails_the_check_and_the_build(site):
    site.guide("target", guide_text("Target", status="draft"))
    record(site, "target")
    message = ("published-addresses.yml:3: the address guides/target/ was published, but docs/guides/target.md "
               "is now a draft, so that address would stop working. Fix: set 'status: published' in "
               "docs/guides/target.md; if the guide was withdrawn on purpose, delete this line.")
    assert message in site.check().output
    assert message in site.build().output


def test_a_published_guide_with_errors_is_reported_once_with_its_own_file(site):
    site.guide("target", guide_text("Target", contacts="[nobody-at-all]"))
    record(site, "target")
    output = site.check().output
    assert "docs/guides/target.md:4: contacts: 'nobody-at-all' is not known" in output
    assert "published-addresses.yml" not in output


@pytest.mark.parametrize("lines, message", [
    ("published:\n  - target\n  - target\n",
     "published-addresses.yml:3: 'target' is listed twice (first on line 2). Fix: delete one of the two lines."),
    ("published:\n  - Target Guide\n",
     "published-addresses.yml:2: 'Target Guide' is not a guide slug. Fix: write the guide's file name without "
     "'.md', such as 'restorative-practice'."),
    ("guides:\n  - target\n",
     "published-addresses.yml:1: the file must hold only 'published:' followed by a list of guide slugs. "
     "Fix: write 'published:' on one line and each slug below it as '  - restorative-practice'."),
], ids=["duplicate", "not-a-slug", "wrong-key"])
def test_a_malformed_record_names_the_line_and_the_fix(site, lines, message):
    site.guide("target", guide_text("Target"))
    site.write(RECORD, lines)
    result = site.check()
    assert result.returncode == 1
    assert message in result.output


def test_published_update_records_new_addresses_and_keeps_the_notes(site):
    site.guide("target", guide_text("Target", aliases="[old-target]"))
    site.guide("draft-guide", guide_text("Draft guide", status="draft"))
    first = site.omg("published", "--update")
    assert first.output == ("Added 2 to published-addresses.yml: guides/old-target/, guides/target/.\n")
    assert (site.root / RECORD).read_text() == HEADER + "published:\n  - old-target\n  - target\n"
    record(site, "target", header="# Our notes.\n")
    second = site.omg("published", "--update")
    assert second.output == "Added 1 to published-addresses.yml: guides/old-target/.\n"
    assert (site.root / RECORD).read_text() == "# Our notes.\npublished:\n  - old-target\n  - target\n"
    third = site.omg("published", "--update")
    assert third.output == "published-addresses.yml already lists every address the site serves.\n"


def test_published_shows_what_is_not_yet_recorded_without_writing(site):
    site.guide("target", guide_text("Target"))
    result = site.omg("published")
    assert result.returncode == 0
    assert result.output == (
        "published-addresses.yml lists 0 addresses.\n"
        "Served now and not yet recorded: guides/target/.\n"
        "Record them with `python -m omg published --update` (make published) once they are published.\n")
    assert not (site.root / RECORD).exists()


def test_published_update_refuses_while_the_guides_have_problems(site):
    site.guide("target", guide_text("Target", contacts="[nobody-at-all]"))
    result = site.omg("published", "--update")
    assert result.returncode == 1
    assert result.output.endswith("Nothing was written: fix these first (`python -m omg check` lists them too).\n")
    assert not (site.root / RECORD).exists()

