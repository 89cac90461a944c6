"""The pages readers browse by, generated at build time from the data files.

Topic and audience pages, the glossary and "What's new" are not kept by
hand: the build adds them as generated files (see omg/mkdocs_plugin.py), each
a title and description only. The theme renders their lists from the corpus
(omg/site.py, overrides/partials/), so a guide appears on a topic page as
soon as its front matter names the topic.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .corpus import Corpus
from .problems import Problem

RESERVED_ID = "index"  # topics/index.md is the list of topics


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str       # relative to docs/, such as 'topics/safeguarding.md'
    kind: str          # topic, audience, topics, audiences, glossary or whats-new
    title: str
    description: str
    key: str | None = None  # the topic or audience id

    def markdown(self) -> str:
        """Front matter only: the theme renders the page's lists."""
        return "---\n" + yaml.safe_dump({"title": self.title, "description": self.description},
                                        allow_unicode=True, sort_keys=False) + "---\n"


def generated_pages(corpus: Corpus) -> list[GeneratedPage]:
    # Every page's view asks for these: worked out once for each corpus.
    if corpus.browse_pages is not None:
        return list(corpus.browse_pages)
    pages = [
        GeneratedPage("topics/index.md", "topics", "Browse by topic", "Guides grouped by what they are about."),
        GeneratedPage("audiences/index.md", "audiences", "Browse by audience",
                      "Guides grouped by who they are for: schools, social care, health and the voluntary sector."),
        GeneratedPage("glossary.md", "glossary", "Glossary", "What the acronyms used in the guides stand for."),
        GeneratedPage("whats-new.md", "whats-new", "What's new", "Guides added or changed, newest first."),
    ]
    pages += [GeneratedPage(f"topics/{t.id}.md", "topic", t.title, t.description, t.id)
              for t in corpus.topics.values() if t.id != RESERVED_ID]
    pages += [GeneratedPage(f"audiences/{a.id}.md", "audience", a.title, a.description, a.id)
              for a in corpus.audiences.values() if a.id != RESERVED_ID]
    corpus.browse_pages = tuple(pages)
    return pages


def reserved_id_problems(corpus: Corpus) -> list[Problem]:
    """Topic or audience ids that would clash with a list page."""
    found = []
    for name, terms in (("topics", corpus.topics), ("audiences", corpus.audiences)):
        if RESERVED_ID in terms:
            found.append(Problem(f"{corpus.settings.data_dir}/{name}.yml", None,
                                 f"'{RESERVED_ID}' is kept for the page that lists all {name}.",
                                 fix="choose another id.", field="id"))
    return found
