"""What a pull request changes, guide by guide, in words a reviewer can judge.

`compare` loads two copies of the project (the base and the head of a pull
request, written from git by omg/gittree.py) with the build's own check
(`check_corpus`), and describes each guide added, changed, renamed or removed:
its title, words against the budget and reading time, review dates, contacts,
links, related guides, topics, glossary terms, to-dos and problems, and the
sentences of its text that changed. A guide whose file did not change can still
change on the page (a contact's new phone number in data/): it is listed too,
with the data file that changed it. `to_markdown` (a GitHub job summary) and
`to_text` (a terminal) write the result.
"""

from __future__ import annotations

import difflib
import math
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import markdown

from .abbreviations import GlossaryExtension
from .corpus import Corpus, check_corpus
from .problems import Problem, Report
from .reviews import long_date
from .todos import find_todos

WORDS_PER_MINUTE = 200  # as omg/site.py shows on each guide

# Which facts on a guide's page each data file feeds, to say which data change changed which guide.
DATA_FEEDS = {
    "contacts.yml": ("contacts",),
    "links.yml": ("contacts", "links", "sentences"),
    "glossary.yml": ("glossary",),
    "topics.yml": ("topics",),
    "audiences.yml": ("audience",),
}
LISTED = (("contacts", "Contacts"), ("links", "Links"), ("related", "Related guides"), ("topics", "Topics"),
          ("audience", "Audience"), ("glossary", "Glossary terms"))


@dataclass(frozen=True)
class GuideFacts:
    """What readers see of one guide, as plain text."""
    slug: str
    path: str
    title: str
    status: str
    words: int
    budget: int
    last_reviewed: str
    review_due: str
    contacts: tuple[str, ...]
    links: tuple[str, ...]
    related: tuple[str, ...]
    topics: tuple[str, ...]
    audience: tuple[str, ...]
    glossary: tuple[str, ...]
    todos: tuple[str, ...]
    problems: tuple[str, ...]
    sentences: tuple[str, ...]
    source: str = field(repr=False)  # the file as written
    ids: dict = field(default_factory=dict, repr=False, compare=False)  # fact -> the ids its lines show, in order

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class GuideChange:
    kind: str                      # added, changed, renamed or removed
    before: GuideFacts | None
    after: GuideFacts | None
    because: tuple[str, ...] = ()  # data files behind a change the guide's own file did not make

    @property
    def title(self) -> str:
        return (self.after or self.before).title

    @property
    def path(self) -> str:
        return (self.after or self.before).path


@dataclass(frozen=True)
class DataChange:
    path: str                 # data/contacts.yml
    status: str               # added, changed or removed
    guides: tuple[str, ...]   # titles of the guides it changes on the page


@dataclass
class Changes:
    base: str
    head: str
    guides: list[GuideChange]
    data: list[DataChange]
    problems_elsewhere: list[str]  # at the head, in files that are not guides
    screenshots: dict[str, list[str]] = field(default_factory=dict)  # guide path -> image files
    screenshots_note: str = ""


# --- Facts -----------------------------------------------------------------------------------------

def guide_facts(corpus: Corpus, slug: str, *, problems: list[Problem]) -> GuideFacts:
    """`problems`: the check's problems in this guide's file."""
    guide = corpus.guides[slug]
    html = _html(corpus, slug)
    text = _TextOf(corpus.guide_src(slug))
    text.feed(html)
    contacts = tuple(_contact_line(corpus, c) if c in corpus.contacts else f"{c} (not a known contact)"
                     for c in guide.contacts)
    try:
        source = (corpus.root / guide.path).read_text(encoding="utf-8-sig")
    except OSError:
        source = ""
    return GuideFacts(
        slug=slug, path=guide.path, title=guide.title, status=guide.status,
        words=corpus.words.get(slug, 0), budget=corpus.settings.word_budget,
        last_reviewed=long_date(guide.last_reviewed), review_due=long_date(guide.review_due),
        contacts=contacts, links=tuple(dict.fromkeys(text.links)),
        related=tuple(corpus.guides[r].title if r in corpus.guides else r for r in guide.related),
        topics=tuple(corpus.topics[t].title if t in corpus.topics else t for t in guide.topics),
        audience=tuple(corpus.audiences[a].title if a in corpus.audiences else a for a in guide.audience),
        glossary=tuple(dict.fromkeys(text.terms)),
        todos=tuple(f"line {line}: {what}" for line, what in find_todos(source)),
        problems=tuple(str(p) for p in sorted(problems, key=lambda p: (p.line or 0, p.message))),
        sentences=tuple(text.sentences()), source=source,
        ids={"aliases": tuple(guide.aliases), "contacts": tuple(guide.contacts), "topics": tuple(guide.topics),
             "audience": tuple(guide.audience), "glossary": tuple(term.split(" (", 1)[0] for term in dict.fromkeys(text.terms))})


