"""The repository's GitHub files: safe workflow triggers and permissions, pinned actions, code owners."""

import re

import pytest
import yaml

from sitekit import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+\.\d+\.\d+\s*$")


def load(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True.
    value = workflow.get("on", workflow.get(True))
    return {name: None for name in value} if isinstance(value, list) else dict(value)


def run_lines(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_there_is_a_check_and_a_deploy_workflow():
    assert [path.name for path in WORKFLOWS] == ["check.yml", "deploy.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_on_pull_request_target(path):
    assert "pull_request_target" not in triggers(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_uses_secrets(path):
    assert "secrets." not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_by_commit_sha_with_a_version_comment(path):
    uses = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert uses
    for line in uses:
        assert PINNED.match(line), f"not pinned by SHA with a '# vX.Y.Z' comment: {line.strip()}"


def test_the_same_action_is_pinned_to_the_same_sha_everywhere():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED.match(line)
            if match:
                pins.setdefault(match.group(1), set()).add(match.group(2))
    assert {action: len(shas) for action, shas in pins.items()} == {action: 1 for action in pins}


def test_the_check_runs_on_pull_requests_with_a_read_only_token():
    workflow = load("check.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_the_check_runs_the_editor_check_the_tests_and_the_strict_build():
    job = load("check.yml")["jobs"]["check"]
    commands = run_lines(job)
    assert ".venv/bin/python -m omg check --format github" in commands
    assert ".ci/run" in commands  # `make test`, browser tests required
    assert ".venv/bin/python -m omg build --site-dir site" in commands  # omg build is always --strict
    assert commands.index(".venv/bin/python -m omg check --format github") < commands.index(".ci/run")


def test_the_check_uploads_the_built_site_for_preview():
    steps = load("check.yml")["jobs"]["check"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@")
                  and step["with"]["name"] == "site-preview")
    assert upload["with"]["path"] == "site/"
    assert "steps.build.outcome == 'success'" in upload["if"]


def test_checkout_does_not_keep_the_token_in_the_working_copy():
    for path in WORKFLOWS:
        for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values():
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_deploy_runs_only_from_main():
    workflow = load("deploy.yml")
    on = triggers(workflow)
    assert set(on) <= {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    for job in workflow["jobs"].values():
        assert job["if"] == "github.ref == 'refs/heads/main'"


def test_only_the_deploy_job_may_write_to_pages():
    workflow = load("deploy.yml")
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert not run_lines(deploy)  # it runs no code from the repository


def test_deploy_builds_a_release_after_the_editor_check_and_the_browser_checks():
    commands = run_lines(load("deploy.yml")["jobs"]["build"])
    release = ".venv/bin/python -m omg build --release --site-dir site"
    assert commands.index(".venv/bin/python -m omg check --format github") < commands.index(release)
    assert commands.index(".ci/run") < commands.index(release)  # the tests record when the browser checks passed


def test_the_workflows_take_addresses_from_the_site_identity_not_the_environment():
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "OMG_SITE_URL" not in text and "OMG_REPO_URL" not in text, path.name


def codeowners_of(path: str) -> list[str]:
    """The owners GitHub would require for `path`: the last matching line of CODEOWNERS wins."""
    import pathspec

    owners: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *who = line.split()
            if pathspec.PathSpec.from_lines("gitwildmatch", [pattern]).match_file(path):
                owners = who
    return owners


@pytest.mark.parametrize("path", ["main.py", "conftest.py", "yaml.py", "markdown/__init__.py", "mkdocs.yml", "hooks.py",
                                  "omg/macros.py", "overrides/assets/javascripts/omg.js", "docs/index.md",
                                  "docs/assets/javascripts/new.js", "docs/extra/page.md", ".github/workflows/check.yml",
                                  "tests/conftest.py", "Makefile", "requirements.lock", "published-addresses.yml",
                                  "a-new-folder/anything.txt"])
def test_a_maintainer_must_approve_every_file_outside_the_editors_folders(path):
    assert codeowners_of(path) == ["@OWNER/maintainers"], path


@pytest.mark.parametrize("path", ["docs/guides/early-help.md", "data/contacts.yml", "data/links.yml",
                                  "docs/assets/figures/social-discipline-window.svg"])
def test_guides_data_and_figures_are_left_to_editors(path):
    assert codeowners_of(path) == [], path


def test_codeowners_starts_with_a_catch_all_for_maintainers():
    rules = [line.split() for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules[0] == ["*", "@OWNER/maintainers"]


def test_the_pull_request_template_is_an_editors_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert len(items) >= 6
    assert any("aliases:" in item for item in items)
    assert any("last_reviewed:" in item for item in items)


def test_pull_requests_get_a_summary_of_changed_guides_and_their_screenshots():
    steps = load("check.yml")["jobs"]["check"]["steps"]
    describe = next(step for step in steps if "omg diff" in step.get("run", ""))
    assert '--format markdown' in describe["run"] and describe["run"].endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert "${{" not in describe["run"]  # commits reach the script through the environment only
    assert describe["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    upload = next(step for step in steps if step.get("with", {}).get("name") == "guide-screenshots")
    folder = describe["run"].split("--screenshots ", 1)[1].split()[0]
    assert upload["with"]["path"].rstrip("/") == folder
    # After the tests, which install Chromium in CI (.ci/run).
    assert steps.index(describe) > next(i for i, step in enumerate(steps) if step.get("run") == ".ci/run")
