"""PostgreSQL goes away and comes back: a friendly 503, then recovery without a restart.

The test runs its own PostgreSQL (initdb into a temporary folder, another port)
and its own app server process, so it can stop the database for real.
"""

from __future__ import annotations

import glob
import http.cookiejar
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres_user(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class OwnPostgres:
    bindir: Path
    datadir: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/outage"

    def ctl(self, *args: str) -> None:
        subprocess.run(
            as_postgres_user([str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-w", *args]),
            check=True,
            capture_output=True,
        )

    def start(self) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.datadir} -c fsync=off"
        self.ctl("-o", options, "-l", str(self.datadir / "log"), "start")

    def stop(self) -> None:
        self.ctl("-m", "fast", "stop")


@pytest.fixture
def own_postgres() -> Iterator[OwnPostgres]:
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        pytest.fail("PostgreSQL server binaries (initdb) not found: apt-get install postgresql")
    bindir = Path(initdbs[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="outage-pg-"))
    datadir = root / "data"
    os.chmod(root, 0o777)
    subprocess.run(
        as_postgres_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(datadir),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    server = OwnPostgres(bindir=bindir, datadir=datadir, port=free_port())
    server.start()
    subprocess.run(
        as_postgres_user(
            [
                str(bindir / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(server.port),
                "-U",
                "postgres",
                "outage",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield server
    finally:
        subprocess.run(
            as_postgres_user(
                [str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"]
            ),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def app_server(own_postgres: OwnPostgres) -> Iterator[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DATABASE_URL=own_postgres.url,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_CONN_MAX_AGE="60",
    )
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_providers"]):
        subprocess.run(
            manage + command, env=env, cwd=settings.BASE_DIR, check=True, capture_output=True
        )
    port = free_port()
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(opener, url: str, *, language: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url)
    if language:
        request.add_header("Accept-Language", language)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_database_outage_gives_a_friendly_503_and_recovers_without_a_restart(
    own_postgres, app_server
):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    assert fetch(opener, app_server + "/healthz") == (200, "ok\n")
    assert fetch(opener, app_server + "/")[0] == 200
    with opener.open(app_server + "/check/", timeout=10) as response:
        step_url = response.url  # /check/<run>/provider/
        assert response.status == 200

    own_postgres.stop()

    assert fetch(opener, app_server + "/healthz")[0] == 503
    status, ready = fetch(opener, app_server + "/healthz/ready")
    assert status == 503 and '"status": "down"' in ready
    assert fetch(opener, app_server + "/healthz/live") == (200, "ok\n")
    status, html = fetch(opener, step_url)
    assert status == 503
    assert "服务暂时不可用" in html
    assert 'href="tel:95188"' in html, "cached hotlines still point the way"
    assert "Traceback" not in html and "OperationalError" not in html
    status, html = fetch(opener, step_url, language="en")
    assert status == 503
    assert "Service temporarily unavailable" in html and 'lang="en"' in html

    own_postgres.start()

    assert fetch(opener, app_server + "/healthz") == (200, "ok\n")
    status, html = fetch(opener, step_url)
    assert status == 200, "the same app process serves again, with the person's run intact"
    assert "你要向哪家机构还款?" in html
