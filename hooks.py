"""MkDocs hooks: thin calls into the `omg` package.

The corpus is loaded and checked by the omg-macros plugin (omg/mkdocs_plugin.py)
in on_files; hooks hand its data to the templates, keep editors' text as text
(omg/editortext.py) and check every built page (omg/rendercheck.py).
"""

from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import AnchorLink

from omg import editortext, offline, rendercheck, site
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
    # `make serve` only: the page's problems, in the words of `omg check` (omg/preview.py).
    context["omg_problems"] = plugin.preview.for_page(page.file.src_path) if plugin.preview else None
    _hide_empty_contents(page)
    context["omg_page"] = site.page_view(plugin.corpus, page.file.src_path, url_for=plugin.url_for(page),
                                         history=plugin.history, home=page.is_homepage)
    return context


def _skip_link_to_title(page, guide):
    # Material's "Skip to content" targets the first TOC entry; on a guide that would skip
    # the title, summary and review notice, so the title (the guide's <h1>) comes first,
    # holding the sections, which Material then lists as the page's contents.
    title = AnchorLink(editortext.as_text(guide.title), guide.slug, 1)
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


@event_priority(-100)  # after the macros plugin read the metadata, before any template prints it
def on_page_markdown(markdown, page, config, files):
    # Material prints titles and descriptions unescaped: from here on they are escaped text.
    page.meta = editortext.escape_meta(page.meta)
    hide = plugin_of(config).corpus.settings.hide.get(page.file.src_uri)
    if hide:  # theme settings come from mkdocs.yml, never from a page
        page.meta["hide"] = list(hide)
    return markdown


def on_env(env, config, files):
    # Every page's footer links to the statement; 404.html has no page context, so a global.
    statement = files.get_file_from_path("accessibility.md")
    env.globals["omg_accessibility_statement"] = statement.url if statement else None
    env.autoescape = editortext.autoescape_ours  # our templates escape every value they print
    global _render_check
    _render_check = rendercheck.RenderCheck(env, config, plugin_of(config))
    env.globals["omg_site"] = plugin_of(config).corpus.identity  # data/site.yml: who runs the site
    return env


_render_check: rendercheck.RenderCheck | None = None  # this build's final-HTML check (omg/rendercheck.py)


@event_priority(-100)  # last: the page as it will be written
def on_post_page(output, page, config):
    return _render_check.page(output, page)


def on_post_build(config):
    # Then the other files (404, redirects, SVG and XML), once every file is written; fails on any problem.
    _render_check.finish(Path(config.site_dir))
