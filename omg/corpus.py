"""The corpus: every guide and data file, loaded and cross-checked once.

`load_corpus` is the one validation that both `omg check` and the site build
use. It collects every problem, then raises a single GuideError.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.utils.meta import META_RE, YAML_RE

from . import yamlfile
from .acronyms import Known, check_first_uses, passages
from .contacts import Contact, load_contacts
from .figures import Figure, load_figures
from .glossary import GlossaryTerm, load_glossary
from .guide import PROSE_SECTIONS, Guide, _headings, check_line_lengths, parse_guide
from .identity import Identity, load_identity
from .links import NamedLink, load_links
from .listing import listed
from .macros import GuideRef, MacroError, Renderer
from .problems import Report, closest
from .projectfiles import check_project_files
from .published import check_published
from .rawhtml import check_corpus_html
from .reading import WORDS_PER_MINUTE, promised_minutes, reading_minutes
from .schema import Field, check_mapping
from .settings import Settings, load_settings
from .statement import load_known_issues, read_record, statement_macros
from .synonyms import SynonymGroup, check_against_guides, load_synonyms
from .taxonomy import Term, load_terms
from .template import PLACEHOLDER_ID, PLACEHOLDER_TEXT, check_placeholders
from .todos import blank_todos, check_site_todos

# Front matter allowed on pages that are not guides (home, accessibility statement...). Theme
# settings (template, hide, search, status, icon...) are not editors' to set: `template:` can pick
# a template that prints a field into a script. Which pages hide the navigation is set in
# mkdocs.yml (extra: omg: hide:).
PAGE_FIELDS = {
    "title": Field("text", help="the page title"),
    "description": Field("text", help="one sentence for search engines"),
}


@dataclass
class Corpus:
    root: Path
    settings: Settings
    contacts: dict[str, Contact]
    links: dict[str, NamedLink]
    topics: dict[str, Term]
    audiences: dict[str, Term]
    glossary: dict[str, GlossaryTerm]
    guides: dict[str, Guide]
    renderer: Renderer
    rendered: dict[str, str] = field(default_factory=dict)       # slug -> markdown after macros
    words: dict[str, int] = field(default_factory=dict)          # slug -> words in the prose sections
    reading_words: dict[str, int] = field(default_factory=dict)  # slug -> words a reader reads (omg/reading.py)
    links_used: dict[str, list[str]] = field(default_factory=dict)  # slug -> named links it cites, in order
    links_to: dict[str, list[str]] = field(default_factory=dict) # slug -> guides it links to
    backlinks: dict[str, list[str]] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)       # name -> checked SVG in docs/assets/figures/
    identity: Identity | None = None  # data/site.yml: who runs the site
    synonyms: dict[str, SynonymGroup] = field(default_factory=dict)  # data/synonyms.yml, for search
    browse_pages: tuple | None = field(default=None, repr=False, compare=False)  # browse.generated_pages, kept

    @property
    def docs_dir(self) -> Path:
        return self.root / self.settings.docs_dir

    def guide_src(self, slug: str) -> str:
        return f"{self.settings.guides_dir}/{slug}.md"

    def guides_sorted(self) -> list[Guide]:
        return sorted(self.guides.values(), key=lambda guide: guide.title.casefold())


def load_corpus(root: Path, *, settings: Settings | None = None, today: dt.date | None = None,
                include_drafts: bool = True) -> Corpus:
    """Load and check everything under `root`; raises GuideError listing every problem."""
    corpus, report = check_corpus(root, settings=settings, today=today, include_drafts=include_drafts)
    report.raise_if_any()
    return corpus


def check_corpus(root: Path, *, settings: Settings | None = None, today: dt.date | None = None,
                 include_drafts: bool = True) -> tuple[Corpus, Report]:
    root = Path(root)
    settings = settings or load_settings(root)
    report = Report()
    data = root / settings.data_dir
    links = load_links(data / "links.yml", report=report, root=root)
    contacts = load_contacts(data / "contacts.yml", report=report, root=root, link_ids=links)
    topics = load_terms(data / "topics.yml", key="topics", report=report, root=root)
    audiences = load_terms(data / "audiences.yml", key="audiences", report=report, root=root)
    glossary = load_glossary(data / "glossary.yml", report=report, root=root)
    identity = load_identity(data / "site.yml", report=report, root=root)
    issues = load_known_issues(data / "accessibility.yml", report=report, root=root)
    synonyms = load_synonyms(data / "synonyms.yml", report=report, root=root)
    guides_dir = root / settings.docs_dir / settings.guides_dir
    guides: dict[str, Guide] = {}
    parsed: list[Guide] = []  # drafts too: placeholders and published addresses are checked in every mode
    guide_files = listed(guides_dir, "*.md")
    for file in guide_files:
        guide = parse_guide(file, root=root, report=report, today=today)
        parsed += [guide] if guide else []
        if guide and (include_drafts or not guide.is_draft):
            guides[guide.slug] = guide
    refs = {slug: GuideRef(slug, g.title, g.summary, f"{settings.guides_dir}/{slug}.md") for slug, g in guides.items()}
    corpus = Corpus(root, settings, contacts, links, topics, audiences, glossary, guides,
                    Renderer(guides=refs, links=links,
                             site_macros=statement_macros(identity, issues, read_record(root))),
                    identity=identity)
    check_project_files(root, docs_dir=corpus.docs_dir, data_dir=data, report=report)
    corpus.figures = load_figures(corpus.docs_dir, root=root, report=report)
    corpus.synonyms = synonyms
    check_against_guides(synonyms, guides, path=f"{settings.data_dir}/synonyms.yml", report=report)
    _check_references(corpus, report)
    _check_unique_titles_and_aliases(corpus, report)
    check_placeholders(parsed, report=report, known={"contacts": contacts, "owner": contacts, "topics": topics,
                                                     "audience": audiences, "related": corpus.guides})
    check_published(parsed, root=root, guides_path=f"{settings.docs_dir}/{settings.guides_dir}", report=report)
    _render_guides(corpus, report)
    pages = [file for file in listed(corpus.docs_dir, "*.md", recursive=True) if file.parent != guides_dir]
    _check_pages(corpus, pages, report)
    check_site_todos(root, guides_dir=guides_dir, data_dir=data, report=report)  # nothing half-imported is published
    _check_page_addresses(corpus, pages, guide_files, report)
    check_corpus_html(corpus, report)
    return corpus, report


def _check_references(corpus: Corpus, report: Report) -> None:
    checks = (("contacts", corpus.contacts, "data/contacts.yml"), ("topics", corpus.topics, "data/topics.yml"),
              ("audience", corpus.audiences, "data/audiences.yml"), ("related", corpus.guides, "docs/guides/"))
    for guide in corpus.guides.values():
        for name, known, where in checks:
            for value in getattr(guide, name):
                if value not in known and value != PLACEHOLDER_ID:  # reported by check_placeholders
                    hint = closest(value, known, hint=f"no id in {where} is similar.")
                    report.add(guide.path, guide.line_of(name), f"'{value}' is not known; {hint}",
                               fix=f"use an id from {where}, or add it there.", field=name)
        if guide.slug in guide.related:
            report.add(guide.path, guide.line_of("related"), "the guide lists itself as related.",
                       fix="remove its own slug from 'related'.", field="related")
        if guide.owner and guide.owner not in corpus.contacts and guide.owner != PLACEHOLDER_ID:
            hint = closest(guide.owner, corpus.contacts, hint="no contact has a similar id.")
            report.add(guide.path, guide.line_of("owner"), f"'{guide.owner}' is not a contact; {hint}",
                       fix="use an id from data/contacts.yml.", field="owner")


def _check_unique_titles_and_aliases(corpus: Corpus, report: Report) -> None:
    titles: dict[str, Guide] = {}
    claimed: dict[str, str] = {slug: slug for slug in corpus.guides}
    for guide in corpus.guides.values():
        key = guide.title.casefold().strip()
        if key in titles:
            report.add(guide.path, guide.line_of("title"), f"the title '{guide.title}' is also used by {titles[key].path}.",
                       fix="give each guide its own title, or merge the two guides.", field="title")
        titles.setdefault(key, guide)
        for alias in guide.aliases:
            if alias in claimed:
                owner = claimed[alias]
                report.add(guide.path, guide.line_of("aliases"),
                           f"the alias '{alias}' is already the address of "
                           f"{'the guide ' + owner if owner == alias else 'an alias of ' + owner}.",
                           fix="an old address can point to one guide only; remove it here or there.", field="aliases")
            claimed.setdefault(alias, guide.slug)


def _render_guides(corpus: Corpus, report: Report) -> None:
    budget = corpus.settings.word_budget
    known = {term.term: term.known for term in corpus.glossary.values()}
    for guide in corpus.guides.values():
        try:
            rendered = corpus.renderer.render(guide.body, page=corpus.guide_src(guide.slug), first_line=guide.body_line)
        except MacroError as error:
            report.add(guide.path, error.line, error.message, fix=error.fix)
            continue
        corpus.rendered[guide.slug] = rendered.markdown
        corpus.links_to[guide.slug] = list(dict.fromkeys(rendered.guides + guide.related))
        corpus.links_used[guide.slug] = list(dict.fromkeys(rendered.links))
        _check_acronyms(guide, rendered.markdown, known, report)
        _check_reading_time(corpus, guide, rendered.markdown, report)
        words = prose_words(rendered.markdown)
        corpus.words[guide.slug] = words
        if words > budget:
            report.add(guide.path, None, f"the guide has {words} words in its first three sections, "
                       f"over the budget of {budget}.",
                       fix="shorten it so it fits on one printed page, or split it into two guides.")
    # One pass over the links, not one per guide: the cost grows with the links, not with guides squared.
    sources: dict[str, list[str]] = {slug: [] for slug in corpus.guides}
    for source, targets in corpus.links_to.items():
        for target in targets:
            if target in sources and target != source:
                sources[target].append(source)
    for slug, found in sources.items():
        corpus.backlinks[slug] = sorted(found, key=lambda source: corpus.guides[source].title.casefold())


def _check_acronyms(guide: Guide, markdown: str, known: dict[str, Known], report: Report) -> None:
    def unmarked(text: str) -> str:  # placeholders and to-dos ('REPLACE:', '[TO DO: ...]') are reported already
        return blank_todos(text).replace(PLACEHOLDER_TEXT, " ")
    found, own = passages(title=unmarked(guide.title), title_line=guide.line_of("title"), summary=unmarked(guide.summary),
                          summary_line=guide.line_of("summary"), markdown=unmarked(markdown), first_line=guide.body_line)
    check_first_uses(found, known | {term: Known(meaning) for term, meaning in own.items()}, path=guide.path, report=report)


def _check_reading_time(corpus: Corpus, guide: Guide, markdown: str, report: Report) -> None:
    """The label on the guide, held to the promise the site makes (omg/reading.py)."""
    words = reading_words(guide.title, guide.summary, markdown)
    corpus.reading_words[guide.slug] = words
    minutes, promise = reading_minutes(words), promised_minutes(corpus.settings.word_budget)
    if minutes > promise:
        report.add(guide.path, None, f"the guide takes about {minutes} minutes to read ({words} words, from the title "
                   f"to the contacts, at {WORDS_PER_MINUTE} words a minute); the site promises {promise} at most.",
                   fix="shorten the text, the summary or the words under '## Who are the key contacts?'.")


def _check_pages(corpus: Corpus, pages: list[Path], report: Report) -> None:
    """Pages that are not guides (`pages`): their front matter and their macros."""
    docs = corpus.docs_dir
    for file in pages:
        shown = file.relative_to(corpus.root).as_posix()
        try:
            text = yamlfile.read_text(file)
        except yamlfile.YamlProblem as problem:
            report.add(shown, problem.line, f"the file {problem.message}", fix=problem.fix)
            continue
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
        if not check_line_lengths(text, path=shown, report=report):
            continue
        body, first_line, first = text, 1, text.split("\n", 1)[0]
        if front := YAML_RE.match(text):  # MkDocs' own test for front matter
            try:
                located = yamlfile.load(front.group(1), first_line=2)
            except yamlfile.YamlProblem as problem:
                report.add(shown, problem.line, f"the front matter {problem.message}", fix=problem.fix)
                continue
            check_mapping(located.data, PAGE_FIELDS, report=report, path=shown, located=located)
            body, first_line = text[front.end():], text.count("\n", 0, front.end()) + 1
        elif first.rstrip() == "---":
            report.add(shown, 1, "the front matter is never closed.", fix="add a line with just '---' after the last field.")
            continue
        elif META_RE.match(first):
            report.add(shown, 1, f"the first line, '{first[:60]}', would be read as page settings: MkDocs reads "
                       "'name: value' lines at the top of a page (MultiMarkdown metadata) as settings, not as text.",
                       fix="put the page's title and description in front matter between two '---' lines, "
                           "or start the page with a heading or an empty line.")
            continue
        try:
            corpus.renderer.render(body, page=file.relative_to(docs).as_posix(), first_line=first_line)
        except MacroError as error:
            report.add(shown, error.line, error.message, fix=error.fix)


def _check_page_addresses(corpus: Corpus, pages: list[Path], guide_files: list[Path], report: Report) -> None:
    """A page published at a guide's address would silently replace the guide."""
    docs, guides = corpus.docs_dir, corpus.docs_dir / corpus.settings.guides_dir
    addresses = {f"{corpus.settings.guides_dir}/{file.stem}/": file for file in guide_files}
    for file in pages:
        source = file.relative_to(docs)
        folder = source.parent if source.stem in ("index", "README") else source.with_suffix("")
        address = f"{folder.as_posix()}/"
        if address in addresses:
            report.add(file.relative_to(corpus.root).as_posix(), None,
                       f"this page would be published at {address}, the address of the guide "
                       f"{addresses[address].relative_to(corpus.root).as_posix()}.",
                       fix=f"guides live directly in {guides.relative_to(corpus.root).as_posix()}/ "
                           "as <slug>.md; move or rename this page.")


