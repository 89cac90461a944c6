"""The content security policy: hashes of exactly the inline scripts our templates write, never a page's own."""

from __future__ import annotations

import base64
import hashlib
import re

from omg.csp import inline_script_hashes, policy_for, protect_page, protect_site
from sitekit import guide_text

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>x</title>
    <script>var a = 1;</script>
  </head>
  <body>
    <script id="__config" type="application/json">{"x": 1}</script>
    <script src="assets/bundle.js"></script>
    <script type="module">import "./a.js";</script>
  </body>
</html>
"""


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_only_scripts_the_browser_runs_inline_are_hashed():
    assert inline_script_hashes(PAGE) == [sha256("var a = 1;"), sha256('import "./a.js";')]


def test_a_script_inside_the_article_is_never_trusted():
    html = "<script>theme();</script><article class='md-content__inner'><script>editor();</script></article>"
    assert inline_script_hashes(html) == [sha256("theme();")]


def test_text_that_looks_like_a_script_inside_a_script_is_part_of_it():
    html = '<SCRIPT>document.write("<script" + ">x()");</SCRIPT><script >y();</script >'
    assert inline_script_hashes(html) == [sha256('document.write("<script" + ">x()");'), sha256("y();")]


def test_a_script_written_with_windows_line_endings_is_hashed_as_the_browser_reads_it():
    assert inline_script_hashes("<script>a;\r\nb;</script>") == [sha256("a;\nb;")]


def test_the_policy_allows_the_site_and_the_hashes_and_nothing_else():
    module = 'import "./a.js";'
    assert policy_for(PAGE) == (
        f"default-src 'self'; script-src 'self' {sha256('var a = 1;')} {sha256(module)}; "
        "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")


def test_the_policy_comes_right_after_the_character_set_and_before_any_script():
    protected = protect_page(PAGE, policy_for(PAGE))
    assert protected.index('<meta charset="utf-8">') < protected.index("Content-Security-Policy") < protected.index("<script")


def test_protecting_a_page_twice_leaves_one_policy():
    once = protect_page(PAGE, policy_for(PAGE))
    assert protect_page(once, policy_for(PAGE)) == once
    assert once.count("Content-Security-Policy") == 1


def test_protect_site_changes_only_the_policy_line(tmp_path):
    page = tmp_path / "guides" / "x" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(PAGE.replace("\n", "\r\n").encode("utf-8"))
    assert protect_site(tmp_path, policy_of=lambda path: policy_for(PAGE)) == 1
    after = page.read_bytes().decode("utf-8")
    assert re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n', "", after) == PAGE.replace("\n", "\r\n")


def test_every_built_page_carries_a_policy_that_matches_its_scripts(site):
    site.guide("a-guide", guide_text("A guide"))
    site.guide("renamed", guide_text("Renamed", aliases="[old-name]"))
    result = site.build()
    assert result.ok, result.output
    pages = sorted(site.site.rglob("*.html"))
    assert len(pages) >= 4
    assert site.site / "guides" / "old-name" / "index.html" in pages and site.site / "404.html" in pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
        assert policy == policy_for(html), page
        assert "unsafe-inline" not in policy and "http" not in policy, page


def test_the_policy_of_a_page_comes_from_the_templates_not_from_what_the_page_holds(site):
    # Two pages as deep as each other: the guide's policy is the home page's folder-for-folder twin,
    # whatever the guide's text, because both come from the templates rendered for a blank page.
    site.guide("a-guide", guide_text("A guide"))
    site.guide("b-guide", guide_text("B guide", summary="Another summary that says what b is."))
    result = site.build()
    assert result.ok, result.output
    policies = {re.search(r'content="(default-src[^"]*)"', site.html(f"guides/{slug}/")).group(1) for slug in ("a-guide", "b-guide")}
    assert len(policies) == 1
