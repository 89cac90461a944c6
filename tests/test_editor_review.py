"""`omg review`: guides overdue or due soon, as a table or CSV, by owner."""

import pytest

from sitekit import guide_text

ON = ("--today", "2026-03-01")  # review_soon_days in mkdocs.yml is 30: due soon means by 31 March 2026


@pytest.fixture
def dated(site):
    def guide(slug, reviewed, due, **fields):
        site.guide(slug, guide_text(slug.capitalize(), last_reviewed=reviewed, review_interval=None,
                                    review_due=due, **fields))
    guide("alpha", "2025-01-10", "2026-02-10", owner="rp-training")                  # overdue
    guide("bravo", "2025-03-15", "2026-03-20", owner="hayden-ginns")                 # due in 19 days
    guide("charlie", "2025-06-01", "2026-06-01", owner="hayden-ginns")               # due in 92 days
    guide("delta", "2025-01-01", "2026-01-01", owner="rp-training", status="draft")  # overdue, not published
    site.guide("echo", guide_text("Echo", last_reviewed="2024-12-01", review_interval="12 months"))  # overdue, no owner
    return site


def test_review_lists_overdue_and_due_soon_guides_soonest_first(dated):
    result = dated.omg("review", *ON)
    assert result.returncode == 0
    assert result.output == (
        "slug   title  owner         due date    state\n"
        "-----  -----  ------------  ----------  --------\n"
        "echo   Echo   (none)        2025-12-01  overdue\n"
        "alpha  Alpha  rp-training   2026-02-10  overdue\n"
        "bravo  Bravo  hayden-ginns  2026-03-20  due soon\n"
        "\n"
        "3 guides to review by 31 March 2026: 2 overdue, 1 due soon.\n")


def test_review_within_looks_further_ahead(dated):
    result = dated.omg("review", *ON, "--within", "14w")
    assert result.returncode == 0
    assert "charlie  Charlie  hayden-ginns  2026-06-01  due soon\n" in result.output
    assert result.output.endswith("4 guides to review by 7 June 2026: 2 overdue, 2 due soon.\n")


@pytest.mark.parametrize("within, horizon", [("10d", "11 March 2026"), ("10", "11 March 2026"),
                                             ("2w", "15 March 2026"), ("3m", "1 June 2026")])
def test_review_within_takes_days_weeks_or_months(dated, within, horizon):
    assert f"to review by {horizon}:" in dated.omg("review", *ON, "--within", within).output


def test_review_owner_shows_only_that_owners_guides(dated):
    result = dated.omg("review", *ON, "--owner", "hayden-ginns")
    assert result.returncode == 0
    assert result.output == (
        "slug   title  owner         due date    state\n"
        "-----  -----  ------------  ----------  --------\n"
        "bravo  Bravo  hayden-ginns  2026-03-20  due soon\n"
        "\n"
        "1 guide owned by hayden-ginns to review by 31 March 2026: 0 overdue, 1 due soon.\n")


def test_review_csv_is_ready_for_a_spreadsheet(dated):
    result = dated.omg("review", *ON, "--format", "csv")
    assert result.returncode == 0
    assert result.output == (
        "slug,title,owner,due_date,state\n"
        "echo,Echo,,2025-12-01,overdue\n"
        "alpha,Alpha,rp-training,2026-02-10,overdue\n"
        "bravo,Bravo,hayden-ginns,2026-03-20,due soon\n")


def test_review_says_so_when_nothing_is_due(dated):
    result = dated.omg("review", "--today", "2025-07-01", "--owner", "hayden-ginns")
    assert result.returncode == 0
    assert result.output == "No guides owned by hayden-ginns are overdue or due for review by 31 July 2025.\n"


def test_review_names_an_unknown_owner_and_suggests_the_closest(dated):
    result = dated.omg("review", *ON, "--owner", "hayden-ginn")
    assert result.returncode == 1
    assert result.output == ("--owner: 'hayden-ginn' is not a contact id; did you mean 'hayden-ginns'? "
                             "Fix: use an id from data/contacts.yml.\n")


def test_review_rejects_a_period_it_cannot_read(dated):
    result = dated.omg("review", "--within", "soon")
    assert result.returncode == 2
    assert result.output.endswith("omg review: error: argument --within: 'soon' is not a number of days, weeks "
                                  "or months; write it like 30d, 6w or 3m\n")


def test_review_still_lists_readable_guides_when_another_guide_is_broken(dated):
    dated.guide("broken", "---\ntitle: [oops\n---\n")
    result = dated.omg("review", *ON)
    assert result.returncode == 0
    assert "alpha  Alpha" in result.output
    assert result.output.endswith("Note: `python -m omg check` finds 1 problem; a guide it cannot read is not "
                                  "listed here.\n")  # on stderr, after the table


def test_review_help_documents_its_exit_codes(site):
    result = site.omg("review", "--help")
    assert result.ok
    assert ("exit codes:\n  0  the list was printed (it may be empty)\n  1  the list could not be made"
            in result.output)
