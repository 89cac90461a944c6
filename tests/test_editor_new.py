"""`omg new`: a guide from the shared template, and the check that flags what is left to fill."""

import datetime as dt
import re
import os
import subprocess

import pytest
import yaml

from omg.guide import FIELDS, SECTIONS
from omg.template import DATE_LINE, TEMPLATE, TITLE_LINE, render_template, slugify
from sitekit import ROOT, guide_text

TODAY = dt.date.today().isoformat()
NEW = "docs/guides/early-help-assessments.md"


# The ids in the fixture site's data/ (the real ones), named in each fix so an editor need not look them up.
CONTACT_IDS = " Ids you can use: child-protection-chairs, hayden-ginns, rp-training, safeguarding-partnership."


def placeholders_in(path: str) -> list[str]:
    """The check's message for each placeholder `omg new` leaves, in line order."""
    return [
        f"{path}:9: summary: 'REPLACE: one sentence saying what this guide is about and...' is a placeholder"
        " from the guide template. Fix: replace it with one sentence saying what the guide is about.",
        f"{path}:12: contacts: 'replace-me' is a placeholder from the guide template."
        " Fix: replace it with ids from data/contacts.yml." + CONTACT_IDS,
        f"{path}:14: related: 'replace-me' is a placeholder from the guide template."
        " Fix: replace it with slugs of other guides readers may want next, or write [] for none.",
        f"{path}:16: topics: 'replace-me' is a placeholder from the guide template."
        " Fix: replace it with ids from data/topics.yml. Ids you can use: meetings-and-plans, safeguarding, ways-of-working.",
        f"{path}:18: audience: 'replace-me' is a placeholder from the guide template."
        " Fix: replace it with ids from data/audiences.yml."
        " Ids you can use: health, schools, social-care, voluntary-sector.",
        f"{path}:23: owner: 'replace-me' is a placeholder from the guide template."
        " Fix: replace it with the contact id of the team or role (a shared inbox rather than one person) that keeps"
        " the guide up to date, or delete the line."
        + CONTACT_IDS,
        f"{path}:40: the text 'REPLACE: say what the practice or process is, in two or t...' is a placeholder"
        " from the guide template. Fix: write the section in your own words in its place.",
        f"{path}:44: the text 'REPLACE: say why it matters to children, families and the...' is a placeholder"
        " from the guide template. Fix: write the section in your own words in its place.",
        f"{path}:48: the text 'REPLACE: say what happens, who does what, and where reade...' is a placeholder"
        " from the guide template. Fix: write the section in your own words in its place.",
    ]


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def test_new_writes_a_draft_guide_from_the_template_with_todays_date(site):
    result = site.omg("new", "Early help assessments")
    assert result.returncode == 0, result.output
    assert result.output == (f"Wrote {NEW} (a draft). Next: replace each 'REPLACE:' and 'replace-me' in it, "
                             "then run `python -m omg check` (make check) until it reports no problems.\n")
    text = (site.root / NEW).read_text(encoding="utf-8")
    meta = front_matter(text)
    assert meta["title"] == "Early help assessments"
    assert meta["last_reviewed"].isoformat() == TODAY
    assert meta["status"] == "draft"
    assert re.findall(r"^## (.+)$", text, flags=re.M) == list(SECTIONS)


def test_the_template_explains_every_front_matter_field():
    text = TEMPLATE.read_text(encoding="utf-8")
    notes = text.split("---\n")[1]
    for name in FIELDS:
        assert re.search(rf"^# {name}: \S", notes, flags=re.M), f"no note explaining '{name}'"


def test_new_then_check_lists_every_placeholder_with_its_line(site):
    assert site.omg("new", "Early help assessments").ok
    result = site.check()
    assert result.returncode == 1
    assert result.output.splitlines() == placeholders_in(NEW) + [
        "9 problems found. Nothing is published until they are fixed."]


def test_the_build_refuses_a_guide_with_placeholders_even_as_a_draft(site):
    assert site.omg("new", "Early help assessments").ok
    result = site.build()
    assert result.returncode == 1
    for message in placeholders_in(NEW):
        assert message in result.output
    assert "Traceback" not in result.output
    assert not site.site.exists()


def fill_in(text: str) -> str:
    replacements = {
        'summary: "REPLACE: one sentence saying what this guide is about and who it is for."':
            "summary: What an early help assessment is and whom to contact.",
        "contacts: [replace-me]": "contacts: [safeguarding-partnership]",
        "related: [replace-me]": "related: []",
        "topics: [replace-me]": "topics: [safeguarding]",
        "audience: [replace-me]": "audience: [schools]",
        "owner: replace-me": "owner: safeguarding-partnership",
        "status: draft": "status: published",
    }
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return re.sub(r"REPLACE: .*", "An early help assessment brings the family and professionals together.", text)


def test_a_new_guide_passes_the_check_and_is_published_once_filled_in(site):
    assert site.omg("new", "Early help assessments").ok
    path = site.root / NEW
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert site.check().output == "All good: 1 guides checked.\n"
    result = site.build()
    assert result.ok, result.output
    assert '<h1 id="early-help-assessments">Early help assessments</h1>' in site.html("guides/early-help-assessments/")


