"""External links: are the outside pages that guides cite still there?

Pages on other sites move and vanish without a commit here, so this is a
separate command (`omg links`), run by hand or on a schedule; the build and
the default tests never touch the network. Each address is checked once,
however many guides use it: HEAD first (cheap), GET when a server refuses
HEAD, a few retries with a pause on temporary failures (5xx, 429, time-outs,
dropped connections), and redirects followed one hop at a time so that a
moved page is reported with its new address. Addresses inside private or
local networks are not requested unless asked: a pull request must not be
able to make the checker probe the machine it runs on. So each address is
normalised first (percent-decoded, IDNA, every IPv4 spelling), its name is
looked up once and the connection goes to the address that was checked
(no second lookup to rebind), every redirect hop is checked the same way,
and each address has a total deadline, since a socket time-out is per read.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException, responses
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from . import yamlfile
from .listing import listed
from .problems import printable

USER_AGENT = "omg-links/1 (One Minute Guides link checker)"
MAX_REDIRECTS = 5
TEMPORARY_STATUSES = {429, 500, 502, 503, 504}

_URL = re.compile(r"https?://(?:\[[^\]\s<>\"'`]*\])?[^\s<>\"'`\]]*")
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
    state: str            # "ok", "redirected", "broken", or "invalid" (not a web address as written)
    detail: str           # such as "404 Not Found" or "timed out after 10 seconds"
    final_url: str = ""   # where a redirect ends
    tries: int = 1


@dataclass
class CheckSettings:
    timeout: float = 10.0       # seconds for each read from a site
    deadline: float = 30.0      # seconds for one address in all: every hop, try and pause
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

class BadAddress(ValueError):
    """An address that cannot be requested as written: the reason, in an editor's words."""


@dataclass(frozen=True)
class Address:
    """One web address taken apart and normalised, so the checks see what a connection would use."""

    scheme: str
    host: str               # an IP address, or a name in its ASCII (IDNA) form
    port: int
    target: str             # path and query, as sent in the request line
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None  # when the host is an IP address

    @property
    def host_header(self) -> str:
        shown = f"[{self.host}]" if isinstance(self.ip, ipaddress.IPv6Address) else self.host
        default = 443 if self.scheme == "https" else 80
        return shown if self.port == default else f"{shown}:{self.port}"


_LEGACY_IPV4 = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}", re.IGNORECASE)
_SAFE_IN_PATH = "/%:@!$&'()*+,;=-._~"


def parse_address(url: str) -> Address:
    """`url` normalised as a browser would read it: percent-decoded, IDNA and every IPv4 spelling
    (integer, hex, octal, short) turned into the host a connection would reach. Raises BadAddress."""
    if any(ord(char) < 32 or ord(char) == 127 for char in url):
        raise BadAddress("it holds a control character")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise BadAddress(_value_error(error)) from None
    if parts.scheme not in ("http", "https"):
        raise BadAddress("it does not start with http:// or https://")
    raw_host = unquote(parts.hostname or "")
    if not raw_host:
        raise BadAddress("it names no site")
    host, ip = _normal_host(raw_host.rstrip("."))
    if port == 0:
        raise BadAddress("its port is 0")
    port = port or (443 if parts.scheme == "https" else 80)
    target = quote(parts.path or "/", safe=_SAFE_IN_PATH)
    if parts.query:
        target += "?" + quote(parts.query, safe=_SAFE_IN_PATH + "?")
    return Address(parts.scheme, host, port, target, ip)


def _normal_host(host: str):
    if any(char in host for char in "/\\@ %#?") or any(ord(char) < 33 for char in host):
        raise BadAddress(f"its site name '{host}' holds characters no site name has")
    try:
        ip = ipaddress.ip_address(host)
        return str(ip), ip
    except ValueError:
        pass
    if _LEGACY_IPV4.fullmatch(host):
        try:  # what browsers and inet_aton make of 2130706433, 0x7f000001, 0177.0.0.1 and 127.1
            ip = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            raise BadAddress(f"its site name '{host}' looks like an IP address but is not one") from None
        return str(ip), ip
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise BadAddress(f"its site name '{host}' is not a valid international name") from None
    return ascii_host, None


def _value_error(error: ValueError) -> str:
    text = str(error)
    if "Port" in text or "port" in text:
        return "its port is not a number from 1 to 65535"
    if "IPv6" in text:
        return "its IPv6 address is not closed with ']'"
    return f"it cannot be read ({text})"


