"""Generated guides and data: the checks accept them or report problems, and never crash.

An editor can put anything in a pull request. Whatever it is, `omg check` and
the build must answer with messages, never with a traceback.
"""

from __future__ import annotations

import datetime as dt
import shutil
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omg import yamlfile
from omg.corpus import check_corpus
from omg.guide import FIELDS, SECTIONS, parse_guide
from omg.problems import Report
from omg.rawhtml import find_unsafe_html
from sitekit import ROOT

TODAY = dt.date(2026, 6, 1)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Values an editor might type, valid and not: ids, dates real and impossible, lists, nesting.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["rp-training", "ways-of-working", "schools", "restorative-practice",
                     "2026-01-15", "2026-02-30", "2999-01-01", "12 months", "0 months", "draft", "published"]),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(3000, 1, 1)).map(dt.date.isoformat),
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=8)
keys = st.sampled_from(sorted(FIELDS)) | st.text(string.ascii_letters + "_-", min_size=1, max_size=12)
front_matters = st.dictionaries(keys, values, max_size=len(FIELDS) + 2)

# Bodies built from the pieces a guide is made of, in any order, and some that are not.
pieces = st.one_of(
    st.sampled_from([f"## {title}" for title in SECTIONS]),
    st.sampled_from(["# Title", "### Sub-heading", "Heading\n===", "```", "~~~", "", "- a list item",
                     '{{ guide("restorative-practice") }}', '{{ link("pep-website") }}', "{{ guide_index() }}",
                     "{{ ", "{% if %}", '{{ "<" ~ "script>" }}', "<br>", "<abbr title='x'>X</abbr>",
                     "<script>alert(1)</script>", '<a href="javascript:x">x</a>', "[x](data:text/html,x)",
                     "{: onclick=x }", "<!-- note", "Some plain prose, with a comma."]),
    st.text(max_size=60),
)
bodies = st.lists(pieces, max_size=14).map("\n\n".join)


def guide_file(front: dict, body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The real data and configuration; each example writes its own guides."""
    root = tmp_path_factory.mktemp("properties")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "data", root / "data")
    (root / "docs" / "guides").mkdir(parents=True)
    return root


def write_guides(project, texts: dict[str, str | bytes]):
    guides = project / "docs" / "guides"
    shutil.rmtree(guides)
    guides.mkdir()
    for name, text in texts.items():
        path = guides / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    return guides


@FAST
@given(front=front_matters, body=bodies)
def test_parse_guide_returns_a_guide_or_reports_why_not(project, front, body):
    file = write_guides(project, {"generated.md": guide_file(front, body)}) / "generated.md"
    report = Report()
    guide = parse_guide(file, root=project, report=report, today=TODAY)
    assert guide is not None or report.problems
    for problem in report.problems:
        assert problem.path == "docs/guides/generated.md"
        assert problem.message


@FAST
@given(text=st.text(max_size=300))
def test_any_text_as_front_matter_is_read_or_reported(project, text):
    file = write_guides(project, {"generated.md": f"---\n{text}\n---\n\n## What is it?\n\nText.\n"}) / "generated.md"
    report = Report()
    guide = parse_guide(file, root=project, report=report, today=TODAY)
    assert guide is not None or report.problems


@SLOW
@given(guides=st.dictionaries(st.sampled_from(["restorative-practice", "second-guide", "Bad Name", "x"]),
                              st.tuples(front_matters, bodies), min_size=1, max_size=3))
def test_check_corpus_reports_problems_and_never_raises(project, guides):
    write_guides(project, {f"{slug}.md": guide_file(front, body) for slug, (front, body) in guides.items()})
    corpus, report = check_corpus(project, today=TODAY)
    for problem in report.problems:
        assert str(problem).startswith(problem.path)
    assert set(corpus.guides) <= set(guides)


@FAST
@given(data=st.binary(max_size=400))
def test_any_bytes_in_a_guide_file_are_read_or_reported(project, data):
    write_guides(project, {"generated.md": data})
    corpus, report = check_corpus(project, today=TODAY)
    assert corpus.guides or report.problems or not data.strip()


@FAST
@given(text=st.text(max_size=400))
def test_any_yaml_text_loads_or_gives_a_located_problem(text):
    try:
        located = yamlfile.load(text)
    except yamlfile.YamlProblem as problem:
        assert problem.message and problem.fix
        assert problem.line is None or 1 <= problem.line <= text.count("\n") + 2
    else:
        assert isinstance(located.lines, dict)


@FAST
@given(text=st.text(max_size=400))
def test_the_raw_html_check_never_raises_and_lines_fall_inside_the_text(text):
    for finding in find_unsafe_html(text, first_line=5):
        assert 5 <= finding.line <= 5 + text.count("\n")


@FAST
@given(text=st.text(alphabet=st.characters(blacklist_characters="<{]&:"), max_size=300))
def test_text_without_markup_has_no_unsafe_html(text):
    assert find_unsafe_html(text) == []
