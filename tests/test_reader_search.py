"""What a guide is found by reaches Material's search index: keywords, synonyms, glossary words both
ways, word forms and slips, the summary and the contacts (omg/search_terms.py, omg/search_index.py)."""

import json
import re

import pytest

from omg import search_terms
from sitekit import BODY, ROOT, FixtureSite, dedent, guide_text

HIDDEN = ("keywords", "related", "about", "slips")


def load_index(site_dir):
    return json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))


def entry(index, location):
    return next(e for e in index["docs"] if e["location"] == location)


def tokens(index, found, fields=("title", "text", *HIDDEN)):
    """The words Material's search holds for an entry's fields: split on its separator, lower case."""
    separator = re.compile(index["config"]["separator"])
    texts = [re.sub(r"<[^>]+>", " ", str(found.get(name, ""))) for name in fields]
    return {token.lower().strip("'\u2019") for text in texts for token in separator.split(text) if token}


def finds(index, query, location):
    """Whether every word of `query` starts a word of the page entry at `location`, as Material matches."""
    words = [word.lower() for word in query.split()]
    held = tokens(index, entry(index, location))
    return all(any(token.startswith(word) for token in held) for word in words)


def test_keywords_weigh_like_the_title_and_never_above_it(site):
    site.guide("target", guide_text("Target", keywords="[XYZQ, two words]"))
    result = site.build()
    assert result.ok, result.output
    index = load_index(site.site)
    fields = index["config"]["fields"]
    assert fields["keywords"]["boost"] == fields["title"]["boost"]
    assert max(fields[name]["boost"] for name in HIDDEN) <= fields["title"]["boost"]
    page = entry(index, "guides/target/")
    assert {"xyzq", "two", "words"} <= tokens(index, page, ("keywords",))
    assert all("tags" not in e for e in index["docs"])  # Material would weigh tags a thousand times a title


def test_readers_do_not_see_the_keywords_repeated_on_the_page(site):
    site.guide("target", guide_text("Target", keywords="[XYZZY]"))
    assert site.build().ok
    assert "XYZZY" not in site.html("guides/target/")


def test_the_summary_is_shown_in_the_results_and_the_contacts_are_searchable(site):
    site.guide("target", guide_text("Target", summary="How the zebra crossing patrol keeps pupils safe."))
    assert site.build().ok
    index = load_index(site.site)
    assert "zebra crossing patrol" in entry(index, "guides/target/")["text"]
    contacts = entry(index, "guides/target/#who-are-the-key-contacts")
    assert "rptraining@portsmouthcc.gov.uk" in contacts["text"]  # rp-training, from data/contacts.yml


def test_an_acronym_brings_its_meaning_and_a_meaning_brings_its_acronym(site):
    # Guides spell an acronym out once (the check requires it); the index then ties the two together.
    site.guide("allegations", guide_text("Allegations", body=BODY.format(
        slug="Tell the local authority designated officer (LADO). The LADO")))
    site.guide("dsl", guide_text("School leads", body=BODY.format(slug="The designated safeguarding lead")))
    assert site.build().ok
    index = load_index(site.site)
    assert finds(index, "local authority designated officer", "guides/allegations/")
    assert finds(index, "LADO", "guides/allegations/")
    assert finds(index, "DSL", "guides/dsl/")


def test_an_acronym_only_one_guide_uses_weighs_like_its_title_and_one_many_use_does_not(site):
    # Not in the glossary: the guide spells it out, as the check asks, and readers type it.
    site.guide("hsb", guide_text("Harmful sexual behaviour", body=BODY.format(
        slug="We use Assessment, Intervention and Moving on (AIM) with the Brook Traffic Light Tool (BTLT). AIM")
        + "\n```\nQQZ form\n```\n\n[form]: https://example.org/?id=XQJ\n"))
    for slug in ("one", "two", "three"):
        site.guide(slug, guide_text(f"Guide {slug}", body=BODY.format(slug="Ask the Quiet Room Team (QRT)")))
    assert site.build().ok
    index = load_index(site.site)
    keywords = tokens(index, entry(index, "guides/hsb/"), ("keywords",))
    assert {"aim", "btlt"} <= keywords
    assert not {"qqz", "xqj"} & keywords  # code and a link's address are not what readers meet
    assert "qrt" not in tokens(index, entry(index, "guides/one/"), ("keywords",))  # three guides use it