# Each scan stops where the next match could start, so the time is linear in the line: with `[^)]*`
# and `[^>]+`, a line of 50,000 '<' or '](' was read from each one to its end (quadratic, minutes).
_LINK_TARGET = re.compile(r"\]\((?:(?!\]\()[^)])*\)")
_TAG = re.compile(r"<[^<>]+>")


class _WordMarks(dict):
    """str.translate table: 'a' for a letter or digit, '-' for a joiner (' ’ -), a space for the rest."""

    def __missing__(self, code: int) -> str:
        return " "


_WORD_MARKS = _WordMarks({code: "a" for code in range(0xC0, 0x250)})  # Latin letters with accents
_WORD_MARKS.update({ord(char): "a" for char in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"})
_WORD_MARKS.update({code: " " for code in range(0x2000, 0x2070)})  # dashes, quotes, spaces: no lookup miss
_WORD_MARKS.update({ord(char): "-" for char in "'\u2019-"})


def count_words(text: str) -> int:
    """Words: runs of letters and digits, one joiner (' ’ -) inside a word ("don't", "well-known").

    The same count as len(re.findall(r"[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019-][A-Za-z0-9\u00C0-\u024F]+)*", text)),
    four times faster: a word starts wherever a letter follows a space, or a joiner that does not join.
    """
    marks = text.translate(_WORD_MARKS)
    return ((marks[:1] == "a") + marks.startswith("-a") + marks.count(" a") + marks.count(" -a")
            + marks.count("--a"))


def reading_words(title: str, summary: str, markdown: str) -> int:
    """Words a reader reads: the title, the summary and the whole text as rendered (link text, not addresses)."""
    lines = [line for line in markdown.split("\n") if not line.startswith("*[")]  # own abbreviations are not shown
    text = _TAG.sub(" ", _LINK_TARGET.sub("]", "\n".join(lines)))
    return count_words(title) + count_words(summary) + count_words(text)


def prose_words(markdown: str) -> int:
    """Words in the three prose sections, ignoring link addresses and markup."""
    lines = markdown.split("\n")
    total = 0
    for level, title, _line, start, end in _headings(markdown, 1):
        if level == 2 and title in PROSE_SECTIONS:
            text = _TAG.sub(" ", _LINK_TARGET.sub("]", "\n".join(lines[start:end])))
            # One search of the section: a word never runs across a line break.
            total += count_words("\n".join(line for line in text.split("\n") if not line.lstrip().startswith("#")))
    return total
