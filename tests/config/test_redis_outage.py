"""Redis goes away and comes back: the site serves on without it, and loses nothing.

The test runs its own redis-server (another port, an append-only file in a temporary folder,
so that when it comes back it still holds what it held before the outage, as a Redis behind
a broken network link would) and a real gunicorn with the production settings.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import timezone

from tests.bench.walk import management_field
from tests.config.test_scale_out import Browser, free_port, gunicorn_server, production_env
from tests.factories import ProviderFactory
from wizard.engine.answers import SHANGHAI
from wizard.models import Case, Outcome

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@dataclass
class OwnRedis:
    port: int
    folder: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        redis_server = shutil.which("redis-server")
        if redis_server is None:
            pytest.fail("redis-server not found: apt-get install redis-server")
        self.process = subprocess.Popen(
            [
                redis_server,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--dir", str(self.folder),
                "--save", "",
                "--appendonly", "yes",
                "--appendfsync", "always",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                subprocess.run(
                    ["redis-cli", "-p", str(self.port), "ping"],
                    check=True,
                    capture_output=True,
                    timeout=2,
                )
                return
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
                time.sleep(0.1)
        pytest.fail(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = OwnRedis(port=free_port(), folder=folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def app_server(own_redis: OwnRedis, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    log = tmp_path / "gunicorn.log"
    env = production_env(
        REDIS_URL=own_redis.url,
        WEB_CONCURRENCY="1",
        CACHE_RETRY_SECONDS="1",
        GUNICORN_GRACEFUL_TIMEOUT="2",
    )
    with gunicorn_server(env, log) as url:
        yield url, log


def readiness(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url + "/healthz/ready", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as response:
        return response.code, json.loads(response.read())


ANSWERS = {
    "provider": {"provider": "cmb"},
    "message": {"message": ""},
    "problem": {"symptom": "timeout"},
    "channel": {"channel": "app"},
}


def later_answers() -> dict[str, dict[str, str]]:
    when = (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    return {
        "timing": {
            "due_date": when.date().isoformat(),
            "attempted_date": when.date().isoformat(),
            "attempted_time": when.strftime("%H:%M"),
        },
        "situation": {"contacted_provider": "no", "autopay": "off"},
        "review": {},
    }


class Walk:
    """One person through the wizard, every status kept to check that none was a 5xx."""

    def __init__(self, url: str) -> None:
        self.browser = Browser([url])
        self.statuses: list[tuple[str, int]] = []
        self.base = ""

    def get(self, path: str) -> tuple[int, str, str]:
        status, location, page = self.browser.get(path)
        self.statuses.append((f"GET {path}", status))
        return status, location, page

    def begin(self) -> None:
        status, location, _ = self.get("/check/")
        assert status == 302 and location.endswith("/provider/"), (status, location)
        self.base = location.removesuffix("provider/")

    def answer(self, steps: dict[str, dict[str, str]]) -> str:
        location = ""
        for step, fields in steps.items():
            status, _, page = self.get(f"{self.base}{step}/")
            assert status == 200, f"GET {step}: {status}"
            data = {
                management_field(self.base): step,
                **{f"{step}-{key}": value for key, value in fields.items()},
            }
            status, location, _ = self.browser.post(f"{self.base}{step}/", page, data)
            self.statuses.append((f"POST {step}", status))
            assert status == 302, f"POST {step}: {status}"
        return location

    def finish(self) -> str:
        """Open the plan; its URL."""
        status, plan_url, _ = self.get(f"{self.base}done/")
        assert status == 302 and plan_url.startswith("/plan/"), (status, plan_url)
        status, _, plan = self.get(plan_url)
        assert status == 200 and 'href="tel:4008205555"' in plan
        return plan_url

    def server_errors(self) -> list[tuple[str, int]]:
        return [(request, status) for request, status in self.statuses if status >= 500]


def test_with_redis_stopped_the_walk_reaches_the_plan_and_nothing_is_lost_when_it_returns(
    own_redis, app_server
):
    url, log = app_server
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡", hotline="400-820-5555")
    status, health = readiness(url)
    assert status == 200 and health["status"] == "ok", health

    # Begun while Redis is up: the session is cached there too.
    interrupted = Walk(url)
    interrupted.begin()
    interrupted.answer(ANSWERS)

    own_redis.stop()

    status, health = readiness(url)
    assert status == 200 and health["status"] == "degraded"
    assert health["checks"]["cache"]["ok"] is False
    assert health["checks"]["database"]["ok"] is True

    # The interrupted walk goes on, and a whole new one runs from the start, without Redis.
    assert interrupted.answer(later_answers()).endswith("/done/")
    interrupted_plan = interrupted.finish()
    fresh = Walk(url)
    assert fresh.get("/")[0] == 200
    fresh.begin()
    fresh.answer({**ANSWERS, **later_answers()})
    fresh_plan = fresh.finish()
    assert interrupted.server_errors() == [] and fresh.server_errors() == []

    # Back, still holding the sessions as they were before the outage.
    own_redis.start()
    assert readiness(url)[1]["status"] == "ok"
    time.sleep(1.5)  # CACHE_RETRY_SECONDS: the app server tries Redis again

    for walk, plan_url in ((interrupted, interrupted_plan), (fresh, fresh_plan)):
        # The session is the one the outage wrote, not Redis's older copy: it still owns
        # the case it made, so it may give feedback.
        status, _, plan = walk.get(plan_url)
        assert status == 200 and "换个渠道还，或恢复后马上还" in plan
        code = plan_url.split("/")[2]
        status, _, _ = walk.browser.post(f"{plan_url}feedback/", plan, {"outcome": "solved"})
        assert status == 302
        assert Case.objects.get(code=code).outcome == Outcome.SOLVED
        assert walk.server_errors() == []

    output = log.read_text()
    assert "Traceback" not in output
    assert output.count("cannot be reached") == 1, "the outage is reported once, not per request"
    assert "Redis is back" in output