def blocked_ip(ip) -> bool:
    """True for an address in a private, local or reserved network, however it is spelled."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and blocked_ip(embedded):
            return True
    return not ip.is_global or ip.is_multicast


class _Temporary(Exception):
    """A failure worth another try."""


class _OutOfTime(Exception):
    """The address's whole deadline has passed."""


def check_urls(urls, settings: CheckSettings | None = None) -> dict[str, LinkResult]:
    """Check each address once, `settings.workers` at a time."""
    settings = settings or CheckSettings()
    urls = sorted(set(urls))
    with ThreadPoolExecutor(max_workers=max(1, settings.workers)) as pool:
        results = pool.map(lambda url: check_url(url, settings), urls)
        return dict(zip(urls, results))


def check_url(url: str, settings: CheckSettings) -> LinkResult:
    """Follow `url` one redirect at a time, each hop checked and pinned the same way; never raises."""
    deadline = time.monotonic() + settings.deadline
    current, hops, first_status, tries = url, 0, "", 0
    while True:
        try:
            address = parse_address(current)
        except BadAddress as bad:
            state = "invalid" if current == url else "broken"
            detail = f"not a valid web address: {bad}" + (f" (redirected to {current})" if hops else "")
            return LinkResult(url, state, detail, current, tries)
        status, reason, location, used = _fetch_with_retries(address, settings, deadline)
        tries += used
        if status is None:
            return LinkResult(url, "broken", reason, current, tries)
        if 300 <= status < 400 and location:
            hops += 1
            first_status = first_status or f"{status} {reason}"
            if hops > MAX_REDIRECTS:
                return LinkResult(url, "broken", f"more than {MAX_REDIRECTS} redirects", current, tries)
            current = urljoin(current, location.strip())
            continue
        if status >= 400:
            detail = f"{status} {reason}" + (f" after redirecting to {current}" if hops else "")
            return LinkResult(url, "broken", detail, current, tries)
        if hops:
            return LinkResult(url, "redirected", first_status, current, tries)
        return LinkResult(url, "ok", f"{status} {reason}", current, tries)


def _fetch_with_retries(address: Address, settings: CheckSettings,
                        deadline: float) -> tuple[int | None, str, str | None, int]:
    """(status, reason, Location, tries); status None when the page could not be reached."""
    out_of_time = f"took longer than {settings.deadline:g} seconds in all"
    try:
        ips = _resolve(address, settings)
    except _Refused as refused:
        return None, str(refused), None, 0
    last = ""
    for attempt in range(settings.retries + 1):
        if attempt:
            pause = settings.backoff * 2 ** (attempt - 1)
            if time.monotonic() + pause >= deadline:
                return None, f"{last}; then {out_of_time}", None, attempt
            time.sleep(pause)
        try:
            status, reason, location = _head_then_get(address, ips[0], settings, deadline)
        except _OutOfTime:
            return None, out_of_time, None, attempt + 1
        except _Temporary as failure:
            last = str(failure)
            continue
        except (ssl.SSLError, ssl.CertificateError) as error:
            return None, f"its secure connection failed ({_ssl_reason(error)})", None, attempt + 1
        except (HTTPException, OSError, ValueError) as error:
            return None, _describe(error, settings), None, attempt + 1
        if status not in TEMPORARY_STATUSES:
            return status, reason, location, attempt + 1
        last = f"{status} {reason}"
    tries = settings.retries + 1
    return None, f"{last} ({tries} {'try' if tries == 1 else 'tries'})", None, tries


class _Refused(Exception):
    pass


def _resolve(address: Address, settings: CheckSettings) -> list:
    """The addresses to connect to, looked up once: the request goes to one of these, not to a new lookup."""
    if address.ip is not None:
        ips = [address.ip]
    else:
        try:
            infos = socket.getaddrinfo(address.host, address.port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError, OSError) as error:
            raise _Refused(_describe(error, settings)) from None
        ips = []
        for info in infos:
            ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if ip not in ips:
                ips.append(ip)
        if not ips:
            raise _Refused("the site's name was not found")
    if not settings.allow_private:
        for ip in ips:
            if blocked_ip(ip):
                shown = getattr(ip, "ipv4_mapped", None) or ip
                raise _Refused(f"the address is in a private or local network ({shown}), so it was not checked")
    return ips


def _head_then_get(address: Address, ip, settings: CheckSettings, deadline: float) -> tuple[int, str, str | None]:
    with settings.slot(address.host):
        status, reason, location = _request(address, ip, "HEAD", settings, deadline)
        if status >= 400:
            # Many servers refuse or mishandle HEAD; GET is what a reader's browser sends.
            status, reason, location = _request(address, ip, "GET", settings, deadline)
    return status, reason, location


