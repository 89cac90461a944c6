"""`omg offline`: a zip of the site to read without internet; the website build is unaffected."""

import re
import zipfile

import pytest

from omg.offline import WORKER_SHIM, local_polyfills
from sitekit import guide_text

ZIP = "dist/one-minute-guides-offline.zip"


@pytest.fixture
def one_guide(site):
    site.guide("target", guide_text("Target"))
    return site


def zipped(site, name=ZIP) -> dict[str, bytes]:
    with zipfile.ZipFile(site.root / name) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_the_worker_shim_is_served_by_the_site_not_a_cdn():
    assert local_polyfills(None) == [WORKER_SHIM]
    assert local_polyfills(["https://unpkg.com/iframe-worker/shim", "assets/other.js"]) == [WORKER_SHIM, "assets/other.js"]


def test_offline_writes_a_zip_that_opens_from_files(one_guide):
    result = one_guide.omg("offline")
    assert result.ok, result.output
    pages = sum(name.endswith(".html") for name in zipped(one_guide))
    assert (f"Wrote {ZIP} ({pages} pages). Unzip it and open one-minute-guides/index.html in a web browser."
            in result.output.splitlines())
    files = zipped(one_guide)
    # Links end in .html, so a browser opening the files finds each page.
    assert "one-minute-guides/guides/target.html" in files
    assert "one-minute-guides/search/search_index.js" in files
    assert f"one-minute-guides/{WORKER_SHIM}" in files
    guide = files["one-minute-guides/guides/target.html"].decode("utf-8")
    assert f'<script src="../{WORKER_SHIM}"></script>' in guide
    assert not [name for name, data in files.items() if name.endswith(".html") and b"unpkg.com" in data]


def test_offline_writes_where_it_is_told(one_guide, tmp_path):
    result = one_guide.omg("offline", "--output", str(tmp_path / "carry.zip"))
    assert result.ok, result.output
    assert f"Wrote {tmp_path / 'carry.zip'} (" in result.output
    assert "one-minute-guides/index.html" in zipped(one_guide, tmp_path / "carry.zip")


def test_the_website_build_has_no_offline_parts(one_guide):
    result = one_guide.build()
    assert result.ok, result.output
    assert (one_guide.site / "guides/target/index.html").exists()
    assert not (one_guide.site / "search/search_index.js").exists()
    assert not re.search(r"<script src=\"[^\"]*iframe-worker", one_guide.html("guides/target/"))


def test_a_failed_offline_build_writes_no_zip(one_guide):
    one_guide.guide("broken", guide_text("Broken", contacts="[nobody-at-all]"))
    result = one_guide.omg("offline")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert result.output.splitlines()[-1] == "The offline build failed; see the messages above. No zip was written."
    assert not (one_guide.root / ZIP).exists()


def test_offline_without_the_plugin_in_mkdocs_yml_says_how_to_add_it(one_guide):
    config = one_guide.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  - offline:")
    end = text.index("\n", text.index("enabled:", start)) + 1
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    result = one_guide.omg("offline")
    assert result.returncode == 1
    assert result.output.splitlines()[-1] == (
        "mkdocs.yml: the offline plugin did not run, so search would not work from the files. "
        "Fix: list it under 'plugins:' as '- offline:' with 'enabled: !ENV [OMG_OFFLINE, false]'.")
    assert not (one_guide.root / ZIP).exists()


def test_offline_outside_the_project_says_where_to_run_it(tmp_path):
    from sitekit import FixtureSite

    result = FixtureSite(tmp_path).omg("offline")
    assert result.returncode == 1
    assert result.output.strip() == ".: no mkdocs.yml here. Fix: run the command in the project folder, or pass --root."
