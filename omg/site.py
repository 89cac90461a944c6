"""What a guide page shows, as plain data for the theme templates.

The hooks pass this to `overrides/`; the templates render it. Nothing here
imports MkDocs: addresses come from a `url_for(src_path)` callable that the
hooks build from MkDocs' own file table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote, urlencode, urlsplit

from .browse import generated_pages
from .contacts import Contact
from .corpus import Corpus
from .guide import Guide
from .history import History
from .reading import ReadingMeasure, measure, reading_minutes
from .reviews import long_date, review_state
from .taxonomy import Term

CHANGES_SHOWN = 5       # on a guide page; the full story is in the repository
WHATS_NEW_SHOWN = 30    # keeps the page the same size however many guides there are


@dataclass(frozen=True)
class LinkedGuide:
    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class SourceView:
    """A named link the guide cites, with who publishes it (and what they were called before)."""
    title: str
    url: str
    publisher: str | None
    formerly: str | None


@dataclass(frozen=True)
class ContactView:
    label: str
    name: str | None
    role: str | None
    team: str
    email: str | None
    phone: str | None
    phone_href: str | None
    link_title: str | None
    link_url: str | None
    hours: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class GuideView:
    slug: str
    title: str
    summary: str
    status: str
    reading_minutes: int      # omg/reading.py: the same measure as every promise on the site
    reading_words: int        # what the label measures: title, summary and text
    words: int                # the three prose sections, for the word budget
    last_reviewed: str        # ISO, for <time datetime>
    last_reviewed_long: str   # '1 November 2026'
    review_due: str
    review_due_long: str
    review_state: str         # on the build day: current, due-soon or overdue
    contacts: list[ContactView]
    related: list[LinkedGuide]
    backlinks: list[LinkedGuide]
    keywords: list[str]
    topics: list[str]
    audience: list[str]
    sources: list[SourceView] = field(default_factory=list)
    reading: ReadingMeasure | None = None
    address: str = ""                 # the page's full address, for print and problem reports
    history_available: bool = False
    history_note: str = ""            # why there is no history, in plain words
    last_updated: str = ""            # ISO date of the latest commit to the guide
    last_updated_long: str = ""
    changes: list[ChangeView] = field(default_factory=list)
    report_url: str = ""              # an email to the site's feedback address, prefilled
    report_issue_url: str = ""        # the repository's issue form, for readers with an account


@dataclass(frozen=True)
class ChangeView:
    day: str
    day_long: str
    summary: str
    added: bool


def guide_view(corpus: Corpus, slug: str, *, url_for: Callable[[str], str], today: dt.date,
               history: History | None = None, address: str = "", repo_url: str = "") -> GuideView:
    guide = corpus.guides[slug]
    words = corpus.words.get(slug, 0)
    email = corpus.identity.email if corpus.identity else None
    return GuideView(
        **_history_fields(history, guide.path),
        address=address, report_url=report_email(guide.title, address, email=email) if email else "",
        report_issue_url=report_issue(guide.title, address, repo_url=repo_url) if repo_url else "",
        slug=slug, title=guide.title, summary=guide.summary, status=guide.status,
        reading_minutes=reading_minutes(corpus.reading_words.get(slug, words)),
        reading_words=corpus.reading_words.get(slug, words), words=words,
        reading=measure(corpus.settings.word_budget),
        sources=[SourceView(link.title, link.url, link.publisher, link.formerly)
                 for link in (corpus.links[name] for name in corpus.links_used.get(slug, []) if name in corpus.links)],
        last_reviewed=guide.last_reviewed.isoformat(), last_reviewed_long=long_date(guide.last_reviewed),
        review_due=guide.review_due.isoformat(), review_due_long=long_date(guide.review_due),
        review_state=review_state(guide.review_due, today, soon_days=corpus.settings.review_soon_days),
        contacts=[_contact_view(corpus, corpus.contacts[c]) for c in guide.contacts if c in corpus.contacts],
        related=_linked(corpus, guide.related, url_for),
        backlinks=_linked(corpus, corpus.backlinks.get(slug, []), url_for),
        keywords=list(guide.keywords),
        topics=[corpus.topics[t].title for t in guide.topics if t in corpus.topics],
        audience=[corpus.audiences[a].title for a in guide.audience if a in corpus.audiences],
    )


def _linked(corpus: Corpus, slugs: list[str], url_for: Callable[[str], str]) -> list[LinkedGuide]:
    guides: list[Guide] = [corpus.guides[s] for s in slugs if s in corpus.guides]
    return [LinkedGuide(g.title, g.summary, url_for(corpus.guide_src(g.slug))) for g in guides]


def _contact_view(corpus: Corpus, contact: Contact) -> ContactView:
    named = corpus.links.get(contact.link) if contact.link else None
    phone_href = "tel:" + "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+") if contact.phone else None
    return ContactView(label=contact.label, name=contact.name, role=contact.role, team=contact.team,
                       email=contact.email, phone=contact.phone, phone_href=phone_href,
                       link_title=named.title if named else None, link_url=named.url if named else None,
                       hours=contact.hours, notes=contact.notes)


def _history_fields(history: History | None, path: str) -> dict:
    if history is None or not history.available:
        reason = history.reason if history else "the site was built without its git history"
        return {"history_available": False,
                "history_note": f"The date of the last update and the change history are not shown: {reason}."}
    changes = history.of(path)
    if not changes:
        return {"history_available": True,
                "history_note": "This guide has no recorded changes yet: it has not been committed to the repository."}
    latest = changes[0].day
    return {"history_available": True, "last_updated": latest.isoformat(), "last_updated_long": long_date(latest),
            "changes": [ChangeView(c.day.isoformat(), long_date(c.day), c.summary, c.added)
                        for c in changes[:CHANGES_SHOWN]]}


def _report_text(title: str, address: str) -> tuple[str, str]:
    return (f"Problem with the guide: {title}",
            f"Guide: {title}\nAddress: {address}\n\nWhat is wrong, missing or out of date?\n\n")


def report_email(title: str, address: str, *, email: str) -> str:
    """A mailto: address for a problem report prefilled with the guide's title and address: no account needed."""
    subject, body = _report_text(title, address)
    # RFC 6068: spaces as %20, not '+', or mail programs show the pluses.
    return f"mailto:{quote(email, safe='@')}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)


