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
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.bench.walk import DONE_URL, PLAN_MARK, PLAN_URL, csrf_token, provider_choices, steps  # noqa: E402

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def gzipped_size(content: bytes) -> int:
    # Level 6 is what reverse proxies use by default for HTML.
    return len(gzip.compress(content, compresslevel=6))


class Measured:
    def __init__(self) -> None:
        self.client = Client(SERVER_NAME="127.0.0.1")
        self.pages: dict[str, dict[str, int]] = {}

    def request(self, name: str, method: str, url: str, **kwargs: Any) -> Any:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(self.client, method)(url, **kwargs)
        if response.status_code >= 400:
            sys.exit(f"page_costs: {name} answered {response.status_code}")
        self.pages[name] = {
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "bytes": len(response.content),
            "bytes_gzip": gzipped_size(response.content) if response.content else 0,
        }
        return response

    def walk(self) -> None:
        self.client.cookies.clear()
        self.request("GET start", "get", "/")
        self.request("GET reset", "get", "/check/?reset=1")
        page = self.request("GET provider", "get", "/check/provider/").content.decode()
        provider = provider_choices(page)[0]
        for number, step in enumerate(steps(provider)):
            if number:
                page = self.request(f"GET {step.name}", "get", step.url).content.decode()
            response = self.request(
                f"POST {step.name}", "post", step.url, data=step.form_data(csrf_token(page))
            )
            if response.get("Location") != step.next_url:
                sys.exit(f"page_costs: POST {step.url} did not lead to {step.next_url}")
        if self.request("GET done", "get", DONE_URL).get("Location") != PLAN_URL:
            sys.exit("page_costs: the done step did not lead to the plan")
        plan = self.request("GET plan", "get", PLAN_URL).content.decode()
        if PLAN_MARK not in plan:
            sys.exit("page_costs: the plan page shows no plan")

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
    measured.walk()  # warm the caches, as the load before it did
    measured.pages.clear()
    measured.walk()
    json.dump({"pages": measured.pages, "first_visit": measured.first_visit_bytes()}, sys.stdout)


if __name__ == "__main__":
    main()
