""""Last updated", change lists and "What's new", from git; and plainly nothing outside git."""

import os
import re
import subprocess

from omg import history as history_module
from omg.history import load_history, parse_log
from sitekit import guide_text

RS, US = "\x1e", "\x1f"


def git(site, *args, day="2026-03-02"):
    stamp = f"{day}T10:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=site.root, env=env, check=True, capture_output=True)


def commit(site, message, day):
    git(site, "add", "-A", day=day)
    git(site, "commit", "-q", "-m", message, day=day)


def text_of(html_part):
    return " ".join(re.sub(r"<[^>]+>", "", html_part).split())


def test_parse_log_follows_added_changed_renamed_and_deleted_guides():
    log = (f"{RS}2026-05-01T09:00:00+01:00{US}Rename the conference guide\n\nR100\tdocs/guides/cpc.md\tdocs/guides/conferences.md\n"
           f"{RS}2026-04-01T09:00:00+01:00{US}Remove an old guide\n\nD\tdocs/guides/old.md\n"
           f"{RS}2026-03-01T09:00:00+01:00{US}Add two guides\n\nA\tdocs/guides/cpc.md\nA\tdocs/guides/old.md\n")
    history = parse_log(log)
    assert [(c.day.isoformat(), c.summary, c.added) for c in history.of("docs/guides/conferences.md")] == [
        ("2026-05-01", "Rename the conference guide", False), ("2026-03-01", "Add two guides", True)]
    assert [entry.path for entry in history.order] == [
        "docs/guides/conferences.md", "docs/guides/conferences.md", "docs/guides/old.md"]


def test_history_takes_the_same_two_git_calls_however_many_guides_there_are(site, monkeypatch):
    for number in range(40):
        site.guide(f"guide-{number}", guide_text(f"Guide {number}"))
    git(site, "init", "-q")
    commit(site, "Add forty guides", "2026-01-10")
    calls = []
    real_run = subprocess.run

    def counting_run(command, **kwargs):
        calls.append(command[1])
        return real_run(command, **kwargs)

    monkeypatch.setattr(history_module.subprocess, "run", counting_run)
    history = load_history(site.root, folder="docs/guides")
    assert calls == ["rev-parse", "log"]
    assert len(history.changes) == 40


def test_outside_a_git_checkout_the_history_is_not_available_and_says_why(tmp_path):
    history = load_history(tmp_path, folder="docs/guides")
    assert (history.available, history.reason) == (False, "this copy of the site was built outside a git checkout")


def test_a_guide_built_outside_git_still_builds_and_says_so_plainly(site):
    site.guide("target", guide_text("Target"))
    result = site.build()
    assert result.ok, result.output
    assert "Guide history is not shown: this copy of the site was built outside a git checkout." in result.output
    updated = site.html("guides/target/").split('id="omg-updated-heading"')[1].split("</section>")[0]
    assert ('<p class="omg-updated__none">The date of the last update and the change history are not shown: '
            "this copy of the site was built outside a git checkout.</p>") in updated
    news = site.html("whats-new/")
    assert "The list of changes is not available: this copy of the site was built outside a git checkout." in news


def test_a_guide_shows_when_it_was_last_updated_and_its_recent_changes(site):
    site.guide("target", guide_text("Target"))
    git(site, "init", "-q")
    commit(site, "Add the target guide", "2026-02-01")
    site.guide("target", guide_text("Target", summary="What the target is, and whom to contact about it."))
    commit(site, "Make the summary clearer", "2026-03-05")
    result = site.build()
    assert result.ok, result.output
    updated = site.html("guides/target/").split('id="omg-updated-heading"')[1].split("</section>")[0]
    assert 'Last updated: <time datetime="2026-03-05">5 March 2026</time>.' in updated
    changes = re.findall(r"<li>(.*?)</li>", updated, re.S)
    assert [text_of(change) for change in changes] == [
        "5 March 2026: Make the summary clearer", "1 February 2026: guide added (Add the target guide)"]


def test_whats_new_lists_guides_added_or_changed_newest_first(site):
    site.guide("first", guide_text("First"))
    git(site, "init", "-q")
    commit(site, "Add the first guide", "2026-01-10")
    site.guide("second", guide_text("Second"))
    commit(site, "Add the second guide", "2026-02-20")
    site.guide("first", guide_text("First", summary="What the first guide covers, now with more detail."))
    commit(site, "Explain the first guide better", "2026-03-30")
    result = site.build()
    assert result.ok, result.output
    items = re.findall(r"<li>(.*?)</li>", site.html("whats-new/").split('<ol class="omg-news">')[1].split("</ol>")[0], re.S)
    assert [text_of(item) for item in items] == [
        "30 March 2026: First (updated): Explain the first guide better",
        "20 February 2026: Second (new guide)",
        "10 January 2026: First (new guide)",
    ]
    assert 'href="../guides/second/"' in site.html("whats-new/")


def test_a_shallow_clone_says_history_is_not_available(site, tmp_path):
    site.guide("target", guide_text("Target"))
    git(site, "init", "-q")
    commit(site, "Add the target guide", "2026-02-01")
    site.guide("target", guide_text("Target", summary="What the target is, and whom to contact about it."))
    commit(site, "Change it", "2026-02-03")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{site.root}", str(clone)], check=True, capture_output=True)
    history = load_history(clone, folder="docs/guides")
    assert (history.available, history.reason) == (
        False, "this copy of the site was built from a shallow git clone, which holds only the latest commit")

