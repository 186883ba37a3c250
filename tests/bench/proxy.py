"""The benchmark's nginx: config/nginx.conf.template in front of the benchmark's gunicorn, as
`make serve` runs it, and the slow-client figure (how long the liveness probe takes while
hundreds of clients trickle their requests), through nginx and straight to gunicorn.
"""

from __future__ import annotations

import contextlib
import getpass
import grp
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
TEMPLATE = BASE_DIR / "config" / "nginx.conf.template"
BIN = Path(sys.executable).parent


def render(
    run_dir: Path, *, listen: str, upstream: str, forwarded_proto: str, env: dict[str, str]
) -> Path:
    """Fill in the template as `make serve` does; the rendered file's path."""
    values = {
        "@RUN_DIR@": str(run_dir),
        "@LISTEN@": listen,
        "@UPSTREAM@": upstream,
        "@STATIC_URL@": "/static/",
        "@STATIC_ROOT@": str(BASE_DIR / "var" / "staticfiles"),
        "@USER@": f"{getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name}",
        "@FORWARDED_PROTO@": forwarded_proto,
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    (run_dir / "tmp").mkdir(parents=True, exist_ok=True)
    # The pages nginx answers a refused reading with, as `make serve` writes them.
    subprocess.run(
        [str(BIN / "python"), "manage.py", "write_limit_pages", str(run_dir / "limits")],
        cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    conf = run_dir / "nginx.conf"
    conf.write_text(text)
    return conf


@contextlib.contextmanager
def nginx_in_front(
    run_dir: Path, *, port: int, upstream: str, env: dict[str, str]
) -> Iterator[str]:
    """nginx on 127.0.0.1:`port` in front of `upstream`; its URL. Stopped, whatever happens.

    X-Forwarded-Proto is passed on from the load generator, as behind the TLS-terminating
    balancer the benchmark's settings assume (DJANGO_HTTPS=1).
    """
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    conf = render(
        run_dir,
        listen=f"127.0.0.1:{port}",
        upstream=upstream,
        forwarded_proto="$http_x_forwarded_proto",
        env=env,
    )
    subprocess.run([nginx, "-q", "-p", f"{run_dir}/", "-c", str(conf)], check=True)
    pid_file = run_dir / "nginx.pid"
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError, ValueError):
            os.kill(int(pid_file.read_text()), signal.SIGQUIT)


def probe_ms(url: str, *, timeout: float) -> float | None:
    """Milliseconds for GET `url`; None when it did not answer within `timeout`."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
    except OSError:
        return None
    return round((time.monotonic() - started) * 1000, 1)


def slow_client_figure(
    base_url: str, *, headers_only: int = 200, bodies: int = 50, probes: int = 5
) -> dict[str, object]:
    """Liveness probe times while `headers_only` clients trickle their headers and `bodies`
    clients their bodies, a byte each round; bounded, every socket closed at the end."""
    host, port = base_url.removeprefix("http://").split(":")
    clients: list[socket.socket] = []
    times: list[float | None] = []
    try:
        for number in range(headers_only + bodies):
            try:
                sock = socket.create_connection((host, int(port)), timeout=2)
            except OSError:
                break  # the server stopped accepting: that is part of the figure
            sock.setblocking(False)
            head = b"POST /i18n/setlang/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            if number >= headers_only:
                head += b"Content-Type: application/x-www-form-urlencoded\r\n"
                head += b"Content-Length: 1000\r\n\r\nlanguage="
            with contextlib.suppress(OSError):
                sock.send(head)
            clients.append(sock)
        for _ in range(probes):
            for sock in clients:
                with contextlib.suppress(OSError):
                    sock.send(b"X")
            times.append(probe_ms(base_url + "/healthz/live", timeout=5))
            time.sleep(0.2)
    finally:
        for sock in clients:
            sock.close()
    answered = [t for t in times if t is not None]
    return {
        "connections": len(clients),
        "probes": len(times),
        "answered": len(answered),
        "max_ms": max(answered) if answered else None,
        "median_ms": sorted(answered)[len(answered) // 2] if answered else None,
    }
