"""Raw HTML in guides, pages and data files: plain, safe markup only.

Markdown copies HTML straight into the page, so one pull request could give
every reader a script, a frame or an event handler. We refuse those, inline
style and `javascript:`/`data:` addresses (in HTML, in Markdown links and in
`{: ... }` attribute lists) and let through the plain tags an editor uses,
such as <br> and <abbr>. The content security policy (omg/csp.py) trusts
whatever scripts the built pages contain, so this check is what keeps
editors' scripts out of them. Macros cannot assemble HTML from pieces
(omg/macros.py allows plain macro calls only), so checking the files as
written is enough.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mkdocs.utils.meta import YAML_RE

from . import yamlfile
from .linkcheck import BadAddress, parse_address
from .listing import listed, relative_path
from .problems import Report

# Tags an editor may need in a one-minute guide; everything else is refused.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:")
SCRIPT_FIX = "remove it; nothing an editor writes may run scripts in readers' browsers."
STYLE_FIX = "remove it; the site's look comes from its stylesheet, the same for every guide."
TAG_FIXES = {
    "script": SCRIPT_FIX,
    "noscript": SCRIPT_FIX,
    "style": STYLE_FIX,
    "iframe": "remove it; a guide cannot embed other web pages. Link to the page with {{ link(\"name\") }} instead.",
    "frame": "remove it; a guide cannot embed other web pages. Link to the page with {{ link(\"name\") }} instead.",
    "frameset": "remove it; a guide cannot embed other web pages. Link to the page with {{ link(\"name\") }} instead.",
    "object": "remove it; a guide cannot embed plug-ins or files. Link to the file instead.",
    "embed": "remove it; a guide cannot embed plug-ins or files. Link to the file instead.",
    "applet": "remove it; a guide cannot embed plug-ins or files. Link to the file instead.",
}
OTHER_TAG_FIX = ("remove it or write the same in Markdown; guides may use plain tags such as <br> and <abbr>. "
                 "To show the character '<' in text, write '&lt;'.")
MALFORMED_FIX = "correct the address (copy it again from the browser's address bar), or remove the link."
URL_FIX = ("link to a web page starting with https://, or to a guide with {{ guide(\"slug\") }}; "
           "javascript: and data: addresses can run code or hide content.")

# MkDocs treats these endings as Markdown too, but the checks read only `.md`.

# Markdown autolinks (<https://...>, <name@example.org>) and link addresses in brackets, ](<...>),
# look like tags to an HTML parser. The autolinks are Python-Markdown's own patterns: anything else
# in <...> reaches the page as HTML, so it is checked.
# No white space inside: '<img\nsrc=x\nonerror=...@x>' at the start of a line is an HTML block to
# Markdown, not an address, and must not be blanked out before the scan.
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>\s]*>|<[^<>\s!]+@[^@<>\s]+>|\]\(\s*<[^<>\n]*>")
# A Markdown link or image destination: ](url), ](<url>), and reference definitions [id]: url.
_MD_DESTINATION = re.compile(r"\]\(\s*<?([^\s>]*)|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S*)", re.MULTILINE)
# attr_list blocks such as {: .note onclick="..." }; they set HTML attributes directly.
_ATTR_LIST = re.compile(r"\{:?([^{}\n]*)\}")
# A name starts only after a separator: tried from every letter of a long word, the search was quadratic.
_ATTR_PAIR = re.compile(r"(?<![^\s=\"'{}])([^\s=\"'{}]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]+)")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Finding:
    line: int
    message: str
    fix: str


def find_unsafe_html(text: str, *, first_line: int = 1) -> list[Finding]:
    """Unsafe HTML, addresses and attributes in Markdown `text`, with file lines."""
    # Every tag, comment and declaration starts with '<'; most guides have none, and parsing costs.
    findings = _HtmlScanner(first_line).scan(_AUTOLINK.sub(lambda m: " " * len(m.group()), text)) if "<" in text else []
    # Both kinds of destination need ']' before '(' or ':'; without either, the search is skipped.
    for match in _MD_DESTINATION.finditer(text) if "](" in text or "]:" in text else ():
        address = match.group(1) if match.group(1) is not None else match.group(2)
        address = _until_link_end(address)
        if _refused_address(address):
            findings.append(Finding(_line_at(text, match.start(), first_line),
                                    f"the link address '{_shown(address)}' is not allowed.", URL_FIX))
        elif reason := _malformed(address):
            findings.append(Finding(_line_at(text, match.start(), first_line),
                                    f"the link address '{_shown(address)}' is not a valid web address: {reason}.",
                                    MALFORMED_FIX))
    for match in _ATTR_LIST.finditer(text):
        if "=" not in match.group(1):  # no attribute (macro calls land here too: {{ guide("a") }})
            continue
        line = _line_at(text, match.start(), first_line)
        for name, value in _ATTR_PAIR.findall(match.group(1)):
            finding = _attribute_finding(name.lower(), value.strip("\"'"), "in '{: ... }'", line)
            if finding:
                findings.append(finding)
    return sorted(findings, key=lambda finding: finding.line)


def check_text(text: str, *, path: str, report: Report, first_line: int = 1) -> bool:
    """Report unsafe HTML in `text`; True when there was some."""
    findings = find_unsafe_html(text, first_line=first_line)
    for finding in findings:
        report.add(path, finding.line, finding.message, fix=finding.fix)
    return bool(findings)


def check_corpus_html(corpus, report: Report) -> None:
    """Every Markdown page and guide, below its front matter. (Front matter and data files are checked
    field by field, as decoded, in omg/schema.py; which files may be under docs/ at all is
    omg/projectfiles.py's concern.)"""
    root = corpus.root
    for file in listed(corpus.docs_dir, "*.md", recursive=True):
        if file.is_file() and not file.is_symlink():
            try:
                text = yamlfile.read_text(file)
            except yamlfile.YamlProblem:
                continue  # reported where the file is loaded
            body, first_line = markdown_body(text)
            check_text(body, path=relative_path(file, root), report=report, first_line=first_line)


def markdown_body(text: str) -> tuple[str, int]:
    """The text below the front matter, as MkDocs finds it, and the file line it starts on."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front = YAML_RE.match(text)
    if not front:
        return text, 1
    return text[front.end():], text.count("\n", 0, front.end()) + 1


class _HtmlScanner(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.line_offset = first_line - 1
        self.findings: list[Finding] = []

    def scan(self, text: str) -> list[Finding]:
        self.feed(text)
        self.close()
        return self.findings

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0] + self.line_offset
        if tag not in ALLOWED_TAGS:
            self.findings.append(Finding(line, f"the HTML tag <{tag}> is not allowed.",
                                         TAG_FIXES.get(tag, OTHER_TAG_FIX)))
        for name, value in attrs:
            finding = _attribute_finding(name, value or "", f"on <{tag}>", line)
            if finding:
                self.findings.append(finding)

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        # Browsers end a comment at '<!-->' or '--!>', and '<![CDATA[' at the first '>',
        # where this parser reads on: check what is inside.
        line = self.getpos()[0] + self.line_offset
        self.findings += _HtmlScanner(line).scan(data)

    unknown_decl = handle_comment


def _attribute_finding(name: str, value: str, where: str, line: int) -> Finding | None:
    if name.startswith("on"):
        return Finding(line, f"the HTML attribute '{name}' {where} is not allowed.", SCRIPT_FIX)
    if name == "style":
        return Finding(line, f"inline style (style=\"{_shown(value)}\") {where} is not allowed.", STYLE_FIX)
    if _refused_address(value):
        return Finding(line, f"the address '{_shown(value)}' in the attribute '{name}' {where} is not allowed.", URL_FIX)
    if name in _ADDRESS_ATTRIBUTES and (reason := _malformed(value)):
        return Finding(line, f"the address '{_shown(value)}' in the attribute '{name}' {where} is not a valid web "
                             f"address: {reason}.", MALFORMED_FIX)
    return None


_ADDRESS_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background", "longdesc"})


def _malformed(address: str) -> str | None:
    """Why an address cannot be a link (MkDocs and browsers could not read it), or None."""
    text = unescape(address).strip()
    if "[" not in text and ":" not in text:
        return None  # a relative address: MkDocs' own validation checks it
    try:
        scheme = urlsplit(text).scheme
    except ValueError as error:
        return "its IPv6 address is not closed with ']'" if "IPv6" in str(error) else "it cannot be read"
    if scheme in ("http", "https"):
        try:
            parse_address(text)
        except BadAddress as bad:
            return str(bad)
    return None


def _refused_address(address: str) -> bool:
    # Browsers decode entities and ignore tabs, newlines and spaces inside a scheme.
    normal = _INVISIBLE.sub("", unescape(address)).lower()
    return normal.startswith(REFUSED_SCHEMES)


def _until_link_end(address: str) -> str:
    """The address without the ')' that closes the Markdown link, and what follows it."""
    depth = 0
    for index, char in enumerate(address):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return address[:index]
    return address


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "..."


def _line_at(text: str, offset: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, offset)
