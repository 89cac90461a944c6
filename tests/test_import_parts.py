"""The importer's parts on small inputs: headings, cross-references, contacts, to-dos."""

import pytest

from omg.guide import SECTIONS
from omg.importer.contacts import ContactBook, FoundContact, appended_text, read_contacts_section
from omg.importer.crossrefs import Resolver, Target, rewrite
from omg.importer.reading import Block
from omg.importer.sections import section_for, sentence_case
from omg.todos import find_todos, todo
from omg.contacts import Contact

WHAT, WHY, HOW, WHO = SECTIONS


@pytest.mark.parametrize("heading, section", [
    ("What is it?", WHAT), ("What is restorative practice?", WHAT), ("What are Child Protection Conferences?", WHAT),
    ("Overview", WHAT), ("Introduction:", WHAT), ("1. What is it?", WHAT), ("**What is it?**", WHAT),
    ("Who is it for?", WHAT),
    ("Why are we doing it?", WHY), ("Why is it important?", WHY), ("Why does it matter?", WHY), ("Purpose", WHY),
    ("How are we doing it?", HOW), ("How does it work?", HOW), ("What happens?", HOW), ("How do we do it?", HOW),
    ("HOW ARE WE DOING IT?", HOW),
    ("Who are the key contacts?", WHO), ("Key contacts", WHO), ("Contacts", WHO), ("Contact details:", WHO),
    ("Who to contact", WHO), ("Further information", WHO), ("Key Contacts", WHO),
])
def test_each_heading_variant_maps_to_its_section(heading, section):
    assert section_for(heading) == section


@pytest.mark.parametrize("text", [
    "Restorative practice", "Portsmouth has a strategy.", "Training dates",
    "What we know from the research is that the outcomes for children improve over many years when it works",
])
def test_text_that_is_not_a_section_heading_maps_to_nothing(text):
    assert section_for(text) is None


@pytest.mark.parametrize("title, body, expected", [
    ("RESTORATIVE PRACTICE", "We use restorative practice in Portsmouth.", "Restorative practice"),
    ("EARLY HELP IN PORTSMOUTH", "Families in Portsmouth get early help.", "Early help in Portsmouth"),
    ("Child Protection Conferences", "A conference meets.", "Child protection conferences"),
    ("ICPC AND THE PLAN", "Each ICPC agrees a plan.", "ICPC and the plan"),
    ("Restorative practice", "", "Restorative practice"),
])
def test_titles_in_capitals_or_title_case_become_sentence_case(title, body, expected):
    assert sentence_case(title, body=body) == expected


RESOLVER = Resolver([
    Target("guide", "child-protection-conferences", "Child protection conferences",
           ("Child protection conferences", "child protection conferences", "ICPC")),
    Target("guide", "early-help", "Early help", ("Early help", "early help")),
    Target("guide", "early-help-hub", "Early help hub", ("Early help hub", "early help hub")),
    Target("link", "rp-strategy", "Restorative Practice Strategy",
           ("Restorative Practice Strategy", "rp strategy"), "https://www.portsmouthscp.org.uk/professionals/rp/"),
    Target("link", "pep-website", "PEP website", ("PEP website", "pep website"), "https://www.pep.example/"),
])


@pytest.mark.parametrize("text, expected", [
    ("For more information, please see OMG on Child Protection Conferences.",
     'For more information, please see the {{ guide("child-protection-conferences", '
     '"OMG on Child Protection Conferences") }}.'),
    ("See the OMG on ICPC.", 'See the {{ guide("child-protection-conferences", "OMG on ICPC") }}.'),
    ("Read the Child Protection Conference OMG first.",
     'Read the {{ guide("child-protection-conferences", "Child Protection Conference OMG") }} first.'),
    ("Please see link RP Strategy on PSCB website page.",
     'Please see the {{ link("rp-strategy", "RP Strategy") }} on the PSCB website.'),
    ("For further information, please see PEP website.", 'For further information, please see the {{ link("pep-website") }}.'),
    ("Visit www.pep.example for dates.", 'Visit {{ link("pep-website") }} for dates.'),
    ("Read [the strategy](https://portsmouthscp.org.uk/professionals/rp) now.",
     'Read {{ link("rp-strategy", "the strategy") }} now.'),
])
def test_a_cross_reference_that_matches_one_guide_or_named_link_becomes_a_macro(text, expected):
    rewritten, references = rewrite(text, RESOLVER)
    assert rewritten == expected
    assert all(reference.target for reference in references)


