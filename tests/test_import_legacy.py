"""Legacy guides in the shapes partnerships publish: the corpus in tests/fixtures/legacy/, scored,
and the importer's parts on the layouts that corpus holds (headings, dates, contacts, references)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks import import_eval
from omg.contacts import Contact
from omg.corpus import check_corpus
from omg.guide import SECTIONS
from omg.importer import plan_import
from omg.importer.contacts import ContactBook, FoundContact, read_contacts_section
from omg.importer.crossrefs import Resolver, Target, rewrite
from omg.importer.dates import SourceDates, parse_date, take_statements
from omg.importer.reading import Block
from omg.importer.sections import section_for, sentence_case, strip_boilerplate
from omg.links import load_links
from omg.problems import Report
from sitekit import dedent, make_site

WHAT, WHY, HOW, WHO = SECTIONS
LEGACY = import_eval.sources()


# The corpus ------------------------------------------------------------------------------------

def test_the_corpus_has_at_least_fifteen_legacy_guides_each_with_its_expected_result():
    assert len(LEGACY) >= 15
    assert {path.suffix for path in LEGACY} == {".txt", ".md"}


def test_the_legacy_corpus_passes_at_least_95_percent_of_its_checks():
    scores = [import_eval.score(path) for path in LEGACY]
    passed, total = sum(s.passed for s in scores), sum(s.total for s in scores)
    failed = [f"{s.name}: {what}" for s in scores for what in s.failed]
    assert passed / total >= 0.95, "\n".join(failed)


@pytest.mark.parametrize("source", LEGACY, ids=lambda path: path.name)
def test_every_sentence_of_a_legacy_guide_ends_up_in_the_guide_or_the_contacts(source, tmp_path):
    root = import_eval.make_project(tmp_path, leave_out=source.stem)
    plan = plan_import([source], root=root)
    guide = plan.guides[0]
    corpus, _ = check_corpus(root)
    titles = {slug: g.title for slug, g in corpus.guides.items()} | {i: link.title for i, link in corpus.links.items()}
    shown = import_eval.expand_macros(guide.text, titles)  # as readers see it
    lost = import_eval.lost_sentences(source.read_text(encoding="utf-8"), shown + "\n" + plan.contacts_addition,
                                      headings=guide.headings)
    assert lost == []


def test_the_sentence_check_catches_a_dropped_sentence():
    source = "What is it?\nEarly help is support. It starts early.\n"
    assert import_eval.lost_sentences(source, "Early help is support.", headings=["What is it?"]) == ["It starts early."]


def test_the_scorer_prints_checks_passed_per_guide_and_overall(capsys):
    import_eval.main([])
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(LEGACY) + 1
    assert re.match(r"overall\s+\d+/\d+\s+\d+\.\d%", lines[-1])


# Headings --------------------------------------------------------------------------------------

@pytest.mark.parametrize("heading, section", [
    ("What do I need to do?", HOW), ("What should schools do?", HOW), ("What does this mean for practitioners?", HOW),
    ("3. WHAT TO DO", HOW), ("What you need to do", HOW), ("What should I do if I have a concern?", HOW),
    ("Learning", HOW), ("Questions to consider", HOW), ("What can professionals do?", HOW),
    ("Background", WHAT), ("Information", WHAT), ("1. WHAT IS CHILD EXPLOITATION?", WHAT), ("What does neglect mean?", WHAT),
    ("Why it matters", WHY), ("Research", WHY), ("What is the purpose of this guide?", WHY), ("Purpose", WHY),
    ("Who can I contact?", WHO), ("Who should I ask for advice?", WHO), ("Further information", WHO), ("Resources", WHO),
    ("Useful links", WHO), ("Who is it for?", WHAT),
])
def test_headings_map_to_sections_by_meaning(heading, section):
    assert section_for(heading) == section


@pytest.mark.parametrize("text", ["4. Contact the hub within one working day", "Contact the hub today",
                                  "Working Together 2023"])
def test_a_step_or_a_name_is_not_a_section_heading(text):
    from omg.importer.sections import _guessed_heading

    assert _guessed_heading(text) is None


def _plan(site, tmp_path, name: str, text: str):
    source = tmp_path / name
    source.write_text(dedent(text), encoding="utf-8")
    return plan_import([source], root=site.root).guides[0]


def _section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path)


def test_numbered_steps_and_questions_in_the_body_stay_in_their_section(site, tmp_path):
    guide = _plan(site, tmp_path, "hub.txt", """
        Family hubs
        What is it?
        A family hub brings services together.
        Why?
        Families find help sooner.
        What do I need to do?
        Talk to the family first.
        1. Complete the assessment.
        4. Contact the hub within one working day.
        Why has nothing changed? Ask this at every review.
        Who can I contact?
        Family Hub: hubs@example.org
        """)
    how = _section(guide.text, HOW)
    assert "4. Contact the hub within one working day." in how
    assert "Why has nothing changed? Ask this at every review." in how
    assert "Complete the assessment" not in _section(guide.text, WHAT)


def test_a_seven_minute_briefing_maps_its_parts_into_the_four_sections_as_sub_headings(site, tmp_path):
    guide = _plan(site, tmp_path, "briefing.txt", """
        7 MINUTE BRIEFING: Neglect

        1. Background
        Neglect is the most common form of abuse.

        2. Why it matters
        The harm builds up over time.

        3. Information
        Neglect can be physical or emotional.

        4. Research
        Reviews find drift.

        5. What to do
        Use the graded care profile.

        6. Questions to consider
        What is a day like for this child?

        7. Further information
        Neglect lead: neglect@example.org
        """)
    assert guide.title == "Neglect"
    what = _section(guide.text, WHAT)
    assert "### Background\n\nNeglect is the most common form of abuse." in what
    assert "### Information\n\nNeglect can be physical or emotional." in what
    assert "### Research\n\nReviews find drift." in _section(guide.text, WHY)
    assert "### Questions to consider" in _section(guide.text, HOW)


def test_a_marked_heading_opens_the_section_it_means_and_keeps_its_title(site, tmp_path):
    guide = _plan(site, tmp_path, "signs.md", """
        # Neglect

        ## What is it?

        Neglect is harm.

        ## Why?

        It lasts.

        ## Recording concerns

        Write down what you see.

        ## Contacts

        Neglect lead: neglect@example.org
        """)
    assert "### Recording concerns\n\nWrite down what you see." in _section(guide.text, HOW)


def test_a_subtitle_after_a_dash_or_colon_leaves_the_title(site, tmp_path):
    guide = _plan(site, tmp_path, "ce.txt", "Child Exploitation: Spotting the signs early\n\nWhat is it?\nHarm.\n"
                                            "Contacts\nTeam: ce@example.org\n")
    assert guide.title == "Child exploitation"
    assert any("subtitle \"Spotting the signs early\"" in note for note in guide.done)


@pytest.mark.parametrize("title, expected", [
    ("7 MINUTE BRIEFING: Neglect", "Neglect"), ("Early Help – A One Minute Guide", "Early Help"),
    ("One Minute Guide: Private fostering", "Private fostering"), ("Prevent (One Minute Guide)", "Prevent"),
])
def test_titles_lose_their_boilerplate(title, expected):
    assert strip_boilerplate(title) == expected


def test_acronyms_in_brackets_keep_their_capitals():
    assert sentence_case("Elective Home Education (EHE)", body="Parents may choose EHE for a child.") == \
        "Elective home education (EHE)"


def test_an_html_comment_and_a_repeated_h1_are_not_the_title_or_the_text(site, tmp_path):
    guide = _plan(site, tmp_path, "curiosity.md", """
        <!-- copied from the old site -->
        ---
        title: Professional curiosity
        ---

        # Professional curiosity

        # What is it?

        Looking and asking.

        # Why?

        Reviews say so.

        # How?

        Check what you are told.

        # Contacts

        Training team: training@example.org
        """)
    assert guide.title == "Professional curiosity"
    assert _section(guide.text, WHAT).strip() == "Looking and asking."
    assert "copied from the old site" not in guide.text


# Dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, reviewed, due, published", [
    ("Published September 2022 – review due September 2024", None, "2024-09-01", "2022-09-01"),
    ("Review date: March 2025", None, "2025-03-01", None),
    ("Version 2 | Published: 14 January 2023 | Review due: January 2025", None, "2025-01-01", "2023-01-14"),
    ("Last reviewed: 30/06/2024", "2024-06-30", None, None),
])
def test_date_lines_are_read_and_leave_the_text(text, reviewed, due, published):
    dates = SourceDates()
    assert take_statements(text, dates, "line 9") == ""
    assert [dates.reviewed, dates.due, dates.published] == [
        dt.date.fromisoformat(d) if d else None for d in (reviewed, due, published)]


def test_a_sentence_that_mentions_a_year_is_not_a_date_line():
    dates = SourceDates()
    text = "Working Together was published in December 2023."
    assert take_statements(text, dates, "line 1") == text and not dates.any


def test_parse_date_reads_uk_dates():
    assert parse_date("1st July 2028") == dt.date(2028, 7, 1)
    assert parse_date("02/03/2024") == dt.date(2024, 3, 2)


def test_a_passed_review_date_is_carried_and_shown_overdue_with_a_to_do(site, tmp_path):
    guide = _plan(site, tmp_path, "hub.txt", """
        Family hubs
        What is it?
        A family hub brings services together.
        Who can I contact?
        Family Hub: hubs@portsmouthcc.gov.uk

        Published September 2022 – review due September 2024
        """)
    assert "last_reviewed: 2022-09-01\n" in guide.text
    assert re.search(r"review_due: 2024-09-01  # \[TO DO: the review was due on 1 September 2024", guide.text)
    assert "September 2024" not in _section(guide.text, WHO)


def test_without_any_date_the_import_day_is_marked_as_no_review(site, tmp_path):
    guide = _plan(site, tmp_path, "hub.txt", "Hubs\nWhat is it?\nA hub.\nContacts\nHub: hubs@example.org\n")
    line = next(line for line in guide.text.split("\n") if line.startswith("last_reviewed:"))
    assert "[TO DO: the source gives no date" in line


def test_an_imported_overdue_guide_builds_showing_it_overdue_and_the_contacts_hours(site, tmp_path):
    source = tmp_path / "hubs.txt"
    source.write_text("Family hubs\nWhat is it?\nA family hub brings services together.\nWhy?\nHelp comes sooner.\n"
                      "How?\nWe meet weekly.\nContacts\nFamily Hub: hubs@portsmouthcc.gov.uk\n"
                      "Monday to Friday, 9am to 5pm.\nPlease allow three working days for a reply.\n\n"
                      "Review date: March 2025\n", encoding="utf-8")
    assert site.omg("import", str(source)).ok
    path = site.root / "docs/guides/family-hubs.md"
    text = re.sub(r"  # \[TO DO:[^\]]*\]", "", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("topics: []", "topics: [ways-of-working]"), encoding="utf-8")
    result = site.build()
    assert result.ok, result.output
    html = site.html("guides/family-hubs/")
    assert '<p class="omg-review__overdue" role="note">' in html
    assert "Available: Monday to Friday, 9am to 5pm" in html
    assert "Please note: Please allow three working days for a reply" in html


# Contacts --------------------------------------------------------------------------------------

def _contacts(text: str, kind: str = "paragraph"):
    return read_contacts_section([Block(kind, dedent(text).strip(), "line 1")])


def test_out_of_hours_keeps_the_team_and_says_when():
    (found,) = _contacts("Out of hours: Emergency Duty Team 01632 960999").found
    assert (found.role, found.phone, found.hours) == ("Emergency Duty Team", "01632 960999", "Out of hours")


def test_an_email_and_a_phone_after_one_label_are_one_contact():
    (found,) = _contacts("Hub: hub@example.org / 01632 960100").found
    assert (found.role, found.email, found.phone) == ("Hub", "hub@example.org", "01632 960100")


def test_a_role_with_a_name_then_tel_and_email_lines_is_one_contact_the_right_way_round():
    (found,) = _contacts("""
        Caldicott Guardian: Dr Helen O’Neill
        Tel: 01632 960410
        Email: caldicott@example.org
        Monday to Friday, 9am–5pm
        """).found
    assert (found.name, found.role, found.phone, found.email, found.hours) == (
        "Dr Helen O’Neill", "Caldicott Guardian", "01632 960410", "caldicott@example.org", "Monday to Friday, 9am–5pm")


def test_a_team_a_name_and_a_role_on_one_line_each_find_their_field():
    (found,) = _contacts("Exploitation Team (North) – Jo O’Neill, team manager, north@example.org").found
    assert (found.team, found.name, found.role) == ("Exploitation Team (North)", "Jo O’Neill", "team manager")


def test_contacts_in_a_table_leave_no_header_or_separator_behind():
    section = _contacts("""
        | Role | Team | Email | Phone |
        |------|------|-------|-------|
        | Prevent Coordinator | Community Safety | prevent@example.org | 01632 960600 |
        """)
    (found,) = section.found
    assert (found.role, found.team, found.email, found.phone) == (
        "Prevent Coordinator", "Community Safety", "prevent@example.org", "01632 960600")
    assert not any("|" in paragraph for paragraph in section.paragraphs if paragraph)


def test_words_that_find_no_place_become_a_visible_to_do(site, tmp_path):
    guide = _plan(site, tmp_path, "hub.txt", "Hubs\nWhat is it?\nA hub.\nContacts\n"
                                             "Hub: hubs@example.org, ask for the duty desk manager on arrival\n")
    assert "ask for the duty desk manager on arrival" in _section(guide.text, WHO)
    assert "[TO DO:" in _section(guide.text, WHO)


def test_a_placeholder_team_left_by_an_earlier_import_is_not_copied_to_new_contacts():
    book = ContactBook({"old": Contact("old", "[TO DO: the organisation or service this contact works for]",
                                       role="Old", email="old@example.org")})
    result = book.add(FoundContact("new@example.org", None, None, "New hub", None, "line 1"))
    assert result.fields["team"].startswith("[TO DO:")
    assert not any("taken from other contacts" in note for note in result.notes)


# References ------------------------------------------------------------------------------------

RESOLVER = Resolver([
    Target("guide", "neglect", "Neglect", ("Neglect", "neglect")),
    Target("link", "think-family", "Think Family", ("Think Family", "think family"), "https://x.example/tf"),
    Target("link", "partnership-website", "Partnership website", ("Partnership website",), "https://x.example/"),
    Target("link", "gov-uk", "GOV.UK", ("GOV.UK", "gov uk", "GOV.UK website"), "https://www.gov.uk/",
           names_in_text=("GOV.UK", "GOV.UK website")),
    Target("link", "working-together-2023", "Working Together to Safeguard Children 2023",
           ("Working Together to Safeguard Children 2023", "Working Together 2023"), "https://www.gov.uk/wt",
           names_in_text=("Working Together to Safeguard Children 2023", "Working Together 2023")),
])


def test_two_references_in_one_sentence_are_split():
    text, references = rewrite("Use the OMG on neglect and the Think Family page on the partnership website.", RESOLVER)
    assert {(r.kind, r.target) for r in references} == {("guide", "neglect"), ("link", "think-family")}
    assert text == ('Use the {{ guide("neglect", "OMG on neglect") }} and the {{ link("think-family") }} page on the '
                    'partnership website.')


@pytest.mark.parametrize("text, target", [
    ("The one minute guide on neglect says more.", "neglect"),
    ("Read Working Together 2023, chapter 2.", "working-together-2023"),
    ("Guidance is on the GOV.UK website.", "gov-uk"),
])
def test_references_without_a_verb_or_in_lower_case_are_linked(text, target):
    _, references = rewrite(text, RESOLVER)
    assert [r.target for r in references] == [target]


def test_a_guide_reference_that_runs_into_a_named_document_links_both():
    text, references = rewrite("See the OMG on neglect and Working Together 2023.", RESOLVER)
    assert [r.target for r in references] == ["neglect", "working-together-2023"]
    assert text.endswith('and {{ link("working-together-2023", "Working Together 2023") }}.')


def test_a_strapline_is_not_a_reference():
    assert rewrite("A one minute guide for all practitioners", RESOLVER)[1] == []


def test_a_named_document_with_no_link_is_marked_to_do():
    text, (reference,) = rewrite("The Children and Social Work Act 2017 applies.", RESOLVER)
    assert reference.target is None and "[TO DO:" in text and "Children and Social Work Act 2017" in text


def test_a_link_alias_used_twice_or_equal_to_another_title_names_the_file_and_the_fix(tmp_path):
    path = tmp_path / "data" / "links.yml"
    path.parent.mkdir()
    path.write_text("links:\n  - id: a\n    title: Working Together\n    url: https://a.example/\n"
                    "  - id: b\n    title: B\n    url: https://b.example/\n    aliases: [working together, Bee]\n"
                    "  - id: c\n    title: C\n    url: https://c.example/\n    aliases: [Bee]\n", encoding="utf-8")
    report = Report()
    links = load_links(path, report=report, root=tmp_path)
    messages = [str(problem) for problem in report.problems]
    assert len(messages) == 2
    assert messages[0].startswith("data/links.yml:5") and "alias \"working together\", which already names the " \
        "link 'a'" in messages[0] and "keep each alias on one link only" in messages[0]
    assert "alias \"Bee\", which already names the link 'b'" in messages[1]
    assert links["b"].aliases == ("Bee",)


# Nothing lost, for any arrangement ---------------------------------------------------------------

SENTENCES = ["Early help is support for a family.", "It starts as soon as a worry shows.",
             "Why has nothing changed since the last plan?", "4. Contact the hub within one working day.",
             "Talk to the family first.", "Record what you saw, heard and were told.",
             "Children are safer when adults share what they know.", "Is the family ready for help?",
             "See the OMG on neglect.", "Read Working Together 2023 for the national rules.",
             "Monday to Friday, 9am to 5pm.", "Please allow three working days for a reply."]
HEADINGS = ["What is it?", "WHY IS IT IMPORTANT?", "What do I need to do?", "3. What to do", "**Background**",
            "Who can I contact?", "Key contacts", "What does this mean for practitioners?", "Questions to consider"]
CONTACT_LINES = ["Hub: hub@example.org / 01632 960100", "Out of hours: Emergency Duty Team 01632 960999",
                 "Caldicott Guardian: Dr Helen Ward, caldicott@example.org", "Team (North) – Jo O’Neill, manager, "
                 "north@example.org"]


@pytest.fixture(scope="module")
def property_project(tmp_path_factory):
    return import_eval.make_project(tmp_path_factory.mktemp("legacy-properties"), leave_out="")


PART = st.tuples(st.sampled_from(HEADINGS), st.lists(st.sampled_from(SENTENCES + CONTACT_LINES), min_size=1, max_size=5),
                 st.booleans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(PART, min_size=1, max_size=5), suffix=st.sampled_from([".txt", ".md"]))
# A numbered part title, a blank line, a numbered step: read as one list, it once hid the only heading.
@example(parts=[("3. What to do", ["4. Contact the hub within one working day."], False)], suffix=".txt")
def test_every_sentence_survives_any_arrangement_of_headings_and_text(property_project, tmp_path_factory, parts, suffix):
    lines = ["Family hubs", ""]
    for heading, sentences, glued in parts:
        lines += [heading] + ([] if glued else [""]) + sentences + [""]
    source = tmp_path_factory.mktemp("source") / f"hubs{suffix}"
    source.write_text("\n".join(lines), encoding="utf-8")
    plan = plan_import([source], root=property_project)
    guide = plan.guides[0]
    lost = import_eval.lost_sentences("\n".join(lines), guide.text + "\n" + plan.contacts_addition,
                                      headings=guide.headings)
    assert lost == []
