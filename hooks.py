"""MkDocs hooks: thin calls into the `omg` package.

The corpus is loaded and checked by the omg-macros plugin (omg/mkdocs_plugin.py)
in on_files; hooks only hand its data to the templates.
"""

from omg import site
from omg.mkdocs_plugin import build_day, plugin_of


def on_page_context(context, page, config, nav):
    plugin = plugin_of(config)
    slug = plugin.guide_slug(page.file.src_path)
    if slug and slug in plugin.corpus.guides:
        context["guide"] = site.guide_view(plugin.corpus, slug, url_for=plugin.url_for(page), today=build_day())
    return context