@pytest.mark.parametrize("text, expected", [
    ("Please see OMG on Fostering.",
     'Please see OMG on Fostering [TO DO: no guide is called "Fostering"; link it with guide("its-slug") once that '
     'guide exists, or delete the reference].'),
    ("See the PCP website.",
     'See the PCP website [TO DO: no named link is called "PCP website"; add it to data/links.yml and link it with '
     'link("its-id"), or delete the reference].'),
    ("Forms are at https://forms.example.org/a.",
     'Forms are at https://forms.example.org/a [TO DO: add https://forms.example.org/a to data/links.yml as a named '
     'link and use link("its-id") instead of the address].'),
])
def test_a_cross_reference_that_matches_nothing_keeps_its_words_and_gains_a_to_do(text, expected):
    rewritten, references = rewrite(text, RESOLVER)
    assert rewritten == expected
    assert [reference.target for reference in references] == [None]


def test_a_cross_reference_matching_two_guides_equally_asks_the_editor_to_choose():
    twins = Resolver([Target("guide", "a-one", "Early help", ("Early help",)),
                      Target("guide", "a-two", "Early Help", ("Early Help",))])
    rewritten, _ = rewrite("See the OMG on Early Help.", twins)
    assert rewritten == ('See the OMG on Early Help [TO DO: "Early Help" could be guide("a-one") or guide("a-two"); '
                         'write the right one in place of these words].')


def test_an_acronym_that_does_not_expand_is_not_fuzzily_matched():
    # PCP is one letter from PEP; a fuzzy match would link the wrong organisation.
    _, references = rewrite("See the PCP website.", RESOLVER)
    assert references[0].target is None


def paragraph(text, where="line 1"):
    return Block("paragraph", text, where)


def test_the_seed_contacts_become_two_contacts_and_one_lead_in_sentence():
    section = read_contacts_section([
        paragraph("For more information about restorative practice training, please email:\n"
                  "rptraining@portsmouthcc.gov.uk"),
        paragraph("For more information about how we are using restorative approaches in Portsmouth, "
                  "please contact Hayden Ginns - hayden.ginns@portsmouthcc.gov.uk"),
    ])
    assert section.paragraphs == ["For more information about restorative practice training, or about how we are "
                                  "using restorative approaches in Portsmouth, please get in touch:"]
    assert [(c.email, c.name, c.topic) for c in section.found] == [
        ("rptraining@portsmouthcc.gov.uk", None, "restorative practice training"),
        ("hayden.ginns@portsmouthcc.gov.uk", "Hayden Ginns", "how we are using restorative approaches in Portsmouth"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("Sam Sample, Early Help Manager, sam.sample@example.org, 01632 960 123",
     [("Sam Sample", "Early Help Manager", "sam.sample@example.org", "01632 960 123")]),
    ("Sam Sample\nEarly Help Manager\nsam.sample@example.org\nTel: (01632) 960-123",
     [("Sam Sample", "Early Help Manager", "sam.sample@example.org", "01632 960 123")]),
    ("Duty desk: 020 7946 0123",
     [(None, "Duty desk", None, "020 7946 0123")]),
    ("Please contact Alex Example (alex@example.org) or the Family Hub on +44 (0)20 7946 0999.",
     [("Alex Example", None, "alex@example.org", None), (None, "Family Hub", None, "+44 20 7946 0999")]),
])
def test_names_roles_emails_and_phones_are_read_from_contact_lines(text, expected):
    found = read_contacts_section([paragraph(text)]).found
    assert [(c.name, c.role, c.email, c.phone) for c in found] == expected


