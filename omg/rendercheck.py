"""The final-HTML check and the content security policy, for a whole build.

Each page is checked as it is written (omg/htmlcheck.py, against the blank
page of omg/probe.py) and given its policy from the same blank page. Files
written outside the page loop (404.html, redirect pages, SVG and XML files)
are checked once the build is done. Every problem is collected, named by
the file an editor changed (and the field, when the markup is found in a
front-matter or data field), and the build fails once with all of them.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from . import csp, htmlcheck
from .browse import generated_pages
from .listing import listed
from .problems import GuideError, Report
from .probe import TrustedTemplates

# Files a browser may read as a document of its own, with scripts: checked like pages.
MARKUP_SUFFIXES = (".svg", ".svgz", ".xml", ".xsl", ".xslt", ".xht", ".xhtml", ".mml", ".rdf", ".htm", ".shtml")
FIX = ("write it as plain text. Nothing an editor writes (text, front matter or data) may add scripts, frames, "
       "forms, event handlers, styles or script addresses to a page; if no editor wrote it, a template or "
       "mkdocs.yml did, and a maintainer must fix that.")
# Generated pages (omg/browse.py) and the data file their text comes from.
GENERATED_SOURCES = {"topic": "topics.yml", "topics": "topics.yml", "audience": "audiences.yml",
                     "audiences": "audiences.yml", "glossary": "glossary.yml"}


@dataclasses.dataclass(frozen=True)
class EditorText:
    path: str   # the file, relative to the repository
    field: str  # the field, such as 'title' or "entry 'safeguarding', description"
    value: str  # lower case, for finding a piece of a page in it


class RenderCheck:
    def __init__(self, env, config, plugin):
        self.trusted = TrustedTemplates(env, config)
        self.config, self.plugin = config, plugin
        self.report = Report()
        self.done: set[str] = set()
        self._texts: list[EditorText] | None = None

    def page(self, html: str, page) -> str:
        """The page with its policy; its problems are kept for `finish`."""
        profile = self.trusted.for_page(page)
        findings = htmlcheck.check_html(html, profile)
        if findings:
            self._add(findings, source=self._source_of(page), address=page.url or "/", meta=page.meta)
        self.done.add(str(Path(page.file.abs_dest_path)))
        if self.plugin.serving:  # `mkdocs serve` adds its own inline live-reload script
            return html
        return csp.protect_page(html, csp.policy_from(profile.script_hashes))

    def finish(self, site_dir: Path) -> None:
        """Check and protect the files written outside the page loop; fail the build on any problem."""
        site_dir = Path(site_dir)
        sources = {file.dest_uri: file for file in (self.plugin.files or [])}
        # Pages were checked as they were written; a `mkdocs serve --dirty` rebuild keeps the rest as they were.
        pages = {file.dest_uri for file in self.plugin.files.documentation_pages()} if self.plugin.files else set()
        for path in listed(site_dir, "*", recursive=True):
            suffix = path.suffix.lower()
            if str(path) in self.done or not path.is_file() or suffix not in (".html", *MARKUP_SUFFIXES):
                continue
            relative = path.relative_to(site_dir).as_posix()
            if relative in pages:
                continue
            profile = self._profile_for(relative)
            text = path.read_bytes().decode("utf-8", errors="replace")
            findings = htmlcheck.check_html(text, profile, document=suffix == ".html")
            if findings:
                self._add(findings, source=self._static_source(relative, sources), address=relative, meta=None)
        if not self.plugin.serving:
            done = self.done | {str(site_dir / uri) for uri in pages}
            csp.protect_site(site_dir, policy_of=lambda path: csp.policy_from(
                self._profile_for(path.relative_to(site_dir).as_posix()).script_hashes), done=done)
        if self.report:
            problems = sorted(dict.fromkeys(self.report.problems), key=lambda p: (p.path, p.field or "", p.message))
            raise PluginError(GuideError(problems).summary())

    def _profile_for(self, relative: str) -> htmlcheck.Profile:
        if relative == "404.html":
            return self.trusted.for_error_page()
        probe = (self.plugin.redirect_probes or {}).get(relative)
        return htmlcheck.profile_of(probe) if probe is not None else htmlcheck.EMPTY

    def _add(self, findings, *, source: str, address: str, meta: dict | None) -> None:
        for finding in findings:
            needle = finding.needle.lower()
            where = [text for text in self._page_texts(source, meta) + self.texts() if needle and needle in text.value]
            message = f"the built page '{address}' has {finding.what}."
            if not where:
                self.report.add(source, None, message, fix=FIX)
            for text in dict.fromkeys(where):
                self.report.add(text.path, None, message, fix=FIX, field=text.field)

    @property
    def _docs(self) -> str:
        """docs/, as messages name it."""
        corpus = self.plugin.corpus
        return corpus.settings.docs_dir if corpus is not None else Path(self.config.docs_dir).name

    def texts(self) -> list[EditorText]:
        """Every string editors wrote in front matter and data files, once a build."""
        if self._texts is None:
            self._texts = editor_texts(self.plugin.corpus) if self.plugin.corpus else []
        return self._texts

    def _page_texts(self, source: str, meta: dict | None) -> list[EditorText]:
        return [EditorText(source, name, value) for name, value in _flat(meta or {})]

    def _source_of(self, page) -> str:
        corpus = self.plugin.corpus
        if page.file.generated_by and corpus is not None:
            kind = next((p.kind for p in generated_pages(corpus) if p.src_uri == page.file.src_uri), None)
            if kind in GENERATED_SOURCES:
                return f"{corpus.settings.data_dir}/{GENERATED_SOURCES[kind]}"
            return f"{corpus.settings.docs_dir}/{corpus.settings.guides_dir}/"
        return f"{self._docs}/{page.file.src_uri}"

    def _static_source(self, relative: str, sources: dict) -> str:
        file = sources.get(relative)
        corpus = self.plugin.corpus
        if corpus is not None:
            for guide in corpus.guides.values():
                if any(relative == f"{corpus.settings.guides_dir}/{alias}/index.html" for alias in guide.aliases):
                    return guide.path
        if file is not None and not file.generated_by:
            return f"{self._docs}/{file.src_uri}"
        return f"site/{relative}"


def editor_texts(corpus) -> list[EditorText]:
    """(file, field, text) for every guide's front matter and every data file entry."""
    texts = []
    for guide in corpus.guides.values():
        texts += [EditorText(guide.path, name, value) for name, value in _flat(guide.front)]
    data = corpus.settings.data_dir
    for name in ("contacts", "links", "topics", "audiences", "glossary"):
        for entry_id, entry in getattr(corpus, name).items():
            values = dataclasses.asdict(entry) if dataclasses.is_dataclass(entry) else dict(entry)
            texts += [EditorText(f"{data}/{name}.yml", f"entry '{entry_id}', {key}", value)
                      for key, value in _flat(values) if key != "id"]
    return texts


def _flat(values: dict) -> list[tuple[str, str]]:
    found = []
    for key, value in values.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        found += [(str(key), (item.unescape() if isinstance(item, Markup) else item).lower())
                  for item in items if isinstance(item, str)]
    return found
