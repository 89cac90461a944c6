"""Whatever text an editor feeds `omg import`, the result is a guide whose only problems
are its to-dos, or one clear error; never a traceback or a guide that breaks the check."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omg.corpus import check_corpus
from omg.guide import parse_guide
from omg.importer import INTERNAL_FAULT, ImportFailed, plan_import
from omg.macros import MacroError
from omg.problems import Report
from sitekit import make_site

# Pieces real guides are made of, and the characters that break Markdown, YAML and Jinja.
PIECES = ["What is it?", "\u2022\t", "\to\t", "| Team | Email |\n|---|---|\n", "=====\n", "3. WHAT TO DO\n", "Why?", "How does it work?", "Key contacts", "ONE MINUTE GUIDE", "Overview",
          "see OMG on Child Protection Conferences", "see the PEP website", "see OMG on Early Help",
          "For more information about training, please contact", "Sam Sample - sam.sample@example.org",
          "020 7946 0000", "**bold**", "*it*", "https://x.example/a", "www.pep.example", "Contact:", "TODO",
          "{{", "}}", "{%", "%}", "{#", "[", "]", "(", ")", "#", "## ", "\n#1 ", "\n# ", "- ", "\n- ", "1. ", ":", "'", '"', "\u2014", "\u00e9",
          "\t", "\x0b", "\n", "\n\n", " "]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    site = make_site(tmp_path_factory.mktemp("import-properties"))
    site.guide("child-protection-conferences")
    return site.root


HEADINGS = ["What is it?", "What is early help?", "Why are we doing it?", "Why?", "How does it work?",
            "What happens?", "Key contacts", "Contacts", "Overview"]
SECTION = st.tuples(st.sampled_from(HEADINGS), st.lists(st.sampled_from(PIECES), max_size=30))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(st.sampled_from(PIECES), max_size=8), sections=st.lists(SECTION, max_size=5),
       suffix=st.sampled_from([".txt", ".md"]))
def test_any_text_imports_as_a_guide_whose_only_problems_are_its_to_dos(project, tmp_path_factory, before,
                                                                       sections, suffix):
    source = tmp_path_factory.mktemp("input") / f"guide{suffix}"
    text = "".join(before) + "".join(f"\n\n{heading}\n\n" + "".join(body) for heading, body in sections)
    source.write_text(text, encoding="utf-8")
    try:
        plan = plan_import([source], root=project)
    except ImportFailed as failure:
        assert len(failure.problems) == 1 and failure.problems[0].path == source.as_posix()
        assert INTERNAL_FAULT not in failure.problems[0].message  # a fault in the importer is a bug, not bad input
        return
    corpus, _ = check_corpus(project)
    for imported in plan.guides:
        written = tmp_path_factory.mktemp("written") / "docs" / "guides" / f"{imported.slug}.md"
        written.parent.mkdir(parents=True)
        written.write_text(imported.text, encoding="utf-8")
        report = Report()
        guide = parse_guide(written, root=written.parents[2], report=report)
        assert guide is not None, [str(p) for p in report.problems]
        try:
            corpus.renderer.render(guide.body, page="guides/x.md", first_line=guide.body_line)
        except MacroError as error:
            pytest.fail(f"line {error.line}: {error.message}")
        assert [str(p) for p in report.problems] == []
        assert "topics: []  # [TO DO:" in imported.text  # topics are always the editor's choice
