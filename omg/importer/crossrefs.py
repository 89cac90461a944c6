"""Cross-references in imported text: "see the OMG on X", "see the PEP website".

Each reference becomes a `guide()` or `link()` macro when it matches one
existing guide or named link (by title, id, keyword or acronym), or keeps its
words and gains a to-do marker for the editor when it matches none or more
than one.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

from ..todos import todo

_SMALL = {"the", "a", "an", "page", "our"}
_THRESHOLD = 0.85  # below this, "Child Protection" might be "Child Poverty": ask a person


@dataclass(frozen=True)
class Target:
    kind: str                 # "guide" or "link"
    id: str
    title: str
    names: tuple[str, ...]    # title, id as words, keywords
    url: str = ""
    names_in_text: tuple[str, ...] = ()   # a link's title and aliases: linked wherever the text names them


@dataclass(frozen=True)
class Reference:
    kind: str                 # "guide" or "link"
    phrase: str               # the words in the document
    target: str | None        # the id it resolved to
    todo: str | None = None   # what the editor must do, when unresolved


class Resolver:
    def __init__(self, targets: list[Target]):
        self.targets = targets

    def find(self, kind: str, phrase: str) -> tuple[Target | None, list[Target]]:
        """(the one match, or None; the close candidates when none is clear)."""
        scored = []
        for target in (t for t in self.targets if t.kind == kind):
            score = max(_similarity(phrase, name) for name in target.names)
            if score >= _THRESHOLD:
                scored.append((score, target))
        scored.sort(key=lambda pair: -pair[0])
        if not scored:
            return None, []
        best = [target for score, target in scored if score == scored[0][0]]
        if len({target.id for target in best}) == 1:
            return best[0], []
        return None, best

    def named_patterns(self) -> list[tuple[str, re.Pattern]]:
        """A pattern per named link's title and aliases, so "Working Together 2023" is found with no verb."""
        if not hasattr(self, "_named"):
            self._named = []
            for target in self.targets:
                for name in target.names_in_text:
                    if len(name) >= 4 and (" " in name.strip() or name.isupper() or "." in name):
                        # Written as the title is, but for the first letter: "Working Together" is a
                        # document, "working together" is what people do.
                        first, rest = name[0], name[1:]
                        words = r"\s+".join(re.escape(word) for word in rest.split(" "))
                        pattern = rf"(?<![\w.])[{first.upper()}{first.lower()}]{words}(?![\w])"
                        self._named.append((f"named:{target.id}", re.compile(pattern)))
        return self._named

    def by_id(self, target_id: str) -> Target | None:
        return next((t for t in self.targets if t.id == target_id and t.kind == "link"), None)

    def by_url(self, url: str) -> Target | None:
        wanted = _url_key(url)
        return next((t for t in self.targets if t.kind == "link" and t.url and _url_key(t.url) == wanted), None)


