"""`omg import`: existing one-minute guides (text, Markdown, Word, PDF) as guide files.

`plan_import` reads every input, maps its headings to the four sections,
takes contacts out into data/contacts.yml, links cross-references, carries
the source's review and publication dates, and returns the files it would
write; it writes nothing. An input that cannot be imported is listed in the
plan's `failed` and the others go ahead. `write_import` writes the guides and
the contacts together or not at all, never over an existing guide. Whatever needs a person becomes a
`[TO DO: ...]` marker, which `omg check` reports until it is done.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlfile
from ..corpus import check_corpus, prose_words
from ..guide import PROSE_SECTIONS, SECTIONS
from ..problems import Problem
from ..reviews import add_months, long_date
from ..schema import SLUG
from ..todos import find_todos, todo
from .contacts import (ContactBook, ContactResult, appended_text, check_appended, read_contacts_section,
                       slugify, take_details_from_prose, yaml_scalar)
from .crossrefs import Reference, Resolver, Target, rewrite
from .dates import SourceDates, from_meta, take_statements
from .reading import Block, UnreadableInput, plain_line, read_document, unsafe_file_name
from .sections import WHAT, WHO, Draft, sentence_case, split_sections

MAX_SUMMARY = 240  # the guide check's limit for a summary
INTERNAL_FAULT = "the importer failed on this file, a fault in omg import"


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Todo:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass
class ImportedGuide:
    source: str          # the input, as the editor named it
    slug: str
    path: str            # where it is written, relative to the project
    title: str
    text: str
    done: list[str] = field(default_factory=list)        # what the importer did, for the report
    contacts: list[ContactResult] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    sections_found: list[str] = field(default_factory=list)  # which of the four the source had
    headings: list[str] = field(default_factory=list)    # the source's headings that became sections


@dataclass
class ImportPlan:
    root: Path
    guides: list[ImportedGuide]
    contacts_file: str               # relative to the project
    contacts_before: str             # the file's text when planned
    contacts_addition: str           # appended text; empty when no new contact
    new_contacts: list[ContactResult]
    failed: list[Problem] = field(default_factory=list)  # inputs that could not be imported, and why

    def todos(self) -> list[Todo]:
        found = [Todo(g.path, line, what) for g in self.guides for line, what in find_todos(g.text)]
        offset = self.contacts_before.count("\n")
        found += [Todo(self.contacts_file, offset + line, what) for line, what in find_todos(self.contacts_addition)]
        return found


@dataclass
class _Input:
    source: str
    draft: Draft
    notes: list[str]
    title: str
    slug: str


def plan_import(files: list[Path], *, root: Path, slug: str | None = None, title: str | None = None,
                reviewed: dt.date | None = None) -> ImportPlan:
    """What importing `files` would write; it writes nothing.

    An input that cannot be imported is listed in the plan's `failed` and the
    others go ahead; ImportFailed when the options are wrong or no input can be.
    """
    root = root.resolve()
    corpus, _ = check_corpus(root)  # problems elsewhere in the site do not stop an import
    settings = corpus.settings
    options = _option_problems(files, slug=slug, title=title)
    if options:
        raise ImportFailed(options)
    problems: list[Problem] = []
    inputs = [item for item in (_guarded(_read, file, problems, file, problems) for file in files) if item]
    if len(inputs) == 1 and len(files) == 1:
        _apply_options(inputs[0], slug=slug, title=title)
    clashes: list[Problem] = []
    _check_clashes(inputs, corpus, root / settings.docs_dir / settings.guides_dir, root, clashes)
    problems += clashes
    failed_sources = {problem.path for problem in problems}
    inputs = [item for item in inputs if item.source not in failed_sources]
    if not inputs:
        raise ImportFailed(problems)
    resolver, book = _resolver(corpus, inputs), ContactBook(corpus.contacts)
    guides = [guide for guide in (
        _guarded(_compose, Path(item.source), problems, item, corpus=corpus, resolver=resolver, book=book,
                 reviewed=reviewed, path=f"{settings.docs_dir}/{settings.guides_dir}/{item.slug}.md")
        for item in inputs) if guide]
    if not guides:
        raise ImportFailed(problems)
    inputs = [item for item in inputs if item.source in {guide.source for guide in guides}]
    for item, guide in zip(inputs, guides):
        guide.sections_found = [section for section in SECTIONS if item.draft.found(section)]
    contacts_file = f"{settings.data_dir}/contacts.yml"
    before, addition = _contacts_addition(root / contacts_file, contacts_file, book, inputs, corpus)
    return ImportPlan(root, guides, contacts_file, before, addition, book.added, problems)


def _guarded(step, file: Path, problems: list[Problem], *args, **kwargs):
    """One input's step; a fault in the importer fails that input, not the others."""
    try:
        return step(*args, **kwargs)
    except (ImportFailed, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug here must not lose the other guides of a folder
        problems.append(Problem(_shown(file), None, f"{INTERNAL_FAULT} ({type(error).__name__}: {error}).",
                                "import the other files, and send this file to the site's maintainers; "
                                "meanwhile copy its text into a .txt file and import that."))
        return None


def _option_problems(files: list[Path], *, slug: str | None, title: str | None) -> list[Problem]:
    problems = []
    for option, value in (("--slug", slug), ("--title", title)):
        if value is not None and len(files) != 1:
            problems.append(Problem(option, None, f"{option} names one guide, but {len(files)} files were given.",
                                    f"import the files one at a time, or leave out {option}."))
    if slug is not None and not SLUG.match(slug):
        problems.append(Problem("--slug", None, f"'{slug}' is not a slug.",
                                "use lower case letters, digits and hyphens only, such as 'early-help'."))
    return problems


def _apply_options(item: _Input, *, slug: str | None, title: str | None) -> None:
    if title is not None and title.strip():
        item.title = title.strip()
        item.notes.append("title given with --title")
        item.slug = slugify(item.title) or item.slug
    item.slug = slug or item.slug


def _contacts_addition(path: Path, shown: str, book: ContactBook, inputs: list[_Input], corpus) -> tuple[str, str]:
    """(the contacts file's text now, the text to append for the new contacts)."""
    try:
        before = yamlfile.read_text(path) if path.is_file() else ""
    except yamlfile.YamlProblem as problem:
        raise ImportFailed([Problem(shown, problem.line, f"the file {problem.message}", problem.fix)]) from None
    sources = ", ".join(os.path.basename(item.source) for item in inputs)
    addition = appended_text(before, book.added, source=sources)
    if addition and not before.strip():
        addition = "contacts:" + addition
    wrong = check_appended(before, addition, shown=shown, link_ids=corpus.links) if addition else []
    if wrong:
        raise ImportFailed([Problem(shown, None, "the new contacts would not pass the contacts check: "
                                    + " | ".join(wrong), "fix the file so `omg check` passes, then import again.")])
    return before, addition


def write_import(plan: ImportPlan) -> None:
    """Write the guides and the contacts together or not at all; never over an existing guide.

    Each file is written in full to a temporary file beside it first; only when all are
    written are they moved into place, and any failure removes what was moved.
    """
    staged: list[tuple[Path, Path, bool]] = []  # (temporary file, target, target may be replaced)
    try:
        for guide in plan.guides:
            staged.append((_stage(plan.root / guide.path, guide.text), plan.root / guide.path, False))
        if plan.contacts_addition:
            contacts = plan.root / plan.contacts_file
            now = yamlfile.read_text(contacts) if contacts.is_file() else ""
            if now != plan.contacts_before:
                raise ImportFailed([Problem(plan.contacts_file, None, "the file changed while importing, so nothing "
                                            "was written.", "import again.")])
            staged.append((_stage(contacts, plan.contacts_before + plan.contacts_addition), contacts, True))
        _move_into_place(staged, plan.root)
    except OSError as error:
        raise ImportFailed([Problem(_relative(error.filename, plan.root), None,
                                    f"could not be written ({error.strerror}), so nothing was written.",
                                    "check the folder exists and you may write to it, then import again.")]) from None
    except yamlfile.YamlProblem as problem:
        raise ImportFailed([Problem(plan.contacts_file, problem.line, f"the file {problem.message}",
                                    problem.fix)]) from None
    finally:
        for temporary, _, _ in staged:
            temporary.unlink(missing_ok=True)


def _stage(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".importing", dir=target.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
    if target.exists():
        shutil.copymode(target, name)
    else:
        os.chmod(name, 0o666 & ~_umask())
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _move_into_place(staged: list[tuple[Path, Path, bool]], root: Path) -> None:
    moved: list[Path] = []
    target = None
    try:
        for temporary, target, replace in staged:
            if replace:
                os.replace(temporary, target)
            else:
                _place_new(temporary, target)
            moved.append(target)
    except FileExistsError:
        _undo(moved, staged)
        raise ImportFailed([Problem(_relative(target, root), None, "the guide appeared while importing, so "
                                    "nothing was written.", "import again; choose another --slug if the guide is a "
                                    "different one.")]) from None
    except OSError as error:
        _undo(moved, staged)
        raise ImportFailed([Problem(_relative(target, root), None, f"could not be written ({error.strerror}), so "
                                    "nothing was written.", "check the folder exists and you may write to it, then "
                                    "import again.")]) from None
    except BaseException:
        _undo(moved, staged)
        raise


def _place_new(temporary: Path, target: Path) -> None:
    """Put a new guide in place; fails rather than overwrite a guide that appeared meanwhile."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: copy into a file that must not exist yet
        with open(temporary, "rb") as source, open(target, "xb") as out:
            shutil.copyfileobj(source, out)


def _undo(moved: list[Path], staged: list[tuple[Path, Path, bool]]) -> None:
    # Only guides can have been moved before a failure: the contacts file is moved last.
    replaced = {target for _, target, replace in staged if replace}
    for target in moved:
        if target not in replaced:
            target.unlink(missing_ok=True)


def _relative(name, root: Path) -> str:
    try:
        return Path(name).relative_to(root).as_posix()
    except (TypeError, ValueError):
        return str(name)


# Reading and naming ------------------------------------------------------------------------------

def _shown(file: Path) -> str:
    # As the editor typed it, so they recognise it; a line break in a name is shown as \\n, never printed.
    return unsafe_file_name(file) or file.as_posix()


def _read(file: Path, problems: list[Problem]) -> _Input | None:
    source = _shown(file)
    try:
        document = read_document(file)
    except UnreadableInput as error:
        problems.append(Problem(source, None, f"the file {error.message}", error.fix))
        return None
    draft = split_sections(document)
    if not draft.parts:
        listing = ", ".join(f"'{title}'" for title in SECTIONS)
        problems.append(Problem(source, None, f"none of the four sections was found: no heading reads like {listing}.",
                                "put each section's heading on a line of its own, such as 'What is it?', "
                                "then import again."))
        return None
    notes = list(document.notes) + draft.notes
    title = draft.title
    if title:
        body = " ".join(block.text for block in [*draft.intro, *(b for part in draft.parts for b in part.blocks)])
        cased = sentence_case(title, body=body)
        notes.append(f"title \"{cased}\" from {draft.title_where}"
                     + (f" (written \"{title}\")" if cased != title else ""))
        title = cased
    else:
        stem = re.sub(r"^(?:omg|one[-_ ]minute[-_ ]guide)[-_ ]+", "", file.stem, flags=re.IGNORECASE)
        title = stem.replace("-", " ").replace("_", " ").strip().capitalize() or "Untitled guide"
        notes.append(f"title \"{title}\" from the file name: the document has no title line")
    return _Input(source, draft, notes, title, slugify(title) or "imported-guide")


def _check_clashes(inputs: list[_Input], corpus, guides_dir: Path, root: Path, problems: list[Problem]) -> None:
    aliases = {alias: guide.slug for guide in corpus.guides.values() for alias in guide.aliases}
    titles = {guide.title.casefold(): guide.path for guide in corpus.guides.values()}
    seen: dict[str, str] = {}
    for item in inputs:
        target = guides_dir / f"{item.slug}.md"
        shown = target.relative_to(root).as_posix()
        if target.exists():
            problems.append(Problem(item.source, None, f"{shown} already exists, and an import never replaces a guide.",
                                    "to import it as another guide, pass --title (and --slug) with other names; "
                                    "to replace the guide, delete or rename the old file first."))
        elif item.slug in aliases:
            problems.append(Problem(item.source, None, f"the slug '{item.slug}' is an old address (alias) of the "
                                    f"guide {aliases[item.slug]}.", "pass --slug with another name."))
        if item.title.casefold() in titles:
            problems.append(Problem(item.source, None, f"the title \"{item.title}\" is already used by "
                                    f"{titles[item.title.casefold()]}.",
                                    "pass --title with another title, or update that guide instead."))
        if item.slug in seen:
            problems.append(Problem(item.source, None, f"it would be written to {shown}, like {seen[item.slug]}.",
                                    "import one of them on its own with --slug."))
        seen.setdefault(item.slug, item.source)


def _resolver(corpus, inputs: list[_Input]) -> Resolver:
    targets = [Target("guide", slug, guide.title, (guide.title, slug.replace("-", " "), *guide.keywords))
               for slug, guide in corpus.guides.items()]
    # Guides imported together can point to each other.
    targets += [Target("guide", item.slug, item.title, (item.title, item.slug.replace("-", " "))) for item in inputs]
    targets += [Target("link", link_id, link.title, (link.title, link_id.replace("-", " "), *link.aliases), link.url,
                       names_in_text=(link.title, *link.aliases))
                for link_id, link in corpus.links.items()]
    return Resolver(targets)


# Writing the guide -------------------------------------------------------------------------------

def _compose(item: _Input, *, corpus, resolver: Resolver, book: ContactBook, reviewed: dt.date | None,
             path: str) -> ImportedGuide:
    guide = ImportedGuide(item.source, item.slug, path, item.title, "", done=list(item.notes),
                          headings=[part.heading for part in item.draft.parts])
    dates = _source_dates(item.draft, guide)
    guide.done.append("sections: " + "; ".join(f"{part.where} '{part.heading}' -> '{part.section}'"
                                               for part in item.draft.parts))
    summary, what_blocks = _summary_and_intro(item.draft, guide)
    sections, in_prose = _prose_sections(item.draft, what_blocks, guide, resolver)
    sections[WHO], in_contacts = _contacts_paragraphs(item.draft, guide, resolver)
    for contact in [*in_contacts, *in_prose]:
        result = book.add(contact)
        if result.id not in [c.id for c in guide.contacts]:
            guide.contacts.append(result)
    summary = summary or _summary_from(sections[WHAT], guide)
    body = "".join(f"\n## {title}\n\n" + "\n\n".join(sections[title]) + "\n" for title in SECTIONS)
    guide.text = "---\n" + _front_matter(item, guide, summary, body, corpus=corpus, reviewed=reviewed,
                                         dates=dates) + "---\n" + body
    _note_word_budget(body, guide, corpus.settings.word_budget)
    return guide


def _prose_sections(draft: Draft, what_blocks: list[Block], guide: ImportedGuide, resolver: Resolver):
    """The three prose sections' paragraphs, and contacts found in them."""
    sections: dict[str, list[str]] = {}
    found = []
    for section in PROSE_SECTIONS:
        paragraphs = []
        for block in what_blocks if section == WHAT else draft.blocks_of(section):
            text, contacts = take_details_from_prose(_defused(_block_text(block), guide), block.where)
            text, references = rewrite(text, resolver)
            found += contacts
            if not re.search(r"\w", text):
                continue  # a stray bullet or rule, with no words to keep
            guide.references += references
            paragraphs.append(_full_stop(text) if block.kind == "paragraph" else text)
        if all(paragraph.startswith("#") for paragraph in paragraphs):  # none, or sub-headings only
            paragraphs.append(todo(f"write this section: the document has no '{section}' part"))
        sections[section] = paragraphs
    return sections, found


def _note_word_budget(body: str, guide: ImportedGuide, budget: int) -> None:
    words = prose_words(re.sub(r"\{\{.*?\}\}", "link", body))
    if words > budget:
        guide.done.append(f"the guide has about {words} words, over the budget of {budget}: "
                          "an editor must shorten it (omg check reports it)")


def _block_text(block: Block) -> str:
    if block.kind == "subheading":
        return f"### {block.text}"
    if block.kind in ("list", "table"):
        return block.text
    return plain_line(" ".join(block.text.split("\n")))


def _defused(text: str, guide: ImportedGuide) -> str:
    """Braces that guide text would run as macros, spaced out so they stay text."""
    defused = re.sub(r"\{(?=[{%#])", "{ ", text)
    note = "'{{', '{%' or '{#' in the text became '{ {', '{ %' or '{ #' so they are not read as macros"
    if defused != text and note not in guide.done:
        guide.done.append(note)
    return defused


def _full_stop(text: str) -> str:
    # Guides written in a hurry drop the last full stop; Markdown headings and lists keep theirs.
    if text.startswith("#") or not re.search(r"[A-Za-z0-9)*]$", text):
        return text
    return text + "."


def _summary_and_intro(draft: Draft, guide: ImportedGuide) -> tuple[str | None, list[Block]]:
    intro = [block for block in draft.intro if block.text.strip()]
    what = draft.blocks_of(WHAT)
    if draft.summary and _one_sentence(draft.summary.strip()):
        guide.done.append("summary: from the front matter")
        return draft.summary.strip(), intro + what
    if len(intro) == 1 and intro[0].kind == "paragraph" and _one_sentence(_block_text(intro[0])):
        guide.done.append(f"summary: the sentence before the first heading ({intro[0].where})")
        return _plain(_block_text(intro[0])), what
    if intro:
        guide.done.append(f"the text before the first heading ({intro[0].where}) starts 'What is it?'")
    return None, intro + what


def _one_sentence(text: str) -> bool:
    return len(text) <= MAX_SUMMARY and not re.search(r"[.!?]\s+[A-Z]", text) and "{{" not in text


def _summary_from(paragraphs: list[str], guide: ImportedGuide) -> str:
    first = next((p for p in paragraphs if not p.startswith("#")), "")  # past a briefing's "### Background"
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", first)[0].strip()
    if sentence and _one_sentence(sentence) and "[TO DO" not in sentence and not sentence.startswith("#"):
        guide.done.append("summary: the first sentence of 'What is it?'; check it reads well above the guide")
        return _plain(sentence)
    return todo("write one sentence saying what the guide is about")


def _plain(text: str) -> str:
    return re.sub(r"\*+|_{2,}", "", text).strip()


def _contacts_paragraphs(draft: Draft, guide: ImportedGuide, resolver: Resolver) -> tuple[list[str], list]:
    if not draft.found(WHO):
        return [todo("the document has no contacts section; add the contacts to the front matter and a sentence "
                     "here, or delete this marker if the contacts above are enough")], []
    section = read_contacts_section(draft.blocks_of(WHO))
    paragraphs = []
    for text in section.paragraphs:
        text, references = rewrite(_defused(text, guide), resolver)
        guide.references += references
        paragraphs.append(text)
    for words in section.left_out:
        # Never dropped: the words stay, visibly, until an editor places them.
        paragraphs.append(_defused(todo(f"these words were beside a contact's details and have no place yet: "
                                        f"\"{words}\". Put them where readers need them, or delete them"), guide))
        guide.done.append(f"kept as a to-do, beside a contact's details: \"{words}\"")
    return paragraphs or ["For more information, please get in touch:"], section.found


def _front_matter(item: _Input, guide: ImportedGuide, summary: str, body: str, *, corpus,
                  reviewed: dt.date | None, dates: SourceDates) -> str:
    lines = [f"title: {yaml_scalar(item.title)}", f"summary: {yaml_scalar(summary)}"]
    contact_ids = [c.id for c in guide.contacts]
    lines.append(_id_list("contacts", contact_ids, todo("no contact details were found; add ids from "
                                                        "data/contacts.yml, adding the contacts there first")))
    related = list(dict.fromkeys(r.target for r in guide.references
                                 if r.kind == "guide" and r.target and r.target != item.slug))
    if related:
        lines.append(_id_list("related", related, ""))
    topic_ids = ", ".join(corpus.topics)
    lines.append(_id_list("topics", [], todo(f"choose one or more topics from data/topics.yml: {topic_ids}")))
    audience = _audience_named_in(body, corpus.audiences)
    if audience:
        guide.done.append(f"audience {', '.join(audience)}: these groups are named in the text; check them")
    lines.append(_id_list("audience", audience, todo("choose who the guide is for from data/audiences.yml: "
                                                     + ", ".join(corpus.audiences))))
    return "\n".join(lines + _review_lines(dates, guide, reviewed=reviewed, today=dt.date.today())) + "\n"


def _review_lines(dates: SourceDates, guide: ImportedGuide, *, reviewed: dt.date | None, today: dt.date) -> list[str]:
    """last_reviewed and the next review, as the source gives them; never a review nobody did."""
    if dates.found:
        guide.done.append("dates from the source: " + "; ".join(dates.found))
    if reviewed:  # an editor says they reviewed it on that day (--reviewed)
        return [f"last_reviewed: {reviewed.isoformat()}", "review_interval: 12 months"]
    last, due = dates.reviewed or dates.published, dates.due
    last_note = ""
    if last and last > today:
        last, last_note = today, f"  # {todo('the source dates the guide after today; check last_reviewed')}"
    if due and last and due <= last:
        guide.done.append(f"the review date {due.isoformat()} is not after {last.isoformat()}; left out")
        due = None
    if not last and due:
        last = min(add_months(due, -12), today)
        last_note = "  # " + todo(f"the source gives only its next review date ({long_date(due)}); this is a year "
                                  "before it: write the date the guide was last reviewed")
    elif not last:
        last = today
        last_note = "  # " + todo("the source gives no date: this is the day it was imported, not a review. "
                                  "Review the guide, then keep or change this date")
    lines = [f"last_reviewed: {last.isoformat()}{last_note}"]
    next_due = due or add_months(last, 12)
    overdue = "  # " + todo(f"the review was due on {long_date(next_due)}, before the import: review the guide, "
                            "then set last_reviewed to the day you did it and the next review date") \
        if next_due < today else ""
    lines.append(f"review_due: {due.isoformat()}{overdue}" if due else f"review_interval: 12 months{overdue}")
    if overdue:
        guide.done.append(f"overdue for review since {long_date(next_due)}: the guide shows as overdue")
    return lines


def _source_dates(draft, guide: ImportedGuide) -> SourceDates:
    """Dates from the front matter, page headers and footers, and lines that only state dates
    (taken out of the text: the guide page shows its dates)."""
    dates = SourceDates()
    from_meta(draft.meta, dates)
    for text in draft.meta.get("page_furniture") or []:
        take_statements(str(text), dates, "page header or footer")
    for blocks in [draft.intro, *(part.blocks for part in draft.parts)]:
        for index, block in enumerate(blocks):
            if block.kind != "paragraph":
                continue
            lines = [take_statements(line, dates, block.where) for line in block.text.split("\n")]
            kept = "\n".join(line for line in lines if line.strip())
            if kept != block.text:
                blocks[index] = Block(block.kind, kept, block.where, block.level)
        blocks[:] = [block for block in blocks if block.text.strip()]
    return dates


def _id_list(name: str, ids: list[str], missing: str) -> str:
    return f"{name}: [{', '.join(ids)}]" if ids else f"{name}: []  # {missing}"


def _audience_named_in(body: str, audiences) -> list[str]:
    text = re.sub(r"\{\{.*?\}\}", " ", body).lower()
    named = []
    for audience_id, term in audiences.items():
        words = term.title.lower().rstrip("s")
        if re.search(rf"\b{re.escape(words)}s?\b", text):
            named.append(audience_id)
    return named