def _contact_line(corpus: Corpus, contact_id: str) -> str:
    contact = corpus.contacts[contact_id]
    named = corpus.links.get(contact.link) if contact.link else None
    parts = [contact.label]
    parts += [part for part in (contact.role if contact.name else None, contact.team, contact.email, contact.phone) if part]
    if named:
        parts.append(f"{named.title} ({named.url})")
    return ", ".join(parts)


def _html(corpus: Corpus, slug: str) -> str:
    """The guide's text as the site renders it: macros, then Markdown with glossary tooltips."""
    text = corpus.rendered.get(slug, corpus.guides[slug].body)
    terms = {term.term: term.meaning for term in corpus.glossary.values()}
    md = markdown.Markdown(extensions=["abbr", "attr_list", GlossaryExtension(lambda: terms)])
    return md.convert(text)


_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "pre", "blockquote", "figcaption"}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(])")


class _TextOf(HTMLParser):
    """Paragraphs and list items as plain text; link targets; glossary terms used."""

    def __init__(self, src_path: str):
        super().__init__(convert_charrefs=True)
        self.src_path = src_path
        self.blocks: list[str] = []
        self.links: list[str] = []
        self.terms: list[str] = []
        self._current: list[str] = []
        self._link: tuple[str, list[str]] | None = None
        self._abbr: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _BLOCKS:
            self._flush()
        if tag == "a":
            self._link = (attributes.get("href") or "", [])
        if tag == "abbr" and "omg-abbr" in (attributes.get("class") or ""):
            self._abbr = attributes.get("title") or ""
        if tag == "br":
            self._current.append(" ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._flush()
        if tag == "a" and self._link:
            href, words = self._link
            self.links.append(self._describe(" ".join("".join(words).split()), href))
            self._link = None
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data):
        self._current.append(data)
        if self._link:
            self._link[1].append(data)
        if self._abbr is not None and data.strip():
            self.terms.append(f"{data.strip()} ({self._abbr})")

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def _describe(self, words: str, href: str) -> str:
        if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE) or href.startswith("//"):
            return f"{words} ({href})"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_path), href.split("#")[0]))
        return f"{words} (the guide {posixpath.basename(target).removesuffix('.md')})" if target.endswith(".md") \
            else f"{words} ({href})"

    def sentences(self) -> list[str]:
        self._flush()
        return [sentence for block in self.blocks for sentence in _SENTENCE_END.split(block) if sentence.strip()]


# --- Comparing ---------------------------------------------------------------------------------------

@dataclass
class Side:
    """One copy of the project, loaded and checked."""
    corpus: Corpus
    report: Report

    def facts(self) -> dict[str, GuideFacts]:
        by_path: dict[str, list[Problem]] = {}
        for problem in self.report.problems:
            by_path.setdefault(problem.path, []).append(problem)
        return {slug: guide_facts(self.corpus, slug, problems=by_path.get(guide.path, []))
                for slug, guide in self.corpus.guides.items()}


