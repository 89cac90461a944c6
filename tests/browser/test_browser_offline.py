"""The offline copy in Chromium: opened from file://, it reads, searches and stays private."""

import subprocess
import sys
import zipfile

import pytest

from browserkit import SearchUnavailable, first_search_result, open_page, privacy_problems, site_pages
from sitekit import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    """`omg offline` on the real project, unzipped as a reader would."""
    work = tmp_path_factory.mktemp("offline")
    done = subprocess.run([sys.executable, "-m", "omg", "offline", "--output", str(work / "guides.zip")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(work / "guides.zip") as archive:
        archive.extractall(work / "unzipped")
    return work / "unzipped" / "one-minute-guides"


def file_url(folder, address: str) -> str:
    """A page address from site_pages() as the file a browser opens."""
    return (folder / (address + "index.html" if address == "" or address.endswith("/") else address)).as_uri()


def search_from_files(browse, folder, start: str, query: str, **options) -> str:
    page = browse(folder.as_uri() + "/")
    open_page(page, file_url(folder, start))
    return first_search_result(page, query, **options)


@pytest.mark.parametrize("start", ["index.html", "guides/child-protection-conferences.html"])
def test_the_offline_copy_searches_from_a_laptops_files(offline_copy, browse, start):
    found = search_from_files(browse, offline_copy, start, "restorative")
    assert found.startswith((offline_copy / "guides" / "restorative-practice.html").as_uri())


def test_every_page_of_the_offline_copy_stays_on_the_laptop(offline_copy, browse):
    page = browse(offline_copy.as_uri() + "/")
    problems = []
    # 404.html is for a web server to show; from files nothing ever opens it.
    for address in [a for a in site_pages(offline_copy) if a != "404.html"]:
        page.context.traffic.requests.clear()
        open_page(page, file_url(offline_copy, address))
        problems += privacy_problems(page, label=address or "index.html")
    assert problems == []


def test_links_in_the_offline_copy_open_files_not_folders(offline_copy, browse):
    page = browse(offline_copy.as_uri() + "/")
    open_page(page, (offline_copy / "index.html").as_uri())
    page.get_by_role("link", name="Restorative practice").first.click()
    assert page.url == (offline_copy / "guides" / "restorative-practice.html").as_uri()
    assert page.get_by_role("heading", level=1).inner_text() == "Restorative practice"


def test_the_search_check_fails_on_the_website_build_opened_from_files(real_site, browse):
    # Why the offline copy exists: the website's own build cannot search from file://.
    with pytest.raises(SearchUnavailable, match=": the page shows no search box$"):
        search_from_files(browse, real_site.root, "", "restorative", timeout=3_000)