def test_new_never_overwrites_an_existing_guide_and_names_it(site):
    original = guide_text("Early help assessments")
    site.guide("early-help-assessments", original)
    result = site.omg("new", "Early Help  Assessments")
    assert result.returncode == 1
    assert result.output == (
        f"{NEW} already exists, so a new guide 'Early Help Assessments' would replace it. "
        f"Fix: edit {NEW} instead, or choose another title or --slug.\n")
    assert (site.root / NEW).read_text(encoding="utf-8") == original


def test_new_refuses_a_title_another_guide_already_uses(site):
    site.guide("early-help", guide_text("Early help assessments"))
    result = site.omg("new", "Early help assessments")
    assert result.returncode == 1
    assert result.output == ("the title 'Early help assessments' is already used by docs/guides/early-help.md. "
                             "Fix: edit that guide instead, or choose another title.\n")
    assert not (site.root / NEW).exists()


def test_new_refuses_an_address_that_is_an_old_address_of_another_guide(site):
    site.guide("early-help", guide_text("Early help", aliases="[early-help-assessments]"))
    result = site.omg("new", "Early help assessments")
    assert result.returncode == 1
    assert result.output == (
        "guides/early-help-assessments/ is already an old address (alias) of docs/guides/early-help.md. "
        "Fix: choose another title or --slug, so saved links to that guide keep working.\n")


@pytest.mark.parametrize("arguments, message", [
    (["!!!"], "the title '!!!' gives no file name (it needs letters or digits). "
              "Fix: use a title with words in it, or choose a file name with --slug."),
    (["  "], "the title is empty. Fix: give the guide's title in quotes, such as "
             'omg new "Early help assessments".'),
    (["Early help", "--slug", "Early_Help"], "--slug: 'Early_Help' is not a file name we can use. "
                                             "Fix: use lower case letters, digits and hyphens only, such as 'early-help'."),
], ids=["no-letters", "empty", "bad-slug"])
def test_new_explains_a_title_or_slug_it_cannot_use(site, arguments, message):
    result = site.omg("new", *arguments)
    assert result.returncode == 1
    assert result.output == message + "\n"
    assert not (site.root / "docs/guides").exists() or not any((site.root / "docs/guides").iterdir())


def test_new_can_be_given_its_file_name(site):
    assert site.omg("new", "Early help assessments", "--slug", "early-help").ok
    assert front_matter((site.root / "docs/guides/early-help.md").read_text())["title"] == "Early help assessments"


@pytest.mark.parametrize("title, slug", [
    ("Restorative practice", "restorative-practice"),
    ("Children's services (CSC)", "childrens-services-csc"),
    ("Child protection – initial conferences", "child-protection-initial-conferences"),
    ("Café & Families", "cafe-families"),
])
def test_titles_become_file_names_in_lower_case_with_hyphens(title, slug):
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["Early help: what happens next", "Yes", "#1 priority", "'Quoted'", 'Say "no"'])
def test_titles_that_yaml_would_misread_are_quoted(title):
    assert front_matter(render_template(title, today=dt.date(2026, 1, 2)))["title"] == title


def test_the_template_copied_by_hand_fails_the_check_until_filled(site):
    site.write("docs/guides/by-hand.md", TEMPLATE.read_text(encoding="utf-8"))
    result = site.check()
    assert result.returncode == 1
    assert ("docs/guides/by-hand.md:25: last_reviewed: 'YYYY-MM-DD' is not a real date in the form YYYY-MM-DD. "
            "Fix: write the date as YYYY-MM-DD, for example 'last_reviewed: 2026-11-01'.") in result.output
    site.write("docs/guides/by-hand.md", TEMPLATE.read_text(encoding="utf-8").replace("YYYY-MM-DD\n", "2026-01-02\n"))
    result = site.check()
    assert ("docs/guides/by-hand.md:7: title: 'REPLACE: the guide's title' is a placeholder from the guide "
            "template. Fix: replace it with the guide's name, such as 'Restorative practice'.") in result.output
    assert result.output.endswith("10 problems found. Nothing is published until they are fixed.\n")


def test_the_lines_omg_new_fills_in_are_in_the_template_once():
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count(TITLE_LINE + "\n") == 1 and text.count(DATE_LINE + "\n") == 1


def test_new_help_documents_its_exit_codes(site):
    result = site.omg("new", "--help")
    assert result.ok
    assert "exit codes:\n  0  the guide was written\n  1  nothing was written" in result.output


@pytest.mark.parametrize("target, command", [
    (["new", "TITLE=Early help"], '.venv/bin/python -m omg new "$TITLE"'),
    (["review"], ".venv/bin/python -m omg review"),
    (["published"], ".venv/bin/python -m omg published --update"),
])
def test_make_has_shortcuts_for_the_editor_commands(target, command):
    # Outside any running make: under `make test`, MAKELEVEL would add "Entering directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    done = subprocess.run(["make", "--no-print-directory", "-n", *target], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == command


def test_a_placeholders_fix_names_at_most_eight_ids_and_how_many_more(site):
    contacts = "contacts:\n" + "".join(f"  - id: team-{n:02d}\n    role: Team {n}\n    team: Example service\n"
                                       f"    email: team{n}@example.org\n" for n in range(12))
    site.write("data/contacts.yml", contacts)
    assert site.omg("new", "Early help assessments").ok
    output = site.check().output
    assert ("contacts: 'replace-me' is a placeholder from the guide template. Fix: replace it with ids from "
            "data/contacts.yml. Ids you can use: team-00, team-01, team-02, team-03, team-04, team-05, team-06, "
            "team-07 and 4 more.") in output
