"""mkdocs-macros, with page text rendered in our sandbox (`omg.macros`).

The stock plugin renders pages with an unsandboxed Jinja environment that
can read the environment, the config and files, prints macro errors into
the page, and lets front matter (`render_macros: false`) switch it off. This
subclass keeps the plugin (its configuration and its events) but renders
every page with `omg.macros.Renderer`, and turns any error into a build
failure naming the file and line. It also owns the corpus for the build.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs_macros.plugin import MacrosPlugin

from .corpus import Corpus, load_corpus
from .macros import MacroError
from .problems import GuideError
from .settings import settings_from_config


class SandboxedMacrosPlugin(MacrosPlugin):
    corpus: Corpus | None = None
    files = None
    include_drafts = False

    def on_startup(self, *, command, dirty):
        # Drafts show in `mkdocs serve` (with a banner) and never in a build.
        self.include_drafts = command == "serve"

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
        self.files = files
        return files

    def guide_slug(self, src_path: str) -> str | None:
        """The slug when `src_path` (relative to docs/) is a guide, else None."""
        folder, _, name = src_path.rpartition("/")
        if folder == self.corpus.settings.guides_dir and name.endswith(".md"):
            return name[:-3]
        return None

    def url_for(self, page):
        """A function from a source path to its address relative to `page`."""
        def resolve(src_path: str) -> str:
            target = self.files.get_file_from_path(src_path)
            return target.url_relative_to(page.file) if target else ""
        return resolve

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


def build_day() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