def report_issue(title: str, address: str, *, repo_url: str) -> str:
    """The repository's new-issue form, prefilled the same way."""
    subject, body = _report_text(title, address)
    base = repo_url.rstrip("/")
    if "gitlab" in urlsplit(base).netloc:
        return f"{base}/-/issues/new?" + urlencode({"issue[title]": subject, "issue[description]": body})
    return f"{base}/issues/new?" + urlencode({"title": subject, "body": body})


@dataclass(frozen=True)
class TermLink:
    title: str
    description: str
    url: str
    count: int  # guides with this topic or audience


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    meaning: str
    description: str | None
    not_to_be_confused_with: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewsItem:
    day: str
    day_long: str
    title: str
    url: str
    added: bool
    summary: str


@dataclass(frozen=True)
class PageView:
    """A site page that is not a guide; `kind` picks its partial in overrides/partials/omg-<kind>.html."""
    kind: str  # home, browse, browse-index, glossary or whats-new
    title: str = ""
    description: str = ""
    guides: list[LinkedGuide] = field(default_factory=list)
    topics: list[TermLink] = field(default_factory=list)
    audiences: list[TermLink] = field(default_factory=list)
    terms: list[GlossaryEntry] = field(default_factory=list)
    news: list[NewsItem] = field(default_factory=list)
    history_note: str = ""
    links: dict[str, str] = field(default_factory=dict)  # generated page kind -> its address here
    reading: ReadingMeasure | None = None                # the home page's promise


def page_view(corpus: Corpus, src_path: str, *, url_for: Callable[[str], str], history: History | None = None,
              home: bool = False) -> PageView | None:
    """The view of the home page or of a generated page; None for other pages."""
    pages = generated_pages(corpus)
    page = None if home else next((p for p in pages if p.src_uri == src_path), None)
    if page is None and not home:
        return None  # a guide or another page: asked for on every page, so answered before any address is worked out
    links = {p.kind: url_for(p.src_uri) for p in pages if p.key is None}
    if home:
        return PageView("home", guides=_linked(corpus, [g.slug for g in corpus.guides_sorted()], url_for),
                        topics=_term_links(corpus, "topic", url_for), audiences=_term_links(corpus, "audience", url_for),
                        links=links, reading=measure(corpus.settings.word_budget))
    if page.kind in ("topic", "audience"):
        field_name = "topics" if page.kind == "topic" else "audience"
        slugs = [g.slug for g in corpus.guides_sorted() if page.key in getattr(g, field_name)]
        return PageView("browse", page.title, page.description, guides=_linked(corpus, slugs, url_for), links=links)
    if page.kind in ("topics", "audiences"):
        kind = "topic" if page.kind == "topics" else "audience"
        terms = _term_links(corpus, kind, url_for)
        return PageView("browse-index", page.title, page.description, topics=terms if kind == "topic" else [],
                        audiences=terms if kind == "audience" else [], links=links)
    if page.kind == "glossary":
        entries = [GlossaryEntry(t.id, t.term, t.meaning, t.description, t.not_to_be_confused_with)
                   for t in sorted(corpus.glossary.values(), key=lambda t: t.term.casefold())]
        return PageView("glossary", page.title, page.description, terms=entries, links=links)
    return PageView("whats-new", page.title, page.description, news=_news(corpus, history, url_for),
                    history_note=_news_note(history), links=links)


def _term_links(corpus: Corpus, kind: str, url_for: Callable[[str], str]) -> list[TermLink]:
    terms: dict[str, Term] = corpus.topics if kind == "topic" else corpus.audiences
    field_name = "topics" if kind == "topic" else "audience"
    counts = {term_id: sum(term_id in getattr(g, field_name) for g in corpus.guides.values()) for term_id in terms}
    folder = "topics" if kind == "topic" else "audiences"
    return [TermLink(t.title, t.description, url_for(f"{folder}/{t.id}.md"), counts[t.id]) for t in terms.values()]


def _news(corpus: Corpus, history: History | None, url_for: Callable[[str], str]) -> list[NewsItem]:
    if history is None or not history.available:
        return []
    by_path = {g.path: g for g in corpus.guides.values()}
    return [NewsItem(entry.change.day.isoformat(), long_date(entry.change.day), by_path[entry.path].title,
                     url_for(corpus.guide_src(by_path[entry.path].slug)), entry.change.added, entry.change.summary)
            for entry in history.recent(set(by_path), limit=WHATS_NEW_SHOWN)]


def _news_note(history: History | None) -> str:
    if history is None or not history.available:
        reason = history.reason if history else "the site was built without its git history"
        return f"The list of changes is not available: {reason}."
    return ""