def _url_key(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")


def _words(text: str) -> list[str]:
    return [word for word in re.findall(r"[A-Za-z0-9]+", text) if word.lower() not in _SMALL]


def _similarity(phrase: str, name: str) -> float:
    said, known = _words(phrase), _words(name)
    if not said or not known:
        return 0.0
    if [w.lower() for w in said] == [w.lower() for w in known]:
        return 1.0
    if [_stem(w) for w in said] == [_stem(w) for w in known]:
        return 0.98
    if all(word.isupper() for word in said):
        said = [word.lower() for word in said]  # a heading in capitals, not a row of acronyms
    elif _acronym_match(said, known):
        return 0.95
    if any(len(word) > 1 and word.isupper() for word in said):
        return 0.0  # an acronym that did not expand must match exactly: PEP is not PCP
    return difflib.SequenceMatcher(None, " ".join(_stem(w) for w in said),
                                   " ".join(_stem(w) for w in known)).ratio() * 0.95


def _stem(word: str) -> str:
    word = word.lower()
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _acronym_match(said: list[str], known: list[str]) -> bool:
    """'RP Strategy' matches 'Restorative Practice Strategy'."""
    position = 0
    for word in said:
        if len(word) > 1 and word.isupper():
            span = known[position:position + len(word)]
            if len(span) == len(word) and "".join(w[0] for w in span).upper() == word:
                position += len(word)
                continue
        if position < len(known) and _stem(word) == _stem(known[position]):
            position += 1
            continue
        return False
    return position == len(known)


def macro(kind: str, target: Target, phrase: str, *, keep_words: bool = False) -> str:
    """`{{ guide("slug") }}`, with the document's words when they differ from the title (or always)."""
    same = not keep_words and " ".join(_words(phrase)).lower() == " ".join(_words(target.title)).lower()
    arguments = json.dumps(target.id) + ("" if same else ", " + json.dumps(phrase, ensure_ascii=False))
    return "{{ " + f"{kind}({arguments})" + " }}"


# The patterns, in the words real guides use. NAME stops at punctuation.
_NAME = r"[A-Za-z0-9][\w'\u2019&/ .-]*?"
_VERB = r"\b(?:see|visit|read|refer to|look at|go to|check|use|follow|find)"
_OMG = r"(?:OMG|One[ -]Minute[ -]Guide)"
# "the OMG on neglect and the Think Family page on ...": the name ends where another reference starts.
_NEXT_REFERENCE = (r"\s+(?:and|or)\s+(?:the\s+|our\s+)?(?:[\w'\u2019&/.-]+\s+){0,6}?"
                   r"(?:page|website|OMG|one[ -]minute[ -]guide|guidance|policy|procedures?|strategy|protocol)\b")
# "a one minute guide for all practitioners" is a strapline, not a reference.
_AUDIENCE = r"(?:all|every|any)\b|(?:practitioners|professionals|staff|parents|carers|partners|everyone|managers)\b"
_PATTERNS = (
    ("link-on-site", re.compile(
        rf"(?P<verb>{_VERB})\s+(?:the\s+)?(?:link\s+(?:to\s+)?(?:the\s+)?)?(?P<name>{_NAME})\s+on\s+(?:the\s+)?"
        rf"(?P<site>{_NAME})\s+website(?:\s+page)?\b", re.IGNORECASE)),
    ("page-on-site", re.compile(
        rf"(?P<the>\bthe\s+)(?P<name>(?:(?!the\b)[\w'\u2019&/.-]+\s+){{1,6}}?)page\s+on\s+(?:the\s+)?"
        rf"(?P<site>(?:(?!the\b)[\w'\u2019&/.-]+\s+){{1,4}}?)website\b", re.IGNORECASE)),
    ("guide", re.compile(
        rf"(?P<the>\bthe\s+)?(?P<phrase>\b{_OMG}\s+(?:on|about|for)\s+(?!{_AUDIENCE})(?P<name>[^.;:,()\[\]{{}}\n]+?))"
        rf"(?=\s*[.;:,()\n]|\s*$|{_NEXT_REFERENCE})", re.IGNORECASE)),
    ("guide-after", re.compile(
        r"(?P<the>\bthe\s+)(?P<phrase>(?P<name>[A-Z](?:(?!\s(?:and|or|the)\s)[\w'\u2019&/ -])*?)\s+"
        r"(?:OMG|One[ -]Minute[ -]Guide))\b")),
    ("website", re.compile(
        rf"(?:(?P<verb>{_VERB})\s+|\b(?=the\s))(?:the\s+)?(?P<name>(?:(?!the\b)[\w'\u2019&/.-]+\s+){{0,5}}?website)(?:\s+page)?\b",
        re.IGNORECASE)),
    ("markdown-link", re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<url>[^)\s]+)\)")),
    ("url", re.compile(r"(?<![(\[/\w])(?P<url>(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"])")),
    # "Working Together 2023", "the Children Act 1989": a named document, linked when known, else marked.
    ("document", re.compile(r"\b(?!(?:Read|See|Use|Follow|Check|Visit|The|Under|Since|In|On|By|From|After|Before|"
                            r"During|Published|Reviewed|Updated|Our|This|These|A|An)\b)(?P<name>[A-Z][\w'\u2019-]*(?:\s+(?:to|in|and|of|for|on|[A-Z][\w'\u2019-]*)){1,7}?"
                            r"\s+(?:19|20)\d\d)\b(?!\s*[-/]\d)")),
)


