"""mkdocs-macros, with page text rendered in our sandbox (`omg.macros`).

The stock plugin renders pages with an unsandboxed Jinja environment that
can read the environment, the config and files, prints macro errors into
the page, and lets front matter (`render_macros: false`) switch it off. This
subclass keeps the plugin (its configuration and its events) but renders
every page with `omg.macros.Renderer`, and turns any error into a build
failure naming the file and line. It also owns the corpus for the build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import logging
import os
import sys
import types
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory


class _ImportedOnFirstUse(types.ModuleType):
    """Stands in for a module, and imports the real one when a name in it is first used."""

    def __getattr__(self, name):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        self.__dict__.update(real.__dict__)
        return getattr(real, name)


# mkdocs-macros imports requests (and with it urllib3, ssl and http.client) for remote includes,
# which our sandbox never allows: about 0.05 s of every build. (importlib.util.LazyLoader
# would not help: Python 3.11's `import` statement reads the module's __spec__, which loads it.)
if "requests" not in sys.modules:
    sys.modules["requests"] = _ImportedOnFirstUse("requests")

from mkdocs_macros import context as macros_context  # noqa: E402 (after the lazy import above)
from mkdocs_macros.plugin import MacrosPlugin  # noqa: E402

from . import browse
from .abbreviations import GlossaryExtension
from .corpus import Corpus, load_corpus
from .figures import FigureExtension
from .history import History, load_history
from .incremental import Plan, Tracker, guide_fingerprints, shared_fingerprint
from .macros import MacroError
from .problems import GuideError
from .search_index import update_index
from .search_terms import search_terms
from .redirects import TEMPLATE as REDIRECT_TEMPLATE, Redirect, redirects_for
from .settings import settings_from_config


class SandboxedMacrosPlugin(MacrosPlugin):
    corpus: Corpus | None = None
    files = None
    include_drafts = False
    serving = False
    history: History | None = None
    current_src = ""  # the page being rendered, for figure addresses
    incremental = False  # `mkdocs serve --dirty`: write again only what an edit changed (omg/incremental.py)
    tracker: Tracker | None = None
    plan: Plan | None = None
    search_docs: list[dict] | None = None  # the search index of the last build, to merge a partial one into
    written: set[str] = frozenset()        # addresses of the pages this build renders (a set from on_files)
    by_src = None                          # (files, {src_uri: file}) for url_for
    anchors: dict | None = None            # src_uri -> (its anchor ids, {linked src_uri: {anchor: link}})

    def on_config(self, config):
        # mkdocs-macros runs thirteen git commands here, on every build and every serve rebuild, for a
        # `git` variable that our sandbox never shows to a page: about 20 ms of CPU each time.
        with _without_git_variable():
            config = super().on_config(config) or config
        # Glossary tooltips and inline figures, read from the corpus when each page renders.
        config.markdown_extensions.append(GlossaryExtension(self.glossary_terms))
        config.markdown_extensions.append(FigureExtension(lambda: self.corpus.figures if self.corpus else {},
                                                          lambda: self.current_src))
        return config

    def on_startup(self, *, command, dirty):
        # Drafts show in `mkdocs serve` (with a banner) and never in a build.
        self.include_drafts = command == "serve"
        self.serving = command == "serve"  # `mkdocs serve` injects an inline live-reload script
        self.incremental = self.serving and dirty
        self.tracker, self.search_docs, self.anchors = Tracker(), None, None
        _DIRTY_WARNING.active = self.incremental

    def on_shutdown(self):
        _DIRTY_WARNING.active = False

    def on_files(self, files, *, config):
        root = Path(config.config_file_path).parent
        today = build_day()
        try:
            self.corpus = load_corpus(root, settings=settings_from_config(config), today=today,
                                      include_drafts=self.include_drafts)
        except GuideError as error:
            raise PluginError(error.summary()) from None
        for file in list(files):
            slug = self.guide_slug(file.src_path)
            if slug and slug not in self.corpus.guides:
                files.remove(file)  # a draft, outside `mkdocs serve`
        for redirect in redirects_for(self.corpus):
            files.append(_redirect_page(redirect, files, config))
        self._add_reader_pages(files, config)
        self.history = load_history(root, folder=f"{self.corpus.settings.docs_dir}/{self.corpus.settings.guides_dir}")
        if not self.history.available:
            log.info("Guide history is not shown: %s.", self.history.reason)
        self.files = files
        self.written = set()
        if self.incremental:
            self._plan_rebuild(files, config, root)
        return files

    def _plan_rebuild(self, files, config, root: Path) -> None:
        """Make MkDocs' dirty build write again every page an edit changed, and nothing more."""
        inputs = [Path(config.config_file_path), root / self.corpus.settings.data_dir, self.corpus.docs_dir / "assets",
                  *(Path(path) for path in config.watch), *([Path(config.theme.custom_dir)] if config.theme.custom_dir else [])]
        shared = shared_fingerprint(self.corpus, inputs=inputs, pages=[file.src_uri for file in files.documentation_pages()],
                                    today=build_day())
        self.plan = self.tracker.plan(shared, guide_fingerprints(self.corpus, self.history))
        if self.plan.full:
            clean_directory(config.site_dir)  # as a full build does; stale pages of removed guides go too
            self.search_docs = None
            return
        for file in files.documentation_pages():
            slug = self.guide_slug(file.src_path)
            # Pages that are not guides (home, lists) show every guide, and are few: always written.
            if (slug is None or slug in self.plan.stale) and os.path.exists(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # MkDocs writes a page again when its HTML is missing
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index_prev = None  # its own merge assumes one page was written; update_index merges

    def on_env(self, env, *, config, files):
        if self.incremental and not self.plan.full and self.anchors:
            self._restore_anchors(files)
        return env

    def _restore_anchors(self, files) -> None:
        """MkDocs checks links to headings only between pages it rendered in this build. A page left as it
        was keeps its headings and its links from the build before, so the preview fails on a broken
        '#heading' link exactly as the full build does."""
        by_src = {file.src_uri: file for file in files}
        for file in files.documentation_pages():
            page, known = file.page, self.anchors.get(file.src_uri)
            if page is None or page.present_anchor_ids is not None or known is None:
                continue
            ids, links = known
            page.present_anchor_ids = set(ids)
            page.links_to_anchors = {by_src[src]: dict(found) for src, found in links.items() if src in by_src}

    def _remember_anchors(self) -> None:
        if self.plan.full or self.anchors is None:
            self.anchors = {}
        for file in self.files.documentation_pages():
            page = file.page
            if page is not None and page.present_anchor_ids is not None:
                self.anchors[file.src_uri] = (frozenset(page.present_anchor_ids),
                                              {to.src_uri: dict(found) for to, found in (page.links_to_anchors or {}).items()})

    def _add_reader_pages(self, files, config) -> None:
        """Topic, audience, glossary and "What's new" pages, generated from the data (omg/browse.py)."""
        problems = browse.reserved_id_problems(self.corpus)
        for page in browse.generated_pages(self.corpus):
            if files.get_file_from_path(page.src_uri):
                problems.append(f"{self.corpus.settings.docs_dir}/{page.src_uri}: this address belongs to the "
                                f"generated page '{page.title}'. Fix: rename or delete the file.")
            else:
                files.append(File.generated(config, page.src_uri, content=page.markdown()))
        if problems:
            raise PluginError("\n".join(problems))

    def glossary_terms(self) -> dict[str, str]:
        return {term.term: term.meaning for term in self.corpus.glossary.values()} if self.corpus else {}

    def on_page_read_source(self, *, page, config):
        # A guide's file was read and its front matter checked in on_files; rather than MkDocs reading
        # it all again, it gets the text below the front matter, and the fields in on_page_markdown.
        # (A first line left blank tells MkDocs there is no metadata to look for.)
        guide = self._guide_of(page)
        return "\n" + guide.body if guide else None

    def on_page_markdown(self, markdown, page, config, **kwargs):
        self.current_src = page.file.src_path
        self.written.add(page.url)
        guide = self._guide_of(page)
        if guide:
            page.meta = dict(guide.front)
        return super().on_page_markdown(markdown, page, config, **kwargs)

    def _guide_of(self, page):
        slug = self.guide_slug(page.file.src_path)
        return self.corpus.guides.get(slug) if slug else None

    # After the search plugin writes its index (0), before Material's offline plugin copies it into a script (-100).
    @event_priority(-50)
    def on_post_build(self, *, config):
        super().on_post_build(config)
        found_by = {}
        by_src = self._files_by_src()
        for slug, terms in search_terms(self.corpus).items():
            file = by_src.get(self.corpus.guide_src(slug))
            if file:
                found_by[file.url] = terms
        index = Path(config.site_dir) / "search" / "search_index.json"
        if not self.incremental:
            update_index(index, found_by)
            return
        partial = not self.plan.full and self.search_docs is not None
        self.search_docs = update_index(index, found_by, previous=self.search_docs if partial else None,
                                        rebuilt=self.written)
        self._remember_anchors()
        self.tracker.finished(self.plan)

    def guide_slug(self, src_path: str) -> str | None:
        """The slug when `src_path` (relative to docs/) is a guide, else None."""
        folder, _, name = src_path.rpartition("/")
        if folder == self.corpus.settings.guides_dir and name.endswith(".md"):
            return name[:-3]
        return None

    def url_for(self, page):
        """A function from a source path to its address relative to `page`."""
        by_src = self._files_by_src()
        def resolve(src_path: str) -> str:
            target = by_src.get(src_path)
            return target.url_relative_to(page.file) if target else ""
        return resolve

    def _files_by_src(self) -> dict:
        # Built once the files are final: MkDocs' own lookup normalises the path on every call.
        if self.by_src is None or self.by_src[0] is not self.files or len(self.by_src[1]) != len(self.files):
            self.by_src = (self.files, {file.src_uri: file for file in self.files})
        return self.by_src[1]

    def render(self, markdown: str, force_rendering: bool = False) -> str:
        page = self.page
        src = page.file.src_path
        slug = self.guide_slug(src)
        if slug and markdown is self.markdown and slug in self.corpus.rendered:
            return self.corpus.rendered[slug]  # rendered and checked once, in on_files
        try:
            return self.corpus.renderer.render(markdown, page=src, first_line=_first_line(page, markdown)).markdown
        except MacroError as error:
            shown = f"{self.corpus.settings.docs_dir}/{src}"
            raise PluginError(f"{shown}:{error.line or '?'}: {error.message} Fix: {error.fix}") from None


log = logging.getLogger("mkdocs.plugins.omg")


@contextlib.contextmanager
def _without_git_variable():
    """While mkdocs-macros sets up its variables, its `git` one is left as it is outside a checkout."""
    original = getattr(macros_context, "get_git_info", None)
    if original is None:  # a later mkdocs-macros: it just runs as it is (tests/test_site_build.py notices)
        yield
        return
    macros_context.get_git_info = lambda: {"status": False, "date": None}
    try:
        yield
    finally:
        macros_context.get_git_info = original


class _DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave pages stale, while our plugin keeps them fresh.

    Under `--strict` that warning alone would fail every `make serve` rebuild.
    """
    active = False

    def filter(self, record):
        return not (self.active and str(record.msg).startswith("A 'dirty' build is being performed"))


_DIRTY_WARNING = _DirtyWarning()
logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_WARNING)


def plugin_of(config) -> SandboxedMacrosPlugin:
    """Our plugin instance, for the hooks."""
    for plugin in config.plugins.values():
        if isinstance(plugin, SandboxedMacrosPlugin):
            return plugin
    raise PluginError("mkdocs.yml must list the 'omg-macros' plugin. Fix: add '- omg-macros' under 'plugins:'.")


def _first_line(page, markdown: str) -> int:
    """The file line where `markdown` (the text after front matter) starts."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError):
        return 1
    if markdown and source.endswith(markdown):
        return source.count("\n", 0, len(source) - len(markdown)) + 1
    return 1


def _redirect_page(redirect: Redirect, files, config) -> File:
    """guides/<alias>/index.html, sending readers on to the renamed guide."""
    page = File.generated(config, redirect.src_uri, content="")
    target = files.get_file_from_path(redirect.target_src)
    template = config.theme.get_env().get_template(REDIRECT_TEMPLATE)
    page.content_string = template.render(redirect=redirect, url=target.url_relative_to(page),
                                          canonical=urljoin(config.site_url or "", target.url), config=config)
    return page


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
