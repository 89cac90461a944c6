"""Synthetic corpora: N realistic guides with our full configuration, and a bare twin.

`write_corpus` copies the project (mkdocs.yml, hooks, overrides, data, the
docs pages and real guides; not tests or caches) into a folder, adds
synthetic guides until there are N, and commits it all to a new git
repository (the build reads guide history). Contacts, topics, audiences and
named links are ids from the copied data files, so no person, address or
phone number is made up.

`write_bare_twin` writes the same pages for stock mkdocs-material: the search
plugin only, the same Markdown extensions and nav, the same front matter, and
the Markdown our macros produce (rendered by our own renderer, so both builds
convert the same text).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from .measure import BenchError

ROOT = Path(__file__).resolve().parents[1]
GUIDES_DIR = "guides"  # under docs/, as in omg/settings.py
# Everything else at the top of the project is copied, so a new data file or hook is measured too.
NOT_COPIED = {".git", ".venv", ".lockvenv", "site", ".site.new", "tests", "benchmarks", "BENCHMARKS.md",
              ".pytest_cache", ".hypothesis", "__pycache__", "dist"}

SUBJECTS = (
    "Early help", "Child protection conferences", "Family group conferences", "Private fostering",
    "Young carers", "Education, health and care plans", "Children missing education",
    "Elective home education", "Domestic abuse", "Neglect", "Child exploitation",
    "Contextual safeguarding", "Parental mental health", "Parental substance misuse", "School attendance",
    "Suspensions and exclusions", "Moving to secondary school", "Care leavers", "Personal education plans",
    "The virtual school", "Short breaks", "Speech, language and communication", "Emotional wellbeing",
    "Bereavement", "Online safety", "Allegations against staff", "Information sharing", "Consent",
    "Resolving professional disagreements", "Strengths-based practice", "Restorative meetings",
    "Team around the family", "Multi-agency referrals", "Health visiting", "School nursing",
    "Youth justice", "Housing support", "Family hubs", "Parenting programmes", "Kinship care",
)
ASPECTS = (
    "an introduction", "for schools", "for health staff", "for the voluntary sector", "making a referral",
    "assessments", "meetings", "planning", "recording", "training", "reviews", "thresholds",
    "asking for consent", "working with fathers", "working with interpreters", "out of hours", "stepping down",
    "stepping up", "supervision", "case audits", "checklists", "timescales", "feedback", "quality assurance",
    "templates", "data and reporting", "governance", "escalation", "involving parents", "the child's voice",
    "plain language", "pathways", "leaflets for families", "outcomes", "partnership working", "early years",
    "adolescents", "disabled children", "brothers and sisters", "transport", "court", "records", "handovers",
    "roles and responsibilities", "the local offer", "waiting times", "complaints", "evaluation", "induction",
    "first steps",
)

# Plain-English sentences in the voice of the real guides; {lower} is the guide's subject.
WHAT = (
    "This guide is about {lower}, one part of how professionals work together with children and families.",
    "It brings together the people who know a child best, so that everyone shares one picture of what is happening.",
    "The approach is used across schools, social care, health services and the voluntary sector in the city.",
    "It focuses on what is working well as well as on what needs to change.",
    "Families are told what will happen, who will be involved and how their views will be recorded.",
    "Practitioners use the same language and the same forms, which makes it easier to share information safely.",
    "Where a child's needs change, the plan is reviewed and updated with the family.",
    "It is not a single service but a shared way of working that any professional can start.",
    "Children and young people are listened to, and their views shape the decisions that are made.",
    "The process is set out in the local multi-agency procedures and is reviewed every year.",
    "Most of the work happens in everyday conversations rather than in formal meetings.",
    "Support is offered as early as possible, before difficulties become harder to resolve.",
)
WHY = (
    "We use {lower} because outcomes for children improve when professionals and families plan together.",
    "Families have told us that they want to tell their story once, not to every new worker they meet.",
    "Working in this way reduces delay and helps children get the right help at the right time.",
    "It supports our shared commitment to doing things with families rather than to them or for them.",
    "Clear roles mean that nobody is left wondering who should act next.",
    "Inspections and local reviews have asked partners to make this part of everyday practice.",
    "It helps professionals to notice patterns of concern that no single agency would see on its own.",
    "Good records make it easier for the next worker to understand what has already been tried.",
    "Children feel safer when the adults around them agree on what will happen and when.",
    "Shared training means that staff in different agencies can rely on each other's judgement.",
    "It makes the best use of limited resources by avoiding duplicated assessments.",
)
HOW = (
    "Before you start {lower}, talk to the family about your concerns and about what they would like to happen.",
    "Record the conversation, the views of the child and the agreed next steps on the shared form.",
    "If you are unsure whether to go ahead, talk it through with your designated safeguarding lead or manager.",
    "A lead professional is agreed at the first meeting and keeps the plan moving.",
    "Plans are reviewed at least every twelve weeks, or sooner if the family's situation changes.",
    "Training is offered several times a year and is open to staff from every partner agency.",
    "Templates and guidance notes are kept up to date by the partnership and are free to use.",
    "When the plan has been achieved, the family is told how to ask for help again if they need it.",
    "Where there are concerns about a child's safety, follow the safeguarding procedures straight away.",
    "Managers check a sample of plans each quarter and share what they learn with teams.",
    "Families can ask for an interpreter, and meetings can be held at a time and place that suits them.",
    "Feedback from children and parents is collected at the end of the work and used to improve it.",
)

WORDS_PER_SECTION = {"What is it?": 125, "Why are we doing it?": 115, "How are we doing it?": 135}


@dataclass(frozen=True)
class CorpusInfo:
    root: Path
    guides: int            # guides in docs/guides, real ones included
    synthetic: list[str]   # slugs of the generated guides


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running MkDocs' tags (such as !ENV)."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}


def slugify(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def titles(count: int) -> list[str]:
    """`count` distinct guide titles, in a fixed order."""
    pairs = [(subject, aspect) for aspect in ASPECTS for subject in SUBJECTS]
    result = []
    for index in range(count):
        subject, aspect = pairs[index % len(pairs)]
        round_ = index // len(pairs)
        result.append(f"{subject}: {aspect}" + (f" (part {round_ + 1})" if round_ else ""))
    return result


def write_corpus(root: Path, n: int, *, seed: int = 7, source: Path = ROOT,
                 today: dt.date | None = None) -> CorpusInfo:
    """A project folder at `root` with our configuration and exactly `n` guides."""
    root = Path(root)
    config = read_config(source / "mkdocs.yml")
    docs = config.get("docs_dir") or "docs"
    data = ((config.get("extra") or {}).get("omg") or {}).get("data_dir") or "data"
    root.mkdir(parents=True, exist_ok=True)
    for entry in sorted(source.iterdir()):
        if entry.name not in NOT_COPIED and not entry.name.endswith(".egg-info"):
            _copy(entry, root / entry.name)
    guides_dir = root / docs / GUIDES_DIR
    guides_dir.mkdir(parents=True, exist_ok=True)
    real = sorted(path.stem for path in guides_dir.glob("*.md"))
    if n < len(real) + 2:
        raise BenchError(f"N={n} is too small: the corpus starts from the {len(real)} real guides and "
                         "needs at least two synthetic ones. Fix: use a larger N.")
    ids = {name: _ids(root / data / f"{name}.yml", name) for name in ("contacts", "topics", "audiences", "links")}
    rng = random.Random(seed)
    today = today or dt.date.today()
    new_titles = titles(n - len(real))
    slugs = [slugify(title) for title in new_titles]
    for title, slug in zip(new_titles, slugs):
        text = guide_markdown(title, slug=slug, slugs=slugs, ids=ids, rng=rng, today=today)
        (guides_dir / f"{slug}.md").write_text(text, encoding="utf-8")
    _commit(root, f"Synthetic corpus of {n} guides")
    return CorpusInfo(root, n, slugs)


def _commit(root: Path, message: str) -> None:
    """Make the corpus a git checkout, as CI's is, so the build reads guide history as it does there."""
    git = ["git", "-c", "user.name=omg benchmark", "-c", "user.email=benchmark@localhost.invalid",
           "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        try:
            subprocess.run(git + command, cwd=root, check=True, capture_output=True, text=True)
        except FileNotFoundError:
            return  # no git here: the build says history is unavailable, as it would for readers
        except subprocess.CalledProcessError as error:
            raise BenchError(f"git {command[0]} failed in {root}: {error.stderr.strip()}") from None


def guide_markdown(title: str, *, slug: str, slugs: list[str], ids: dict[str, list[str]],
                   rng: random.Random, today: dt.date) -> str:
    """One guide: front matter, three prose sections of about 400 words, cross-links, contacts."""
    subject = title.split(":")[0]
    others = [other for other in rng.sample(slugs, min(len(slugs), 6)) if other != slug]
    related, linked = others[:2], others[2:4]
    contacts = rng.sample(ids["contacts"], min(2, len(ids["contacts"])))
    reviewed = today - dt.timedelta(days=rng.randrange(0, 420))  # some are overdue, as in life
    front = {
        "title": title,
        "summary": f"{title}: what professionals need to know, and whom to contact.",
        "contacts": contacts,
        "related": related,
        "topics": rng.sample(ids["topics"], 1),
        "audience": rng.sample(ids["audiences"], min(2, len(ids["audiences"]))),
        "keywords": [_acronym(subject), subject.lower(), rng.choice(("referral", "plan", "meeting", "support"))],
        "last_reviewed": reviewed,
        "review_interval": "12 months",
        "owner": contacts[0],
    }
    lines = ["---"] + [f"{key}: {_yaml(value)}" for key, value in front.items()] + ["---", ""]
    for heading, pool in (("What is it?", WHAT), ("Why are we doing it?", WHY), ("How are we doing it?", HOW)):
        lines += [f"## {heading}", ""] + _paragraphs(pool, subject, WORDS_PER_SECTION[heading], rng) + [""]
        if heading == "How are we doing it?":
            lines += [" ".join(f'See also {{{{ guide("{other}") }}}}.' for other in linked)
                      + f' Read more on the {{{{ link("{rng.choice(ids["links"])}") }}}}.', ""]
    lines += ["## Who are the key contacts?", "", f"For more information about {subject.lower()}, please get in touch:", ""]
    return "\n".join(lines)


def write_bare_twin(corpus: Path, bare: Path) -> Path:
    """Stock mkdocs-material over the same pages: Markdown after our macros, search plugin only."""
    from omg.corpus import check_corpus  # the benchmark reuses the build's own renderer
    from omg.problems import GuideError

    corpus, bare = Path(corpus), Path(bare)
    config = read_config(corpus / "mkdocs.yml")
    checked, report = check_corpus(corpus)
    if report:  # a generator bug must not pass as a fast build
        raise BenchError(f"the synthetic corpus in {corpus} fails our checks.\n{GuideError(report.problems).summary()}")
    docs = corpus / checked.settings.docs_dir
    for source in sorted(docs.rglob("*")):
        target = bare / "docs" / source.relative_to(docs)
        if source.is_dir():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix != ".md":
            shutil.copy2(source, target)
            continue
        relative = source.relative_to(docs).as_posix()
        slug = source.stem if source.parent == docs / checked.settings.guides_dir else None
        if slug in checked.rendered:
            # The same front matter (MkDocs parses it in both builds), the body after our macros.
            lines = source.read_text(encoding="utf-8").split("\n")
            text = "\n".join(lines[:checked.guides[slug].body_line - 1]) + "\n" + checked.rendered[slug]
        else:
            text = _render_page(source.read_text(encoding="utf-8"), relative, checked.renderer)
        target.write_text(text, encoding="utf-8")
    for title, path in _nav_pages(config.get("nav")):
        stub = bare / "docs" / path
        if not stub.exists():  # generated by our plugin: the same nav needs a page there
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text(f"---\ntitle: {json.dumps(title)}\n---\n", encoding="utf-8")
    bare_config = {
        "site_name": config.get("site_name", "Bare"),
        "site_url": "http://127.0.0.1:8000/",
        "docs_dir": "docs",
        "strict": True,
        "validation": config.get("validation", {}),
        "theme": {"name": "material", "language": "en", "font": False},
        "nav": config.get("nav"),
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
    }
    (bare / "mkdocs.yml").write_text(yaml.safe_dump({k: v for k, v in bare_config.items() if v is not None},
                                                    sort_keys=False), encoding="utf-8")
    return bare


def _nav_pages(nav) -> list[tuple[str, str]]:
    """(title, path) of every page the nav names, at any depth."""
    found = []
    for item in nav or []:
        for title, value in (item.items() if isinstance(item, dict) else [("", item)]):
            if isinstance(value, list):
                found += _nav_pages(value)
            elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                found.append((title or value, value))
    return found


def _render_page(text: str, relative: str, renderer) -> str:
    if text.startswith("---\n") and (end := text.find("\n---\n", 3)) >= 0:
        front, body = text[:end + 5], text[end + 5:]
    else:
        front, body = "", text
    return front + renderer.render(body, page=relative).markdown


def _copy(source: Path, target: Path) -> None:
    if source.is_dir() and any(source.glob("*.py")):
        # Watched code (omg/): link it, so the build imports the code under test, not a copy.
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(source, target_is_directory=True)
    elif source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    elif source.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _ids(path: Path, key: str) -> list[str]:
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(key) or []
    found = [entry["id"] for entry in entries if isinstance(entry, dict) and "id" in entry]
    if not found:
        raise BenchError(f"{path} has no '{key}' entries with an id; the synthetic guides need at least one.")
    return found


def _yaml(value) -> str:
    """A front-matter value: dates bare (YAML reads them as dates), the rest as JSON, which YAML reads too."""
    return value.isoformat() if isinstance(value, dt.date) else json.dumps(value)


def _acronym(subject: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z]+", subject) if word not in ("and", "the")).upper()


def _paragraphs(pool: tuple[str, ...], subject: str, words: int, rng: random.Random) -> list[str]:
    """Paragraphs of two or three sentences from `pool`, each used once, until about `words` words."""
    lower = subject[0].lower() + subject[1:]
    order = [pool[0]] + rng.sample(pool[1:], len(pool) - 1)  # the first sentence of a pool opens the section
    sentences, count = [], 0
    for template in order:
        if count >= words:
            break
        sentences.append(template.format(lower=lower))
        count += len(sentences[-1].split())
    paragraphs = []
    while sentences:
        take = rng.choice((2, 3))
        paragraphs += [" ".join(sentences[:take]), ""]
        sentences = sentences[take:]
    return paragraphs[:-1]
