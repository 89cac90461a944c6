"""`omg links` against a local web server on 127.0.0.1: no test here reaches the internet.

The server answers each path the way real sites do: fine, moved, gone,
failing, failing once, too slow, refusing HEAD, redirecting in a loop.
"""

from __future__ import annotations

import http.server
import re
import socket
import threading
import time
from collections import Counter

import pytest

from omg.linkcheck import CheckSettings, Use, check_urls, report_lines, urls_in
from sitekit import BODY, guide_text

SLOW_SECONDS = 2.0


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: Counter  # (method, path) -> requests, set per server

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def _answer(self, *, body: bool):
        path = self.path.split("?")[0]
        self.hits[(self.command, path)] += 1
        self.hosts.append(self.headers.get("Host"))
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/ok", "/ok/", "/slow"):
            self._send(200, body=body)
        elif path == "/moved":
            self._send(301, location="/ok")
        elif path == "/moved-to-missing":
            self._send(302, location="/missing")
        elif path == "/redirect-anywhere":
            self._send(302, location=self.server.redirect_to)
        elif path == "/loop":
            self._send(301, location="/loop")
        elif path == "/error":
            self._send(500, body=body)
        elif path == "/flaky":
            self._send(503 if self.hits[(self.command, path)] == 1 else 200, body=body)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, body=body)
        else:
            self._send(404, body=body)

    def _send(self, status: int, *, body: bool = False, location: str | None = None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def server():
    handler = type("Handler", (_Handler,), {"hits": Counter(), "hosts": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # slow answers still sleeping must not hold up the next test
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.hits = handler.hits
    httpd.hosts = handler.hosts
    yield httpd
    httpd.shutdown()
    httpd.server_close()


LOCAL = CheckSettings(timeout=0.5, retries=1, backoff=0.05, workers=4, allow_private=True)


def check(server, *paths, settings=LOCAL):
    results = check_urls([server.base + path for path in paths], settings)
    return {url[len(server.base):]: result for url, result in results.items()}


def test_a_page_that_answers_200_is_fine(server):
    result = check(server, "/ok")["/ok"]
    assert (result.state, result.detail) == ("ok", "200 OK")
    assert server.hits == Counter({("HEAD", "/ok"): 1})  # HEAD is enough: no GET


def test_a_moved_page_is_reported_as_redirected_with_its_new_address(server):
    result = check(server, "/moved")["/moved"]
    assert (result.state, result.detail, result.final_url) == ("redirected", "301 Moved Permanently", server.base + "/ok")


def test_a_missing_page_is_broken_after_a_get_confirms_it(server):
    result = check(server, "/missing")["/missing"]
    assert (result.state, result.detail) == ("broken", "404 Not Found")
    assert server.hits == Counter({("HEAD", "/missing"): 1, ("GET", "/missing"): 1})


def test_a_redirect_to_a_missing_page_is_broken(server):
    result = check(server, "/moved-to-missing")["/moved-to-missing"]
    assert (result.state, result.detail) == ("broken", f"404 Not Found after redirecting to {server.base}/missing")


def test_a_server_error_is_retried_then_reported_broken(server):
    result = check(server, "/error")["/error"]
    assert (result.state, result.detail) == ("broken", "500 Internal Server Error (2 tries)")
    assert server.hits[("GET", "/error")] == 2


def test_a_temporary_failure_that_clears_on_retry_is_fine(server):
    result = check(server, "/flaky")["/flaky"]
    assert (result.state, result.tries) == ("ok", 2)


def test_a_slow_page_times_out_and_is_retried(server):
    started = time.monotonic()
    result = check(server, "/slow")["/slow"]
    assert (result.state, result.detail) == ("broken", "timed out after 0.5 seconds (2 tries)")
    assert server.hits[("HEAD", "/slow")] == 2
    assert time.monotonic() - started < SLOW_SECONDS * 2


def test_a_server_that_refuses_head_is_asked_with_get(server):
    result = check(server, "/no-head")["/no-head"]
    assert (result.state, result.detail) == ("ok", "200 OK")


def test_a_redirect_loop_is_broken(server):
    result = check(server, "/loop")["/loop"]
    assert (result.state, result.detail) == ("broken", "more than 5 redirects")


def test_a_closed_port_is_broken_without_waiting_for_the_timeout():
    from omg.localserver import free_port

    url = f"http://127.0.0.1:{free_port()}/"
    result = check_urls([url], LOCAL)[url]
    assert (result.state, result.detail) == ("broken", "the site refused the connection (2 tries)")


def test_checks_run_at_once_up_to_the_worker_limit(server):
    settings = CheckSettings(timeout=5, retries=0, workers=4, per_host=4, allow_private=True)
    slow = [f"/slow?{n}" for n in range(4)]
    started = time.monotonic()
    results = check(server, *slow, settings=settings)
    # Four slow pages, four workers: about one slow response, not four in a row.
    assert time.monotonic() - started < SLOW_SECONDS * 2
    assert {result.detail for result in results.values()} == {"200 OK"}


def test_private_and_local_addresses_are_not_requested_by_default(server):
    result = check(server, "/ok", settings=CheckSettings(timeout=0.5, retries=0))["/ok"]
    assert (result.state, result.detail) == (
        "broken", "the address is in a private or local network (127.0.0.1), so it was not checked")
    assert server.hits == Counter()


def test_addresses_are_found_in_markdown_with_their_lines():
    text = "See [the site](https://www.gov.uk/a_(b)).\nAnd <https://example.org/x>, then https://example.org/y.\n"
    assert urls_in(text) == [("https://www.gov.uk/a_(b)", 1), ("https://example.org/x", 2), ("https://example.org/y", 2)]


def test_the_report_lists_broken_then_redirected_links_with_where_they_are_used(server):
    results = check(server, "/ok", "/moved", "/missing")
    uses = {server.base + "/moved": [Use("docs/guides/a.md", 12)],
            server.base + "/missing": [Use("data/links.yml", 4), Use("docs/guides/a.md", 14)]}
    lines = report_lines({server.base + path: result for path, result in results.items()}, uses)
    assert lines == [
        "Checked 3 outside addresses: 1 fine, 1 redirected, 1 broken.",
        "",
        f"Broken: {server.base}/missing (404 Not Found)",
        "  used in: data/links.yml:4, docs/guides/a.md:14",
        "  Fix: find the page's new address and use it (for a named link, once in data/links.yml), or remove the link.",
        "",
        f"Redirected: {server.base}/moved -> {server.base}/ok (301 Moved Permanently)",
        "  used in: docs/guides/a.md:12",
        "  Fix: change the address to the new one, after checking it is the same page.",
    ]


def local_links_site(site, base: str):
    """A fixture site whose only outside addresses are on the local server."""
    site.write("data/links.yml", f"links:\n  - id: local-ok\n    title: Local page\n    url: {base}/ok\n"
                                 f"  - id: local-gone\n    title: Gone page\n    url: {base}/missing\n")
    site.write("data/contacts.yml", "contacts:\n  - id: rp-training\n    role: Training\n    team: A team\n"
                                    "    link: local-gone\n")
    body = BODY.format(slug="Linking").replace(
        "Through training and shared practice.",
        f'See the {{{{ link("local-ok") }}}} and [the moved page]({base}/moved).')
    site.guide("linking", guide_text("Linking", body=body))
    # The site's own address and repository (data/site.yml) are checked too: here they are fine pages.
    site.identity(address=f"{base}/ok/", repository=f"{base}/ok")


def test_omg_links_reports_broken_and_redirected_links_and_fails(site, server):
    local_links_site(site, server.base)
    result = site.omg("links", "--allow-local", "--timeout", "0.5", "--retries", "0")
    assert result.returncode == 1
    assert result.output.splitlines() == [
        "Checked 4 outside addresses: 2 fine, 1 redirected, 1 broken.",
        "",
        f"Broken: {server.base}/missing (404 Not Found)",
        "  used in: data/links.yml:7, docs/guides/linking.md:4",
        "  Fix: find the page's new address and use it (for a named link, once in data/links.yml), or remove the link.",
        "",
        f"Redirected: {server.base}/moved -> {server.base}/ok (301 Moved Permanently)",
        "  used in: docs/guides/linking.md:21",
        "  Fix: change the address to the new one, after checking it is the same page.",
    ]


def test_omg_links_passes_when_nothing_is_broken(site, server):
    local_links_site(site, server.base)
    site.write("data/links.yml", (site.root / "data/links.yml").read_text().replace("/missing", "/ok?again"))
    result = site.omg("links", "--allow-local", "--timeout", "0.5")
    assert result.returncode == 0, result.output
    assert result.output.splitlines()[0] == "Checked 4 outside addresses: 3 fine, 1 redirected, 0 broken."


# --- Addresses an attacker writes to reach the machine the checker runs on ---------------

from omg import linkcheck  # noqa: E402
from omg.linkcheck import BadAddress, parse_address  # noqa: E402

LOOPBACK_SPELLINGS = [
    "http://%31%32%37.0.0.1/", "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
    "http://0x7f.0.0.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://[::1]/",
    "http://LOCALHOST./", "http://127.0.0.1.:80/", "http://%6c%6f%63%61%6c%68%6f%73%74/", "http://0/",
    "http://[2002:7f00:1::]/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[fe80::1]/",
]


@pytest.mark.parametrize("url", LOOPBACK_SPELLINGS)
def test_every_spelling_of_a_local_address_is_refused_without_a_request(url):
    result = linkcheck.check_url(url, CheckSettings(timeout=0.5, retries=0))
    assert result.state == "broken"
    assert "private or local network" in result.detail, result.detail
    assert result.tries == 0


def test_addresses_are_normalised_as_a_browser_reads_them():
    assert parse_address("http://%31%32%37.0.0.1:8080/a b?q=é").host == "127.0.0.1"
    assert parse_address("http://%31%32%37.0.0.1:8080/a b?q=é").target == "/a%20b?q=%C3%A9"
    assert parse_address("http://2130706433/").host == "127.0.0.1"
    assert parse_address("http://0x7f000001/").host == "127.0.0.1"
    assert parse_address("https://Bücher.example/").host == "xn--bcher-kva.example"
    assert parse_address("https://www.gov.uk./x").host_header == "www.gov.uk"
    assert parse_address("http://[::1]:8080/").host_header == "[::1]:8080"


@pytest.mark.parametrize("url, reason", [
    ("http://example.org:99999/", "its port is not a number from 1 to 65535"),
    ("http://example.org:80x/", "its port is not a number from 1 to 65535"),
    ("http://[::1/", "its IPv6 address is not closed with ']'"),
    ("http://exa\nmple.org/", "it holds a control character"),
    ("http://%00example.org/", "holds characters no site name has"),
    ("http://a%2fb.example/", "holds characters no site name has"),
    ("http:///path", "it names no site"),
    ("http://999.1.1.1/", "looks like an IP address but is not one"),
])
def test_a_malformed_address_is_a_reason_not_a_traceback(url, reason):
    with pytest.raises(BadAddress, match=re.escape(reason)):
        parse_address(url)
    result = linkcheck.check_url(url, CheckSettings(timeout=0.5, retries=0))
    assert (result.state, result.tries) == ("invalid", 0)
    assert reason in result.detail


def test_a_redirect_to_a_local_address_is_refused_at_that_hop(server, monkeypatch):
    # Only the test server's own address counts as public here, so the hop's other spellings are refused.
    monkeypatch.setattr(linkcheck, "blocked_ip", lambda ip: str(ip) != "127.0.0.1")
    port = server.server_address[1]
    for target in (f"http://%31%32%37.0.0.2:{port}/ok", f"http://2130706434:{port}/ok", f"http://[::ffff:127.0.0.3]:{port}/ok"):
        server.redirect_to = target
        result = linkcheck.check_url(server.base + "/redirect-anywhere", CheckSettings(timeout=0.5, retries=0))
        assert result.state == "broken"
        assert "private or local network" in result.detail
    assert server.hits[("HEAD", "/ok")] == 0


def test_the_request_goes_to_the_address_that_was_checked_not_to_a_second_lookup(server, monkeypatch):
    port = server.server_address[1]
    answers = iter([[(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]])
    lookups, real_lookup = [], socket.getaddrinfo

    def rebinding_lookup(host, *args, **kwargs):
        if host != "rebind.example":
            return real_lookup(host, *args, **kwargs)  # an IP address, which asks no name server
        lookups.append(host)  # a second lookup would answer 127.0.0.2, where nothing listens
        return next(answers, [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.2", port))])

    monkeypatch.setattr(linkcheck.socket, "getaddrinfo", rebinding_lookup)
    result = linkcheck.check_url(f"http://rebind.example:{port}/ok", LOCAL)
    assert (result.state, result.detail) == ("ok", "200 OK")
    assert lookups == ["rebind.example"]
    assert server.hosts == [f"rebind.example:{port}"]


def test_a_server_that_drips_its_headers_is_cut_off_at_the_deadline():
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip():
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.is_set():
                try:
                    connection.sendall(b"X-Drip: 1\r\n")
                except OSError:
                    return
                time.sleep(0.2)  # well inside the per-read timeout, for ever

    threading.Thread(target=drip, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    done: list = []
    checker = threading.Thread(target=lambda: done.append(linkcheck.check_url(
        url, CheckSettings(timeout=1, deadline=1.5, retries=2, backoff=0.05, allow_private=True))), daemon=True)
    checker.start()
    checker.join(30)
    stop.set()
    listener.close()
    assert done, "the checker was still waiting 30 seconds later"
    assert (done[0].state, done[0].detail) == ("broken", "took longer than 1.5 seconds in all")


def test_omg_links_names_the_file_and_line_of_each_malformed_address_and_fails(site):
    body = BODY.format(slug="Bad").replace(
        "Through training and shared practice.",
        "See [the hub](http://example.org:99999/hub) and <http://[::ffff:127.0.0.1]/> and http://[::1/x.")
    site.guide("bad-addresses", guide_text("Bad addresses", body=body))
    result = site.omg("links", "--timeout", "0.5", "--retries", "0")
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert ("docs/guides/bad-addresses.md:21: 'http://example.org:99999/hub' is not a valid web address: its port is "
            "not a number from 1 to 65535. Fix: correct the address") in result.output
    assert "docs/guides/bad-addresses.md:21: 'http://[::1/x' is not a valid web address" in result.output
    assert "the address is in a private or local network (127.0.0.1)" in result.output
