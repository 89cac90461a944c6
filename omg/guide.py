"""A guide: its front matter (one schema, checked here) and its four sections."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .listing import relative_path
from .problems import Report, closest
from .reviews import add_months, parse_interval
from .schema import SLUG, Field, check_mapping

SECTIONS = ("What is it?", "Why are we doing it?", "How are we doing it?", "Who are the key contacts?")
PROSE_SECTIONS = SECTIONS[:3]
CONTACTS_SECTION = SECTIONS[3]
STATUSES = ("published", "draft")

FIELDS = {
    "title": Field("text", required=True, help="the guide's name, such as 'Restorative practice'"),
    "summary": Field("text", required=True, help="one sentence saying what the guide is about"),
    "contacts": Field("slugs", required=True, help="ids from data/contacts.yml"),
    "related": Field("slugs", default=list, help="slugs of other guides readers may want next"),
    "topics": Field("slugs", required=True, help="ids from data/topics.yml"),
    "audience": Field("slugs", required=True, help="ids from data/audiences.yml"),
    "last_reviewed": Field("date", required=True, help="the date the guide was last checked, YYYY-MM-DD"),
    "review_due": Field("date", help="the date of the next review, YYYY-MM-DD"),
    "review_interval": Field("text", help="how often to review, such as '12 months'"),
    "keywords": Field("texts", default=list, help="acronyms and other words people search for"),
    "owner": Field("slug", help="the contact id of the team or role (a shared inbox rather than one person) "
                                "that keeps the guide up to date"),
    "status": Field("choice", choices=STATUSES, default="published", help="draft or published"),
    "aliases": Field("slugs", default=list, help="old slugs of this guide, so saved links keep working"),
}

# The closing '#'s are stripped in Python: in one pattern, a lazy title before optional spaces and
# '#'s took time quadratic in the line (a 100 KB heading line took minutes).
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")


@dataclass
class Section:
    title: str
    line: int  # file line of the heading
    text: str  # the section's markdown, without its heading


@dataclass
class Guide:
    slug: str
    path: str  # relative to the repository root, for messages
    title: str
    summary: str
    contacts: list[str]
    related: list[str]
    topics: list[str]
    audience: list[str]
    last_reviewed: dt.date
    review_due: dt.date
    keywords: list[str]
    owner: str | None
    status: str
    aliases: list[str]
    body: str
    body_line: int  # file line where the body starts
    sections: list[Section] = field(default_factory=list)
    field_lines: dict[str, int] = field(default_factory=dict)
    front: dict = field(default_factory=dict)  # the front matter as written, for the page's metadata

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    def line_of(self, name: str) -> int | None:
        return self.field_lines.get(name)


def split_front_matter(text: str, *, path: str, report: Report) -> tuple[str | None, str, int]:
    """(front matter text or None, body, line the body starts on)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        report.add(path, 1, "the guide does not start with front matter.",
                   fix="put '---' on the first line, the fields below it, then '---' again before the text.")
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 2
    report.add(path, 1, "the front matter is never closed.",
               fix="add a line with just '---' after the last field.")
    return None, text, 1


