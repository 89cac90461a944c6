"""What a guide page shows, as plain data for the theme templates.

The hooks pass this to `overrides/`; the templates render it. Nothing here
imports MkDocs: addresses come from a `url_for(src_path)` callable that the
hooks build from MkDocs' own file table.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Callable

from .contacts import Contact
from .corpus import Corpus
from .guide import Guide
from .reviews import long_date, review_state

WORDS_PER_MINUTE = 200  # a common estimate for reading plain English on screen


@dataclass(frozen=True)
class LinkedGuide:
    title: str
    summary: str
    url: str


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


@dataclass(frozen=True)
class GuideView:
    slug: str
    title: str
    summary: str
    status: str
    reading_minutes: int
    words: int
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


def guide_view(corpus: Corpus, slug: str, *, url_for: Callable[[str], str], today: dt.date) -> GuideView:
    guide = corpus.guides[slug]
    words = corpus.words.get(slug, 0)
    return GuideView(
        slug=slug, title=guide.title, summary=guide.summary, status=guide.status,
        reading_minutes=max(1, math.ceil(words / WORDS_PER_MINUTE)), words=words,
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
                       link_title=named.title if named else None, link_url=named.url if named else None)
