"""External links: are the outside pages that guides cite still there?

Pages on other sites move and vanish without a commit here, so this is a
separate command (`omg links`), run by hand or on a schedule; the build and
the default tests never touch the network. Each address is checked once,
however many guides use it: HEAD first (cheap), GET when a server refuses
HEAD, a few retries with a pause on temporary failures (5xx, 429, time-outs,
dropped connections), and redirects followed one hop at a time so that a
moved page is reported with its new address. Addresses inside private or
local networks are not requested unless asked: a pull request must not be
able to make the checker probe the machine it runs on.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException, responses
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import yamlfile
from .listing import listed

USER_AGENT = "omg-links/1 (One Minute Guides link checker)"
MAX_REDIRECTS = 5
TEMPORARY_STATUSES = {429, 500, 502, 503, 504}

_URL = re.compile(r"https?://[^\s<>\"'`\]]+")
_LINK_MACRO = re.compile(r"""\blink\(\s*["']([^"']+)["']""")


@dataclass(frozen=True, order=True)
class Use:
    """Where an address appears: a file and line, for the report."""

    path: str
    line: int | None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@dataclass
class LinkResult:
    url: str
    state: str            # "ok", "redirected" or "broken"
    detail: str           # such as "404 Not Found" or "timed out after 10 seconds"
    final_url: str = ""   # where a redirect ends
    tries: int = 1


@dataclass
class CheckSettings:
    timeout: float = 10.0       # seconds for each request
    retries: int = 2            # extra tries after a temporary failure
    backoff: float = 1.0        # seconds before the first retry, doubling after
    workers: int = 8            # requests in flight at once
    per_host: int = 2           # requests in flight to one site at once
    allow_private: bool = False
    _slots: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))


# --- Where the addresses are ----------------------------------------------

def collect_urls(corpus) -> dict[str, list[Use]]:
    """Every http(s) address in the pages, guides and data files, with where it is used."""
    uses: dict[str, set[Use]] = defaultdict(set)
    docs = corpus.docs_dir
    data = corpus.root / corpus.settings.data_dir
    files = listed(docs, "*.md", recursive=True) + listed(data, "*.y*ml")
    for file in files:
        try:
            text = yamlfile.read_text(file)
        except yamlfile.YamlProblem:
            continue  # `omg check` reports it
        shown = file.relative_to(corpus.root).as_posix()
        for url, line in urls_in(text):
            uses[url].add(Use(shown, line))
        for match in _LINK_MACRO.finditer(text):
            named = corpus.links.get(match.group(1))
            if named:
                uses[named.url].add(Use(shown, text.count("\n", 0, match.start()) + 1))
    for guide in corpus.guides.values():
        # A contact's named link is shown in every guide that lists the contact.
        for contact_id in guide.contacts:
            contact = corpus.contacts.get(contact_id)
            named = corpus.links.get(contact.link) if contact and contact.link else None
            if named:
                uses[named.url].add(Use(guide.path, guide.line_of("contacts")))
    return {url: sorted(found) for url, found in sorted(uses.items())}


def urls_in(text: str) -> list[tuple[str, int]]:
    """(address, line) for each http(s) address in `text`."""
    found = []
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:!?")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1]  # the ')' closing a Markdown link
        found.append((url, text.count("\n", 0, match.start()) + 1))
    return found


# --- Checking them ----------------------------------------------------------

class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # we follow redirects ourselves, to report them


_OPENER = urllib.request.build_opener(_NoRedirects)


class _Temporary(Exception):
    """A failure worth another try."""


def check_urls(urls, settings: CheckSettings | None = None) -> dict[str, LinkResult]:
    """Check each address once, `settings.workers` at a time."""
    settings = settings or CheckSettings()
    urls = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        results = pool.map(lambda url: check_url(url, settings), urls)
        return dict(zip(urls, results))


def check_url(url: str, settings: CheckSettings) -> LinkResult:
    current, hops, first_status = url, 0, ""
    tries = 0
    while True:
        refused = _refused_host(current, settings)
        if refused:
            return LinkResult(url, "broken", refused, current, tries)
        status, reason, location, used = _fetch_with_retries(current, settings)
        tries += used
        if status is None:
            return LinkResult(url, "broken", reason, current, tries)
        if 300 <= status < 400 and location:
            hops += 1
            first_status = first_status or f"{status} {reason}"
            if hops > MAX_REDIRECTS:
                return LinkResult(url, "broken", f"more than {MAX_REDIRECTS} redirects", current, tries)
            current = urljoin(current, location)
            continue
        if status >= 400:
            detail = f"{status} {reason}" + (f" after redirecting to {current}" if hops else "")
            return LinkResult(url, "broken", detail, current, tries)
        if hops:
            return LinkResult(url, "redirected", first_status, current, tries)
        return LinkResult(url, "ok", f"{status} {reason}", current, tries)


def _fetch_with_retries(url: str, settings: CheckSettings) -> tuple[int | None, str, str | None, int]:
    """(status, reason, Location, tries); status None when the page could not be reached."""
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff * 2 ** (attempt - 1))
        try:
            status, reason, location = _head_then_get(url, settings)
        except _Temporary as failure:
            last = str(failure)
            continue
        except (ValueError, urllib.error.URLError, HTTPException, OSError) as error:
            return None, _describe(error, settings), None, attempt + 1
        if status not in TEMPORARY_STATUSES:
            return status, reason, location, attempt + 1
        last = f"{status} {reason}"
    tries = settings.retries + 1
    return None, f"{last} ({tries} {'try' if tries == 1 else 'tries'})", None, tries


def _head_then_get(url: str, settings: CheckSettings) -> tuple[int, str, str | None]:
    with settings.slot(urlsplit(url).hostname or ""):
        status, reason, location = _request(url, "HEAD", settings)
        if status >= 400:
            # Many servers refuse or mishandle HEAD; GET is what a reader's browser sends.
            status, reason, location = _request(url, "GET", settings)
    return status, reason, location


def _request(url: str, method: str, settings: CheckSettings) -> tuple[int, str, str | None]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _OPENER.open(request, timeout=settings.timeout) as response:
            return response.status, _reason(response.status, response.reason), None
    except urllib.error.HTTPError as error:
        with error:
            return error.code, _reason(error.code, error.reason), error.headers.get("Location")
    except (TimeoutError, socket.timeout):
        raise _Temporary(f"timed out after {settings.timeout:g} seconds") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise _Temporary(f"timed out after {settings.timeout:g} seconds") from None
        if isinstance(error.reason, (ConnectionError, socket.gaierror)) and not _is_permanent(error.reason):
            raise _Temporary(_describe(error, settings)) from None
        raise
    except (ConnectionError, HTTPException) as error:
        raise _Temporary(_describe(error, settings)) from None


def _is_permanent(reason: Exception) -> bool:
    # An unknown host name will not appear on a retry a second later.
    return isinstance(reason, socket.gaierror) and reason.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", -5))


def _refused_host(url: str, settings: CheckSettings) -> str | None:
    """Why the address must not be requested, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' is not a web address"
    if settings.allow_private:
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        return None  # the request reports the unknown host
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            return f"the address is in a private or local network ({ip}), so it was not checked"
    return None


def _reason(status: int, reason) -> str:
    return str(reason or responses.get(status, "")).strip() or responses.get(status, "")


def _describe(error: Exception, settings: CheckSettings) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, socket.gaierror):
        return "the site's name was not found"
    if isinstance(reason, ConnectionRefusedError):
        return "the site refused the connection"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {settings.timeout:g} seconds"
    return f"could not connect ({reason})"


# --- The report ---------------------------------------------------------------

def report_lines(results: dict[str, LinkResult], uses: dict[str, list[Use]]) -> list[str]:
    """The report for people: broken links first, then redirected ones, each with where it is used."""
    broken = [r for r in results.values() if r.state == "broken"]
    moved = [r for r in results.values() if r.state == "redirected"]
    fine = len(results) - len(broken) - len(moved)
    lines = [f"Checked {len(results)} outside {'address' if len(results) == 1 else 'addresses'}: "
             f"{fine} fine, {len(moved)} redirected, {len(broken)} broken."]
    for result in broken:
        lines += ["", f"Broken: {result.url} ({result.detail})",
                  f"  used in: {', '.join(str(use) for use in uses.get(result.url, []))}",
                  "  Fix: find the page's new address and use it (for a named link, once in data/links.yml), "
                  "or remove the link."]
    for result in moved:
        lines += ["", f"Redirected: {result.url} -> {result.final_url} ({result.detail})",
                  f"  used in: {', '.join(str(use) for use in uses.get(result.url, []))}",
                  "  Fix: change the address to the new one, after checking it is the same page."]
    return lines
