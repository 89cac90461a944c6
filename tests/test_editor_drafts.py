"""Drafts show in the preview with a banner and are never built; guides link to their source for editing."""

import os
import subprocess
import sys

import pytest

from sitekit import ROOT, free_port, guide_text, page_when

BANNER = '<div class="admonition warning omg-draft" role="note">'


@pytest.fixture
def with_draft(site):
    site.guide("published-guide", guide_text("Published guide"))
    site.guide("draft-guide", guide_text("Draft guide", status="draft"))
    return site


def test_a_draft_is_left_out_of_the_built_site(with_draft):
    result = with_draft.build()
    assert result.ok, result.output
    assert (with_draft.site / "guides/published-guide/index.html").exists()
    assert not (with_draft.site / "guides/draft-guide").exists()
    assert "draft-guide" not in (with_draft.site / "search/search_index.json").read_text(encoding="utf-8")
    assert "draft-guide" not in with_draft.html("")
    assert "draft-guide" not in (with_draft.site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_published_guide_has_no_draft_banner(with_draft):
    assert with_draft.build().ok
    assert "omg-draft" not in with_draft.html("guides/published-guide/")


def test_a_draft_shows_with_a_banner_in_the_preview(with_draft):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
    log = with_draft.root.parent / "serve.log"
    with log.open("w") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=with_draft.root, env=env, stdout=subprocess.DEVNULL, stderr=log_file)
        try:
            draft = page_when(f"http://127.0.0.1:{port}/guides/draft-guide/", server, log)
            published = page_when(f"http://127.0.0.1:{port}/guides/published-guide/", server, log)
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert BANNER in draft
    assert "This guide is a draft. It shows in the preview only" in draft
    assert draft.index('<h1 id="draft-guide">') < draft.index(BANNER)
    assert "omg-draft" not in published


def test_each_guide_links_to_its_file_in_the_repositorys_web_editor(site):
    site.guide("target", guide_text("Target"))
    site.identity(repository="https://github.com/example/one-minute-guides")
    result = site.build()
    assert result.ok, result.output
    assert ('<a href="https://github.com/example/one-minute-guides/edit/main/docs/guides/target.md" '
            'title="Edit this page" class="md-content__button md-icon" rel="edit">') in site.html("guides/target/")


def test_the_header_has_no_repository_widget_that_calls_github_from_readers_browsers(site):
    site.guide("target", guide_text("Target"))
    assert site.build().ok
    html = site.html("guides/target/")
    assert 'data-md-component="source"' not in html
    assert "md-source" not in html