def compare(base: Side, head: Side, *, renamed: dict[str, str], data_changed: dict[str, str],
            base_label: str = "base", head_label: str = "head") -> Changes:
    """`renamed`: head slug -> base slug (git's rename detection); `data_changed`: data file -> status.

    Two short guides made from one template look alike to git, so its guess counts only when the
    title stayed; an old slug kept in `aliases` (so saved links still work) always counts."""
    before, after = base.facts(), head.facts()
    renamed = {new: old for new, old in renamed.items() if new in after and old in before and new not in before
               and old not in after and before[old].title.casefold() == after[new].title.casefold()}
    for slug, guide in head.corpus.guides.items():  # an alias is the editor saying "this was that guide"
        for alias in guide.aliases:
            if alias in before and alias not in after and slug not in before and slug not in renamed:
                renamed[slug] = alias
    changes: list[GuideChange] = []
    gone = set(renamed.values())
    for slug, facts in after.items():
        if slug in renamed:
            changes.append(GuideChange("renamed", before[renamed[slug]], facts))
        elif slug not in before:
            changes.append(GuideChange("added", None, facts))
        elif _differs(before[slug], facts):
            because = () if before[slug].source != facts.source else _because(before[slug], facts, data_changed)
            changes.append(GuideChange("changed", before[slug], facts, because))
    for slug, facts in before.items():
        if slug not in after and slug not in gone:
            changes.append(GuideChange("removed", facts, None))
    order = {"added": 0, "renamed": 1, "changed": 2, "removed": 3}
    changes.sort(key=lambda change: (order[change.kind], change.title.casefold()))
    data = [DataChange(path, status, tuple(sorted({change.title for change in changes if change.before and change.after
                                                   and _fed_by(path, change.before, change.after)}, key=str.casefold)))
            for path, status in sorted(data_changed.items())]
    guide_paths = {facts.path for facts in after.values()}
    elsewhere = [str(p) for p in head.report.problems if p.path not in guide_paths]
    return Changes(base_label, head_label, changes, data, elsewhere)


_SHOWN = ("title", "status", "words", "last_reviewed", "review_due", "contacts", "links", "related", "topics",
          "audience", "glossary", "todos", "problems", "sentences", "source")


def _differs(before: GuideFacts, after: GuideFacts) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in _SHOWN)


def _fed_by(path: str, before: GuideFacts, after: GuideFacts) -> bool:
    """Whether the data file at `path` changed what this guide's page shows."""
    feeds = DATA_FEEDS.get(posixpath.basename(path))
    if before.source == after.source:  # the guide's file did not change: a fact that did came from elsewhere
        return any(getattr(before, name) != getattr(after, name) for name in feeds) if feeds else _differs(before, after)
    # The file changed too: only an entry the guide names both times, shown differently, is the data's doing.
    for name in feeds or ():
        if name in before.ids:
            old = dict(zip(before.ids[name], getattr(before, name)))
            new = dict(zip(after.ids[name], getattr(after, name)))
            if any(old[key] != new[key] for key in old.keys() & new.keys()):
                return True
    return False


def _because(before: GuideFacts, after: GuideFacts, data_changed: dict[str, str]) -> tuple[str, ...]:
    found = tuple(path for path in sorted(data_changed) if _fed_by(path, before, after))
    return found or ("another guide (a title or address it shows)",)


# --- Writing -----------------------------------------------------------------------------------------

def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def headline(changes: Changes) -> str:
    if not changes.guides:
        return "No guide changes on the page."
    counts = {}
    for change in changes.guides:
        counts[change.kind] = counts.get(change.kind, 0) + 1
    parts = [f"{counts[kind]} {kind}" for kind in ("added", "changed", "renamed", "removed") if kind in counts]
    return f"{_plural(len(changes.guides), 'guide')}: " + ", ".join(parts) + "."


def _rows(change: GuideChange) -> list[tuple[str, str, str]]:
    """(what, before, after) for the figures a reviewer compares."""
    b, a = change.before, change.after
    get = lambda facts, fn: fn(facts) if facts else "—"  # noqa: E731
    budget = (a or b).budget
    return [
        ("Title", get(b, lambda f: f.title), get(a, lambda f: f.title)),
        ("File", get(b, lambda f: f.path), get(a, lambda f: f.path)),
        ("Status", get(b, lambda f: f.status), get(a, lambda f: f.status)),
        (f"Words (budget {budget})", get(b, lambda f: str(f.words)), get(a, lambda f: str(f.words))),
        ("Reading time", get(b, lambda f: _plural(f.minutes, "minute")), get(a, lambda f: _plural(f.minutes, "minute"))),
        ("Last reviewed", get(b, lambda f: f.last_reviewed), get(a, lambda f: f.last_reviewed)),
        ("Review due", get(b, lambda f: f.review_due), get(a, lambda f: f.review_due)),
    ]


