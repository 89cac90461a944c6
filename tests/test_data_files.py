"""Contacts and named links: loaded and validated once, with lines in errors."""

from pathlib import Path

from omg.contacts import load_contacts
from omg.links import load_links
from omg.problems import Report


def load(tmp_path: Path, name: str, text: str, loader, **kwargs):
    file = tmp_path / "data" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    report = Report()
    entries = loader(file, report=report, root=tmp_path, **kwargs)
    return entries, [str(p) for p in report.problems]


CONTACTS = """\
contacts:
  - id: rp-training
    role: Restorative practice training
    team: Portsmouth City Council
    email: rptraining@portsmouthcc.gov.uk
"""


def test_contacts_load_by_id_with_a_label(tmp_path):
    contacts, problems = load(tmp_path, "contacts.yml", CONTACTS, load_contacts)
    assert problems == []
    assert contacts["rp-training"].label == "Restorative practice training"


def test_a_duplicate_contact_id_is_an_error_with_its_line(tmp_path):
    _, problems = load(tmp_path, "contacts.yml", CONTACTS + CONTACTS.split("\n", 1)[1], load_contacts)
    assert problems == ["data/contacts.yml:6: id: the id 'rp-training' is used twice. "
                        "Fix: give each entry its own id, or merge the two entries."]


def test_a_malformed_email_is_an_error_with_its_line(tmp_path):
    _, problems = load(tmp_path, "contacts.yml", CONTACTS.replace("rptraining@portsmouthcc.gov.uk", "rptraining at pcc"),
                       load_contacts)
    assert len(problems) == 1
    assert problems[0].startswith("data/contacts.yml:5: email: ")
    assert "team@example.gov.uk" in problems[0]


def test_a_contact_with_no_way_to_get_in_touch_is_an_error(tmp_path):
    _, problems = load(tmp_path, "contacts.yml", CONTACTS.replace("    email: rptraining@portsmouthcc.gov.uk\n", ""),
                       load_contacts)
    assert problems == ["data/contacts.yml:2: contact 'rp-training' gives readers no way to get in touch. "
                        "Fix: add 'email:', 'phone:' or 'link:' (the id of a named link in data/links.yml)."]


def test_a_contact_pointing_to_an_unknown_link_suggests_the_closest(tmp_path):
    text = CONTACTS.replace("    email: rptraining@portsmouthcc.gov.uk\n", "    link: pscp-websit\n")
    _, problems = load(tmp_path, "contacts.yml", text, load_contacts, link_ids={"pscp-website": None})
    assert problems == ["data/contacts.yml:2: link: contact 'rp-training' points to the unknown link 'pscp-websit'; "
                        "did you mean 'pscp-website'? Fix: use an id from data/links.yml."]


LINKS = """\
links:
  - id: pep-website
    title: PEP website
    url: https://www.portsmoutheducationpartnership.co.uk/
"""


def test_named_links_load_with_title_and_url(tmp_path):
    links, problems = load(tmp_path, "links.yml", LINKS, load_links)
    assert problems == []
    assert links["pep-website"].url == "https://www.portsmoutheducationpartnership.co.uk/"


def test_a_malformed_url_is_an_error_with_its_line(tmp_path):
    _, problems = load(tmp_path, "links.yml", LINKS.replace("https://www.", "www."), load_links)
    assert problems == ["data/links.yml:4: url: 'www.portsmoutheducationpartnership.co.uk/' is not a well-formed web address (https://...). "
                        "Fix: write the full address starting with https://."]


def test_a_python_tag_in_a_data_file_is_refused(tmp_path):
    _, problems = load(tmp_path, "links.yml", LINKS + "  - !!python/object/apply:os.system [echo hi]\n", load_links)
    assert problems == ["data/links.yml:5: this data file uses a YAML tag (such as !!python/...) that is not allowed. "
                        "Fix: remove the tag; write plain text, numbers, dates and lists only."]


def test_a_data_file_without_its_top_level_key_is_an_error(tmp_path):
    _, problems = load(tmp_path, "links.yml", "- id: x\n", load_links)
    assert problems == ["data/links.yml:1: the file must start with 'links:' followed by a list of entries. "
                        "Fix: put 'links:' on the first line and each entry below it starting with '  - id: ...'."]
