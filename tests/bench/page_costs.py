"""SQL queries and bytes per page, measured out of band with Django's test client.

Run by run_bench.py against the benchmark's database and cache, outside the
app servers, so the servers under load run exactly the production code. Walks
once to warm the caches as traffic would, then measures a second walk. Prints
JSON on standard output.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sys
from collections.abc import Callable

import django
from django.apps import apps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if not apps.ready:  # under pytest, the suite has set Django up already
    django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.bench.walk import PROXY_HEADERS, Reply, Request, WalkFailed, walk  # noqa: E402

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def first(choices: list[str]) -> str:
    return choices[0]


def gzipped_size(content: bytes) -> int:
    # Level 6 is what reverse proxies use by default for HTML.
    return len(gzip.compress(content, compresslevel=6))


class Measured:
    """Walks with Django's test client, counting each page's SQL queries and bytes."""

    def __init__(self) -> None:
        self.client = Client(SERVER_NAME="127.0.0.1", headers=PROXY_HEADERS)
        self.pages: dict[str, dict[str, int]] = {}

    def send(self, request: Request) -> Reply:
        with CaptureQueriesContext(connection) as queries:
            if request.method == "POST":
                response = self.client.post(request.url, request.data or {})
            else:
                response = self.client.get(request.url)
        content = b"" if response.streaming else response.content
        self.pages[request.name] = {
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "bytes": len(content),
            "bytes_gzip": gzipped_size(content) if content else 0,
        }
        reply = Reply(response.status_code, response.get("Location", ""), content.decode())
        problem = request.problem(reply)
        if problem:
            raise WalkFailed(problem)
        return reply

    def walk(self, choose: Callable[[list[str]], str] = first) -> str:
        """A walk in a fresh session; returns the plan's URL. Raises WalkFailed."""
        self.client.cookies.clear()
        return walk(self.send, choose)

    def first_visit_bytes(self) -> dict[str, int]:
        """The start page and every stylesheet and script it links, gzip-compressed."""
        html = self.client.get("/").content
        total = {"html": gzipped_size(html), "assets": 0}
        for url in ASSET.findall(html.decode()):
            asset = self.client.get(url, HTTP_ACCEPT_ENCODING="gzip")
            total["assets"] += len(b"".join(asset.streaming_content))
        total["total"] = total["html"] + total["assets"]
        return total


def main() -> None:
    measured = Measured()
    try:
        measured.walk()  # warm the caches, as the load before it did
        measured.pages.clear()
        measured.walk()
    except WalkFailed as failure:
        sys.exit(f"page_costs: {failure}")
    json.dump({"pages": measured.pages, "first_visit": measured.first_visit_bytes()}, sys.stdout)


if __name__ == "__main__":
    main()