def _lists(change: GuideChange) -> list[tuple[str, list[str], list[str], list[str]]]:
    """(name, added, removed, changed 'old → new') for each list on the page that changed."""
    found = []
    for name, label in LISTED:
        old = _keyed(change.before, name)
        new = _keyed(change.after, name)
        added = [line for key, line in new.items() if key not in old]
        removed = [line for key, line in old.items() if key not in new]
        changed = [f"{old[key]} → {line}" for key, line in new.items() if key in old and old[key] != line]
        if added or removed or changed:
            found.append((label, added, removed, changed))
    return found


def _keyed(facts: GuideFacts | None, name: str) -> dict[str, str]:
    """A list on the page by the id each line shows (a contact's id), or by the line itself."""
    if facts is None:
        return {}
    lines = getattr(facts, name)
    return dict(zip(facts.ids[name], lines)) if name in facts.ids else {line: line for line in lines}


def sentence_diff(change: GuideChange) -> list[str]:
    """Lines starting '- ' (taken out) and '+ ' (put in), sentence by sentence."""
    old = list(change.before.sentences) if change.before else []
    new = list(change.after.sentences) if change.after else []
    lines = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "equal":
            lines += [f"- {s}" for s in old[i1:i2]] + [f"+ {s}" for s in new[j1:j2]]
    return lines


def _heading(change: GuideChange) -> str:
    if change.kind == "renamed":
        return f"Renamed: {change.before.title} → {change.after.title}" if change.before.title != change.after.title \
            else f"Renamed: {change.after.title} (new address)"
    return f"{change.kind.capitalize()}: {change.title}"


def _redirect_note(change: GuideChange) -> str:
    if change.kind != "renamed":
        return ""
    if change.before.slug in change.after.ids.get("aliases", ()):
        return f"Saved links to the old address ({change.before.slug}) send readers to the new one."
    return (f"Saved links to the old address ({change.before.slug}) will break: add '{change.before.slug}' "
            "to 'aliases:' in the guide's front matter.")


def _problem_lines(change: GuideChange) -> tuple[list[str], list[str]]:
    """(problems at the head, problems fixed since the base)."""
    now = list(change.after.problems) if change.after else []
    before = list(change.before.problems) if change.before else []
    return now, [p for p in before if p not in now]


