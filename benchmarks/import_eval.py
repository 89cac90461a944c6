"""`python -m benchmarks.import_eval`: how well `omg import` brings legacy guides across.

Each legacy guide in tests/fixtures/legacy/ (plain text or Markdown, in the
shapes partnerships publish) has an `<name>.expected.yml` saying its title,
which text lands in which section, its contacts with their fields, the
references that must resolve, and its dates. Every guide is planned (nothing
written) in a fresh copy of the project whose named links and other guides
come from tests/fixtures/legacy/site/, and each expectation is one check (as are the to-dos it must leave).

    .venv/bin/python -m benchmarks.import_eval            # checks passed per guide, and overall
    .venv/bin/python -m benchmarks.import_eval -v         # and every failed check
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
LEGACY = ROOT / "tests" / "fixtures" / "legacy"
COPIED = ("mkdocs.yml", "hooks.py", "overrides", "data", "docs/index.md", "docs/assets")
SUFFIXES = (".txt", ".md")


@dataclass
class Score:
    name: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)

    def check(self, ok: bool, what: str) -> None:
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)

    @property
    def total(self) -> int:
        return self.passed + len(self.failed)


def sources(folder: Path = LEGACY) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.with_suffix(".expected.yml").is_file())


def make_project(into: Path, *, leave_out: str, folder: Path = LEGACY) -> Path:
    """The real configuration, with the evaluation site's links and guides (not the one imported)."""
    from omg.importer.contacts import slugify

    root = into / "project"
    for name in COPIED:
        source, target = ROOT / name, root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target)
    shutil.copy2(folder / "site" / "links.yml", root / "data" / "links.yml")
    guides = yaml.safe_load((folder / "site" / "guides.yml").read_text(encoding="utf-8"))
    for slug, title in guides.items():
        if slug == leave_out or slugify(title) == leave_out:
            continue
        (root / "docs" / "guides").mkdir(parents=True, exist_ok=True)
        (root / "docs" / "guides" / f"{slug}.md").write_text(_guide(title), encoding="utf-8")
    return root


def _guide(title: str) -> str:
    return (f"---\ntitle: {title}\nsummary: What {title.lower()} is.\ncontacts: [rp-training]\n"
            "topics: [ways-of-working]\naudience: [schools]\nlast_reviewed: 2026-01-15\nreview_interval: 12 months\n"
            "---\n\n## What is it?\n\nText.\n\n## Why are we doing it?\n\nText.\n\n## How are we doing it?\n\n"
            "Text.\n\n## Who are the key contacts?\n\nPlease get in touch with:\n")


# Reading what the import made ------------------------------------------------------------------

def normal(text: str) -> str:
    """Text as words: no Markdown, straight quotes, one kind of dash, one space."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[\u2013\u2014]", "-", text)
    text = re.sub(r"[*_`]+|\\(?=#)", "", text)
    return re.sub(r"[ \t]+", " ", text).strip().casefold()


def expand_macros(text: str, titles: dict[str, str]) -> str:
    """`{{ guide("x", "words") }}` as its words (or the target's title), as a reader sees it."""
    def words(match: re.Match) -> str:
        arguments = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(0))
        if len(arguments) > 1:
            return arguments[1]
        return titles.get(arguments[0], arguments[0].replace("-", " ")) if arguments else ""
    return re.sub(r"\{\{.*?\}\}", words, text)


def sections_of(text: str) -> tuple[dict, dict[str, str]]:
    _, front, body = text.split("---\n", 2)
    found, current = {}, None
    for line in body.split("\n"):
        if line.startswith("## "):
            current = line[3:].strip()
            found[current] = []
        elif current:
            found[current].append(line)
    return yaml.safe_load(front) or {}, {name: "\n".join(lines) for name, lines in found.items()}


def contact_fields(plan, corpus) -> list[dict]:
    listed = []
    for guide in plan.guides:
        for result in guide.contacts:
            if result.new:
                listed.append({k: str(v) for k, v in result.fields.items()})
            else:
                known = corpus.contacts.get(result.id)
                listed.append({k: str(v) for k, v in (known.__dict__ if known else {}).items() if v})
    return listed


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


# Checks ----------------------------------------------------------------------------------------

