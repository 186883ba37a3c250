"""Instructions per wizard request: valgrind's callgrind over walks with Django's test client.

    .venv/bin/python -m tests.bench.instructions [walks] [--no-pages]     (make instructions)

Requests per second move by a fifth with the machine's other work (docs/performance.md, "How far
to trust the ratio"); the instructions a walk executes hardly move, so this is the figure that
compares two versions of the code. The walk is tests/bench/walk.py with the same settings,
middleware and views as the app servers (production settings behind HTTPS, the benchmark's
database and Redis); only Django's test client stands in for the WSGI server.

Two runs under callgrind, each a warm-up walk (imports, templates, caches, the database
connection) and then 0 or N walks: their difference over N × 18 requests is what one wizard
request costs, start-up left out. A third run collects only while a request is served (each
runs inside sys.call_tracing, on which callgrind toggles collection and dumps), which gives
each page's cost; its mean is a check on the first figure. Writes var/bench/instructions.json.
"""

from __future__ import annotations

import gc
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

import redis

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench" / "instructions.json"
REQUESTS_PER_WALK = 18
# The C function behind sys.call_tracing, which nothing else in a walk calls.
TOGGLE = "sys_call_tracing"
# The app servers' settings, whatever the shell says: a count with debug on, or without
# the HTTPS checks, would compare nothing.
PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_HTTPS": "1", "DJANGO_BEHIND_PROXY": "1"}
DEFAULTS = {
    "DJANGO_SECRET_KEY": "instructions-only-secret-key-not-for-production",
    "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/repayhelp_bench",
}
TOTALS = re.compile(rb"^(?:totals|summary): (\d+)", re.MULTILINE)


def walk_in_process(walks: int, *, pages: bool) -> None:
    """The measured program: a warm-up walk, then `walks` more (run under callgrind)."""
    from tests.bench.page_costs import Measured
    from tests.bench.walk import Reply, Request, WalkFailed

    class Counted(Measured):
        """Measured's walk without its out-of-band extras (SQL capture, gzip), which are not
        the site's work; once `collecting`, each request runs inside sys.call_tracing."""

        collecting = False
        names: list[str] = []

        def send(self, request: Request) -> Reply:
            if request.method == "POST":
                call, args = self.client.post, (request.url, request.data or {})
            else:
                call, args = self.client.get, (request.url,)
            if self.collecting:
                self.names.append(request.name)
                response = sys.call_tracing(call, args)
            else:
                response = call(*args)
            content = b"" if response.streaming else response.content
            reply = Reply(response.status_code, response.get("Location", ""), content.decode())
            problem = request.problem(reply)
            if problem:
                raise WalkFailed(problem)
            return reply

    walker = Counted()
    try:
        walker.walk()
        # The first full collection after start-up walks every object Django loaded; a
        # long-running worker pays it once, so it is done here, before the walks measured.
        gc.collect()
        walker.collecting = pages
        for _walk in range(walks):
            walker.walk()
    except WalkFailed as failure:
        sys.exit(f"instructions: {failure}")
    if pages:
        print(json.dumps(walker.names))


def callgrind(walks: int, *, pages: bool, folder: Path) -> tuple[list[int], list[str]]:
    """Run `walks` walks after a warm-up under callgrind: the instructions of each dump
    (one in all, or one per request with `pages`) and, with `pages`, the requests' names."""
    prefix = f"instructions-{uuid.uuid4().hex}"  # a cold cache of its own
    env = {**os.environ, "PYTHONHASHSEED": "0", "CACHE_KEY_PREFIX": prefix}
    name = f"{'pages' if pages else 'walks'}-{walks}"
    options = [f"--callgrind-out-file={folder / name}.%p"]
    if pages:
        options += ["--collect-atstart=no", f"--toggle-collect={TOGGLE}", f"--dump-after={TOGGLE}"]
    command = [
        "valgrind",
        "--tool=callgrind",
        "--quiet",
        *options,
        sys.executable,
        "-m",
        "tests.bench.instructions",
        "--in-process",
        str(walks),
        *(["--pages"] if pages else []),
    ]
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    finally:
        forget_keys(os.environ["REDIS_URL"], prefix)
    if done.returncode:
        sys.exit(f"instructions: the walk under callgrind failed:\n{done.stderr[-3000:]}")
    dumps = sorted(folder.glob(f"{name}.*"), key=dump_number)
    counts = [instructions(path) for path in dumps]
    names = json.loads(done.stdout.strip().splitlines()[-1]) if pages else []
    if pages:
        counts = counts[: len(names)]  # the final dump, at exit, collected nothing
    return counts, names


def forget_keys(url: str, prefix: str) -> None:
    """Delete the run's keys, and only those: the Redis server is shared."""
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)


def instructions(dump: Path) -> int:
    """The instructions counted in one callgrind dump (its `totals:` or `summary:` line)."""
    found = TOTALS.search(dump.read_bytes())
    if found is None:
        sys.exit(f"instructions: no total in {dump}")
    return int(found.group(1))


def dump_number(path: Path) -> int:
    """callgrind names dumps <file>.<pid> and then <file>.<pid>.<n>; the final one has no n."""
    parts = path.name.split(".")
    return int(parts[2]) if len(parts) > 2 else sys.maxsize


def per_page(names: list[str], counts: list[int]) -> dict[str, dict[str, int]]:
    """Each page's median and mean. The median is the page's own cost; the mean also carries
    its share of the garbage collector's passes, which fall on whichever request is running."""
    by_page: dict[str, list[int]] = {}
    for page, count in zip(names, counts, strict=True):
        by_page.setdefault(page, []).append(count)
    return {
        page: {"median": round(statistics.median(c)), "mean": round(statistics.mean(c))}
        for page, c in by_page.items()
    }


def main(argv: list[str]) -> None:
    if "--in-process" in argv:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        walk_in_process(int(argv[argv.index("--in-process") + 1]), pages="--pages" in argv)
        return
    walks = next((int(arg) for arg in argv if arg.isdigit()), 10)
    os.environ.update(PRODUCTION)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    with tempfile.TemporaryDirectory(prefix="instructions-") as folder:
        (start_up,), _ = callgrind(0, pages=False, folder=Path(folder))
        (with_walks,), _ = callgrind(walks, pages=False, folder=Path(folder))
        per_request = (with_walks - start_up) / (walks * REQUESTS_PER_WALK)
        result: dict[str, Any] = {"walks": walks, "per_request": round(per_request)}
        print(f"{walks} walks, {walks * REQUESTS_PER_WALK} requests")
        print(f"instructions per wizard request  {per_request / 1e6:6.2f} M")
        if "--no-pages" not in argv:
            counts, names = callgrind(walks, pages=True, folder=Path(folder))
            result["pages"] = per_page(names, counts)
            result["per_request_collected"] = round(statistics.mean(counts))
            print(f"\n{'M instructions':<16} {'median':>8} {'mean':>8}")
            for page, count in result["pages"].items():
                print(f"{page:<16} {count['median'] / 1e6:8.2f} {count['mean'] / 1e6:8.2f}")
            print(f"{'any request':<16} {statistics.median(counts) / 1e6:8.2f}", end=" ")
            print(f"{statistics.mean(counts) / 1e6:8.2f}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