def rewrite(text: str, resolver: Resolver) -> tuple[str, list[Reference]]:
    """`text` with each cross-reference linked or marked to do, and what was found."""
    matches = []
    for kind, pattern in (*_PATTERNS, *resolver.named_patterns()):
        for match in pattern.finditer(text):
            matches.append((match.start(), -(match.end() - match.start()), kind, match))
    matches.sort(key=lambda item: item[:2])
    taken = []
    position = 0
    for start, _, kind, match in matches:
        if start < position or _inside_macro(text, start):
            continue  # overlaps one already taken
        replacement, found = _REWRITERS[kind.split(":")[0]](match, resolver, text)
        if replacement is None:
            continue  # not a reference after all
        taken.append((match, replacement, found, kind.startswith("named:")))
        position = match.end()
    # A name mentioned in passing is not linked again when the paragraph links it anyway.
    cited = {r.target for _, _, found, named in taken if not named for r in found if r.target}
    pieces, references, position = [], [], 0
    for match, replacement, found, named in taken:
        if named and {r.target for r in found} <= cited:
            continue
        pieces.append(text[position:match.start()] + replacement)
        references.extend(found)
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), references


def _inside_macro(text: str, index: int) -> bool:
    return text.rfind("{{", 0, index) > text.rfind("}}", 0, index)


def _guide_text(match, resolver, text):
    name, phrase = match.group("name").strip(), match.group("phrase").strip()
    the = match.group("the") or ("the " if re.search(rf"{_VERB}\s*$", text[:match.start()], re.IGNORECASE) else "")
    target, candidates = resolver.find("guide", name)
    if target:
        return f"{the}{macro('guide', target, phrase)}", [Reference("guide", phrase, target.id)]
    words = name.split()
    for count in range(len(words) - 1, 0, -1):
        # "the one minute guide on neglect says more": the name may end before the clause does.
        shorter, _ = resolver.find("guide", " ".join(words[:count]))
        if shorter:
            cut = phrase[:len(phrase) - len(name)] + " ".join(words[:count])
            rest, more = rewrite(match.group(0)[match.group(0).rindex(cut) + len(cut):], resolver)  # "and Working Together 2023"
            return f"{the}{macro('guide', shorter, cut)}{rest}", [Reference("guide", cut, shorter.id), *more]
    what = _unresolved("guide", name, candidates)
    return f"{match.group(0)} {todo(what)}", [Reference("guide", phrase, None, what)]


def _link_on_site(match, resolver, text):
    verb, name, site = match.group("verb"), match.group("name").strip(), match.group("site").strip()
    if re.search(rf"\b{_OMG}\b|\s(?:and|or)\s", name, re.IGNORECASE):
        return None, []  # two references, or a guide: the other patterns take them one at a time
    target, candidates = resolver.find("link", name)
    if target:
        return (f"{verb} the {macro('link', target, name)} on the {site} website",
                [Reference("link", name, target.id)])
    site_target, _ = resolver.find("link", f"{site} website")
    if site_target:
        return (f"{verb} the {name} on the {macro('link', site_target, f'{site} website')}",
                [Reference("link", f"{site} website", site_target.id)])
    what = _unresolved("link", name, candidates)
    return f"{match.group(0)} {todo(what)}", [Reference("link", name, None, what)]


