"""The search evaluation (benchmarks/search_quality.py) runs: a few of its queries, one of each kind,
typed into the real search box find their guides. `make bench-search` runs all of them."""

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from sitekit import ROOT

sys.path.insert(0, str(ROOT))
from benchmarks import search_quality  # noqa: E402

pytestmark = pytest.mark.browser

SAMPLE = {"Private fostering", "LADO", "county lines", "neglected child", "neglet"}


def test_the_evaluation_types_queries_of_every_kind_and_finds_their_guides(tmp_path):
    queries = [query for query in search_quality.load_queries() if query.text in SAMPLE]
    assert {query.kind for query in queries} == set(search_quality.KINDS)
    site = search_quality.build(search_quality.write_project(tmp_path / "project"))
    # Playwright's sync API allows one instance a thread, and the other browser tests keep theirs open.
    with ThreadPoolExecutor(max_workers=1) as thread:
        scores = thread.submit(search_quality.run_queries, site, queries).result()
    ranks = {outcome.query.text: outcome.rank for outcome in scores.outcomes}
    assert all(rank is not None and rank <= 3 for rank in ranks.values()), ranks
    assert scores.by_kind()["all"][0] == len(SAMPLE)
    assert "| all | 5 |" in "\n".join(search_quality.table(scores))


def test_each_batch_is_measured_in_a_site_of_its_own_guides(tmp_path):
    queries = [query for query in search_quality.load_queries()
               if query.text in {"Private fostering", "Young carers"}]
    assert {query.batch for query in queries} == {"first batch", "held out"}
    with ThreadPoolExecutor(max_workers=1) as thread:
        scores = thread.submit(search_quality.measure, tmp_path, queries, alone=True).result()
    assert [outcome.rank for outcome in scores.outcomes] == [1, 1]
    for number, query in enumerate(queries):
        guides = {page.stem for page in (tmp_path / f"batch-{number}" / "docs" / "guides").glob("*.md")}
        assert query.expected in guides and queries[1 - number].expected not in guides
        assert {page.stem for page in (ROOT / "docs" / "guides").glob("*.md")} <= guides  # the project's own
        assert all(slug in guides for slug in (o.results[0] for o in scores.outcomes if o.query is query))
