"""`make bench`: the site as in production under load, measured against its own floor.

Starts gunicorn with the production settings (config/gunicorn.py: threaded workers; debug
off, WhiteNoise, PostgreSQL, Redis) and drives it with
locust in separate processes, all in one run:

1. the floor (/healthz/live through the full production middleware stack) and people
   walking the wizard from start to plan, at the same concurrency, in alternating
   rounds so that other load on the machine weighs on both alike;
2. a soak: the same walks for a minute at a fixed concurrency, which must see no error
   and gives the latency of every page;

then the same floor and wizard rounds through nginx in front of that gunicorn, as `make serve`
runs it (config/nginx.conf.template), with how long the liveness probe takes while 200 clients
trickle their headers and 50 their bodies, through nginx and straight to gunicorn;
then SQL queries and bytes per page out of band (tests/bench/page_costs.py), the message
decoder's cost per message with 2,000 patterns and its learned part
(tests/bench/decode_bench.py) over one floor request's median in the same run
(`--decode-only`: the floor rounds and the decoder only), and the start page's median while
20 clients post 2,000-character messages to the live reading, against idle
(`--reading-only`: that alone).
Prints a table and writes var/bench/latest.json. Only 127.0.0.1 is ever loaded.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import json
import os
import resource
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a script (make bench): the checkout's packages are importable from its root.
sys.path.insert(0, str(BASE_DIR))
from tests.bench.proxy import nginx_in_front, slow_client_figure  # noqa: E402

BIN = Path(sys.executable).parent
OUT_DIR = BASE_DIR / "var" / "bench"
HOST = "127.0.0.1"
LOCUSTFILE = BASE_DIR / "tests" / "bench" / "locustfile.py"
GUNICORN_CONFIG = BASE_DIR / "config" / "gunicorn.py"
TARGET_RATIO = 0.25
TARGET_P95_MS = 50.0
TARGET_DECODE_RATIO = 0.1
TARGET_READING_LOAD_RATIO = 2.0
READING_SECONDS = 30


@dataclass
class Phase:
    """One locust run: its per-page rows (locust's CSV) and what it cost the load generator."""

    name: str
    seconds: float
    rows: dict[str, dict[str, str]]
    loadgen_cpu_s: float

    @property
    def total(self) -> dict[str, str]:
        return self.rows["Aggregated"]

    @property
    def requests(self) -> int:
        return int(self.total["Request Count"])

    @property
    def errors(self) -> int:
        return int(self.total["Failure Count"])

    @property
    def rps(self) -> float:
        return float(self.total["Requests/s"])

    def percentile(self, name: str, which: str) -> float:
        return float(self.rows[name][which])

    def count(self, name: str) -> int:
        return int(self.rows[name]["Request Count"]) if name in self.rows else 0


@dataclass
class Rounds:
    """The same load in several rounds: totals over all of them."""

    phases: list[Phase]

    @property
    def seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    @property
    def requests(self) -> int:
        return sum(phase.requests for phase in self.phases)

    @property
    def errors(self) -> int:
        return sum(phase.errors for phase in self.phases)

    @property
    def rps(self) -> float:
        return sum(phase.rps * phase.seconds for phase in self.phases) / self.seconds

    @property
    def loadgen_cpu_s(self) -> float:
        return sum(phase.loadgen_cpu_s for phase in self.phases)

    def p95_ms(self) -> float:
        """The worst round's 95th percentile: rounds cannot be merged exactly."""
        return max(phase.percentile("Aggregated", "95%") for phase in self.phases)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Sizes as config/gunicorn.py takes them from the environment (WEB_CONCURRENCY,
    # GUNICORN_THREADS), so production's defaults unless given here.
    parser.add_argument("--workers", type=int, default=None, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=None, help="threads per worker")
    parser.add_argument(
        "--users", type=int, default=8, help="concurrent users in the floor/wizard rounds"
    )
    parser.add_argument("--rounds", type=int, default=6, help="floor/wizard rounds")
    parser.add_argument("--seconds", type=int, default=6, help="length of each floor/wizard run")
    # Users with no think time keep every core busy at two per core; more only queue.
    parser.add_argument("--soak-users", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--soak-seconds", type=int, default=60)
    parser.add_argument(
        "--no-redis",
        action="store_true",
        help="database sessions and a per-process cache, for comparison",
    )
    parser.add_argument("--label", default="", help="kept in the JSON, e.g. 'before'")
    parser.add_argument(
        "--decode-only",
        action="store_true",
        help="measure only the floor rounds and the decoder; update 'decode' in latest.json",
    )
    parser.add_argument(
        "--reading-only",
        action="store_true",
        help="measure only the start page idle and under the reading flood; into latest.json",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="py-spy one worker (CPU only) during the soak: var/bench/profile-worker.svg",
    )
    return parser.parse_args()


def database_url() -> str:
    """BENCH_DATABASE_URL, else DATABASE_URL's server with a database of the bench's own."""
    if url := os.environ.get("BENCH_DATABASE_URL"):
        return url
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/x"))
    return urlunsplit(parts._replace(path="/repayhelp_bench"))


def create_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def run(command: list[str], env: dict[str, str], **kwargs: Any) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=BASE_DIR, check=True, **kwargs)


def gunicorn_sizes(env: dict[str, str]) -> tuple[int, int]:
    """Workers and threads as config/gunicorn.py reads them from this environment."""
    printed = run(
        [str(BIN / "gunicorn"), "--config", str(GUNICORN_CONFIG), "--print-config",
         "config.wsgi:application"],
        env, capture_output=True, text=True,
    ).stdout  # fmt: skip
    settings = dict(
        (name.strip(), value.strip())
        for name, _, value in (line.partition("=") for line in printed.splitlines())
    )
    return int(settings["workers"]), int(settings["threads"])


def wait_until_up(url: str, server: subprocess.Popen, *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"bench: gunicorn exited with {server.returncode}; see var/bench/gunicorn.log")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"bench: {url} did not answer within {seconds} s")


def locust_command(user: str, *, users: int, seconds: int, url: str, prefix: Path) -> list[str]:
    return [
        str(BIN / "locust"),
        "--locustfile", str(LOCUSTFILE),
        "--headless", "--only-summary", "--loglevel", "WARNING",
        "--host", url,
        "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{seconds}s", "--stop-timeout", "0",
        "--csv", str(prefix),
        *user.split(),
    ]  # fmt: skip


def locust(
    user: str, *, users: int, seconds: int, url: str, env: dict[str, str], name: str
) -> Phase:
    prefix = OUT_DIR / "locust" / name
    prefix.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(f"{prefix}.log", "w") as log:
        subprocess.run(
            locust_command(user, users=users, seconds=seconds, url=url, prefix=prefix),
            env=env, cwd=BASE_DIR, check=False, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return Phase(name, seconds, rows, round(cpu, 1))


@contextlib.contextmanager
def locust_beside(
    user: str, *, users: int, seconds: int, url: str, env: dict[str, str], name: str
) -> Iterator[None]:
    """A locust run in a process of its own while the block runs (another locust, say)."""
    prefix = OUT_DIR / "locust" / name
    prefix.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{prefix}.log", "w") as log:
        process = subprocess.Popen(
            locust_command(user, users=users, seconds=seconds, url=url, prefix=prefix),
            env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield
        finally:
            try:
                process.wait(timeout=seconds + 30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def profile_a_worker(master: int, *, seconds: int) -> subprocess.Popen:
    """Sample one gunicorn worker's Python stacks while it holds the GIL (its CPU time)."""
    workers = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True, check=True
    ).stdout.split()
    return subprocess.Popen(
        [
            str(BIN / "py-spy"), "record", "--pid", workers[0], "--duration", str(seconds),
            "--gil", "--nonblocking", "--rate", "200",
            "--output", str(OUT_DIR / "profile-worker.svg"),
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def page_costs(env: dict[str, str]) -> dict[str, Any]:
    result = run(
        [str(BIN / "python"), "-m", "tests.bench.page_costs"], env, capture_output=True, text=True
    )
    return json.loads(result.stdout)


def decode_cost(env: dict[str, str], floor: Rounds) -> dict[str, Any]:
    """The decoder's median cost per message over the floor's median request, in one run."""
    result = run(
        [str(BIN / "python"), "-m", "tests.bench.decode_bench"], env, capture_output=True, text=True
    )
    measured = json.loads(result.stdout)
    floor_p50_ms = sorted(phase.percentile("Aggregated", "50%") for phase in floor.phases)[
        len(floor.phases) // 2
    ]
    measured["floor_p50_us"] = round(floor_p50_ms * 1000, 1)
    measured["ratio_to_floor"] = (
        round(measured["p50_us"] / measured["floor_p50_us"], 4) if floor_p50_ms else None
    )
    measured["target_met"] = (
        measured["ratio_to_floor"] is not None and measured["ratio_to_floor"] <= TARGET_DECODE_RATIO
    )
    return measured


def reading_load(url: str, upstream: str, env: dict[str, str]) -> dict[str, Any]:
    """The start page's median idle and under the reading flood, as `make serve` runs it
    (nginx in front sheds a session's readings past its allowance; the target is judged
    here), and straight to gunicorn (only the app's own limits: each refusal is a request)."""
    direct = reading_load_at(url, env)
    print(f"bench: reading load straight to gunicorn {direct}", flush=True)
    with nginx_in_front(OUT_DIR / "nginx", port=free_port(), upstream=upstream, env=env) as proxied:
        figure = reading_load_at(proxied, env)
    return {**figure, "straight_to_gunicorn": direct}


def reading_load_at(url: str, env: dict[str, str]) -> dict[str, Any]:
    """The start page's median idle, then while 20 clients post 2,000-character messages to
    the live reading (htmx), each in its own run; the readings served and refused (429)."""
    idle = locust("StartPage", users=1, seconds=READING_SECONDS, url=url, env=env,
                  name="start-idle")  # fmt: skip
    loaded = locust("StartPageUnderReadings MessageFlood", users=21, seconds=READING_SECONDS,
                    url=url, env=env, name="start-under-readings")  # fmt: skip
    # The same flood with the probe in a process of its own, as a newcomer is: in one locust
    # process the probe shares an event loop with the 20 flooding users, so its time also
    # holds the load generator's own wait whenever that loop is busy (2026-12-07, through
    # nginx: x3.0 in one process, x1.0 apart, with more readings sent apart; straight to
    # gunicorn, where the site does slow, x8.8 and x9.8). The target is judged on this one;
    # both are reported.
    with locust_beside("MessageFlood", users=20, seconds=READING_SECONDS, url=url, env=env,
                       name="flood-apart"):  # fmt: skip
        apart = locust("StartPageUnderReadings", users=1, seconds=READING_SECONDS, url=url,
                       env=env, name="start-beside-flood")  # fmt: skip
    idle_ms = idle.percentile("start", "50%")
    loaded_ms = loaded.percentile("start", "50%")
    apart_ms = apart.percentile("start", "50%")
    readings = loaded.rows.get("reading", {})
    ratio = round(loaded_ms / idle_ms, 2) if idle_ms else None
    ratio_apart = round(apart_ms / idle_ms, 2) if idle_ms else None
    return {
        "start_p50_idle_ms": idle_ms,
        "start_p50_under_readings_ms": loaded_ms,
        "ratio": ratio,
        "readings": int(readings.get("Request Count", 0) or 0),
        "reading_p50_ms": float(readings.get("50%", 0) or 0),
        "flood_clients": 20,
        "message_characters": 2000,
        "start_p50_probe_apart_ms": apart_ms,
        "ratio_probe_apart": ratio_apart,
        "target_met": ratio_apart is not None and ratio_apart <= TARGET_READING_LOAD_RATIO,
    }


def forget_bench_keys(redis_url: str, prefix: str) -> None:
    """Delete this run's keys, and only these: the Redis server may be shared."""
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


def report(
    args: argparse.Namespace,
    floor: Rounds,
    wizard: Rounds,
    soak: Phase,
    costs: dict[str, Any],
) -> dict[str, Any]:
    pages = [name for name in soak.rows if name != "Aggregated"]
    order = {name: index for index, name in enumerate(costs["pages"])}
    pages.sort(key=lambda name: order.get(name, len(order)))
    per_page = {
        name: {
            "requests": soak.count(name),
            "p50_ms": soak.percentile(name, "50%"),
            "p95_ms": soak.percentile(name, "95%"),
            "p99_ms": soak.percentile(name, "99%"),
            **{k: v for k, v in costs["pages"].get(name, {}).items() if k != "status"},
        }
        for name in pages
    }
    walks = soak.count("GET plan") - int(soak.rows.get("GET plan", {}).get("Failure Count", 0))
    summary = {
        "label": args.label,
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "workers": args.workers,
        "threads": args.threads,
        "users": args.users,
        "rounds": args.rounds,
        "round_seconds": args.seconds,
        "soak_users": args.soak_users,
        "sessions": "database" if args.no_redis else "redis+database (cached_db)",
        "floor_rps": round(floor.rps, 1),
        "wizard_rps": round(wizard.rps, 1),
        "ratio": round(wizard.rps / floor.rps, 3) if floor.rps else 0.0,
        # Each round's ratio, to show how much the machine's other work moved it.
        "round_ratios": [
            round(w.rps / f.rps, 3) if f.rps else 0.0
            for f, w in zip(floor.phases, wizard.phases, strict=True)
        ],
        "walks_per_s": round(walks / soak.seconds, 2),
        "p95_ms": soak.percentile("Aggregated", "95%"),
        "p50_ms": soak.percentile("Aggregated", "50%"),
        "p99_ms": soak.percentile("Aggregated", "99%"),
        "floor_p95_ms": floor.p95_ms(),
        "wizard_p95_ms": wizard.p95_ms(),
        "errors": floor.errors + wizard.errors + soak.errors,
        "soak_errors": soak.errors,
        "soak_requests": soak.requests,
        "soak_seconds": soak.seconds,
        "loadgen_cpu_share": {
            name: round(phase.loadgen_cpu_s / phase.seconds, 2)
            for name, phase in (("floor", floor), ("wizard", wizard), ("soak", soak))
        },
        "first_visit_bytes_gzip": costs["first_visit"],
        "pages": per_page,
    }
    summary["targets_met"] = (
        summary["ratio"] >= TARGET_RATIO
        and summary["p95_ms"] < TARGET_P95_MS
        and summary["errors"] == 0
    )
    return summary


def print_table(summary: dict[str, Any]) -> None:
    header = f"{'page':<16}{'reqs':>7}{'p50 ms':>8}{'p95 ms':>8}{'p99 ms':>8}"
    header += f"{'SQL':>5}{'bytes':>8}{'gzip':>7}"
    print(header)
    print("-" * len(header))
    for name, page in summary["pages"].items():
        print(
            f"{name:<16}{page['requests']:>7}{page['p50_ms']:>8.0f}{page['p95_ms']:>8.0f}"
            f"{page['p99_ms']:>8.0f}{page.get('queries', '-'):>5}{page.get('bytes', '-'):>8}"
            f"{page.get('bytes_gzip', '-'):>7}"
        )
    print()
    first = summary["first_visit_bytes_gzip"]
    lines = [
        ("floor rps", f"{summary['floor_rps']}"),
        ("wizard rps", f"{summary['wizard_rps']}"),
        ("ratio", f"{summary['ratio']:.1%} (target >= {TARGET_RATIO:.0%}); rounds "
                  + " ".join(f"{r:.1%}" for r in summary["round_ratios"])),
        ("walks per second", f"{summary['walks_per_s']} (soak)"),
        (
            "soak latency",
            f"p50 {summary['p50_ms']:.0f} ms, p95 {summary['p95_ms']:.0f} ms "
            f"(target < {TARGET_P95_MS:.0f}), p99 {summary['p99_ms']:.0f} ms "
            f"at {summary['soak_users']} users",
        ),
        ("errors", f"{summary['errors']} (soak: {summary['soak_errors']} "
                   f"of {summary['soak_requests']} requests)"),
        ("first visit", f"{first['total']} bytes gzip (HTML {first['html']}, "
                        f"CSS/JS {first['assets']})"),
        ("load generator", ", ".join(f"{k} {v} cores" for k, v in
                                     summary["loadgen_cpu_share"].items())),
        ("decode", f"p50 {summary['decode']['p50_us']} µs with {summary['decode']['patterns']} "
                   f"patterns = {summary['decode']['ratio_to_floor']} of a floor request "
                   f"(target <= {TARGET_DECODE_RATIO})"),
        ("through nginx", f"floor {summary['through_nginx']['floor_rps']} rps "
                          f"({summary['through_nginx']['floor_ratio_to_direct']:.0%} of direct), "
                          f"wizard {summary['through_nginx']['wizard_rps']} rps "
                          f"({summary['through_nginx']['wizard_ratio_to_direct']:.0%} of direct)"),
        ("slow clients", "liveness max ms with 250 trickling: nginx "
                         f"{summary['through_nginx']['slow_clients']['through_nginx']['max_ms']}, "
                         "gunicorn alone "
                         f"{summary['through_nginx']['slow_clients']['straight_to_gunicorn']['max_ms']}"
                         " (None: no answer within 5 s)"),
        ("reading load", f"start p50 {summary['reading_load']['start_p50_idle_ms']} ms idle, "
                         f"{summary['reading_load']['start_p50_probe_apart_ms']} ms while 20 "
                         f"clients post 2,000-character messages = "
                         f"{summary['reading_load']['ratio_probe_apart']}x (target <= "
                         f"{TARGET_READING_LOAD_RATIO:.0f}x; probe in the flood's own process "
                         f"{summary['reading_load']['ratio']}x)"),
        ("targets met", "yes" if summary["targets_met"] else "NO"),
    ]  # fmt: skip
    for label, value in lines:
        print(f"{label:<18}{value}")


def through_nginx(
    args: argparse.Namespace, *, url: str, upstream: str, env: dict[str, str]
) -> dict[str, Any]:
    """One floor and one wizard round through nginx in front of the same gunicorn (as `make
    serve` runs it), and the slow-client figure through nginx and straight to gunicorn."""
    with nginx_in_front(OUT_DIR / "nginx", port=free_port(), upstream=upstream, env=env) as proxied:
        print(f"bench: nginx on {proxied} in front of {upstream}", flush=True)
        floor = locust("Floor", users=args.users, seconds=args.seconds, url=proxied, env=env,
                       name="nginx-floor")  # fmt: skip
        wizard = locust("WizardWalk", users=args.users, seconds=args.seconds, url=proxied,
                        env=env, name="nginx-wizard")  # fmt: skip
        print(f"bench: through nginx floor {floor.rps:.0f} rps, wizard {wizard.rps:.0f} rps")
        slow_proxied = slow_client_figure(proxied)
    slow_direct = slow_client_figure(url)
    print(f"bench: liveness under 200 slow-header + 50 slow-body clients: through nginx "
          f"{slow_proxied}, straight to gunicorn {slow_direct}", flush=True)  # fmt: skip
    return {
        "floor_rps": round(floor.rps, 1),
        "wizard_rps": round(wizard.rps, 1),
        "errors": floor.errors + wizard.errors,
        "slow_clients": {"through_nginx": slow_proxied, "straight_to_gunicorn": slow_direct},
    }


def main() -> None:
    args = arguments()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    db_url = database_url()
    create_database(db_url)
    redis_url = "" if args.no_redis else os.environ.get("REDIS_URL", f"redis://{HOST}:6379/0")
    key_prefix = f"repayhelp-bench-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        # As behind the TLS-terminating load balancer of docs/deploy.md: HTTPS-only cookies,
        # HSTS, strict CSRF origin checks; the load generator adds X-Forwarded-Proto.
        "DJANGO_HTTPS": "1",
        "DJANGO_BEHIND_PROXY": "1",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DATABASE_URL": db_url,
        "REDIS_URL": redis_url,
        "CACHE_KEY_PREFIX": key_prefix,
        "PYTHONPATH": str(BASE_DIR),
    }
    if args.workers is not None:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads is not None:
        env["GUNICORN_THREADS"] = str(args.threads)
    python = str(BIN / "python")
    run([python, "manage.py", "migrate", "--noinput", "--verbosity", "0"], env)
    # As `make run` loads them: the provider records, the message patterns the problem page
    # reads, and the escalation records reopened plans show.
    for command in ("load_providers", "load_patterns", "load_escalation"):
        run([python, "manage.py", command], env, stdout=subprocess.DEVNULL)
    run([python, "manage.py", "retrain_decoder", "--if-none"], env, stdout=subprocess.DEVNULL)
    run([python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)

    port = free_port()
    url = f"http://{HOST}:{port}"
    env["GUNICORN_BIND"] = f"{HOST}:{port}"
    args.workers, args.threads = gunicorn_sizes(env)
    log = open(OUT_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed after the server stops
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"), "--config", str(GUNICORN_CONFIG), "config.wsgi:application",
        ],
        env=env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(url + "/healthz/live", server)
        print(
            f"bench: gunicorn with {args.workers} workers x {args.threads} threads on {url}; "
            f"{args.users} users",
            flush=True,
        )
        if args.reading_only:
            under_readings = reading_load(url, f"{HOST}:{port}", env)
            print(f"bench: reading load {under_readings}", flush=True)
            latest = OUT_DIR / "latest.json"
            summary = json.loads(latest.read_text()) if latest.exists() else {}
            summary["reading_load"] = under_readings
            latest.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
            print(f"wrote reading_load into {latest.relative_to(BASE_DIR)}")
            return
        locust("WizardWalk", users=args.users, seconds=5, url=url, env=env, name="warmup")
        floor, wizard = Rounds([]), Rounds([])
        users = ("Floor",) if args.decode_only else ("Floor", "WizardWalk")
        for number in range(1, args.rounds + 1):
            for rounds, user in ((floor if u == "Floor" else wizard, u) for u in users):
                phase = locust(user, users=args.users, seconds=args.seconds, url=url, env=env,
                               name=f"{user.lower()}-{number}")  # fmt: skip
                rounds.phases.append(phase)
                print(f"bench: round {number} {user} {phase.rps:.0f} rps", flush=True)
        decode = decode_cost(env, floor)
        print(
            f"bench: decode p50 {decode['p50_us']} µs with {decode['patterns']} patterns, "
            f"{decode['ratio_to_floor']} of a floor request (target <= {TARGET_DECODE_RATIO})",
            flush=True,
        )
        if args.decode_only:
            latest = OUT_DIR / "latest.json"
            summary = json.loads(latest.read_text()) if latest.exists() else {}
            summary["decode"] = decode
            latest.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
            print(f"wrote decode into {latest.relative_to(BASE_DIR)}")
            return
        proxy = through_nginx(args, url=url, upstream=f"{HOST}:{port}", env=env)
        print(f"bench: soak for {args.soak_seconds} s at {args.soak_users} users", flush=True)
        spy = profile_a_worker(server.pid, seconds=args.soak_seconds - 5) if args.profile else None
        soak = locust("WizardWalk", users=args.soak_users, seconds=args.soak_seconds, url=url,
                      env=env, name="soak")  # fmt: skip
        if spy is not None:
            spy.wait(timeout=60)
        under_readings = reading_load(url, f"{HOST}:{port}", env)
        costs = page_costs(env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
        if redis_url:
            forget_bench_keys(redis_url, key_prefix)

    summary = report(args, floor, wizard, soak, costs)
    summary["decode"] = decode
    summary["through_nginx"] = {
        **proxy,
        "floor_ratio_to_direct": round(proxy["floor_rps"] / floor.rps, 3) if floor.rps else 0.0,
        "wizard_ratio_to_direct": (
            round(proxy["wizard_rps"] / wizard.rps, 3) if wizard.rps else 0.0
        ),
    }
    summary["reading_load"] = under_readings
    summary["targets_met"] = summary["targets_met"] and under_readings["target_met"]
    print()
    print_table(summary)
    (OUT_DIR / "latest.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {OUT_DIR.relative_to(BASE_DIR) / 'latest.json'}")
    if summary["errors"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
