"""`make serve` on a fresh clone: nginx in front, gunicorn behind it, PostgreSQL and Redis.

The clone (tests/config/test_command_line.py's, this virtual environment linked in) runs
`make serve` as a person would, on a port of the tests' own, with a database of its own that
make serve creates and the tests' Redis under a prefix of its own. Through it: the wizard,
the hashed static files, HEAD, the body limit, and slow clients by the hundred.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings

from tests.config.test_command_line import clean_environment, fresh_clone
from tests.conftest import TEST_REDIS_URL, forget_keys

SERVE_PORT = 18230
PROBE_TIMEOUT_S = 10.0  # generous: how fast it answers is the benchmark's to say


@dataclass
class Served:
    clone: Path
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode


def database_server() -> tuple[str, str]:
    """(the test database's server URL, a database name of make serve's own on it)."""
    db = settings.DATABASES["default"]
    server = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return server, f"{db['NAME']}_serve"


def drop_database(server: str, name: str) -> None:
    subprocess.run(
        [
            "psql",
            "-q",
            f"{server}/postgres",
            "-c",
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        ],
        capture_output=True,
        check=False,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    clone = fresh_clone(tmp_path_factory.mktemp("serve-clone"))
    server, name = database_server()
    drop_database(server, name)
    prefix = f"repayhelp-serve-test-{uuid.uuid4().hex[:12]}"
    log = clone / "make-serve.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            # -o: the linked virtual environment is current and must never be rebuilt here.
            ["make", "-o", ".venv/.installed", "serve", f"SERVE_ADDRESS=127.0.0.1:{SERVE_PORT}"],
            cwd=clone,
            env={
                **clean_environment(),
                "SERVE_DATABASE_URL": f"{server}/{name}",
                "REDIS_URL": TEST_REDIS_URL,
                "CACHE_KEY_PREFIX": prefix,
                "WEB_CONCURRENCY": "2",
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    served = Served(clone, f"http://127.0.0.1:{SERVE_PORT}", process, log)
    try:
        deadline = time.monotonic() + 240
        while True:
            if process.poll() is not None:
                pytest.fail(f"make serve exited with {process.returncode}:\n{served.output()}")
            try:
                with urllib.request.urlopen(served.url + "/healthz/ready", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"make serve did not serve within 240 s:\n{served.output()}")
                time.sleep(0.5)
        yield served
    finally:
        served.stop()
        drop_database(server, name)
        forget_keys(TEST_REDIS_URL, prefix)


def fetch(url: str, *, method: str = "GET", data: bytes | None = None):
    request = urllib.request.Request(url, data=data, method=method)
    try:
        return urllib.request.urlopen(request, timeout=PROBE_TIMEOUT_S)
    except urllib.error.HTTPError as error:
        return error


def test_make_serve_on_a_fresh_clone_serves_the_wizard_through_nginx(served):
    with fetch(served.url + "/") as response:
        assert response.status == 200
        assert response.headers["Server"] == "nginx"
        page = response.read().decode()
    assert "分期还款" in page
    with fetch(served.url + "/healthz/ready") as response:
        assert response.status == 200
        assert b'"status": "ok"' in response.read()

    secret = served.clone / "var" / "secret_key"
    assert secret.stat().st_mode & 0o077 == 0, "the generated secret is readable by its owner only"
    rendered = (served.clone / "var" / "serve" / "nginx.conf").read_text()
    settings_lines = [line for line in rendered.splitlines() if not line.strip().startswith("#")]
    assert not re.search(r"@[A-Z_]+@", "\n".join(settings_lines)), "every @NAME@ is filled in"


def test_hashed_static_files_come_from_nginx_to_keep_forever(served):
    with fetch(served.url + "/") as response:
        page = response.read().decode()
    stylesheet = next(part for part in page.split('"') if part.endswith(".css"))
    request = urllib.request.Request(served.url + stylesheet, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=PROBE_TIMEOUT_S) as response:
        assert response.status == 200
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["Content-Encoding"] == "gzip"
    access_log = (served.clone / "var" / "serve" / "nginx-access.log").read_text()
    assert stylesheet not in access_log, "static files are not logged"


def test_head_is_answered_with_get_headers_and_no_warning(served):
    with fetch(served.url + "/", method="HEAD") as response:
        assert response.status == 200
        assert int(response.headers["Content-Length"]) > 1000
        assert response.read() == b""
    time.sleep(0.5)
    assert "no-body response" not in served.output()


def test_a_body_over_the_largest_limit_is_refused_at_the_proxy(served):
    with fetch(served.url + "/i18n/setlang/", data=b"x" * (3 * 1024 * 1024)) as response:
        assert response.status == 413


class SlowClient:
    """A connection that sends its request a byte at a time: headers, or a body."""

    def __init__(self, port: int, *, body: bool) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.setblocking(False)
        head = b"POST /i18n/setlang/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if body:
            # Headers complete, then a body that never arrives in full.
            self.sock.send(head + b"Content-Type: application/x-www-form-urlencoded\r\n")
            self.sock.send(b"Content-Length: 1000\r\n\r\nlanguage=")
        else:
            self.sock.send(head)

    def send_a_byte(self) -> None:
        try:
            self.sock.send(b"X")
        except (BlockingIOError, ConnectionError):
            pass

    def close(self) -> None:
        self.sock.close()


def test_hundreds_of_slow_clients_leave_the_liveness_probe_answering(served):
    clients: list[SlowClient] = []
    try:
        clients += [SlowClient(SERVE_PORT, body=False) for _ in range(200)]
        clients += [SlowClient(SERVE_PORT, body=True) for _ in range(50)]
        # Bounded: three rounds of a byte each, a probe after each round, then stop.
        for _round in range(3):
            for client in clients:
                client.send_a_byte()
            for path in ("/healthz/live", "/"):
                with fetch(served.url + path) as response:
                    assert response.status == 200, path
            time.sleep(0.2)
    finally:
        for client in clients:
            client.close()


class Reader:
    """A person on the message page in a session of their own, reading messages as they type
    (the htmx POST the page makes)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        with self.opener.open(base_url + "/check/", timeout=PROBE_TIMEOUT_S) as response:
            page = response.read().decode()
            page_url = response.url
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.meaning_url = page_url.replace("/provider/", "/problem/meaning/")

    def choose_language(self, language: str) -> None:
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": self.token, "language": language, "next": "/"}
        ).encode()
        request = urllib.request.Request(
            self.base_url + "/i18n/setlang/", data=data, headers={"Origin": self.base_url}
        )
        with self.opener.open(request, timeout=PROBE_TIMEOUT_S) as response:
            assert response.status == 200

    def read(self, message: str) -> tuple[int, str]:
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": self.token, "message-message": message}
        ).encode()
        request = urllib.request.Request(
            self.meaning_url,
            data=data,
            headers={"HX-Request": "true", "Origin": self.base_url, "Referer": self.meaning_url},
        )
        try:
            with self.opener.open(request, timeout=PROBE_TIMEOUT_S) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_a_flood_of_readings_is_shed_by_nginx_and_other_people_are_still_read(served):
    flooder, neighbour = Reader(served.url), Reader(served.url)
    answers = [flooder.read("余额不足,还款失败") for _ in range(25)]
    statuses = [status for status, _body in answers]
    # The app's own allowance is 30 a minute: a 429 within 25 is nginx's, past its burst.
    assert statuses[0] == 200 and 429 in statuses, statuses
    assert statuses.count(200) <= 15, statuses
    refused = next(body for status, body in answers if status == 429)
    assert "这一分钟里读的提示太多了" in refused and 'role="alert"' in refused
    # In the person's language: the site's language cookie picks nginx's page.
    flooder.choose_language("en")
    status, body = flooder.read("余额不足,还款失败")
    assert status == 429 and "Too many messages were read this minute" in body
    # Behind the same address (as behind a carrier NAT), another session is still read.
    status, body = neighbour.read("余额不足,还款失败")
    assert status == 200 and "这条提示的意思" in body
    error_log = (served.clone / "var" / "serve" / "nginx-error.log").read_text()
    assert "limiting requests" in error_log and "readings_per_session" in error_log


def test_stopping_make_serve_stops_nginx_too(served):
    served.stop()
    pid_file = served.clone / "var" / "serve" / "nginx.pid"
    deadline = time.monotonic() + 10
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pid_file.exists(), "nginx removed its pid file on the way out"
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", SERVE_PORT), timeout=2).close()
