"""The final-HTML check: only what our templates write may run, embed, send or redirect."""

from __future__ import annotations

import pytest

from omg.htmlcheck import check_html, profile_of, refused_address

TRUSTED = """<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="assets/main.css"><script>theme();</script></head>
<body><form class="md-search__form" name="search"></form><script src="assets/bundle.js"></script></body></html>"""
PROFILE = profile_of(TRUSTED)


def findings(html: str, *, document: bool = True) -> list[str]:
    return [finding.what for finding in check_html(html, PROFILE, document=document)]


def test_a_page_with_exactly_the_templates_elements_passes():
    assert findings(TRUSTED) == []


def test_a_second_copy_of_a_trusted_script_is_refused():
    assert findings(TRUSTED.replace("</body>", "<script>theme();</script></body>")) == [
        "an inline <script> that our templates did not write (theme();)"]


def test_a_script_in_the_head_is_refused_and_never_trusted_by_the_profile():
    html = TRUSTED.replace("</head>", "<script>alert(1)</script></head>")
    assert findings(html) == ["an inline <script> that our templates did not write (alert(1))"]
    assert profile_of(TRUSTED).script_hashes == PROFILE.script_hashes


@pytest.mark.parametrize("markup, expected", [
    ('<meta http-equiv="refresh" content="0;url=https://example.org">',
     'a <meta http-equiv="refresh"> tag that our templates did not write'),
    ('<base href="https://example.org/">', "a <base> element that our templates did not write"),
    ("<iframe src=x></iframe>", "a <iframe> element that our templates did not write"),
    ("<object data=x></object>", "a <object> element that our templates did not write"),
    ("<embed src=x>", "a <embed> element that our templates did not write"),
    ('<form action="https://example.org"></form>', "a <form> element that our templates did not write"),
    ("<p onclick=x>", "an event-handler attribute 'onclick' on <p>"),
    ("<svg><a html:onclick=x></a></svg>", "an event-handler attribute 'onclick' on <a>"),
    ('<p style="color:red">', "a style attribute on <p>"),
    ('<a href=" jav&#x09;ascript:alert(1)">', "the address 'javascript:alert(1)' in the attribute 'href' on <a>"),
    ('<svg><a xlink:href="javascript:x">', "the address 'javascript:x' in the attribute 'xlink:href' on <a>"),
    ('<img srcset="a.png 1x, javascript:x 2x">', "the address 'javascript:x' in the attribute 'srcset' on <img>"),
    ('<a href="data:text/html,<script>x</script>">', "the address 'data:text/html,<script>x</script>' in the attribute 'href' on <a>"),
    ('<form><button formaction="vbscript:x">', "a <form> element that our templates did not write"),
    ('<link rel="stylesheet" href="https://example.org/x.css">', 'a <link rel="stylesheet"> that our templates did not write'),
    ('<svg><animate attributeName="href" to="javascript:x"/></svg>', "the address 'javascript:x' in the attribute 'to' on <animate>"),
])
def test_what_templates_did_not_write_is_refused(markup, expected):
    assert expected in findings(TRUSTED.replace("<body>", "<body>" + markup))


@pytest.mark.parametrize("markup", [
    '<img src="data:image/png;base64,AAAA" alt="">',
    '<a href="https://example.org/">a page</a>',
    '<link rel="canonical" href="https://example.org/guides/x/">',
    '<meta name="description" content="x&#34; http-equiv=&#34;refresh">',
    "<p>onclick=alert(1) is text, as is &lt;script&gt;</p>",
])
def test_plain_markup_passes(markup):
    assert findings(TRUSTED.replace("<body>", "<body>" + markup)) == []


def test_an_xml_file_may_not_name_a_stylesheet_that_runs_code():
    assert findings('<?xml version="1.0"?><?xml-stylesheet href="x.xsl"?><svg/>', document=False) == [
        "a processing instruction '<?xml-stylesheet' (it can load a stylesheet that runs code)"]


def test_an_svg_script_in_another_namespace_is_still_a_script():
    assert findings('<svg xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>',
                    document=False) == ["an inline <script> that our templates did not write (alert(1))"]


def test_only_plain_images_are_allowed_as_data_addresses():
    assert not refused_address("data:image/png;base64,AAAA")
    assert refused_address("data:image/svg+xml,<svg onload=x>")
    assert refused_address("DATA:text/html,x")
