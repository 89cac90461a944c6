"""The offline copy: the site as a folder that opens from a laptop's files.

Material's offline plugin (in mkdocs.yml, off unless OMG_OFFLINE=1) makes links
end in .html and puts the search index in a script. A page opened from file://
cannot start the search worker, so the plugin adds a shim that stands in for
it, fetched from a CDN. We list our own shim instead (overrides/assets/javascripts/
omg-iframe-worker.js, published with the theme), which the security policy allows
and which needs no internet, so no reader's browser contacts another host.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

ENV = "OMG_OFFLINE"  # mkdocs.yml: `enabled: !ENV [OMG_OFFLINE, false]`; set it to "true"
WORKER_SHIM = "assets/javascripts/omg-iframe-worker.js"  # from overrides/; the name must say "iframe-worker"
SEARCH_SCRIPT = "search/search_index.js"                          # written by the offline plugin


def local_polyfills(polyfills: list[str] | None) -> list[str]:
    """The theme's polyfills with the worker shim served by the site itself.

    The plugin adds its CDN copy only when no polyfill already names
    "iframe-worker", so ours, listed first, is the one used.
    """
    polyfills = [url for url in (polyfills or []) if "iframe-worker" not in url]
    return [WORKER_SHIM, *polyfills]


def zip_site(site_dir: Path, output: Path, *, folder: str) -> int:
    """Write `site_dir` into the zip `output` under `folder/`; the number of pages.

    Written beside the target and renamed, so a failed run never leaves half a zip.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    pages = 0
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            relative = path.relative_to(site_dir).as_posix()
            archive.write(path, f"{folder}/{relative}")
            pages += path.suffix == ".html"
    os.replace(partial, output)
    return pages
