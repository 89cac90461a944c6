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
