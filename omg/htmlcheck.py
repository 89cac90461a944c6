"""The final HTML of every built page, read with a real HTML5 parser (Lexbor, via selectolax).

The source scan (omg/rawhtml.py) reads what editors wrote; this reads what a
reader's browser gets, after YAML and Jinja escapes are decoded, macros have
run and templates have filled in titles and descriptions. Anything that can
run code, load a page into another, send a form or change where the page
goes is allowed only when our own templates put it there: a `Profile` made
from the same templates rendered for a blank page (omg/probe.py) lists those
elements, and a page may hold each of them no more often than the blank page
does. Event-handler and style attributes and script-carrying addresses are
refused everywhere.

Plain functions on strings: no MkDocs here (omg/rendercheck.py names the files).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from .csp import inline_script_hashes

# Elements that run code, embed other documents, send data or change the page's address or base.
GUARDED_TAGS = frozenset({
    "script", "noscript", "style", "base", "iframe", "frame", "frameset", "object", "embed", "applet",
    "form", "portal", "fencedframe", "template", "link", "meta", "handler", "listener",
})
# <link rel=...> values a page may carry without them coming from the blank page: they load nothing.
PLAIN_LINK_RELS = frozenset({"canonical", "prev", "next", "alternate", "help", "license", "author"})
# Attributes that hold an address (HTML, SVG, MathML and the old presentational ones).
URL_ATTRIBUTES = frozenset({
    "href", "src", "action", "formaction", "xlink:href", "srcset", "imagesrcset", "poster", "data", "codebase",
    "cite", "background", "longdesc", "manifest", "usemap", "lowsrc", "dynsrc", "icon", "archive", "classid",
    "profile", "itemtype", "xml:base", "to", "from", "values", "by",
})
# Attributes refused on any element, whatever their value.
REFUSED_ATTRIBUTES = {
    "style": "a style attribute",
    "ping": "a ping attribute (it reports clicks to another address)",
    "srcdoc": "a srcdoc attribute (a whole page inside an attribute)",
    "http-equiv": None,  # only on <meta>, handled with the guarded elements
}
_WATCHED_ATTRIBUTES = URL_ATTRIBUTES | set(REFUSED_ATTRIBUTES)
_PLAIN_SCHEMES = ("https://", "http://", "mailto:", "tel:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_IMAGE_DATA = re.compile(r"data:image/(?:png|gif|jpe?g|webp|avif|bmp|x-icon|vnd\.microsoft\.icon)[;,]")
_PROCESSING = re.compile(r"<\?(?!xml[\s?])([A-Za-z_:][^\s?>]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    what: str    # a sentence naming the element or attribute, for the message
    needle: str  # a short piece of the page to look for in editors' text (the tag, the attribute, the address)


@dataclass
class Profile:
    """What trusted templates put into a blank page: guarded elements (counted) and their inline scripts."""
    allowed: Counter = field(default_factory=Counter)
    script_hashes: list[str] = field(default_factory=list)  # CSP sources for the inline scripts, in page order


EMPTY = Profile()


def profile_of(trusted_html: str) -> Profile:
    """The profile of a page made only from trusted templates and configuration."""
    profile = Profile(script_hashes=inline_script_hashes(trusted_html))
    for node in _guarded(LexborHTMLParser(trusted_html)):
        profile.allowed[_signature(node)] += 1
    return profile


def check_html(html: str, profile: Profile = EMPTY, *, document: bool = True) -> list[Finding]:
    """Everything in `html` that the templates behind `profile` did not put there.

    `document` is False for SVG and XML files, whose processing instructions are checked too.
    """
    tree = LexborHTMLParser(html)
    findings: list[Finding] = []
    seen: Counter = Counter()
    # Some 2,000 elements a page: the loop does as little as it can for the plain ones.
    for node in tree.root.traverse(include_text=False):
        tag = _local(node.tag) if ":" in node.tag else node.tag
        attributes = node.attributes
        if tag in GUARDED_TAGS and _is_guarded(tag, attributes):
            signature = _signature(node)
            seen[signature] += 1
            if seen[signature] > profile.allowed.get(signature, 0):
                findings.append(_element_finding(tag, node))
        for name, value in attributes.items():
            if name in _WATCHED_ATTRIBUTES or name.startswith("on") or ":" in name:
                finding = _attribute_finding(tag, _local(name) if ":" in name else name, name, value)
                if finding:
                    findings.append(finding)
    if not document:
        for match in _PROCESSING.finditer(html):
            findings.append(Finding(f"a processing instruction '<?{match.group(1)}' (it can load a stylesheet "
                                    "that runs code)", f"<?{match.group(1)}"))
    return findings


def refused_address(value: str) -> bool:
    """True for javascript:, vbscript: and data: addresses other than plain images."""
    if ":" not in value or value.startswith(_PLAIN_SCHEMES):  # most addresses: relative, or https
        return False
    normal = _INVISIBLE.sub("", value).lower()
    if normal.startswith(("javascript:", "vbscript:", "livescript:", "mocha:")):
        return True
    return normal.startswith("data:") and not _IMAGE_DATA.match(normal)


def _guarded(tree) -> list:
    return [node for node in tree.root.traverse(include_text=False)
            if _local(node.tag) in GUARDED_TAGS and _is_guarded(_local(node.tag), node.attributes)]


def _is_guarded(tag: str, attributes: dict) -> bool:
    if tag == "meta":  # <meta charset>, name= and property= are plain data
        return any(_local(name) == "http-equiv" for name in attributes)
    if tag == "link":
        rels = set((attributes.get("rel") or "").lower().split())
        return not rels or not rels <= PLAIN_LINK_RELS
    return True


def _signature(node) -> tuple:
    text = node.text(deep=True) if _local(node.tag) in ("script", "style", "noscript", "template") else ""
    return (_local(node.tag), tuple(sorted((name, value or "") for name, value in node.attributes.items())), text)


def _element_finding(tag: str, node) -> Finding:
    attributes = node.attributes
    if tag == "meta":
        equiv = next(value for name, value in attributes.items() if _local(name) == "http-equiv")
        return Finding(f"a <meta http-equiv=\"{_shown(equiv or '')}\"> tag that our templates did not write",
                       "http-equiv")
    if tag == "script":
        source = attributes.get("src")
        if source:
            return Finding(f"a <script src=\"{_shown(source)}\"> that our templates did not write", source)
        body = node.text(deep=True)
        return Finding(f"an inline <script> that our templates did not write ({_shown(body) or 'empty'})",
                       _needle(body) or "<script")
    if tag == "link":
        return Finding(f"a <link rel=\"{_shown(attributes.get('rel') or '')}\"> that our templates did not write",
                       attributes.get("href") or "<link")
    return Finding(f"a <{tag}> element that our templates did not write", f"<{tag}")


def _attribute_finding(tag: str, name: str, written: str, value: str | None) -> Finding | None:
    if name.startswith("on") and len(name) > 2:
        return Finding(f"an event-handler attribute '{name}' on <{tag}>", name)
    if name in REFUSED_ATTRIBUTES and REFUSED_ATTRIBUTES[name]:
        return Finding(f"{REFUSED_ATTRIBUTES[name]} on <{tag}>", f"{name}=")
    if value and name in URL_ATTRIBUTES:
        addresses = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
        if name in ("values",):
            addresses = value.split(";")
        for address in addresses:
            if refused_address(address):
                return Finding(f"the address '{_shown(_INVISIBLE.sub('', address))}' in the attribute '{written}' on <{tag}>",
                               _needle(address) or address)
    return None


def _local(name: str) -> str:
    """A tag or attribute name without its prefix: 'html:script' is a script in an XHTML document."""
    name = name.lower()
    return name if name in ("xlink:href", "xml:base", "http-equiv") else name.rpartition(":")[2]


def _needle(text: str) -> str:
    """A distinctive piece of `text` (its first 30 visible characters) to find in editors' fields."""
    return " ".join(text.split())[:30]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."