def parse_guide(file: Path, *, root: Path, report: Report, today: dt.date | None = None) -> Guide | None:
    """Read and check one guide file; None when it cannot be used at all."""
    path = relative_path(file, root)
    slug = file.stem
    if not SLUG.match(slug):
        report.add(path, None, f"the file name '{file.name}' is not a valid slug.",
                   fix="rename it using lower case letters, digits and hyphens only, such as 'child-protection-conferences.md'.")
    try:
        text = yamlfile.read_text(file)
    except yamlfile.YamlProblem as problem:
        report.add(path, problem.line, f"the file {problem.message}", fix=problem.fix)
        return None
    if not text.strip():
        report.add(path, None, "the guide is empty.",
                   fix="start from the template: python -m omg new \"Title\", or delete the file.")
        return None
    if not check_line_lengths(text, path=path, report=report):
        return None
    front, body, body_line = split_front_matter(text, path=path, report=report)
    if front is None:
        return None
    try:
        located = yamlfile.load(front, first_line=2)
    except yamlfile.YamlProblem as problem:
        report.add(path, problem.line, f"the front matter {problem.message}", fix=problem.fix)
        return None
    meta = check_mapping(located.data, FIELDS, report=report, path=path, located=located)
    if not meta or any(meta.get(name) is None for name, spec in FIELDS.items() if spec.required):
        return None
    for name, spec in FIELDS.items():  # an optional field with a bad value is reported; the rest is still checked
        if name not in meta:
            meta[name] = spec.default() if callable(spec.default) else spec.default
    lines = {name: located.line(name, default=1) for name in FIELDS}
    review_due = _review_due(meta, lines, path=path, report=report, today=today or dt.date.today())
    _check_summary(meta["summary"], lines["summary"], path=path, report=report)
    guide = Guide(slug=slug, path=path, body=body, body_line=body_line, field_lines=lines, front=dict(located.data),
                  review_due=review_due or meta["last_reviewed"],
                  **{name: meta[name] for name in FIELDS if name not in ("review_due", "review_interval")})
    guide.sections = check_sections(body, body_line=body_line, path=path, report=report)
    return guide


MAX_LINE_CHARS = 20_000  # a long paragraph is 2,000; Markdown's own patterns slow down with the square of a line


def check_line_lengths(text: str, *, path: str, report: Report) -> bool:
    """Report the first line over MAX_LINE_CHARS; True when there is none."""
    if len(text) <= MAX_LINE_CHARS:
        return True
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            report.add(path, number, f"the line is {len(line):,} characters long, over the limit of {MAX_LINE_CHARS:,}.",
                       fix="break it into paragraphs; a heading is a few words.")
            return False
    return True


def _review_due(meta: dict, lines: dict, *, path: str, report: Report, today: dt.date) -> dt.date | None:
    reviewed = meta["last_reviewed"]
    if reviewed > today:
        report.add(path, lines["last_reviewed"], f"last_reviewed is {reviewed.isoformat()}, a date in the future.",
                   fix="use the date the guide was actually reviewed (today at the latest).", field="last_reviewed")
    due, interval = meta.get("review_due"), meta.get("review_interval")
    if due and interval:
        report.add(path, lines["review_interval"], "both review_due and review_interval are set.",
                   fix="keep one: a date (review_due) or a period (review_interval).", field="review_interval")
        return due
    if interval:
        months = parse_interval(interval)
        if months is None:
            report.add(path, lines["review_interval"], f"'{interval}' is not a review period.",
                       fix="write a number of months or years, such as '6 months' or '1 year'.", field="review_interval")
            return None
        return add_months(reviewed, months)
    if not due:
        report.add(path, lines["last_reviewed"], "the guide has no next review date.",
                   fix="add 'review_due: YYYY-MM-DD' or 'review_interval: 12 months'.", field="review_due")
        return None
    if due <= reviewed:
        report.add(path, lines["review_due"],
                   f"review_due ({due.isoformat()}) is not after last_reviewed ({reviewed.isoformat()}).",
                   fix="set the next review after the last one, usually a year later.", field="review_due")
    return due


def _check_summary(summary: str, line: int, *, path: str, report: Report) -> None:
    sentences = re.findall(r"[.!?](?=\s+[A-Z]|\s*$)", summary)
    if len(sentences) > 1 or len(summary) > 240:
        report.add(path, line, f"the summary must be one short sentence; it has {len(summary)} characters"
                   f" and {max(len(sentences), 1)} sentences.",
                   fix="keep one sentence of at most 240 characters; move the rest into 'What is it?'.", field="summary")