def score(source: Path, *, today: dt.date | None = None) -> Score:
    from omg.corpus import check_corpus
    from omg.importer import ImportFailed, plan_import

    today = today or dt.date.today()
    expected = yaml.safe_load(source.with_suffix(".expected.yml").read_text(encoding="utf-8"))
    result = Score(source.name)
    with tempfile.TemporaryDirectory(prefix="omg-import-eval-") as folder:
        root = make_project(Path(folder), leave_out=source.stem)
        try:
            plan = plan_import([source], root=root)
        except ImportFailed as failure:
            result.check(False, f"the import failed: {failure}")
            return result
        corpus, _ = check_corpus(root)
        titles = {slug: g.title for slug, g in corpus.guides.items()} | {i: link.title for i, link in corpus.links.items()}
        guide = plan.guides[0]
        front, sections = sections_of(guide.text)
        shown = {name: " ".join(normal(expand_macros(text, titles)).split()) for name, text in sections.items()}
        everything = normal(expand_macros(guide.text, titles))
        contacts = contact_fields(plan, corpus)
        _check_title(result, expected, front)
        _check_sections(result, expected, shown, everything)
        _check_contacts(result, expected, contacts, guide)
        _check_references(result, expected, guide)
        _check_dates(result, expected.get("dates") or {}, front, guide.text, today)
        todos = [what for item in plan.todos() for what in [item.what]]
        for wanted in expected.get("todos") or []:
            result.check(any(normal(wanted) in normal(what) for what in todos),
                         f"no to-do says \"{wanted}\"; to-dos: {todos}")
        lost = lost_sentences(source.read_text(encoding="utf-8"), everything + " " + normal(plan.contacts_addition),
                              headings=guide.headings)
        result.check(not lost, "sentences lost: " + " | ".join(lost))
    return result


def _check_title(result: Score, expected: dict, front: dict) -> None:
    title = str(front.get("title", ""))
    result.check(title == expected["title"], f"title is \"{title}\", expected \"{expected['title']}\"")
    for words in expected.get("not_in_title", []):
        result.check(normal(words) not in normal(title), f"title \"{title}\" keeps \"{words}\"")


def _check_sections(result: Score, expected: dict, shown: dict[str, str], everything: str) -> None:
    for section, phrases in (expected.get("sections") or {}).items():
        for phrase in phrases:
            result.check(normal(phrase) in shown.get(section, ""), f"'{section}' lacks \"{phrase}\"")
    for section, phrases in (expected.get("not_in_section") or {}).items():
        for phrase in phrases:
            result.check(normal(phrase) not in shown.get(section, ""), f"'{section}' has \"{phrase}\"")
    lines = [normal(line) for line in everything.split("\n")]
    for phrase in expected.get("not_in_guide", []):
        result.check(not any(normal(phrase) in line for line in lines), f"the guide has \"{phrase}\"")


def _check_contacts(result: Score, expected: dict, contacts: list[dict], guide) -> None:
    for wanted in expected.get("contacts") or []:
        match = next((c for c in contacts if (wanted.get("email") and c.get("email") == wanted["email"])
                      or (not wanted.get("email") and wanted.get("phone")
                          and _digits(c.get("phone")) == _digits(wanted["phone"]))), None)
        label = wanted.get("email") or wanted.get("phone")
        result.check(match is not None, f"no contact {label}")
        if match is None:
            continue
        for key, value in wanted.items():
            if key == "email":
                continue
            if key == "phone":
                ok = _digits(match.get("phone")) == _digits(value)
            elif key == "name":
                ok = normal(match.get("name", "")) == normal(value)
            elif key == "who":
                ok = normal(value) in normal(" | ".join(match.get(k, "") for k in ("name", "role", "team")))
            elif key in ("hours", "notes"):
                ok = normal(value) in normal(" | ".join(match.get(k, "") for k in ("hours", "notes")))
            else:
                ok = normal(value) in normal(match.get(key, ""))
            result.check(ok, f"contact {label}: {key} should hold \"{value}\", found {match}")
    if "contact_count" in expected:
        result.check(len(guide.contacts) == expected["contact_count"],
                     f"{len(guide.contacts)} contacts, expected {expected['contact_count']}")
    for contact in contacts:
        result.check(not any(value.strip() in {"/", "|", "-", "---"} or re.fullmatch(r"[\s|:-]+", value)
                             for value in contact.values()), f"a contact field is punctuation only: {contact}")