class _PinnedHTTPS(http.client.HTTPSConnection):
    """HTTPS to an address already checked, with the site's name for the certificate and SNI."""

    def __init__(self, ip: str, port: int, *, server_name: str, timeout: float):
        super().__init__(ip, port, timeout=timeout, context=ssl.create_default_context())
        self.server_name = server_name

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self.server_name)


def _request(address: Address, ip, method: str, settings: CheckSettings, deadline: float) -> tuple[int, str, str | None]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _OutOfTime()
    timeout = min(settings.timeout, remaining)
    if address.scheme == "https":
        connection = _PinnedHTTPS(str(ip), address.port, server_name=address.host, timeout=timeout)
    else:
        connection = http.client.HTTPConnection(str(ip), address.port, timeout=timeout)
    # The socket timeout is per read: a server that drips a header line at a time would never trip it,
    # so the whole request is also cut off when the address's deadline passes.
    expired = threading.Event()
    def cut_off():
        expired.set()
        if connection.sock is not None:
            with contextlib.suppress(OSError):
                connection.sock.shutdown(socket.SHUT_RDWR)
    watchdog = threading.Timer(remaining, cut_off)
    watchdog.daemon = True
    watchdog.start()
    try:
        connection.putrequest(method, address.target, skip_host=True, skip_accept_encoding=True)
        connection.putheader("Host", address.host_header)
        connection.putheader("User-Agent", USER_AGENT)
        connection.putheader("Accept", "*/*")
        connection.endheaders()
        response = connection.getresponse()
        if expired.is_set():  # cut off mid-headers: what was read ends early but is not the answer
            raise _OutOfTime()
        return response.status, _reason(response.status, response.reason), response.getheader("Location")
    except (TimeoutError, socket.timeout):
        if expired.is_set():
            raise _OutOfTime() from None
        raise _Temporary(f"timed out after {settings.timeout:g} seconds") from None
    except (ssl.SSLError, ssl.CertificateError):
        if expired.is_set():
            raise _OutOfTime() from None
        raise
    except (ConnectionError, HTTPException, OSError) as error:
        if expired.is_set():
            raise _OutOfTime() from None
        raise _Temporary(_describe(error, settings)) from None
    finally:
        watchdog.cancel()
        connection.close()


def _ssl_reason(error: Exception) -> str:
    return getattr(error, "verify_message", None) or getattr(error, "reason", None) or str(error)


def _reason(status: int, reason) -> str:
    return str(reason or responses.get(status, "")).strip() or responses.get(status, "")


def _describe(error: Exception, settings: CheckSettings) -> str:
    reason = getattr(error, "reason", error)
    if isinstance(reason, (socket.gaierror, UnicodeError)):
        return "the site's name was not found"
    if isinstance(reason, ConnectionRefusedError):
        return "the site refused the connection"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {settings.timeout:g} seconds"
    if isinstance(reason, HTTPException):
        return f"the site's answer could not be read ({type(reason).__name__})"
    return f"could not connect ({reason})"


# --- The report ---------------------------------------------------------------

def report_lines(results: dict[str, LinkResult], uses: dict[str, list[Use]]) -> list[str]:
    """The report for people: addresses written wrongly, broken links, then redirected ones, each with where it is used."""
    invalid = [r for r in results.values() if r.state == "invalid"]
    broken = [r for r in results.values() if r.state == "broken"]
    moved = [r for r in results.values() if r.state == "redirected"]
    fine = len(results) - len(invalid) - len(broken) - len(moved)
    lines = [f"Checked {len(results)} outside {'address' if len(results) == 1 else 'addresses'}: "
             f"{fine} fine, {len(moved)} redirected, {len(broken)} broken"
             + (f", {len(invalid)} not valid." if invalid else ".")]
    for result in invalid:
        lines += [""] + [f"{use}: '{printable(result.url)}' is {result.detail}. "
                  "Fix: correct the address (copy it again from the browser's address bar), or remove it."
                  for use in uses.get(result.url, [])] or [f"'{printable(result.url)}' is {result.detail}."]
    for result in broken:
        lines += ["", f"Broken: {printable(result.url)} ({result.detail})",
                  f"  used in: {', '.join(str(use) for use in uses.get(result.url, []))}",
                  "  Fix: find the page's new address and use it (for a named link, once in data/links.yml), "
                  "or remove the link."]
    for result in moved:
        lines += ["", f"Redirected: {printable(result.url)} -> {printable(result.final_url)} ({result.detail})",
                  f"  used in: {', '.join(str(use) for use in uses.get(result.url, []))}",
                  "  Fix: change the address to the new one, after checking it is the same page."]
    return lines