def check_sections(body: str, *, body_line: int, path: str, report: Report) -> list[Section]:
    """The four sections in order, each of the first three with content."""
    headings = _headings(body, body_line)
    lines = body.split("\n")
    sections: list[Section] = []
    for level, title, line, start, end in headings:
        if level == 1:
            report.add(path, line, f"the heading '# {title}' is a page title.",
                       fix="the title comes from 'title:' in the front matter; delete this line.")
        elif level == 2:
            sections.append(Section(title, line, "\n".join(lines[start:end])))
    expected = list(SECTIONS)
    found = [section.title for section in sections]
    listing = " / ".join(f"'## {title}'" for title in SECTIONS)
    known = [title for title in found if title in SECTIONS]
    misspelt = set()
    for section in sections:
        if section.title not in SECTIONS:
            match = difflib.get_close_matches(section.title, SECTIONS, n=1, cutoff=0.6)
            if match and match[0] not in known:
                misspelt.add(match[0])
                report.add(path, section.line, f"the section '## {section.title}' should be '## {match[0]}'.",
                           fix=f"change the heading to '## {match[0]}'; a guide has exactly these sections, "
                               f"in order: {listing}.")
            else:
                report.add(path, section.line, f"unexpected section '## {section.title}'.",
                           fix=f"a guide has exactly these sections, in order: {listing}. Use '###' for a sub-heading.")
    for title in expected:
        if title in misspelt:
            continue
        if title not in known:
            report.add(path, body_line, f"the section '## {title}' is missing.",
                       fix=f"add it; a guide has exactly these sections, in order: {listing}.")
        elif known.count(title) > 1:
            duplicate = [s for s in sections if s.title == title][1]
            report.add(path, duplicate.line, f"the section '## {title}' appears twice.",
                       fix="merge the two into one section.")
    ordered = [title for title in expected if title in known]
    first_seen = list(dict.fromkeys(known))
    if first_seen != ordered:
        out_of_place = next(s for s, e in zip(first_seen, ordered) if s != e)
        line = next(s.line for s in sections if s.title == out_of_place)
        report.add(path, line, f"the section '## {out_of_place}' is out of order.",
                   fix=f"put the sections in this order: {listing}.")
    for section in sections:
        if section.title in PROSE_SECTIONS and not _has_prose(section.text):
            report.add(path, section.line, f"the section '## {section.title}' is empty.",
                       fix="write a few sentences under the heading.")
    if body.strip() and not sections:
        first = next((i for i, text in enumerate(body.split("\n")) if text.strip()), 0)
        report.add(path, body_line + first, "the text has no sections.",
                   fix=f"start the text with '## What is it?'; a guide has these sections, in order: {listing}.")
    elif sections:
        intro = body.split("\n")[: sections[0].line - body_line]
        if any(text.strip() for text in intro):
            line = body_line + next(i for i, text in enumerate(intro) if text.strip())
            report.add(path, line, "there is text before the first section.",
                       fix="move it under '## What is it?', or into 'summary:' in the front matter.")
    return sections


def _has_prose(text: str) -> bool:
    return any(line.strip() and not line.lstrip().startswith("#") for line in text.split("\n"))


def _headings(body: str, body_line: int) -> list[tuple[int, str, int, int, int]]:
    """(level, title, file line, first content index, end index) of each heading."""
    lines = body.split("\n")
    found: list[list] = []
    fence = None
    for index, text in enumerate(lines):
        first = text.lstrip(" \t")[:1]
        if not first or first not in "`~#=-":
            continue  # most lines: none of the patterns below can match, so none is tried
        opener = _FENCE.match(text)
        if fence:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
            continue
        if opener:
            fence = opener.group(1)
            continue
        match = _HEADING.fullmatch(text)
        if match:
            title = match.group(2).rstrip(" \t").rstrip("#").strip()
            found.append([len(match.group(1)), title, body_line + index, index + 1])
        elif index and _SETEXT.match(text) and lines[index - 1].strip() and "=" in text:
            # '===' under a line is a level-one heading in Markdown.
            found.append([1, lines[index - 1].strip(), body_line + index - 1, index + 1])
    result = []
    for position, (level, title, line, start) in enumerate(found):
        end = next((f[3] - 1 for f in found[position + 1:] if f[0] <= 2), len(lines))
        result.append((level, title, line, start, end))
    return result
