"""MkDocs hooks: thin calls into the `omg` package.

The corpus is loaded and checked by the omg-macros plugin (omg/mkdocs_plugin.py)
in on_files; hooks only hand its data to the templates.
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink

from omg import csp, offline, site
from omg.mkdocs_plugin import build_day, plugin_of


@event_priority(100)  # before Material's offline plugin, which would add a CDN copy of the worker shim
def on_config(config):
    plugin = config.plugins.get("material/offline")
    if plugin and plugin.config.enabled:
        config.extra["polyfills"] = offline.local_polyfills(config.extra.get("polyfills"))
    return config


def on_page_context(context, page, config, nav):
    plugin = plugin_of(config)
    slug = plugin.guide_slug(page.file.src_path)
    if slug and slug in plugin.corpus.guides:
        context["guide"] = site.guide_view(plugin.corpus, slug, url_for=plugin.url_for(page), today=build_day(),
                                           history=plugin.history, address=page.canonical_url or "",
                                           repo_url=config.repo_url or "")
        _skip_link_to_title(page, context["guide"])
    _hide_empty_contents(page)
    context["omg_page"] = site.page_view(plugin.corpus, page.file.src_path, url_for=plugin.url_for(page),
                                         history=plugin.history, home=page.is_homepage)
    return context


def _skip_link_to_title(page, guide):
    # Material's "Skip to content" targets the first TOC entry; on a guide that would skip
    # the title, summary and review notice, so the title (the guide's <h1>) comes first,
    # holding the sections, which Material then lists as the page's contents.
    title = AnchorLink(guide.title, guide.slug, 1)
    title.children = list(page.toc.items)
    page.toc.items[:] = [title]


def _hide_empty_contents(page):
    # Material renders a "Table of contents" landmark even when it lists nothing; its
    # documented `hide: [toc]` leaves it out.
    items = list(page.toc.items)
    if items and items[0].level == 1:
        items = items[0].children
    if not items:
        page.meta["hide"] = [*(page.meta.get("hide") or []), "toc"]


def on_env(env, config, files):
    # Every page's footer links to the statement; 404.html has no page context, so a global.
    statement = files.get_file_from_path("accessibility.md")
    env.globals["omg_accessibility_statement"] = statement.url if statement else None
    env.globals["omg_site"] = plugin_of(config).corpus.identity  # data/site.yml: who runs the site
    return env


_protected: set[str] = set()  # pages given their policy as they were written, in this build


def on_pre_build(config):
    _protected.clear()


@event_priority(-100)  # last: the policy hashes the inline scripts of the page as written
def on_post_page(output, page, config):
    if plugin_of(config).serving:  # `mkdocs serve` adds its own inline live-reload script
        return output
    _protected.add(str(Path(page.file.abs_dest_path)))
    return csp.protect_page(output)


def on_post_build(config):
    # Then the other pages (404, redirects), once every file is written.
    if not plugin_of(config).serving:
        csp.protect_site(Path(config.site_dir), done=_protected)
