"""Clients that send their request slowly cannot stop the site.

A real gunicorn with the production settings (config/gunicorn.py), as small as the server
two trickling clients once stopped: two workers. Four clients send their headers and then
their body a byte at a time; meanwhile the liveness probe and the first wizard page must
still answer, each within a second.
"""

from __future__ import annotations

import socket
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.config.test_scale_out import gunicorn_server, production_env

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The token Django's CSRF check compares the form's with: any 32 letters or digits will do,
# as long as the cookie and the form send the same. With it, Django reads the whole body.
CSRF_SECRET = "s" * 32
LIVENESS_BOUND_S = 1.0


class SlowClient:
    """A connection that posts the language switch one byte at a time."""

    def __init__(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        form = {"csrfmiddlewaretoken": CSRF_SECRET, "language": "en", "next": "/"}
        self.body = urllib.parse.urlencode(form).encode()
        self.sent = 0
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
        self.sock.sendall(
            b"POST /i18n/setlang/ HTTP/1.1\r\n"
            + f"Host: {parts.netloc}\r\n".encode()
            + b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {len(self.body)}\r\n".encode()
            + f"Cookie: csrftoken={CSRF_SECRET}\r\n\r\n".encode()
        )
        self.send_a_byte()

    def send_a_byte(self) -> None:
        self.sock.sendall(self.body[self.sent : self.sent + 1])
        self.sent += 1

    def finish(self) -> bytes:
        """Send the rest of the body; the status line of the answer."""
        self.sock.sendall(self.body[self.sent :])
        self.sent = len(self.body)
        return self.sock.makefile("rb").readline()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def two_worker_server(shared_cache: str, redis_url: str, tmp_path: Path) -> Iterator[str]:
    env = production_env(
        REDIS_URL=redis_url,
        CACHE_KEY_PREFIX=shared_cache,
        WEB_CONCURRENCY="2",
        # Requests still open when the test ends need not hold up its end.
        GUNICORN_GRACEFUL_TIMEOUT="2",
    )
    with gunicorn_server(env, tmp_path / "gunicorn.log") as url:
        yield url


@pytest.fixture
def four_slow_clients(two_worker_server: str) -> Iterator[list[SlowClient]]:
    clients: list[SlowClient] = []
    try:
        clients.extend(SlowClient(two_worker_server) for _ in range(4))
        yield clients
    finally:
        for client in clients:
            client.close()


def answers_in_time(url: str) -> int:
    """The status of GET `url`, failing the test if it takes longer than the bound."""
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=LIVENESS_BOUND_S) as response:
        response.read()
        status = response.status
    took = time.monotonic() - started
    assert took < LIVENESS_BOUND_S, f"{url} took {took:.2f} s"
    return status


def test_four_clients_trickling_a_body_leave_the_probe_and_the_wizard_answering(
    two_worker_server, four_slow_clients
):
    for path in ("/healthz/live", "/", "/healthz/live", "/"):
        for client in four_slow_clients:
            client.send_a_byte()
        assert answers_in_time(two_worker_server + path) == 200, path

    # They were being served all along: with their last byte each gets its answer.
    for client in four_slow_clients:
        assert client.finish().startswith(b"HTTP/1.1 302 "), "the language switch redirects"
