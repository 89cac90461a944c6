"""Front-matter keywords reach Material's search index, so acronyms find their guides."""

import json
import re

import pytest

from sitekit import ROOT, FixtureSite, guide_text


def load_index(site_dir):
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def entry_tokens(index, entry):
    """The words Material's search would hold for an entry: split on its separator, lower case."""
    separator = re.compile(index["config"]["separator"])
    words = [re.sub(r"<[^>]+>", " ", entry.get("title", "")), re.sub(r"<[^>]+>", " ", entry.get("text", ""))]
    words += entry.get("tags", [])
    return {token.lower() for text in words for token in separator.split(text) if token}


def finds(index, query, location):
    """Whether every word of `query` starts a word of the entry at `location`, as Material's search matches."""
    separator = re.compile(index["config"]["separator"])
    terms = [term.lower() for term in separator.split(query) if term]
    entry = next(e for e in index["docs"] if e["location"] == location)
    tokens = entry_tokens(index, entry)
    return all(any(token.startswith(term) for token in tokens) for term in terms)


def test_a_guides_keywords_become_tags_on_its_page_entry_only(site):
    site.guide("target", guide_text("Target", keywords="[XYZ, two words]"))
    result = site.build()
    assert result.ok, result.output
    index = load_index(site.site)
    tagged = {entry["location"]: entry["tags"] for entry in index["docs"] if "tags" in entry}
    assert tagged == {"guides/target/": ["XYZ", "two words"]}
    assert index["config"]["fields"]["tags"]["boost"] > index["config"]["fields"]["text"]["boost"]


def test_readers_do_not_see_the_keywords_repeated_on_the_page(site):
    site.guide("target", guide_text("Target", keywords="[XYZZY]"))
    assert site.build().ok
    assert "XYZZY" not in site.html("guides/target/")


def test_a_guide_without_keywords_gets_no_tags(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    assert all("tags" not in entry for entry in load_index(site.site)["docs"])


@pytest.fixture(scope="module")
def real_index(tmp_path_factory):
    out = tmp_path_factory.mktemp("real") / "site"
    result = FixtureSite(ROOT).omg("build", "--site-dir", str(out))
    assert result.ok, result.output
    return load_index(out)


@pytest.mark.parametrize("query, location", [
    ("RP", "guides/restorative-practice/"),
    ("ICPC", "guides/child-protection-conferences/"),
    ("CP conference", "guides/child-protection-conferences/"),
    ("social discipline window", "guides/restorative-practice/"),
])
def test_acronyms_and_keywords_find_the_real_guides_in_the_index(real_index, query, location):
    assert finds(real_index, query, location)


def test_icpc_is_found_through_the_keywords_not_the_text(real_index):
    # Material's search keeps "(ICPC)" as one word with its brackets, so without keywords it would miss.
    entry = next(e for e in real_index["docs"] if e["location"] == "guides/child-protection-conferences/#what-is-it")
    assert not any(token.startswith("icpc") for token in entry_tokens(real_index, entry))
    assert not finds(real_index, "ICPC", "guides/restorative-practice/")


def test_the_offline_copy_keeps_the_keywords_in_its_search_script(site):
    site.guide("target", guide_text("Target", keywords="[XYZ]"))
    result = site.build(env={"OMG_OFFLINE": "true"})
    assert result.ok, result.output
    script = (site.site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("var __index = "))
    assert [(e["location"], e["tags"]) for e in index["docs"] if "tags" in e] == [("guides/target.html", ["XYZ"])]
