"""Every real guide and data file passes the checks; the seed guide stays faithful."""

import re
from pathlib import Path

import pytest

from omg.corpus import check_corpus, load_corpus
from omg.guide import SECTIONS
from sitekit import ROOT

GUIDES = sorted((ROOT / "docs" / "guides").glob("*.md"))
SEED = ROOT / "tests" / "fixtures" / "import" / "omg-restorative-practice.txt"  # a copy of the seed guide, kept with the tests


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(ROOT)


def test_the_whole_site_checks_clean():
    _, report = check_corpus(ROOT)
    assert [str(p) for p in report.problems] == []


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_each_guide_has_the_four_sections_and_fits_the_budget(corpus, path):
    guide = corpus.guides[path.stem]
    assert [s.title for s in guide.sections] == list(SECTIONS)
    assert 0 < corpus.words[path.stem] <= corpus.settings.word_budget
    assert guide.contacts and guide.topics and guide.audience


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_no_guide_contains_an_address_that_is_not_in_the_contacts_data(corpus, path):
    # Addresses live in data/contacts.yml only, so none can be made up in a guide.
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text) == []
    assert re.findall(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b", text) == []


def test_the_restorative_practice_guide_has_the_seed_contacts_and_links(corpus):
    guide = corpus.guides["restorative-practice"]
    emails = {corpus.contacts[c].email for c in guide.contacts}
    assert emails == {"rptraining@portsmouthcc.gov.uk", "hayden.ginns@portsmouthcc.gov.uk"}
    rendered = corpus.rendered["restorative-practice"]
    assert "[RP Strategy](https://www.portsmouthscp.org.uk/" in rendered
    # Spelled out on first use, in the link's words too (the seed wrote "OMG on ..." and "PEP website").
    assert "[One Minute Guide (OMG) on Child Protection Conferences](child-protection-conferences.md)" in rendered
    assert "[Portsmouth Education Partnership (PEP) website](https://www.portsmoutheducationpartnership.co.uk/)" in rendered


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def test_the_restorative_practice_guide_keeps_the_seed_text(corpus):
    seed = _words(SEED.read_text(encoding="utf-8").split("Who are the key contacts?")[0].split("What is it?", 1)[1])
    guide = _words(corpus.rendered["restorative-practice"].split("## Who are the key contacts?")[0])
    guide_text = " ".join(guide)
    # Every run of eight seed words appears in the guide, bar the few edits of punctuation and links.
    runs = [" ".join(seed[i:i + 8]) for i in range(0, len(seed) - 8, 8)]
    missing = [run for run in runs if run not in guide_text]
    assert len(missing) <= len(runs) * 0.1, missing


def _prose(corpus, slug):
    return " ".join(corpus.rendered[slug].split())


def test_the_conferences_guide_states_the_timescales_of_working_together_2023(corpus):
    text = _prose(corpus, "child-protection-conferences")
    assert "within 15 working days of the strategy discussion" in text
    assert "The first review is held within 3 months of the initial conference, and later reviews at most 6 months apart" in text
    assert "meets within 10 working days" in text


def test_the_conferences_guide_says_when_a_plan_ends_and_who_decides(corpus):
    text = _prose(corpus, "child-protection-conferences")
    assert "Only a review conference can decide that the child is no longer at risk of significant harm and end the plan." in text
    assert ("The plan also ends if the child moves permanently to another local authority area, turns 18, "
            "leaves the United Kingdom for good, or dies.") in text
    assert "physical abuse, emotional abuse, sexual abuse or neglect" in text


def test_the_conferences_guide_describes_the_chair_reports_and_attendance_as_the_guidance_does(corpus):
    text = _prose(corpus, "child-protection-conferences")
    assert "a chair who has no operational or line-management responsibility for the case" in text
    assert "experienced chair" not in text
    assert "send a written report by the date in your invitation, **and** attend the conference" in text
    assert "attend or send a written report" not in text
    assert ("share your report with the family before the meeting, unless that would put the child at risk "
            "or harm a police investigation") in text
    assert "raise any disagreement with a decision through the escalation route" in text
    assert "If you are invited, you must:" in text
    assert "for an unborn baby, midwife" in text
    assert ("statutory guidance on what organisations must and should do to help, protect and promote the welfare "
            "of all children") in text


def test_the_conferences_guide_links_the_local_procedures_and_conference_page_not_the_home_page(corpus):
    used = corpus.links_used["child-protection-conferences"]
    assert {"hips-procedures", "pscp-conferences", "working-together-2023"} <= set(used)
    assert "pscp-website" not in used
    assert "conferences" in corpus.links["pscp-conferences"].url
    assert corpus.links["pscp-conferences"].url != corpus.links["pscp-website"].url


def test_the_restorative_practice_guide_is_owned_by_the_training_inbox_not_a_person(corpus):
    owner = corpus.contacts[corpus.guides["restorative-practice"].owner]
    assert owner.id == "rp-training" and owner.name is None and owner.email == "rptraining@portsmouthcc.gov.uk"


def test_the_restorative_practice_guide_names_the_partnership_by_its_name_now_and_then(corpus):
    text = _prose(corpus, "restorative-practice")
    assert ("on the website of the Portsmouth Safeguarding Children Partnership (PSCP), which was called the "
            "Portsmouth Safeguarding Children Board (PSCB) until 2019.") in text
    strategy = corpus.links["rp-strategy"]
    assert strategy.publisher == "Portsmouth Safeguarding Children Partnership (PSCP)"
    assert strategy.formerly == "Portsmouth Safeguarding Children Board (PSCB)"


def test_the_real_site_builds_strictly(tmp_path):
    import html as html_module

    from omg.corpus import count_words
    from omg.reading import reading_minutes
    from sitekit import FixtureSite

    result = FixtureSite(ROOT).omg("build", "--site-dir", str(tmp_path / "site"))
    assert result.ok, result.output
    for path in GUIDES:
        page = (tmp_path / "site" / "guides" / path.stem / "index.html").read_text(encoding="utf-8")
        # The label agrees with the words the page shows: title, summary and text (not the drawing's own words).
        head = page.split("<h1", 1)[1].split('<p class="omg-meta">', 1)[0]
        content = page.split('class="omg-review"', 1)[1].split("</div>", 1)[1].split('<ul class="omg-contacts">', 1)[0]
        shown = html_module.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<svg\b.*?</svg>", " ", "<h1" + head + content, flags=re.S)))
        label = int(re.search(r'<span class="omg-meta__reading">(\d+) minute read</span>', page).group(1))
        assert label == reading_minutes(count_words(shown)) == 2, path.name
    page = (tmp_path / "site" / "guides" / "restorative-practice" / "index.html").read_text(encoding="utf-8")
    assert ("published by Portsmouth Safeguarding Children Partnership (PSCP), "
            "formerly Portsmouth Safeguarding Children Board (PSCB)") in re.sub(r"\s+", " ", page)
