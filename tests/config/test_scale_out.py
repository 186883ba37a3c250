"""Two app servers behind one address: any request may land on either.

Real gunicorn processes with the production settings (config/gunicorn.py) against the
test database and a shared Redis, as behind a load balancer. The rows they read must be
committed, hence a transactional test (serialized_rollback restores the shipped wording
after). `gunicorn_server` is also how the other tests start a real server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.cookiejar
import itertools
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from providers.models import Provider
from tests.bench.walk import management_field
from tests.factories import ProviderFactory
from tests.wizard.helpers import page_answers

BASE_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
GUNICORN_CONFIG = BASE_DIR / "config" / "gunicorn.py"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


class Browser:
    """One person's browser: one cookie jar, each request to the next server in turn."""

    def __init__(self, servers: list[str]) -> None:
        self.servers = itertools.cycle(servers)
        self.used: list[str] = []
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects
        )

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        server = next(self.servers)
        self.used.append(server)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(server + path, body, timeout=10) as response:
                return (
                    response.status,
                    response.headers.get("Location", ""),
                    response.read().decode(),
                )
        except urllib.error.HTTPError as response:  # redirects and errors arrive here
            return response.code, response.headers.get("Location", ""), response.read().decode()

    def get(self, path: str) -> tuple[int, str, str]:
        return self.request(path)

    def post(self, path: str, page: str, data: dict[str, str]) -> tuple[int, str, str]:
        token = CSRF_INPUT.search(page)
        assert token, f"no CSRF token on the page before POST {path}"
        return self.request(path, {"csrfmiddlewaretoken": token.group(1), **data})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_url() -> str:
    """The test database, which pytest-django created under its own name."""
    db = settings.DATABASES["default"]
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{urllib.parse.quote(db['USER'])}{password}@{db['HOST'] or '127.0.0.1'}"
        f":{db['PORT'] or 5432}/{db['NAME']}"
    )


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/healthz/live", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer within 30 s:\n{log.read_text()}")


@contextlib.contextmanager
def gunicorn_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """A gunicorn started as production starts it, on a free port; stopped, whatever happens.

    `env` sizes it (WEB_CONCURRENCY, GUNICORN_THREADS, ...) as it would in production.
    Yields its URL. The server and its workers share a process group of their own, so
    stopping the group stops them all.
    """
    port = free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(GUNICORN), "--config", str(GUNICORN_CONFIG), "config.wsgi:application"],
            cwd=BASE_DIR,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, server, log)
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


def production_env(**overrides: str) -> dict[str, str]:
    """An app server's environment: debug off, a secret key, the test database."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        **overrides,
    }


@pytest.fixture
def two_app_servers(shared_cache: str, redis_url: str, tmp_path: Path) -> Iterator[list[str]]:
    """Two gunicorn servers configured as production is: debug off, Redis, PostgreSQL."""
    # One worker each: what is tested is two servers, not the size of one.
    env = production_env(REDIS_URL=redis_url, CACHE_KEY_PREFIX=shared_cache, WEB_CONCURRENCY="1")
    with contextlib.ExitStack() as servers:
        yield [
            servers.enter_context(gunicorn_server(env, tmp_path / f"gunicorn-{number}.log"))
            for number in (1, 2)
        ]


def test_a_whole_walk_alternating_between_two_app_servers_reaches_the_plan(two_app_servers):
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡", hotline="400-820-5555")
    browser = Browser(two_app_servers)
    answers = {
        "provider": page_answers("provider", provider="cmb"),
        "message": page_answers("message"),
        "problem": page_answers("problem", symptom="timeout"),
        "channel": page_answers("channel"),
        "timing": page_answers("timing", when=timezone.now() - dt.timedelta(hours=1)),
        "situation": page_answers("situation", autopay="off"),
        "review": {},
    }
    status, location, _ = browser.get("/check/")
    assert status == 302 and location.endswith("/provider/"), location
    base = location.removesuffix("provider/")
    for step, fields in answers.items():
        status, _, page = browser.get(f"{base}{step}/")
        assert status == 200, f"GET {step} on {browser.used[-1]}"
        data = {management_field(base): step, **{f"{step}-{k}": v for k, v in fields.items()}}
        status, location, _ = browser.post(f"{base}{step}/", page, data)
        assert status == 302, f"POST {step} on {browser.used[-1]} answered {status}"
    assert location == f"{base}done/"
    status, plan_url, _ = browser.get(f"{base}done/")
    assert status == 302 and plan_url.startswith("/plan/"), plan_url
    status, _, plan = browser.get(plan_url)
    assert status == 200
    assert 'href="tel:4008205555"' in plan
    assert "换个渠道还，或恢复后马上还" in plan
    assert set(browser.used) == set(two_app_servers), "both servers answered"


def test_a_provider_changed_in_the_admin_is_seen_by_every_app_server_at_once(two_app_servers):
    provider = ProviderFactory(slug="cmb", name_zh="招商银行信用卡")
    first, second = (Browser([url]) for url in two_app_servers)
    step_urls = {}
    for browser in (first, second):
        step_urls[id(browser)] = browser.get("/check/")[1]
        assert "招商银行信用卡" in browser.get(step_urls[id(browser)])[2]

    # What an admin save does, from a third process sharing the cache.
    provider.name_zh = "招商银行(新名称)"
    provider.save()

    for browser in (first, second):
        page = browser.get(step_urls[id(browser)])[2]
        assert "招商银行(新名称)" in page, browser.used[-1]
    assert Provider.objects.get(slug="cmb").name_zh == "招商银行(新名称)"
