"""Which pages a `make serve` rebuild must write again after an edit.

MkDocs' dirty reload writes again only the pages whose Markdown is newer than
their HTML. That misses what a guide page takes from elsewhere: the titles of
the guides it links to, "Guides that link here", contacts and glossary from
data/, the templates, the build day. So each guide page gets a fingerprint of
its own file, its rendered text, the files of the guides it links to or is
linked from, and its history; a rebuild writes again the guides whose
fingerprint changed. A change to anything every page shares (data, templates,
configuration, figures, the set of guides, the day) rebuilds everything.

Plain Python: the plugin (omg/mkdocs_plugin.py) turns a Plan into MkDocs files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .corpus import Corpus
from .history import History


def stamp(path: Path) -> tuple[int, int] | None:
    """A file's modification time and size: cheap, and changed by any save."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def shared_fingerprint(corpus: Corpus, *, inputs: Iterable[Path], pages: Iterable[str], today: dt.date) -> str:
    """What every page depends on: the files in `inputs` (folders walked), the set of pages and guides, the day."""
    digest = hashlib.sha256(today.isoformat().encode())
    digest.update("\n".join(sorted(pages)).encode())  # a page added or deleted: its address appears or goes
    for item in sorted(set(inputs)):
        files = sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
        for file in files:
            digest.update(f"{file}\0{stamp(file)}\n".encode())
    # Adding, removing, renaming or publishing a guide changes the lists, redirects and addresses on other pages.
    for slug, guide in sorted(corpus.guides.items()):
        digest.update(f"{slug}\0{guide.is_draft}\0{guide.aliases}\n".encode())
    return digest.hexdigest()


def guide_fingerprints(corpus: Corpus, history: History | None, *, problems: dict[str, str] | None = None) -> dict[str, str]:
    """slug -> a digest of everything its page shows that can change without a shared input changing.

    `problems` (slug -> a digest) are what the preview lists on each page: another guide's edit can
    add one (two guides with one title) or clear it."""
    stamps = {slug: stamp(corpus.docs_dir / corpus.guide_src(slug)) for slug in corpus.guides}
    fingerprints = {}
    for slug, guide in corpus.guides.items():
        # Both directions: a linked guide's title is in this page's text, and its anchors are checked from
        # here; a guide that links here is listed under "Guides that link here".
        neighbours = sorted({*corpus.links_to.get(slug, ()), *guide.related, *corpus.backlinks.get(slug, ())})
        parts = (stamps[slug], corpus.rendered.get(slug), [(other, stamps.get(other)) for other in neighbours],
                 history.of(guide.path) if history else None, (problems or {}).get(slug))
        fingerprints[slug] = hashlib.sha256(repr(parts).encode()).hexdigest()
    return fingerprints


@dataclass(frozen=True)
class Plan:
    full: bool                                   # write every page again, from a clean folder
    stale: frozenset[str] = frozenset()          # otherwise, the guides to write again
    shared: str = ""
    guides: dict[str, str] = field(default_factory=dict)


@dataclass
class Tracker:
    """The fingerprints of the last build that finished, to compare the next one with."""
    shared: str | None = None
    guides: dict[str, str] = field(default_factory=dict)

    def plan(self, shared: str, guides: dict[str, str]) -> Plan:
        if shared != self.shared:
            return Plan(True, frozenset(guides), shared, guides)
        stale = frozenset(slug for slug, print_ in guides.items() if self.guides.get(slug) != print_)
        return Plan(False, stale, shared, guides)

    def finished(self, plan: Plan) -> None:
        self.shared, self.guides = plan.shared, dict(plan.guides)