def _check_references(result: Score, expected: dict, guide) -> None:
    resolved = {(r.kind, r.target) for r in guide.references if r.target}
    for wanted in expected.get("references") or []:
        (kind, target), = wanted.items()
        result.check((kind, target) in resolved, f"reference to {kind} '{target}' not resolved; found "
                     + ", ".join(f"{r.kind}:{r.target or r.phrase!r}" for r in guide.references))
    if expected.get("no_unresolved_references"):
        unresolved = [r.phrase for r in guide.references if not r.target]
        result.check(not unresolved, f"unresolved references made up: {unresolved}")


def _check_dates(result: Score, dates: dict, front: dict, text: str, today: dt.date) -> None:
    for key in ("last_reviewed", "review_due"):
        if key in dates:
            result.check(front.get(key) == dates[key], f"{key} is {front.get(key)}, expected {dates[key]}")
    reviewed_line = next((line for line in text.split("\n") if line.startswith("last_reviewed:")), "")
    if not dates.get("last_reviewed"):
        claimed = front.get("last_reviewed") == today and "TO DO" not in reviewed_line
        result.check(not claimed, "last_reviewed claims a review today that nobody did")
    if "overdue" in dates:
        from omg.reviews import add_months, parse_interval

        due = front.get("review_due") or (add_months(front["last_reviewed"], parse_interval(front["review_interval"]))
                                          if front.get("review_interval") else None)
        overdue = bool(due and due < today)
        result.check(overdue == dates["overdue"], f"overdue is {overdue} (due {due}), expected {dates['overdue']}")
        if dates["overdue"]:
            result.check(re.search(r"\[TO DO:[^\]]*review", text, re.IGNORECASE) is not None,
                         "no to-do asks for the overdue review")


# Nothing lost ----------------------------------------------------------------------------------

_DATE_LINE = re.compile(r"\b(?:review|reviewed|published|publication|version|updated)\b.*\b(?:19|20)\d\d\b", re.IGNORECASE)
_ASKING = {"call", "ring", "phone", "email", "e-mail", "contact", "please", "telephone", "write", "speak"}
_DETAIL = re.compile(r"[\w.+'-]+@[\w.-]+|\+?\d[\d ()-]{8,}\d")


def lost_sentences(source: str, output: str, *, headings: list[str] = ()) -> list[str]:
    """Sentences of `source` (ending . ! or ?) whose words are not in `output`, in order.

    Contact details and the words beside them may move into the contacts data,
    so a line holding an email or phone number only needs its other words
    somewhere; dates the front matter carries are checked on their own.
    """
    text = re.sub(r"<!--.*?-->", " ", source, flags=re.DOTALL)
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    output = expand_macros(output, {})  # a macro reads as its words (its id when it has none)
    output = re.sub(r"\[TO DO:[^\]]*\]", " ", output, flags=re.IGNORECASE)  # a to-do beside a phrase does not lose it
    said = set(normal(output).replace('"', " ").split())
    flat = " " + " ".join(re.sub(r"[^\w'@-]+", " ", normal(output).replace(".", " ")).split()) + " "
    skip = {normal(h).rstrip("?:") for h in headings}
    lost = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*(?:#+|[-*o\u2022\u25e6]|\d+[.)])\s+|\||\*\*|__", " ", line).strip()
        if not line or _DATE_LINE.search(line):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+|(?<=\?)(?=[A-Z])", line):
            sentence = sentence.strip()
            if not re.search(r"[.!?]\W*$", sentence) or normal(sentence).strip("#* ").rstrip("?:") in skip:
                continue
            words = re.sub(r"[^\w'@-]+", " ", normal(_DETAIL.sub(" ", sentence)).replace(".", " ")).split()
            if _DETAIL.search(sentence):
                # The words beside an address may move into the contact; the verbs are rebuilt.
                if any(w not in flat for w in words if len(w) > 3 and w not in _ASKING):
                    lost.append(sentence)
            elif len(words) >= 3 and " " + " ".join(words) + " " not in flat:
                lost.append(sentence)
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_eval", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failed check")
    parser.add_argument("--folder", type=Path, default=LEGACY, help="legacy guides with .expected.yml files")
    options = parser.parse_args(argv)
    scores = [score(path) for path in sources(options.folder)]
    width = max(len(s.name) for s in scores)
    for s in scores:
        print(f"{s.name:<{width}}  {s.passed:>3}/{s.total:<3} {100 * s.passed / max(s.total, 1):5.1f}%")
        if options.verbose:
            for what in s.failed:
                print(f"    - {what}")
    passed, total = sum(s.passed for s in scores), sum(s.total for s in scores)
    print(f"{'overall':<{width}}  {passed:>3}/{total:<3} {100 * passed / max(total, 1):5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
