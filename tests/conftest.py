import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitekit import FixtureSite, guide_text, make_site  # noqa: E402


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    """A fixture site with the real configuration and no guides yet."""
    return make_site(tmp_path)


@pytest.fixture(scope="module")
def previous_site(tmp_path_factory) -> Path:
    """A good site, built once, to stand for the site/ already published."""
    site = make_site(tmp_path_factory.mktemp("previous"))
    site.guide("good-guide", guide_text("Good guide"))
    result = site.build()
    assert result.ok, result.output
    return site.site
