"""Small sites built in tmp_path, read like a person would read them."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import BODY, guide_text

LINKING = BODY.format(slug="Linking").replace(
    "Through training and shared practice.",
    'See the {{ guide("target", "guide on the target") }} and the {{ link("pep-website") }}.')


@pytest.fixture
def built(site):
    site.guide("target", guide_text("Target", contacts="[rp-training, child-protection-chairs]"))
    site.guide("linking", guide_text("Linking", body=LINKING, related="[target]"))
    result = site.build()
    assert result.ok, result.output
    return site


def test_a_guide_page_has_its_title_summary_and_four_sections(built):
    html = built.html("guides/target/")
    assert '<h1 id="target">Target</h1>' in html
    assert '<p class="omg-summary">What target is and whom to contact.</p>' in html
    assert re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)[:4] == [
        "What is it?", "Why are we doing it?", "How are we doing it?", "Who are the key contacts?"]


def test_contacts_are_rendered_from_the_contacts_data(built):
    html = built.html("guides/target/")
    assert '<a href="mailto:rptraining@portsmouthcc.gov.uk">rptraining@portsmouthcc.gov.uk</a>' in html
    assert "<strong>Child protection conference chairs</strong>" in html
    assert 'How to get in touch: <a href="https://www.portsmouthscp.org.uk/">' in html


def test_cross_links_resolve_to_the_guide_and_the_named_link(built):
    html = built.html("guides/linking/")
    assert '<a href="../target/">guide on the target</a>' in html
    # The named link's title spells out its acronym, so a guide citing it complies on first use.
    assert ('<a href="https://www.portsmoutheducationpartnership.co.uk/">Portsmouth Education Partnership (PEP) '
            'website</a>') in html


def test_a_guide_shows_the_guides_that_link_to_it(built):
    html = built.html("guides/target/")
    backlinks = html.split('id="omg-backlinks-heading"')[1]
    assert '<a href="../linking/">Linking</a>' in backlinks


def test_a_guide_shows_its_related_guides(built):
    html = built.html("guides/linking/")
    related = html.split('id="omg-related-heading"')[1].split("</section>")[0]
    assert '<a href="../target/">Target</a>' in related


def test_the_home_page_lists_every_guide_a_to_z(built):
    html = built.html("")
    assert html.index('href="guides/linking/"') < html.index('href="guides/target/"')


def test_the_nav_does_not_list_every_guide(built):
    # Per-page size must not grow with the number of guides.
    assert 'href="../linking/"' not in built.html("guides/target/").split('<div class="md-content"')[0]


def test_the_review_dates_are_shown_in_words(built):
    html = built.html("guides/target/")
    assert 'Page last reviewed: <time datetime="2026-01-15">15 January 2026</time>.' in html
    assert 'Next review due: <time datetime="2027-01-15">15 January 2027</time>.' in html


def bad_build(site, text, slug="bad-guide"):
    site.guide(slug, text)
    result = site.build()
    assert result.returncode != 0
    assert "Traceback" not in result.output
    assert not (site.site / "guides" / slug).exists()
    return result.output


LISTING = ("'## What is it?' / '## Why are we doing it?' / '## How are we doing it?' / "
           "'## Who are the key contacts?'")


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: [oops\n---\n\n" + BODY,
     "docs/guides/bad-guide.md:3: the front matter is not valid YAML"),
    (guide_text("Bad", sumary="x"),
     "docs/guides/bad-guide.md:9: sumary: unknown field 'sumary'. Fix: Did you mean 'summary'?"),
    (guide_text("Bad", body=BODY.format(slug="x").replace("## How are we doing it?\n\nThrough training and shared practice.\n\n", "")),
     f"docs/guides/bad-guide.md:10: the section '## How are we doing it?' is missing. Fix: add it; a guide has exactly these sections, in order: {LISTING}."),
    (guide_text("Bad", body=BODY.format(slug="x").replace("## What is it?", "## What is this?")),
     "docs/guides/bad-guide.md:11: the section '## What is this?' should be '## What is it?'."),
    (guide_text("Bad", body=BODY.format(slug="x").replace("It helps professionals work together.", "")),
     "docs/guides/bad-guide.md:15: the section '## Why are we doing it?' is empty."),
    (guide_text("Bad", related="[restorative-practise]"),
     "docs/guides/bad-guide.md:9: related: 'restorative-practise' is not known;"),
    (guide_text("Bad", contacts="[rp-trainng]"),
     "docs/guides/bad-guide.md:4: contacts: 'rp-trainng' is not known; did you mean 'rp-training'? Fix: use an id from data/contacts.yml, or add it there."),
    (guide_text("Bad", body=BODY.format(slug='{{ link("pep-websit") }}')),
     "docs/guides/bad-guide.md:13: link(\"pep-websit\") names no link; did you mean 'pep-website'? Fix: use an id from data/links.yml, or add the link there."),
    (guide_text("Bad", body=BODY.format(slug='{{ guide("bad-gide") }}')),
     "docs/guides/bad-guide.md:13: guide(\"bad-gide\") names no guide; did you mean 'bad-guide'?"),
    (guide_text("Bad", body=BODY.format(slug="word " * 600)),
     "docs/guides/bad-guide.md: the guide has 619 words in its first three sections, over the budget of 500. Fix: shorten it"),
], ids=["malformed-yaml", "unknown-key", "missing-section", "misspelt-section", "empty-section",
        "unknown-related", "unknown-contact", "unknown-link", "unknown-guide", "over-budget"])
def test_bad_input_fails_the_build_naming_the_file_line_and_fix(site, text, expected):
    output = bad_build(site, text)
    assert expected in output


def test_the_word_budget_is_set_in_the_configuration(site):
    config = (site.root / "mkdocs.yml").read_text().replace("word_budget: 500", "word_budget: 20")
    site.write("mkdocs.yml", config)
    output = bad_build(site, guide_text("Bad", body=BODY.format(slug="one two three four five six seven")))
    assert "over the budget of 20." in output


def test_a_broken_internal_link_fails_the_strict_build(site):
    output = bad_build(site, guide_text("Bad", body=BODY.format(slug="[see](missing.md)")))
    assert "missing.md" in output


def test_a_broken_anchor_fails_the_strict_build(site):
    site.guide("target")
    output = bad_build(site, guide_text("Bad", body=BODY.format(slug="[see](target.md#no-such-part)")))
    assert "no-such-part" in output


def test_omg_check_reports_the_same_problems_as_the_build(site):
    site.guide("bad-guide", guide_text("Bad", contacts="[rp-trainng]"))
    result = site.check()
    assert result.returncode == 1
    assert result.output.splitlines()[0] == (
        "docs/guides/bad-guide.md:4: contacts: 'rp-trainng' is not known; did you mean 'rp-training'? "
        "Fix: use an id from data/contacts.yml, or add it there.")


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_failed_build_leaves_the_previous_site_untouched(site):
    site.guide("good-guide")
    assert site.build().ok
    before = snapshot(site.site)
    site.guide("good-guide", guide_text("Good guide", contacts="[nobody-known]"))
    result = site.build()
    assert result.returncode == 1
    assert "The build failed; see the messages above. The previous site is untouched." in result.output
    assert snapshot(site.site) == before


def test_skip_to_content_lands_on_the_guide_title_not_its_first_section(built):
    html = built.html("guides/target/")
    assert '<a href="#target" class="md-skip">' in html
    assert '<h1 id="target">Target</h1>' in html


def test_the_plugin_leaves_the_libraries_it_uses_as_they_are():
    # No stand-in modules in sys.modules, no swapped functions: importing the plugin changes nothing.
    script = (
        "import importlib.util, sys, omg.mkdocs_plugin, mkdocs_macros.context as context\n"
        "assert 'requests' not in sys.modules or type(sys.modules['requests']).__name__ == 'module'\n"
        "assert importlib.util.find_spec('requests') is not None\n"
        "assert context.get_git_info.__module__ == 'mkdocs_macros.context'\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


ROOT_CODE = "import os, pathlib; pathlib.Path('/tmp/omg-redteam-ran').write_text(os.environ.get('SECRET_FOR_TEST', '')); print(os.environ.get('SECRET_FOR_TEST'))\n"


def test_no_python_file_at_the_project_root_runs_when_the_site_is_built(site):
    # main.py is what mkdocs-macros runs by default; the others would shadow libraries the build imports.
    marker = Path("/tmp/omg-redteam-ran")
    marker.unlink(missing_ok=True)
    site.guide("good-guide", guide_text("Good guide"))
    site.write("main.py", ROOT_CODE + "def define_env(env):\n    pass\n")
    for name in ("main/__init__.py", "markdown_it.py", "macros.py", "jinja2_shim.py"):
        site.write(name, ROOT_CODE)
    result = site.build(env={"SECRET_FOR_TEST": "build-secret-7d1e"})
    assert result.ok, result.output
    assert not marker.exists(), "a file at the project root ran during the build"
    assert "build-secret-7d1e" not in result.output


def test_a_root_file_named_like_a_library_the_build_imports_is_refused_by_name(site):
    marker = Path("/tmp/omg-redteam-ran")
    marker.unlink(missing_ok=True)
    site.guide("good-guide", guide_text("Good guide"))
    site.write("yaml.py", ROOT_CODE)
    site.write("markdown/__init__.py", ROOT_CODE)
    result = site.build(env={"SECRET_FOR_TEST": "build-secret-7d1e"})
    assert result.returncode == 1, result.output
    assert not marker.exists() and "build-secret-7d1e" not in result.output and "Traceback" not in result.output
    assert ("yaml.py: a Python file at the project root named like the installed module 'yaml'" in result.output)
    assert "markdown/__init__.py: a Python file at the project root named like the installed module 'markdown'" in result.output


def test_mkdocs_yml_cannot_point_the_macros_plugin_at_project_code(site):
    site.guide("good-guide", guide_text("Good guide"))
    config = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    site.write("mkdocs.yml", config.replace("  - omg-macros\n", "  - omg-macros:\n      module_name: main\n      include_yaml: [data/links.yml]\n"))
    site.write("main.py", ROOT_CODE + "def define_env(env):\n    pass\n")
    result = site.build()
    assert result.returncode == 1
    assert "the omg-macros plugin sets module_name: 'main', include_yaml: ['data/links.yml']" in result.output
    assert "Traceback" not in result.output


def test_a_guide_page_takes_its_title_and_text_from_the_front_matter_read_once(site):
    # MkDocs is handed the guide's fields and text (omg/mkdocs_plugin.py) rather than reading the file
    # again: the page title must still come from the front matter, not from the file name.
    site.guide("cpc", guide_text("Child protection conferences", body=BODY.format(slug="Conferences")))
    result = site.build()
    assert result.ok, result.output
    html = site.html("guides/cpc/")
    assert "<title>Child protection conferences - One Minute Guides</title>" in html
    assert "Through training and shared practice." in html and "last_reviewed" not in html
    index = json.loads((site.root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert {"Child protection conferences"} == {doc["title"] for doc in index["docs"] if doc["location"] == "guides/cpc/"}


