"""The app servers' gunicorn settings: `gunicorn -c config/gunicorn.py config.wsgi:application`.

Threaded workers (gthread). A sync worker serves one connection from its first byte to its
last, so a client that trickles its request body holds the whole process: two such clients
stopped a two-worker server, liveness probe included. Here a slow client holds one thread;
the worker's other threads, and the other workers, go on serving. A thread blocked on a
socket gives the GIL up, so threads cost little while they wait.

Sized from the environment, with defaults for a machine of its own (docs/deploy.md):

- `WEB_CONCURRENCY`: worker processes (default 2 × cores + 1);
- `GUNICORN_THREADS`: threads per worker (default 4);
- `GUNICORN_BIND`: address (default 0.0.0.0:8000);
- `GUNICORN_TIMEOUT`, `GUNICORN_GRACEFUL_TIMEOUT`: seconds (default 30 each);
- `GUNICORN_KEEPALIVE`: seconds an idle connection is kept open (default 0: closed).

Each thread keeps its own database connection (Django's connections are per thread), so a
server opens up to workers × threads of them.
"""

from __future__ import annotations

import os


def _whole_number(name: str, default: int, *, least: int = 1) -> int:
    """A whole number from the environment, or a message naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise SystemExit(f"config/gunicorn.py: {name}={value!r} is not a whole number") from None
    if number < least:
        raise SystemExit(f"config/gunicorn.py: {name}={value!r} must be {least} or more")
    return number


bind = [os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")]
workers = _whole_number("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)
worker_class = "gthread"
threads = _whole_number("GUNICORN_THREADS", 4)

# A worker that has not reported alive for this long is restarted. With threads the main loop
# reports even while requests run, so this catches a stuck process, not a slow request.
timeout = _whole_number("GUNICORN_TIMEOUT", 30)
# On a deploy's SIGTERM, requests in flight get this long to finish (one wizard page takes
# tens of milliseconds; the admin's import dry run a second or two).
graceful_timeout = _whole_number("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Off: each response closes its connection, as the sync workers' did. A worker's connections
# then each hold one of its threads, so the bound below keeps workers evenly loaded, and no
# connection the balancer is about to reuse is closed under it. Turning it on (seconds, above
# the balancer's idle timeout) saves a TCP handshake per request on the private network, but
# pins each of the balancer's connections to one worker, and lifts that bound.
keepalive = _whole_number("GUNICORN_KEEPALIVE", 0, least=0)
# A worker takes no more connections than it has threads. One whose threads are all held,
# by slow clients say, stops accepting and leaves new connections to the other workers,
# instead of queueing them behind the slow ones. (gunicorn's default, 1000, would let it
# accept and queue.) Kept-alive connections wait idle and need room of their own.
worker_connections = threads if not keepalive else threads + 1000

# Request head limits, refused with 4xx before Django sees the request. The longest URL here
# is an admin list with its filters and a search (percent-encoded Chinese: 9 bytes a
# character); a browser sends about 15 headers and the balancer adds a few X-Forwarded-*.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# gunicorn's control socket (gunicornc) is not used; its default path is shared by every
# server on a machine, so several (the tests, the bench) would remove each other's.
control_socket_disable = True
