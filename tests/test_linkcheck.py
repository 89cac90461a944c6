"""`omg links` against a local web server on 127.0.0.1: no test here reaches the internet.

The server answers each path the way real sites do: fine, moved, gone,
failing, failing once, too slow, refusing HEAD, redirecting in a loop.
"""

from __future__ import annotations

import http.server
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
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/ok", "/slow"):
            self._send(200, body=body)
        elif path == "/moved":
            self._send(301, location="/ok")
        elif path == "/moved-to-missing":
            self._send(302, location="/missing")
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
    handler = type("Handler", (_Handler,), {"hits": Counter()})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # slow answers still sleeping must not hold up the next test
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.hits = handler.hits
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


def test_omg_links_reports_broken_and_redirected_links_and_fails(site, server):
    local_links_site(site, server.base)
    result = site.omg("links", "--allow-local", "--timeout", "0.5", "--retries", "0")
    assert result.returncode == 1
    assert result.output.splitlines() == [
        "Checked 3 outside addresses: 1 fine, 1 redirected, 1 broken.",
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
    assert result.output.splitlines()[0] == "Checked 3 outside addresses: 2 fine, 1 redirected, 0 broken."
