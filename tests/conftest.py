import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sitekit import FixtureSite, make_site  # noqa: E402


@pytest.fixture
def site(tmp_path) -> FixtureSite:
    """A fixture site with the real configuration and no guides yet."""
    return make_site(tmp_path)