def test_what_was_done_finds_a_guide_named_for_it_without_piling_up_forms(site):
    site.guide("fgm", guide_text("Female genital mutilation"))  # the shipped group says "female circumcision"
    assert site.build().ok
    index = load_index(site.site)
    assert "circumcised" in tokens(index, entry(index, "guides/fgm/"), ("about",))
    # "abused" starts with "abuse": a query for "abuse" would count the guide twice.
    assert search_terms._done_forms(["female circumcision", "abuse"]) == ["circumcised"]


def test_punctuation_around_an_acronym_does_not_hide_it(site):
    site.guide("target", guide_text("Target", body=BODY.format(slug="Child sexual exploitation (CSE)")))
    assert site.build().ok
    index = load_index(site.site)
    separator = re.compile(index["config"]["separator"])
    assert "CSE" in separator.split("exploitation (CSE).")
    assert "stopWordFilter" in index["config"]["pipeline"]


def test_synonyms_find_a_guide_by_the_words_readers_use(site):
    site.guide("wnb", guide_text("Was not brought"))
    site.guide("cce", guide_text("Child criminal exploitation"))
    assert site.build().ok
    index = load_index(site.site)
    assert finds(index, "missed appointment", "guides/wnb/")
    assert finds(index, "DNA", "guides/wnb/")
    assert finds(index, "county lines", "guides/cce/")
    assert not finds(index, "county lines", "guides/wnb/")


def test_the_shipped_everyday_words_find_guides_written_in_professional_words(site):
    site.guide("carers", guide_text("Young carers", summary="Children who look after a parent with an illness."))
    site.guide("sleep", guide_text("Safer sleep", summary="Lowering the risk of sudden unexpected death in infancy."))
    assert site.build().ok
    index = load_index(site.site)
    for query in ("kids", "mum", "sick", "youngsters"):
        assert finds(index, query, "guides/carers/"), query
    assert finds(index, "cot death baby", "guides/sleep/")
    assert not finds(index, "cot death", "guides/carers/")


def test_other_word_forms_and_slips_of_the_title_find_the_guide(site):
    site.guide("neglect", guide_text("Neglect", summary="How to spot exploitation and curiosity."))
    assert site.build().ok
    index = load_index(site.site)
    for query in ("neglected", "neglectful", "neglet", "negelct", "exploited", "curious", "exploitaion",
                  "curiousity"):
        assert finds(index, query, "guides/neglect/"), query


def test_slips_weigh_least_and_are_kept_apart_from_the_forms(site):
    # A slip is a rare word, which lunr scores high, and one word has many: weighed like a form, the
    # slips of "children" outscored a title matching "child" for the query "child".
    site.guide("target", guide_text("Professional Curiosity", summary="Asking about radicalisation."))
    assert site.build().ok
    index = load_index(site.site)
    fields = index["config"]["fields"]
    assert fields["slips"]["boost"] < min(fields[name]["boost"] for name in HIDDEN if name != "slips")
    page = entry(index, "guides/target/")
    slips, forms = tokens(index, page, ("slips",)), tokens(index, page, ("related",))
    assert {"proffesional", "curiousity", "radicalisaton"} <= slips
    assert not slips & forms


def test_a_title_that_only_starts_a_groups_terms_takes_none_of_its_words(site):
    # "Police" starts "police protection" and "police powers of protection" (care proceedings): a
    # guide on working with the police is not about care proceedings.
    site.write("data/synonyms.yml", "synonyms:\n"
               "  - id: a\n    terms: [police protection, police powers of protection]\n    also: [interim care order]\n")
    site.guide("police", guide_text("Police", summary="Plain words."))
    assert site.build().ok
    index = load_index(site.site)
    assert not {"protection", "interim"} & tokens(index, entry(index, "guides/police/"), ("keywords",))