def _md(text: str) -> str:
    """Editor's text in a Markdown summary: shown as written, never as markup."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|#])", r"\\\1", text)


def to_markdown(changes: Changes) -> str:
    out = [f"## What this pull request changes for readers", "", f"{headline(changes)} "
           f"(`{_md(changes.base)}` → `{_md(changes.head)}`)", ""]
    for change in changes.guides:
        out += [f"### {_md(_heading(change))}", ""]
        if _redirect_note(change):
            out += [_md(_redirect_note(change)), ""]
        if change.because:
            out += [f"The guide's file is unchanged; its page changes because of: "
                    + ", ".join(_md(reason) for reason in change.because) + ".", ""]
        rows = _rows(change)
        if change.because:  # only what the data changed: a contact's number can touch hundreds of guides
            rows = [row for row in rows if row[1] != row[2]]
        if rows:
            out += ["| | Before | After |", "|---|---|---|"]
            for what, before, after in rows:
                mark = " **(changed)**" if change.before and change.after and before != after else ""
                out.append(f"| {_md(what)}{mark} | {_md(before)} | {_md(after)} |")
            out.append("")
        for label, added, removed, changed in _lists(change):
            out += [f"- **{label}**: " + "; ".join([*(f"added {_md(x)}" for x in added), *(f"removed {_md(x)}" for x in removed),
                                                    *(f"changed {_md(x)}" for x in changed)])]
        if change.after and change.after.todos:
            out += [f"- **To-dos left**: " + "; ".join(_md(t) for t in change.after.todos)]
        now, fixed = _problem_lines(change)
        if now:
            out += [f"- **Problems to fix ({len(now)})**:"] + [f"  - {_md(p)}" for p in now]
        if fixed:
            out += [f"- **Problems fixed ({len(fixed)})**:"] + [f"  - {_md(p)}" for p in fixed]
        if out[-1] != "":
            out.append("")
        lines = sentence_diff(change)
        if lines:
            fence = "`" * max(3, 1 + max((len(run) for line in lines for run in re.findall(r"`+", line)), default=0))
            out += ["<details open><summary>Text changes, sentence by sentence</summary>", "", f"{fence}diff", *lines,
                    fence, "", "</details>", ""]
        shots = changes.screenshots.get(change.path)
        if shots:
            out += ["Screenshots (in the workflow run's artifact 'guide-screenshots'): "
                    + ", ".join(f"`{_md(name)}`" for name in shots), ""]
    if changes.data:
        out += ["### Changes to data files", ""]
        for data in changes.data:
            shown = ", ".join(_md(title) for title in data.guides) if data.guides else "no guide's page"
            out.append(f"- `{_md(data.path)}` ({data.status}): changes {shown}")
        out.append("")
    if changes.problems_elsewhere:
        out += ["### Problems in other files", ""] + [f"- {_md(p)}" for p in changes.problems_elsewhere] + [""]
    if changes.screenshots_note:
        out += [_md(changes.screenshots_note), ""]
    return _within(out, SUMMARY_LIMIT)


SUMMARY_LIMIT = 900_000  # GitHub shows at most 1 MiB of a step's summary


def _within(lines: list[str], limit: int) -> str:
    """The summary, cut at a section boundary with a note when it would be too long to show."""
    text = "\n".join(lines)
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    cut = cut[:cut.rfind("\n### ")] if "\n### " in cut else cut
    return (cut + "\n\n**The summary is too long to show in full.** Run `python -m omg diff BASE HEAD` "
            "on a copy of the repository for the rest.\n")


def to_text(changes: Changes) -> str:
    out = [f"What changes for readers, {changes.base} -> {changes.head}: {headline(changes)}", ""]
    for change in changes.guides:
        out += [_heading(change), "=" * len(_heading(change))]
        if _redirect_note(change):
            out.append(_redirect_note(change))
        if change.because:
            out.append("The guide's file is unchanged; its page changes because of: " + ", ".join(change.because) + ".")
        rows = [row for row in _rows(change) if not change.because or row[1] != row[2]]
        width = max((len(what) for what, _, _ in rows), default=0)
        for what, before, after in rows:
            out.append(f"  {what:<{width}}  {before}" + ("" if before == after else f"  ->  {after}"))
        for label, added, removed, changed in _lists(change):
            out += [f"  {label}:"] + [f"    + {x}" for x in added] + [f"    - {x}" for x in removed] \
                + [f"    changed: {x}" for x in changed]
        if change.after and change.after.todos:
            out += ["  To-dos left:"] + [f"    {t}" for t in change.after.todos]
        now, fixed = _problem_lines(change)
        if now:
            out += [f"  Problems to fix ({len(now)}):"] + [f"    {p}" for p in now]
        if fixed:
            out += [f"  Problems fixed ({len(fixed)}):"] + [f"    {p}" for p in fixed]
        lines = sentence_diff(change)
        if lines:
            out += ["  Text changes, sentence by sentence:"] + [f"    {line}" for line in lines]
        for name in changes.screenshots.get(change.path, []):
            out.append(f"  Screenshot: {name}")
        out.append("")
    for data in changes.data:
        shown = ", ".join(data.guides) if data.guides else "no guide's page"
        out.append(f"{data.path} ({data.status}) changes: {shown}")
    if changes.problems_elsewhere:
        out += ["", "Problems in other files:"] + [f"  {p}" for p in changes.problems_elsewhere]
    if changes.screenshots_note:
        out += ["", changes.screenshots_note]
    return "\n".join(out).rstrip() + "\n"


def load_side(root: Path) -> Side:
    """A copy of the project, drafts included: a reviewer sees a draft added as much as a guide."""
    corpus, report = check_corpus(root, include_drafts=True)
    return Side(corpus, report)
