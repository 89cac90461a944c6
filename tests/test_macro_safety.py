"""Editors' pages are untrusted: macros run in a sandbox and any error fails the build.

Each page below tries to reach something it must not. The build must fail
naming the file and line, and a canary secret set in the build's environment
must appear nowhere: not in site/, not in the output.
"""

import pytest

from omg.macros import MacroError, Renderer
from sitekit import BODY, guide_text

CANARY = "canary-7d1e5b0c-secret"

ATTACKS = {
    "environment-variable": '{{ os.environ["OMG_CANARY"] }}',
    "mkdocs-config": "{{ config }}",
    "config-extra": "{{ config.extra }}",
    "macros-environment": "{{ environment }}",
    "template-globals": "{{ self.__init__.__globals__ }}",
    "macro-function-globals": "{{ guide.__func__.__globals__['os'].environ }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].environ }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os.environ }}",
    "class-walk": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "include-outside-guides": '{% include "../../mkdocs.yml" %}',
    "import-a-file": '{% import "hooks.py" as hooks %}',
    "huge-string": '{{ "x" * 1000000000 }}',
    "huge-power": "{{ 2 ** 100000000 }}",
    "syntax-error": "{{ link( }}",
}


@pytest.mark.parametrize("attack", list(ATTACKS.values()), ids=list(ATTACKS))
def test_a_guide_that_reaches_outside_the_sandbox_fails_the_build_without_leaking(site, attack):
    site.guide("attack", guide_text("Attack", body=BODY.format(slug=attack)))
    result = site.build(env={"OMG_CANARY": CANARY})
    assert result.returncode == 1
    assert "docs/guides/attack.md:13:" in result.output
    assert "Fix:" in result.output and "Traceback" not in result.output
    assert CANARY not in result.output
    assert not site.site.exists()


def test_a_page_that_is_not_a_guide_is_sandboxed_too(site):
    site.write("docs/about.md", "# About\n\nBuilt with {{ config.site_name }}.\n")
    result = site.build(env={"OMG_CANARY": CANARY})
    assert result.returncode == 1
    assert "docs/about.md:3: the macro text uses something that does not exist here" in result.output


def test_front_matter_cannot_switch_the_sandbox_off(site):
    site.write("docs/about.md", "---\nrender_macros: false\n---\n# About\n\n{{ config }}\n")
    result = site.build()
    assert result.returncode == 1
    assert "docs/about.md:2: render_macros: unknown field 'render_macros'." in result.output
    site.guide("attack", guide_text("Attack", render_macros="false", body=BODY.format(slug="{{ config }}")))
    result = site.build()
    assert "docs/guides/attack.md:9: render_macros: unknown field 'render_macros'." in result.output


def test_the_canary_reaches_no_page_of_a_good_build(site):
    site.guide("fine", guide_text("Fine", body=BODY.format(slug='{{ link("pep-website") }}')))
    result = site.build(env={"OMG_CANARY": CANARY})
    assert result.ok, result.output
    for path in site.site.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path


def renderer():
    return Renderer(guides={}, links={})


def test_the_sandbox_exposes_only_the_allowlisted_macros():
    env = renderer().env
    assert sorted(env.globals) == ["guide", "guide_index", "link"]
    assert env.loader is None


@pytest.mark.parametrize("name", ["range", "dict", "lipsum", "cycler", "joiner", "namespace", "config", "os"])
def test_jinja_globals_are_undefined_in_guide_text(name):
    with pytest.raises(MacroError) as caught:
        renderer().render("{{ %s }}" % name, page="guides/x.md", first_line=5)
    assert caught.value.line == 5
    assert f"'{name}' is undefined" in caught.value.message


def test_a_page_without_macros_is_returned_unchanged():
    text = "Plain text with a {single} brace."
    assert renderer().render(text, page="guides/x.md").markdown == text
