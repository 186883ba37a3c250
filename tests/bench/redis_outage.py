"""Redis stopped under load: 20 people walking the wizard while Redis is down for 10 s.

`.venv/bin/python tests/bench/redis_outage.py` after `make bench` (it uses the bench's
database, BENCH_DATABASE_URL or DATABASE_URL's server with repayhelp_bench, already loaded).
Starts its own redis-server (an append-only file, so it comes back with its old keys) and a
gunicorn with the production settings, runs 20 walkers for 25 s, stops Redis from 5 s to 15 s,
and prints per phase: requests, 5xx, walks finished; and what the log said.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
from tests.bench.run_bench import (  # noqa: E402
    BIN,
    GUNICORN_CONFIG,
    database_url,
    free_port,
    wait_until_up,
)
from tests.bench.walk import Reply, Request, WalkFailed, walk  # noqa: E402

WALKERS = 20
SECONDS = 25
DOWN_FROM, DOWN_UNTIL = 5.0, 15.0


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def phase(at: float) -> str:
    return "before" if at < DOWN_FROM else "down" if at < DOWN_UNTIL else "after"


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="redis-outage-"))
    port = free_port()
    redis_cmd = [shutil.which("redis-server") or "redis-server", "--port", str(port),
                 "--bind", "127.0.0.1", "--dir", str(folder), "--save", "",
                 "--appendonly", "yes"]  # fmt: skip
    redis = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    app_port = free_port()
    url = f"http://127.0.0.1:{app_port}"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "GUNICORN_BIND": f"127.0.0.1:{app_port}",
    }
    log_path = folder / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(GUNICORN_CONFIG), "config.wsgi:application"],
        env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    counts = {p: {"requests": 0, "5xx": 0, "walks": 0, "failed_walks": 0} for p in
              ("before", "down", "after")}  # fmt: skip
    failures: list[str] = []
    lock = threading.Lock()
    started = time.monotonic()

    def walker() -> None:
        while time.monotonic() - started < SECONDS:
            opener = urllib.request.build_opener(
                urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects
            )

            def send(request: Request, opener: urllib.request.OpenerDirector = opener) -> Reply:
                body = urllib.parse.urlencode(request.data).encode() if request.data else None
                try:
                    with opener.open(url + request.url, body, timeout=30) as response:
                        reply = Reply(response.status, "", response.read().decode())
                except urllib.error.HTTPError as error:
                    reply = Reply(error.code, error.headers.get("Location", ""),
                                  error.read().decode())  # fmt: skip
                with lock:
                    row = counts[phase(time.monotonic() - started)]
                    row["requests"] += 1
                    row["5xx"] += reply.status >= 500
                problem = request.problem(reply)
                if problem:
                    raise WalkFailed(problem)
                return reply

            try:
                walk(send, lambda choices: choices[0])
                outcome = "walks"
            except (WalkFailed, OSError) as error:
                outcome = "failed_walks"
                with lock:
                    failures.append(f"{phase(time.monotonic() - started)}: {error}"[:200])
            with lock:
                counts[phase(time.monotonic() - started)][outcome] += 1

    try:
        wait_until_up(url + "/healthz/live", server)
        started = time.monotonic()
        threads = [threading.Thread(target=walker) for _ in range(WALKERS)]
        for thread in threads:
            thread.start()
        time.sleep(DOWN_FROM)
        redis.terminate()
        redis.wait(timeout=10)
        with urllib.request.urlopen(url + "/healthz/ready", timeout=10) as response:
            ready_during = json.loads(response.read())["status"]
        time.sleep(DOWN_UNTIL - DOWN_FROM)
        redis = subprocess.Popen(redis_cmd, stdout=subprocess.DEVNULL)
        for thread in threads:
            thread.join()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        redis.terminate()
        redis.wait(timeout=10)
    output = log_path.read_text(errors="replace")
    print(json.dumps({
        "walkers": WALKERS,
        "redis_down_seconds": DOWN_UNTIL - DOWN_FROM,
        "phases": counts,
        "ready_during_outage": ready_during,
        "log_bytes": len(output.encode()),
        "log_tracebacks": output.count("Traceback"),
        "log_outage_reports": output.count("cannot be reached"),
        "log_back_reports": output.count("Redis is back"),
        "failures": failures,
    }, indent=2))  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
