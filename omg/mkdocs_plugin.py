"""mkdocs-macros, with page text rendered in our sandbox (`omg.macros`).

The stock plugin renders pages with an unsandboxed Jinja environment that
can read the environment, the config and files, prints macro errors into
the page, and lets front matter (`render_macros: false`) switch it off. This
subclass keeps the plugin (its configuration and its events) but renders
every page with `omg.macros.Renderer`, and turns any error into a build
failure naming the file and line. It also owns the corpus for the build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.config_options import Type as OptionType
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import clean_directory
from mkdocs_macros.plugin import MacrosPlugin

from . import browse, identity, statement
from .abbreviations import GlossaryExtension
from .corpus import Corpus, check_corpus
from .editortext import autoescape_ours
from .figures import FigureExtension
from .history import History, load_history
from .incremental import Plan, Tracker, guide_fingerprints, shared_fingerprint, stamp
from .macros import MacroError
from .preview import LINK_WARNINGS, Preview, check_anchors_before_writing, quiet_output, readable
from .problems import GuideError, Problem, Report
from .search_index import update_index
from .search_terms import search_terms
from .redirects import TEMPLATE as REDIRECT_TEMPLATE, Redirect, redirects_for
from .settings import settings_from_config


# mkdocs-macros runs the Python module named by its `module_name` option (default: main.py at the
# project root) and any `modules:` it lists. Ours names a module of this package that defines nothing,
# so no file a pull request adds at the root is ever run (tests/test_site_build.py, tests/redteam/).
OWN_MODULE = str(Path(__file__).with_name("macros_module.py").with_suffix(""))  # mkdocs-macros adds .py
# Options that would load project files into the stock Jinja environment, which renders nothing here.
_REFUSED_OPTIONS = {"modules": [], "include_yaml": [], "include_dir": ""}


class SandboxedMacrosPlugin(MacrosPlugin):
    config_scheme = tuple((name, OptionType(str, default=OWN_MODULE)) if name == "module_name" else (name, option)
                          for name, option in MacrosPlugin.config_scheme)
    corpus: Corpus | None = None
    files = None
    include_drafts = False
    serving = False
    history: History | None = None
    preview: Preview | None = None  # `mkdocs serve`: problems shown on their pages instead of stopping
    current_src = ""  # the page being rendered, for figure addresses
    incremental = False  # `mkdocs serve --dirty`: write again only what an edit changed (omg/incremental.py)
    tracker: Tracker | None = None
    plan: Plan | None = None
    search_docs: list[dict] | None = None  # the search index of the last build, to merge a partial one into
    written: set[str] = frozenset()        # addresses of the pages this build renders (a set from on_files)
    by_src = None                          # (files, {src_uri: file}) for url_for
    anchors: dict | None = None            # src_uri -> (its anchor ids, {linked src_uri: {anchor: link}})
    redirect_probes: dict | None = None    # redirect page's address -> the same page with no editor text (omg/probe.py)

    def on_config(self, config):
        self._refuse_project_code()
        config = super().on_config(config) or config
        # Glossary tooltips and inline figures, read from the corpus when each page renders.
        config.markdown_extensions.append(GlossaryExtension(self.glossary_terms))
        config.markdown_extensions.append(FigureExtension(lambda: self.corpus.figures if self.corpus else {},
                                                          lambda: self.current_src))
        return config

    def _refuse_project_code(self) -> None:
        """mkdocs.yml may not point mkdocs-macros at Python or files of the project: pages see only our macros."""
        problems = []
        if self.config["module_name"] != OWN_MODULE:
            problems.append(f"module_name: {self.config['module_name']!r}")
        problems += [f"{name}: {self.config[name]!r}" for name, empty in _REFUSED_OPTIONS.items() if self.config[name] != empty]
        if problems:
            raise PluginError(f"mkdocs.yml: the omg-macros plugin sets {', '.join(problems)}. Guide text is rendered "
                              "by omg's sandbox, which runs no project code and reads no other files. "
                              "Fix: remove these options from the plugin's settings.")

    def on_startup(self, *, command, dirty):
        # Drafts show in `mkdocs serve` (with a banner) and never in a build.
        self.include_drafts = command == "serve"
        self.serving = command == "serve"  # `mkdocs serve` injects an inline live-reload script
        self.incremental = self.serving and dirty
        self.tracker, self.search_docs, self.anchors = Tracker(), None, None
        quiet_output()
        _DIRTY_WARNING.active = self.incremental

    def on_shutdown(self):
        _DIRTY_WARNING.active = False
        LINK_WARNINGS.preview = None

    def on_files(self, files, *, config):
        root = Path(config.config_file_path).parent
        today = build_day()
        self.corpus, report = check_corpus(root, settings=settings_from_config(config), today=today,
                                           include_drafts=self.include_drafts)
        # The preview shows problems on their pages (omg/preview.py); a build refuses them.
        self.preview = Preview(report.problems, docs_dir=self._docs_shown(), root=root) if self.serving else None
        LINK_WARNINGS.preview, LINK_WARNINGS.page = self.preview, None
        if not self.serving:
            release = self.corpus.settings.release
            _refuse([problem for problem in report.problems if release or not problem.release_only])
            _list_for_release([problem for problem in report.problems if problem.release_only and not release])
        _apply_identity(self.corpus, config, root)
        for file in list(files):
            slug = self.guide_slug(file.src_path)
            if slug and slug not in self.corpus.guides:
                if self.preview:  # a guide that could not be read: its problems stand in its place
                    self.preview.mark_unrendered(file.src_path)
                else:
                    files.remove(file)  # a draft, outside `mkdocs serve`
        self.redirect_probes = {}
        for redirect in redirects_for(self.corpus):
            page, self.redirect_probes[redirect.src_uri] = _redirect_page(redirect, files, config)
            files.append(page)
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
        shown = {slug: self._shown_problems(slug) for slug in self.corpus.guides} if self.preview else {}
        self.plan = self.tracker.plan(shared, guide_fingerprints(self.corpus, self.history, problems=shown))
        if self.plan.full:
            clean_directory(config.site_dir)  # as a full build does; stale pages of removed guides go too
            self.search_docs = None
            return
        for file in files.documentation_pages():
            slug = self.guide_slug(file.src_path)
            # Pages that are not guides (home, lists) show every guide, and are few: always written; so is a
            # guide that could not be read (the preview shows its problems instead).
            if (slug is None or slug not in self.corpus.guides or slug in self.plan.stale) and os.path.exists(file.abs_dest_path):
                os.remove(file.abs_dest_path)  # MkDocs writes a page again when its HTML is missing
        search = config.plugins.get("material/search")
        if search is not None:
            search.search_index_prev = None  # its own merge assumes one page was written; update_index merges

    def _shown_problems(self, slug: str) -> str:
        """What a guide's page shows of its problems: its own, and its links to headings elsewhere, which
        break when that page changes (their files' stamps, from the last build's anchors)."""
        src = self.corpus.guide_src(slug)
        linked = sorted((self.anchors or {}).get(src, ((), {}))[1])
        return self.preview.fingerprint(src) + repr([stamp(self.corpus.docs_dir / other) for other in linked])

    def on_env(self, env, *, config, files):
        if self.incremental and not self.plan.full and self.anchors:
            self._restore_anchors(files)
        if self.preview:
            check_anchors_before_writing(files, level=config.validation.links.anchors)
        return env

    def _restore_anchors(self, files) -> None:
        """MkDocs checks links to headings only between pages it rendered in this build. A page left as it
        was keeps its headings and its links from the build before, so the preview lists a broken
        '#heading' link exactly as a full build finds it."""
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
                problems.append(Problem(f"{self._docs_shown()}/{page.src_uri}", None,
                                        f"this address belongs to the generated page '{page.title}'.",
                                        fix="rename or delete the file."))
            else:
                files.append(File.generated(config, page.src_uri, content=page.markdown()))
        if self.preview:
            self.preview.add(problems)
        elif problems:
            raise PluginError("\n".join(str(problem) for problem in problems))

    def _docs_shown(self) -> str:
        """docs/ as messages name it: relative to the project (MkDocs' own setting is an absolute path)."""
        docs = self.corpus.docs_dir
        return docs.relative_to(self.corpus.root).as_posix() if docs.is_relative_to(self.corpus.root) else docs.as_posix()

    def glossary_terms(self) -> dict[str, str]:
        return {term.term: term.tooltip for term in self.corpus.glossary.values()} if self.corpus else {}

    def on_page_read_source(self, *, page, config):
        # A guide's file was read and its front matter checked in on_files; rather than MkDocs reading
        # it all again, it gets the text below the front matter, and the fields in on_page_markdown.
        # (A first line left blank tells MkDocs there is no metadata to look for.)
        guide = self._guide_of(page)
        if guide:
            return "\n" + guide.body
        if self.preview and (page.file.src_path in self.preview.unrendered or not readable(page.file.abs_src_path)):
            self.preview.mark_unrendered(page.file.src_path)
            return "\n"  # its problems are shown instead (overrides/partials/omg-problems.html)
        return None

    def on_page_markdown(self, markdown, page, config, **kwargs):
        self.current_src = page.file.src_path
        LINK_WARNINGS.page = page.file.src_uri  # MkDocs checks the page's links as it renders it, next
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
        if self.preview and self.preview.problems:
            log.info(self.preview.summary())
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
        if self.preview and src in self.preview.unrendered:
            return ""
        try:
            return self.corpus.renderer.render(markdown, page=src, first_line=_first_line(page, markdown)).markdown
        except MacroError as error:
            if self.preview:  # check_corpus found the same error: the page shows it in place of its text
                self.preview.mark_unrendered(src)
                return ""
            shown = f"{self.corpus.settings.docs_dir}/{src}"
            raise PluginError(f"{shown}:{error.line or '?'}: {error.message} Fix: {error.fix}") from None


log = logging.getLogger("mkdocs.plugins.omg")


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


def _list_for_release(problems: list) -> None:
    """Problems only a release refuses, listed on standard error: a log warning would fail the strict build."""
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines = [f"{len(problems)} {noun} to fix before publishing. This build is a preview; `omg check`, "
                 "the pull-request check and `omg build --release` refuse them:"]
        print("\n".join(lines + [f"  - {problem}" for problem in sorted(problems, key=str)]), file=sys.stderr)


def _refuse(problems: list) -> None:
    """The strict build: every problem, then one failure."""
    try:
        Report(list(problems)).raise_if_any()
    except GuideError as error:
        raise PluginError(error.summary()) from None


def _apply_identity(corpus: Corpus, config, root: Path) -> None:
    """The public address and repository from data/site.yml; a release build refuses placeholders."""
    site = corpus.identity
    if corpus.settings.release:
        report = Report()
        identity.release_problems(site, report=report)
        identity.config_problems(site_url=config.site_url or "", repo_url=config.repo_url or "", identity=site,
                                 report=report)
        identity.codeowners_problems(root, report=report)
        statement.record_problems(root, report=report)
        if report:
            problems = GuideError(report.problems).summary().split("\n", 1)[1]
            count = len(report.problems)
            raise PluginError(f"The release build stopped: {count} {'value is' if count == 1 else 'values are'} "
                              f"not ready to publish.\n{problems}")
    # `mkdocs serve` has already set site_url to the preview's own address: kept, so links work there.
    config.site_url = config.site_url or site.address
    config.repo_url = config.repo_url or site.repository
    if not config.repo_url:
        config.edit_uri = None  # no repository: no "Edit this page" (MkDocs would warn of a relative edit link)


def _first_line(page, markdown: str) -> int:
    """The file line where `markdown` (the text after front matter) starts."""
    try:
        source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")
    except (OSError, TypeError, ValueError):  # ValueError: not UTF-8, reported by the check
        return 1
    if markdown and source.endswith(markdown):
        return source.count("\n", 0, len(source) - len(markdown)) + 1
    return 1


def _redirect_page(redirect: Redirect, files, config) -> tuple[File, str]:
    """guides/<alias>/index.html, sending readers on to the renamed guide; and the same page rendered
    with a blank title, which says what the final-HTML check allows in it (omg/rendercheck.py)."""
    page = File.generated(config, redirect.src_uri, content="")
    target = files.get_file_from_path(redirect.target_src)
    env = config.theme.get_env()
    env.autoescape = autoescape_ours
    template = env.get_template(REDIRECT_TEMPLATE)
    addresses = dict(url=target.url_relative_to(page), canonical=urljoin(config.site_url or "", target.url), config=config)
    page.content_string = template.render(redirect=redirect, **addresses)
    probe = template.render(redirect=dataclasses.replace(redirect, title="Blank"), **addresses)
    return page, probe


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