def _website(match, resolver, text):
    verb, name = match.group("verb"), match.group("name").strip()
    lead = f"{verb} the " if verb else "the "
    target, candidates = resolver.find("link", name)
    if target:
        return f"{lead}{macro('link', target, name)}", [Reference("link", name, target.id)]
    if not verb and len(name.split()) < 2:
        return None, []  # "the website" on its own names no page
    what = _unresolved("link", name, candidates)
    return f"{match.group(0)} {todo(what)}", [Reference("link", name, None, what)]


def _page_on_site(match, resolver, text):
    name, site = match.group("name").strip(), match.group("site").strip()
    target, candidates = resolver.find("link", name)
    if not target:
        target, candidates = resolver.find("link", f"{name} page")
    if target:
        return (f"{match.group('the')}{macro('link', target, name)} page on the {site} website",
                [Reference("link", name, target.id)])
    site_target, _ = resolver.find("link", f"{site} website")
    if site_target:
        return (f"{match.group('the')}{name} page on the {macro('link', site_target, f'{site} website')}",
                [Reference("link", f"{site} website", site_target.id)])
    what = _unresolved("link", f"{name} page on the {site} website", candidates)
    return f"{match.group(0)} {todo(what)}", [Reference("link", name, None, what)]


def _named(match, resolver, text):
    """A named link's title or alias, written in the text."""
    kind = next(k for k, pattern in resolver.named_patterns() if pattern is match.re)
    target = resolver.by_id(kind.split(":", 1)[1])
    words = match.group(0)
    return macro("link", target, words, keep_words=True), [Reference("link", words, target.id)]


def _document(match, resolver, text):
    name = match.group("name")
    if any(pattern.search(name) for _, pattern in resolver.named_patterns()):
        return None, []  # a named link inside: that match links it
    if re.match(r"(?:In|On|By|From|Since|Until|Before|After|During|Published|Reviewed|Updated)\b", name) or \
            len(name.split()) < 3:
        return None, []  # a date in a sentence, not a document's name
    target, candidates = resolver.find("link", name)
    if target:
        return macro("link", target, name), [Reference("link", name, target.id)]
    what = (f"\"{name}\" names a document; add it to data/links.yml and link it with link(\"its-id\"), "
            "or delete this marker")
    return f"{name} {todo(what)}", [Reference("link", name, None, what)]


def _markdown_link(match, resolver, text):
    words, url = match.group("text"), match.group("url")
    if url.startswith("mailto:"):
        return words, []
    target = resolver.by_url(url)
    if target:
        return macro("link", target, words), [Reference("link", words, target.id)]
    what = _new_address(url)
    return f"{match.group(0)} {todo(what)}", [Reference("link", words, None, what)]


def _bare_url(match, resolver, text):
    url = match.group("url")
    target = resolver.by_url(url)
    if target:
        return macro("link", target, target.title), [Reference("link", url, target.id)]
    what = _new_address(url)
    return f"{url} {todo(what)}", [Reference("link", url, None, what)]


def _unresolved(kind: str, name: str, candidates: list[Target]) -> str:
    if candidates:
        listed = " or ".join(f"{kind}(\"{target.id}\")" for target in candidates)
        return f"\"{name}\" could be {listed}; write the right one in place of these words"
    if kind == "guide":
        return (f"no guide is called \"{name}\"; link it with guide(\"its-slug\") once that guide exists, "
                f"or delete the reference")
    return (f"no named link is called \"{name}\"; add it to data/links.yml and link it with link(\"its-id\"), "
            f"or delete the reference")


def _new_address(url: str) -> str:
    return f"add {url} to data/links.yml as a named link and use link(\"its-id\") instead of the address"


_REWRITERS = {"link-on-site": _link_on_site, "page-on-site": _page_on_site, "guide": _guide_text,
              "guide-after": _guide_text, "website": _website, "markdown-link": _markdown_link, "url": _bare_url,
              "named": _named, "document": _document}