def test_text_in_the_contacts_section_without_details_is_kept():
    section = read_contacts_section([
        paragraph("If you have been invited to a conference, contact the chair's office named in your invitation."),
        paragraph("Training team: training@example.org"),
    ])
    assert section.paragraphs == [
        "If you have been invited to a conference, contact the chair's office named in your invitation.",
        "For more information, please get in touch:"]


def test_a_sentence_that_only_sounds_like_a_lead_in_is_kept():
    section = read_contacts_section([
        paragraph("For more information, please contact your child's social worker."),
        paragraph("For more information about the scheme, visit the hub.\nTraining team: training@example.org"),
    ])
    assert section.paragraphs == ["For more information, please contact your child's social worker.",
                                  "For more information about the scheme, visit the hub.",
                                  "For more information, please get in touch:"]


EXISTING = {
    "rp-training": Contact("rp-training", "Portsmouth City Council", role="Restorative practice training",
                           email="rptraining@portsmouthcc.gov.uk"),
}


def test_a_contact_with_a_known_email_is_reused_whatever_its_case():
    book = ContactBook(EXISTING)
    result = book.add(FoundContact("RPTraining@PortsmouthCC.gov.uk", None, None, None, None, "line 1"))
    assert (result.id, result.new, book.added) == ("rp-training", False, [])


def test_a_new_contact_takes_its_team_from_contacts_with_the_same_email_domain():
    book = ContactBook(EXISTING)
    result = book.add(FoundContact("new.person@portsmouthcc.gov.uk", None, "New Person", None,
                                   "how we are using circles in schools", "line 1"))
    assert result.fields == {"id": "new-person", "name": "New Person", "role": "Circles in schools",
                             "team": "Portsmouth City Council", "email": "new.person@portsmouthcc.gov.uk"}


def test_a_new_contact_with_no_name_role_or_known_team_gets_to_dos_not_made_up_values():
    book = ContactBook(EXISTING)
    result = book.add(FoundContact("office@example.org", None, None, None, None, "line 1"))
    assert result.fields == {"id": "office",
                             "role": "[TO DO: the role or team this contact is, such as 'Early help hub']",
                             "team": "[TO DO: the organisation or service this contact works for]",
                             "email": "office@example.org"}


def test_the_same_new_contact_found_twice_is_added_once():
    book = ContactBook(EXISTING)
    first = book.add(FoundContact("sam@example.org", None, "Sam Sample", None, None, "line 1"))
    second = book.add(FoundContact("SAM@example.org", None, None, None, None, "line 9"))
    assert (first.id, second.id, len(book.added)) == ("sam-sample", "sam-sample", 1)


def test_appended_contacts_follow_the_files_layout_and_keep_it_as_it_was():
    existing = "# Comment kept.\ncontacts:\n    - id: one\n      team: T\n      email: one@example.org\n"
    book = ContactBook({})
    book.add(FoundContact("two@example.org", None, "Two Person", "Lead: schools", None, "line 1"))
    addition = appended_text(existing, book.added, source="guide.txt")
    assert addition == ("\n    # Added by omg import from guide.txt; check before publishing.\n"
                        "    - id: two-person\n      name: Two Person\n      role: \"Lead: schools\"\n"
                        "      team: \"[TO DO: the organisation or service this contact works for]\"\n"
                        "      email: two@example.org\n")


def test_to_do_markers_are_found_with_their_lines_however_they_are_typed():
    text = f"one\n{todo('choose topics')}\nthree [to do - check the date]\nTODO fix this\nthings to do today"
    assert find_todos(text) == [(2, "choose topics"), (3, "check the date"), (4, "fix this")]
