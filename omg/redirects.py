"""Redirect pages for renamed guides: each alias of a published guide keeps
its old address, guides/<alias>/, as a page that sends readers on.

Plain data here; overrides/omg-redirect.html renders it and the plugin adds
the pages to the build (omg/mkdocs_plugin.py).
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE = "omg-redirect.html"


@dataclass(frozen=True)
class Redirect:
    alias: str
    slug: str
    title: str
    src_uri: str     # where the redirect page is written, relative to the site
    target_src: str  # the guide's source, relative to docs/


def redirects_for(corpus) -> list[Redirect]:
    """One redirect for each alias of each guide in the build."""
    folder = corpus.settings.guides_dir
    return [Redirect(alias, guide.slug, guide.title, f"{folder}/{alias}/index.html", corpus.guide_src(guide.slug))
            for guide in corpus.guides_sorted() for alias in guide.aliases]
