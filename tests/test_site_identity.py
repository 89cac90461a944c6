"""data/site.yml: who runs the site, validated once at load, with placeholders a release refuses."""

import pytest

from omg.identity import load_identity, placeholder_reason
from omg.problems import Report
from sitekit import ROOT, dedent

GOOD = dedent("""
    site:
      organisation: Portsmouth Safeguarding Children Partnership
      address: https://guides.portsmouthscp.org.uk/
      repository: https://github.com/portsmouth-scp/guides
      contact_team: Partnership business unit
      email: guides@portsmouthscp.org.uk
      phone: 023 9268 8793
      response_days: 10
""")


def load(tmp_path, text):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "site.yml").write_text(text, encoding="utf-8")
    report = Report()
    identity = load_identity(tmp_path / "data" / "site.yml", report=report, root=tmp_path)
    return identity, [str(problem) for problem in report.problems]


def test_the_real_identity_file_loads_and_is_all_placeholders():
    report = Report()
    identity = load_identity(ROOT / "data" / "site.yml", report=report, root=ROOT)
    assert report.problems == []
    for name in ("organisation", "address", "repository", "contact_team", "email", "phone"):
        assert placeholder_reason(name, getattr(identity, name)), name  # nothing real is invented


def test_a_complete_identity_loads_with_its_values(tmp_path):
    identity, problems = load(tmp_path, GOOD)
    assert problems == []
    assert identity.organisation == "Portsmouth Safeguarding Children Partnership"
    assert identity.phone_href == "tel:02392688793"
    assert identity.repository_host == "GitHub"
    assert identity.response_days == 10


def test_a_missing_field_names_the_file_the_field_and_the_fix(tmp_path):
    _, problems = load(tmp_path, GOOD.replace("  email: guides@portsmouthscp.org.uk\n", ""))
    assert problems == ["data/site.yml:1: email: the required field 'email' is missing or empty. "
                        "Fix: add 'email:' (a monitored address for feedback and accessibility requests)."]


def test_a_misspelt_field_suggests_the_right_one(tmp_path):
    _, problems = load(tmp_path, GOOD.replace("contact_team:", "contact_teem:"))
    assert problems[0].startswith("data/site.yml:5: contact_teem: unknown field 'contact_teem'. Fix: Did you mean 'contact_team'?")


def test_a_malformed_email_and_an_address_without_a_slash_are_reported(tmp_path):
    _, problems = load(tmp_path, GOOD.replace("guides@portsmouthscp.org.uk", "guides at portsmouth"))
    assert problems == ["data/site.yml:6: email: 'guides at portsmouth' is not a well-formed email address. "
                        "Fix: write a full address such as 'team@example.gov.uk'."]
    _, problems = load(tmp_path, GOOD.replace("org.uk/\n", "org.uk\n"))
    assert problems == ["data/site.yml:3: address: 'https://guides.portsmouthscp.org.uk' does not end with '/'. "
                        "Fix: end the address with '/', as in https://guides.example.gov.uk/."]


def test_a_file_without_the_site_key_says_how_to_start_it(tmp_path):
    _, problems = load(tmp_path, "organisation: Someone\n")
    assert problems == ["data/site.yml:1: the file must start with 'site:' followed by its fields. "
                        "Fix: put 'site:' on the first line and the fields indented below it."]


def test_omg_check_reports_problems_in_the_identity_file(site):
    site.identity(response_days="soon")
    result = site.check()
    assert result.returncode == 1
    assert "data/site.yml:8: response_days: must be a whole number above zero, but found 'soon'." in result.output


@pytest.mark.parametrize("name, value, reason", [
    ("organisation", "PLACEHOLDER council", "it says PLACEHOLDER"),
    ("email", "guides@example.org", "example.org is reserved for examples"),
    ("email", "team@council.example", "council.example is a local or reserved name, not a public address"),
    ("address", "https://guides.test/", "guides.test is a local or reserved name, not a public address"),
    ("address", "http://127.0.0.1:8000/", "127.0.0.1 is an address on this computer or a private network"),
    ("address", "http://10.1.2.3/", "10.1.2.3 is an address on this computer or a private network"),
    ("address", "http://localhost:8000/", "localhost is a local or reserved name, not a public address"),
    ("repository", "https://github.com/OWNER/REPOSITORY", "'owner' is a placeholder account"),
    ("phone", "020 7946 0123", "it is an Ofcom drama number, never connected"),
    ("phone", "+44 7700 900123", "it is an Ofcom drama number, never connected"),
    ("phone", "01632 960999", "it is an Ofcom drama number, never connected"),
])
def test_placeholders_and_local_addresses_are_recognised(name, value, reason):
    assert placeholder_reason(name, value) == reason


@pytest.mark.parametrize("name, value", [
    ("organisation", "Portsmouth Safeguarding Children Partnership"),
    ("email", "guides@portsmouthscp.org.uk"),
    ("address", "https://guides.portsmouthscp.org.uk/"),
    ("repository", "https://github.com/portsmouth-scp/guides"),
    ("phone", "023 9268 8793"),
    ("phone", "020 7946 1234"),  # not a drama number: those run from 020 7946 0000 to 0999
])
def test_real_looking_values_pass(name, value):
    assert placeholder_reason(name, value) is None
