"""The benchmark's own parts on tiny corpora: the generator, the bare twin, the sizes and the report.

Nothing here is timed: speed is measured by `make bench` and recorded in BENCHMARKS.md.
"""

import datetime as dt
import gzip
import json
import re
import subprocess
import sys

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitekit import ROOT

sys.path.insert(0, str(ROOT))  # benchmarks/ sits beside omg/ but is not an installed package
from benchmarks import corpus, measure, report, serve  # noqa: E402
from benchmarks.browser import SearchTiming  # noqa: E402
from benchmarks.measure import BenchError, BuildTime, FirstLoad  # noqa: E402
from omg.corpus import check_corpus  # noqa: E402

_LINKS = check_corpus(ROOT)[0].links

DAY = dt.date(2026, 11, 1)
REAL_GUIDES = len(list((ROOT / "docs" / "guides").glob("*.md")))


@pytest.fixture(scope="module")
def twelve(tmp_path_factory):
    """A corpus of 12 guides and its bare twin."""
    folder = tmp_path_factory.mktemp("bench")
    info = corpus.write_corpus(folder / "ours", 12, today=DAY)
    corpus.write_bare_twin(info.root, folder / "bare")
    return info, folder / "bare"


def test_a_corpus_has_exactly_n_guides_and_passes_every_check(twelve):
    info, _ = twelve
    assert len(list((info.root / "docs" / "guides").glob("*.md"))) == 12
    assert len(info.synthetic) == 12 - REAL_GUIDES
    checked, problems = check_corpus(info.root)
    assert [str(problem) for problem in problems.problems] == []
    assert set(checked.guides) >= set(info.synthetic)


def test_a_synthetic_guide_has_four_sections_contacts_cross_links_keywords_and_about_400_words(twelve):
    info, _ = twelve
    checked, _ = check_corpus(info.root)
    for slug in info.synthetic:
        guide = checked.guides[slug]
        assert [section.title for section in guide.sections] == [
            "What is it?", "Why are we doing it?", "How are we doing it?", "Who are the key contacts?"]
        assert guide.contacts and set(guide.contacts) <= set(checked.contacts)
        assert guide.keywords and guide.related
        assert len(checked.links_to[slug]) >= 3  # related guides and guide() links in the text
        assert 370 <= checked.words[slug] <= 470


def test_the_corpus_is_a_git_checkout_so_guide_history_is_read_as_in_ci(twelve):
    info, _ = twelve
    log = subprocess.run(["git", "log", "--format=%s"], cwd=info.root, capture_output=True, text=True)
    assert log.stdout.strip() == "Synthetic corpus of 12 guides"


def test_the_same_seed_writes_the_same_guides_and_another_seed_does_not(tmp_path):
    def guides(folder, seed):
        info = corpus.write_corpus(folder, 8, seed=seed, today=DAY)
        return {slug: (info.root / "docs" / "guides" / f"{slug}.md").read_text() for slug in info.synthetic}

    first = guides(tmp_path / "a", 3)
    assert guides(tmp_path / "b", 3) == first
    assert guides(tmp_path / "c", 4) != first


def test_titles_stay_distinct_beyond_every_subject_and_aspect():
    count = len(corpus.SUBJECTS) * len(corpus.ASPECTS) + 5
    titles = corpus.titles(count)
    assert len({title.casefold() for title in titles}) == count
    assert len({corpus.slugify(title) for title in titles}) == count


def test_a_corpus_too_small_for_the_real_guides_is_refused_with_the_fix(tmp_path):
    with pytest.raises(BenchError) as raised:
        corpus.write_corpus(tmp_path / "ours", REAL_GUIDES + 1)
    assert str(raised.value) == (
        f"N={REAL_GUIDES + 1} is too small: the corpus starts from the {REAL_GUIDES} real guides and "
        "needs at least two synthetic ones. Fix: use a larger N.")


