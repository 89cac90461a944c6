"""Two builds of the same sources with the same SOURCE_DATE_EPOCH are byte-identical.

Then anyone can rebuild a published commit and prove the site is what the
sources say. The second build runs from a copy of the project in another
folder, in another time zone, with another hash seed, so that paths, the
clock and set ordering cannot leak into the output unnoticed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitekit import ROOT

# Not needed to build, or written by the build and by tests.
IGNORED = shutil.ignore_patterns(".venv", "site", ".site.new", ".*.new", "__pycache__", "*.egg-info",
                                 ".pytest_cache", ".hypothesis", "tests", "benchmarks")


def build(project: Path, site_dir: Path, **env: str) -> None:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project), **env}
    done = subprocess.run([sys.executable, "-m", "omg", "build", "--site-dir", str(site_dir)],
                          cwd=project, env=full_env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def fingerprints(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_with_the_same_source_date_epoch_are_byte_identical(tmp_path):
    # Today at midnight UTC: no real guide can have been reviewed after it.
    today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    epoch = str(int(today.timestamp()))
    copy = tmp_path / "elsewhere" / "project"
    shutil.copytree(ROOT, copy, ignore=IGNORED, symlinks=True)

    build(ROOT, tmp_path / "first", SOURCE_DATE_EPOCH=epoch, TZ="UTC", PYTHONHASHSEED="1")
    build(copy, tmp_path / "second", SOURCE_DATE_EPOCH=epoch, TZ="Pacific/Kiritimati", PYTHONHASHSEED="2")

    first, second = fingerprints(tmp_path / "first"), fingerprints(tmp_path / "second")
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"} <= set(first)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_the_sitemap_dates_and_gzip_header_come_from_source_date_epoch(tmp_path):
    epoch = int(dt.datetime(2030, 6, 1, tzinfo=dt.timezone.utc).timestamp())
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORED, symlinks=True)
    build(project, tmp_path / "site", SOURCE_DATE_EPOCH=str(epoch))
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2030-06-01</lastmod>" in sitemap
    packed = (tmp_path / "site" / "sitemap.xml.gz").read_bytes()
    assert int.from_bytes(packed[4:8], "little") == epoch  # the gzip header's time stamp
    assert gzip.decompress(packed).decode("utf-8") == sitemap


def test_a_malformed_source_date_epoch_stops_the_build_with_a_message_not_a_traceback(site):
    result = site.build(env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 1
    assert result.output.strip() == (
        "SOURCE_DATE_EPOCH is 'yesterday', not a number of seconds since 1970. Fix: unset it, or set it to a "
        "whole number such as the last commit's time: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct).")
    assert not site.site.exists()