def test_a_synonym_group_naming_a_guide_finds_it_whatever_it_says(site):
    site.guide("target", guide_text("Target"))
    site.write("data/synonyms.yml", "synonyms:\n  - id: zq\n    terms: [zebra quagga]\n    guides: [target]\n")
    assert site.build().ok
    assert finds(load_index(site.site), "quagga", "guides/target/")


@pytest.mark.parametrize("yaml_text, message, fix", [
    ("  - id: one\n    terms: [abc]\n    guides: [targte]\n",
     "data/synonyms.yml:4: guides: synonym group 'one': the guide 'targte' does not exist; did you mean 'target'?",
     "use a guide's file name without .md"),
    ("  - id: one\n    terms: [abc]\n  - id: two\n    terms: [def]\n    also: [ABC]\n",
     "data/synonyms.yml:6: also: 'ABC' is listed twice: here and in the group 'one'.", "keep it in one group only"),
    ("  - id: one\n    terms: [abc]\n    also: [Target]\n",
     "data/synonyms.yml:4: also: synonym group 'one': 'Target' is the title of the guide 'target'",
     "remove 'Target' from 'also'"),
    ("  - id: one\n    also: [abc]\n", "data/synonyms.yml:2:", "terms"),
], ids=["unknown guide", "duplicate word", "another guide's title", "no terms"])
def test_a_bad_synonyms_file_fails_the_check_naming_the_line_and_the_fix(site, yaml_text, message, fix):
    site.guide("target", guide_text("Target"))
    site.write("data/synonyms.yml", "synonyms:\n" + yaml_text)
    result = site.check()
    assert not result.ok
    assert message in result.output, result.output
    assert fix in result.output
    assert "Traceback" not in result.output


def test_the_shipped_synonyms_and_glossary_are_valid_and_do_not_overlap():
    from omg.corpus import check_corpus
    corpus, report = check_corpus(ROOT)
    assert not report.problems, report.problems
    assert {"DSL", "LADO", "MASH", "EHA", "TAF", "CME", "EHE", "NRM", "CSE", "CCE", "DNA", "WNB"} <= {
        term.term for term in corpus.glossary.values()}
    assert "county lines" in {word for group in corpus.synonyms.values() for word in group.terms}


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
    ("restorativ", "guides/restorative-practice/"),
    ("case conferences", "guides/child-protection-conferences/"),
])
def test_acronyms_keywords_and_slips_find_the_real_guides_in_the_index(real_index, query, location):
    assert finds(real_index, query, location)


def test_the_offline_copy_keeps_the_hidden_fields_in_its_search_script(site):
    site.guide("target", guide_text("Target", keywords="[XYZQ]"))
    result = site.build(env={"OMG_OFFLINE": "true"})
    assert result.ok, result.output
    script = (site.site / "search" / "search_index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("var __index = "))
    assert "xyzq" in entry(index, "guides/target.html")["keywords"]
    assert index["config"]["fields"]["keywords"]["boost"] == index["config"]["fields"]["title"]["boost"]


def test_stop_words_standing_alone_are_taken_by_the_separator_in_the_index_and_the_query(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    separator = re.compile(load_index(site.site)["config"]["separator"])
    assert [t for t in separator.split("A child in care, I think; it's a1 (CSE) one-to-one") if t] == \
        ["child", "care", "think", "it's", "a1", "CSE", "one", "one"]
    assert [t for t in separator.split("Allegations about Anna") if t] == ["Allegations", "Anna"]
    # A rebuild that reads the index of the build before does not add the stop words twice.
    from omg.search_index import separator_with_stop_words
    assert separator_with_stop_words(separator.pattern) == separator.pattern


def test_an_acronym_brings_its_meaning_when_plural_or_possessive_and_only_in_capitals():
    from omg.corpus import check_corpus
    from omg.search_terms import _brought, _vocabulary
    corpus, _ = check_corpus(ROOT)
    vocabulary = _vocabulary(corpus)
    for text in ("Ask the LADO.", "The LADO's advice", "Both LADOs agreed"):
        assert "local authority designated officer" in {w.casefold() for w in _brought(vocabulary, text)}, text
    assert _brought(vocabulary, "lado") == []
    assert "s47" in _brought(vocabulary, "Two strategy meetings were held.")  # a phrase, plural