def test_the_bare_twin_is_stock_material_with_the_markdown_our_macros_produce(twelve):
    info, bare = twelve
    config = yaml.safe_load((bare / "mkdocs.yml").read_text())
    ours = corpus.read_config(info.root / "mkdocs.yml")
    assert config["plugins"] == ["search"]
    assert config["theme"] == {"name": "material", "language": "en", "font": False}
    assert "hooks" not in config and "extra_css" not in config
    assert config["nav"] == ours["nav"]
    assert all((bare / "docs" / path).is_file() for _, path in corpus._nav_pages(config["nav"]))  # generated ones too
    assert config["markdown_extensions"] == ours["markdown_extensions"]
    slug = info.synthetic[0]
    source = (info.root / "docs" / "guides" / f"{slug}.md").read_text()
    twin = (bare / "docs" / "guides" / f"{slug}.md").read_text()
    assert "{{" in source and "{{" not in twin
    assert twin.split("\n---\n")[0] == source.split("\n---\n")[0]  # the same front matter
    assert re.search(r"See also \[[^]]+\]\([a-z0-9-]+\.md\)\.", twin)


def test_first_load_counts_the_page_its_css_js_and_search_worker_gzipped_but_not_the_search_index(tmp_path):
    files = {
        "guides/x/index.html": (
            '<link rel="stylesheet" href="../../assets/main.css"><link rel="icon" href="../../assets/icon.png">'
            '<script id="__config" type="application/json">{"search": "../../assets/worker.js"}</script>'
            '<script src="../../assets/bundle.js"></script><script src="https://cdn.example.invalid/x.js"></script>'
            '<link rel="preload" href="../../search/search_index.json">'),
        "assets/main.css": "body { color: black; }\n" * 200,
        "assets/icon.png": "\x89PNG",
        "assets/worker.js": "onmessage = () => {};\n" * 50,
        "assets/bundle.js": "console.log('x');\n" * 300,
        "search/search_index.json": "{}" * 10_000,
    }
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)

    loaded = measure.first_load(tmp_path, "guides/x/")

    assert sorted(loaded.files) == ["assets/bundle.js", "assets/icon.png", "assets/main.css", "assets/worker.js",
                                    "guides/x/index.html"]
    assert loaded.files["assets/main.css"] == len(gzip.compress(files["assets/main.css"].encode(), 6, mtime=0))
    assert loaded.total == sum(loaded.files.values())


def a_run(when, ratio=1.2, serve_seconds=2.0):
    def build(n, ours):
        times = [BuildTime(ours * 1.1, ours)], [BuildTime(ours / ratio * 1.1, ours / ratio)]
        return report.BuildResult(n=n, ours=times[0], bare=times[1], page_bytes=20_000 + n // 100,
                                  index_bytes=3_000 * n, first_load=FirstLoad(80_000, {}))
    search = SearchTiming(n=1000, ready_ms=3_000, first_result_ms={"consent": [30, 40, 35], "fostering": [60, 70, 65]},
                          first_load=FirstLoad(81_000, {}))
    timing = serve.ServeTiming(n=1000, variant="", edit_to_reload=[serve_seconds] * 3, rebuild=[1.0] * 3)
    return report.Run(when=when, commit="abc1234", machine="Test CPU ×2", load=(0.5, 0.75),
                      builds=[build(100, 1.0), build(1000, 10.0)], search=search, serve=[timing])


