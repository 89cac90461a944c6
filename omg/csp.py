"""A strict content security policy in every built page.

The theme needs a few inline scripts (its settings, the colour palette).
Their text varies only with the page's base address, so the scripts a page
may run are read from the trusted templates rendered for a blank page at the
same depth (omg/probe.py), never from the page itself: a script that an
editor's text smuggles into a page gets no hash, and the final-HTML check
(omg/htmlcheck.py) fails the build on it anyway. Files from the site itself
are allowed; nothing from another site, and no 'unsafe-inline' for scripts.

The policy is a <meta> tag because the site is static and its host may not
let us set headers; directives that only work as headers (frame-ancestors,
report-to, sandbox) are left out, as browsers report them as errors when
they appear in a <meta> tag. SECURITY.md says how to serve it as a header.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Callable

from .listing import listed

# <script> elements; the body group is the exact text a browser hashes.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_OLD_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
_CHARSET = re.compile(r"<meta charset=[^>]*>\n?", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>\n?", re.IGNORECASE)
# Types a browser runs; others (such as application/json) are data and need no hash.
SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")

FIXED_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",  # the theme's stylesheet draws its icons from data: images
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') for each inline script the page runs, in page order."""
    hashes = []
    # Editors' text lands inside <article>: a script there is never trusted, even in a probe page.
    start, end = html.find("<article"), html.rfind("</article>")
    content = range(start, end) if 0 <= start < end else range(0)
    done = 0
    for opening in _SCRIPT_START.finditer(html):  # finding where scripts start first is twice as quick
        match = _SCRIPT.match(html, opening.start()) if opening.start() >= done else None
        if not match:
            continue
        done = match.end()  # a '<script' inside a script's text starts nothing
        attributes, body = match.groups()
        if match.start() in content:
            continue
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind and kind.group(1).lower() not in SCRIPT_TYPES):
            continue
        # Browsers hash the text after the HTML parser has turned CR LF into LF.
        text = body.replace("\r\n", "\n").replace("\r", "\n")
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(trusted_html: str) -> str:
    """The policy permitting the inline scripts of `trusted_html`, a page made only of trusted templates."""
    return policy_from(inline_script_hashes(trusted_html))


def policy_from(script_hashes: list[str]) -> str:
    script_src = " ".join(["script-src 'self'", *script_hashes])
    return "; ".join([FIXED_DIRECTIVES[0], script_src, *FIXED_DIRECTIVES[1:]])


def protect_page(html: str, policy: str) -> str:
    """The page with `policy` as the first thing in <head> after the character set."""
    if "Content-Security-Policy" in html:  # a page protected before; a new page has none to replace
        html = _OLD_POLICY.sub("", html)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if not anchor:
        return html  # not a page (a fragment or a stub): nothing runs in it
    return html[: anchor.end()] + tag + html[anchor.end():]


def protect_site(site_dir: Path, *, policy_of: Callable[[Path], str], done: frozenset[str] | set[str] = frozenset()) -> int:
    """Add its policy (`policy_of(path)`) to every HTML page under `site_dir` but those in `done`; the number of pages."""
    count = 0
    for path in listed(Path(site_dir), "*.html", recursive=True):
        if str(path) in done:
            continue
        html = path.read_bytes().decode("utf-8")
        protected = protect_page(html, policy_of(path))
        if protected != html:
            path.write_bytes(protected.encode("utf-8"))
            count += 1
    return count