def test_recording_a_run_keeps_earlier_rows_and_the_notes_and_replaces_the_targets(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    report.record(path, a_run(dt.datetime(2026, 11, 1, 9, 0)))
    path.write_text(path.read_text() + "\nThe profile showed YAML parsing first.\n")
    report.record(path, a_run(dt.datetime(2026, 11, 2, 9, 0), ratio=1.5))
    text = path.read_text()
    rows = [line for line in text.splitlines() if line.startswith("| 2026-11-0")]
    assert [row.split(" | ")[0] + " | " + row.split(" | ")[4] for row in rows] == [
        "| 2026-11-01 09:00 | 100", "| 2026-11-01 09:00 | 1,000", "| 2026-11-02 09:00 | 100", "| 2026-11-02 09:00 | 1,000",
        "| 2026-11-01 09:00 | 1,000", "| 2026-11-02 09:00 | 1,000"]
    targets = text.split(report.TARGETS_START)[1].split(report.TARGETS_END)[0]
    assert "Run of 2026-11-02 09:00 UTC" in targets and "2026-11-01" not in targets
    assert "| Build at most 1.35 × the bare build (CPU seconds) | 1.50 at N=100, 1.50 at N=1000 | **missed** |" in targets
    assert text.endswith("The profile showed YAML parsing first.\n")


def test_each_target_is_judged_on_the_run(tmp_path):
    judged = {verdict.target: verdict for verdict in report.verdicts(a_run(dt.datetime(2026, 11, 1), serve_seconds=6.0))}
    assert judged["Build at most 1.35 × the bare build (CPU seconds)"].met is True
    assert judged["Build CPU cost per guide at the largest N at most 1.2 × the smallest"].measured == (
        "1.00 (10.0 ms at N=100, 10.0 ms at N=1000)")
    assert judged["First search result under 100 ms (every query's median)"].measured == (
        "median 50 ms, slowest query 65 ms, worst single 70 ms at N=1000")
    serve_verdict = judged["`make serve` rebuild after one edit at most 0.5 × the full build"]
    assert (serve_verdict.measured, serve_verdict.met) == ("6.00 s against 11.00 s (0.55) at N=1000", False)


def test_a_target_not_measured_in_a_run_says_so():
    run = report.Run(when=dt.datetime(2026, 11, 1), commit="abc1234", machine="Test CPU ×2", load=(0.0, 0.0))
    assert {verdict.word for verdict in report.verdicts(run)} == {"not measured"}


def test_a_benchmarks_file_that_lost_its_markers_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nSomeone tidied the tables away.\n")
    with pytest.raises(BenchError) as raised:
        report.record(path, a_run(dt.datetime(2026, 11, 1)))
    assert str(raised.value) == (
        f"BENCHMARKS.md has lost the line '{report.TARGETS_START}', so the new rows have nowhere to go. "
        "Fix: put the line back where the table ends (see benchmarks/report.py TEMPLATE).")


def test_the_serve_benchmark_runs_what_make_serve_runs():
    recipe = re.search(r"^serve:.*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    words = recipe.split()
    words = [word for index, word in enumerate(words) if word != "--dev-addr" and words[index - 1] != "--dev-addr"]
    assert words[0].endswith("/mkdocs") and tuple(words[1:]) == serve.SERVE_COMMAND[1:], (
        "make serve changed: update SERVE_COMMAND in benchmarks/serve.py so the benchmark times what editors run")


def test_the_benchmark_runs_end_to_end_and_records_its_rows(tmp_path):
    output, work = tmp_path / "BENCHMARKS.md", tmp_path / "work"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--n", "5", "6", "--repeat", "1", "--warmup", "0",
         "--no-browser", "--no-serve", "--output", str(output), "--work-dir", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    rows = [line for line in output.read_text().splitlines() if re.match(r"\| \d{4}-\d\d-\d\d", line)]
    assert [row.split(" | ")[4] for row in rows] == ["5", "6"]
    assert not work.exists()  # corpora are removed unless --keep
    assert "| Build at most 1.35 × the bare build (CPU seconds) |" in done.stdout


def test_a_failed_build_stops_the_benchmark_with_the_build_output(tmp_path):
    info = corpus.write_corpus(tmp_path / "ours", REAL_GUIDES + 2, today=DAY)
    guide = info.root / "docs" / "guides" / f"{info.synthetic[0]}.md"
    guide.write_text(guide.read_text().replace("## What is it?", "## What is this?"))
    with pytest.raises(BenchError) as raised:
        measure.time_build(info.root, tmp_path / "site")
    assert str(raised.value).startswith(f"the build of {info.root} failed (exit 1):")
    assert f"docs/guides/{info.synthetic[0]}.md" in str(raised.value)


def test_search_timing_reports_the_median_and_the_worst():
    timing = SearchTiming(n=10, ready_ms=1.0, first_result_ms={"a": [10.0, 30.0], "b": [20.0, 90.0]})
    assert (timing.median_ms, timing.worst_ms) == (25.0, 90.0)


def test_json_front_matter_values_read_back_as_the_same_yaml():
    text = corpus.guide_markdown("Consent: checklists", slug="consent-checklists", slugs=["a", "b", "c", "d", "e"],
                                 ids={"contacts": ["c1"], "topics": ["t"], "audiences": ["a1"], "links": ["l"]},
                                 rng=__import__("random").Random(1), today=DAY)
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == "Consent: checklists" and front["contacts"] == ["c1"]
    assert isinstance(front["last_reviewed"], dt.date) and json.dumps(front["keywords"])


def test_guides_and_data_read_on_libyaml_mean_what_pure_python_yaml_reads(twelve):
    # One parser: PyYAML on libyaml, for speed; it must read every file as PyYAML's own Python reader does.
    from omg import yamlfile
    from omg.guide import split_front_matter
    from omg.problems import Report

    info, _ = twelve
    texts = [split_front_matter(yamlfile.read_text(path), path="x", report=Report())[0]
             for path in sorted((info.root / "docs" / "guides").glob("*.md"))]
    texts += [yamlfile.read_text(path) for path in sorted((info.root / "data").glob("*.yml"))]
    for text in texts:
        assert yamlfile.load(text, first_line=2).data == _python_yaml(text)


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, leaving dates as text as omg/yamlfile.py does."""

    yaml_implicit_resolvers = {first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith("timestamp")]
                               for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _python_yaml(text: str):
    return yaml.load(text, Loader=_PythonLoader)


def test_the_yaml_reader_is_libyaml_and_there_is_no_second_one():
    from omg import yamlfile

    assert yaml.__with_libyaml__ and issubclass(yamlfile._Loader, yaml.CSafeLoader)
    source = (ROOT / "omg" / "yamlfile.py").read_text(encoding="utf-8")
    assert "_load_lines" not in source and "_load_fast" not in source


# Pieces of the usual front matter, mixed with the characters that change what YAML reads.
_USUAL = st.sampled_from(["a", "Z", "to for with", "2026-11-25", "12 months", "rp-training", "it's", "x,y", " ", "\u00e9"])
_ODD = st.sampled_from(["12", "1.5", "0x1F", "yes", "No", "on", "null", "~", "=", "<<", ".inf", "-", "?", ":", ": ", ",",
                        "[", "]", "{", "}", "#", " #", "&x", "*x", "!", "|", ">", "'", "''", '"', "\\", "%", "@", "`",
                        "  ", "\t", "\u00a0", "\x85", "\u2028", "A: b"])
_PHRASES = st.lists(st.one_of(_USUAL, _USUAL, _USUAL, _ODD), max_size=5).map("".join)
_SCALAR = st.one_of(_PHRASES, _PHRASES.map(lambda text: f'"{text}"'), _PHRASES.map(lambda text: f"'{text}'"))
_VALUE = st.one_of(_SCALAR, st.lists(_SCALAR, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"))
_LINE = st.one_of(st.tuples(st.sampled_from(["title", "keywords", "yes", "on", "null", "a_b", "x1", "review_interval"]),
                            st.sampled_from([": ", ": ", ":  ", ":"]), _VALUE, st.sampled_from(["", "", " ", " # note"]))
                  .map("".join), st.sampled_from(["", "# a note", " # indented note", "  - item", "---"]))
_USUAL_SCALAR = st.lists(_USUAL, min_size=1, max_size=4).map("".join).flatmap(
    lambda text: st.sampled_from([text, f'"{text}"', f"'{text}'"]))
_USUAL_LINE = st.tuples(st.sampled_from([f"{name}{n}" for name in ("title", "topics", "owner") for n in range(6)]),
                        st.one_of(_USUAL_SCALAR, st.lists(_USUAL_SCALAR, max_size=4).map(
                            lambda items: "[" + ", ".join(items) + "]"))).map(": ".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_LINE, _USUAL_LINE, _USUAL_LINE), min_size=1, max_size=6).map("\n".join), st.integers(0, 3))
def test_front_matter_means_exactly_what_pure_python_yaml_says_or_is_refused_with_a_line(text, offset):
    from omg import yamlfile

    try:
        read = yamlfile.load(text, first_line=1 + offset)
    except yamlfile.YamlProblem as problem:
        breaks = len(re.findall("[\n\x85\u2028\u2029]", text))  # what YAML counts as line breaks
        assert problem.line is None or offset < problem.line <= offset + breaks + 2  # or just past the end
        return
    try:
        reference = _python_yaml(text)
    except yaml.YAMLError:
        return  # libyaml is kinder to stray tabs and spaces than PyYAML's Python reader
    assert read.data == reference
    if isinstance(read.data, dict):
        for key in read.data:
            line = read.line(key)
            assert re.split("[\n\x85\u2028\u2029]", text)[line - 1 - offset].lstrip(" \"'").startswith(key)


_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*")  # what a word is


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("ab Z9\u00e9\u00d7\u024f\u0250\u2019'-\u2013\u2014.,_\n\t\u201c\u00df\u6f22\U0001f600"),
               max_size=40))
def test_the_quick_word_count_counts_what_the_word_pattern_finds(text):
    from omg.corpus import count_words

    assert count_words(text) == len(_WORD.findall(text))


def test_the_word_budget_counts_the_real_guides_as_the_word_pattern_does():
    from omg.corpus import count_words

    for path in sorted((ROOT / "docs" / "guides").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert count_words(text) == len(_WORD.findall(text)) > 300


@pytest.mark.parametrize("text", ["a: 1\nb: &x [1]\nc: *x\n", "a: 1\nb: c: d\n", "a: 1\na: 2\n", "a: 1\nb: \x07\n",
                                  "a: 1\nb: !!python/name:os.system\n", "a: 1\nb: !!float abc\n", "a: 1\n~: x\n",
                                  "a: 1\nb: " + "9" * 5000 + "\n", "a: 1\nb: !!timestamp 2024-13-45\n"])
def test_yaml_an_editor_never_needs_is_refused_with_its_line(text):
    from omg import yamlfile

    with pytest.raises(yamlfile.YamlProblem) as refused:
        yamlfile.load(text, first_line=5)
    assert refused.value.line == 6


@pytest.mark.parametrize("text", [
    'See {{ guide("a") }} and {{ link("pep-website", text="the PEP site") }}.\n',
    'Over\n{{ guide(\n  "a",\n  "two lines") }}\n\n{# a note #}{%- raw %}{{ not a macro }}{% endraw %}\n',
    "{{- guide('a') -}}   \n{{ guide_index() }}",
])
def test_plain_macro_calls_render_exactly_as_jinja_renders_them(text):
    # The performance fix in omg/macros.py evaluates plain calls without compiling them.
    from omg.links import NamedLink  # noqa: F401  (the real named links come from the data)
    from omg.macros import GuideRef, Rendered, Renderer

    links = check_corpus(ROOT)[0].links
    renderer = Renderer(guides={"a": GuideRef("a", "A guide", "About A.", "guides/a.md")}, links=links)
    plain = renderer.render(text, page="guides/b.md")
    renderer._page, renderer._used = "guides/b.md", Rendered("")
    assert (plain.markdown, plain.guides, plain.links) == (
        renderer.env.from_string(text).render(), renderer._used.guides, renderer._used.links)


PIECES = ['{{ guide("a") }}', "{{guide('a','Text')}}", '{{ link("pep-website") }}', "{{ guide_index() }}",
          '{{ guide("missing") }}', '{{ guide() }}', '{{ guide("a", "b", "c") }}', '{{ lipsum() }}', "{{ guide(x) }}",
          "{{", "}}", "{", "}", "{%", "%}", "{#", "#}", "-", "(", ")", '"', "'", "\\", ",", " ", "\t", "\n", "\r",
          "guide", "link", "a", "Plain words. ", "é"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_text_read_without_jinja_renders_exactly_as_jinja_renders_it(text):
    # omg/macros.py reads literal text and simple calls without parsing them; it must agree with Jinja,
    # and give way (None) wherever Jinja would fail or read the text differently.
    from omg.macros import GuideRef, Rendered, Renderer, _render_simple_calls

    renderer = Renderer(guides={"a": GuideRef("a", "A guide", "About A.", "guides/a.md")}, links=_LINKS)
    renderer._page, renderer._used = "guides/b.md", Rendered("")
    fast = _render_simple_calls(text, renderer.env.globals)
    fast_used = (renderer._used.guides, renderer._used.links)
    renderer._used = Rendered("")
    try:
        jinja = renderer.env.from_string(text).render()
    except Exception:  # noqa: BLE001
        assert fast is None
        return
    if fast is not None:
        assert (fast, *fast_used) == (jinja, renderer._used.guides, renderer._used.links)


def test_plain_guide_text_is_read_without_jinja():
    from omg.macros import _render_simple_calls

    macros = {"guide": lambda slug, text=None: f"[{text or slug}](x.md)"}
    assert _render_simple_calls('See {{ guide("a") }} and {{guide(\'b\', "B")}}.\n', macros) == "See [a](x.md) and [B](x.md).\n"
    for text in ('{{ guide("a") | upper }}', "{% raw %}{{ guide('a') }}{% endraw %}", '{{- guide("a") }}',
                 '{{ guide(\n"a") }}', '{{ guide("a", text="A") }}', "a\r\n{{ guide('a') }}", '{{ guide("a{") }}'):
        assert _render_simple_calls(text, macros) is None, text


def test_timed_builds_may_keep_compiled_python_as_an_ordinary_machine_does(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = measure.mkdocs_env()
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["NO_MKDOCS_2_WARNING"] == "1"
