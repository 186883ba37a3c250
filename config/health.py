"""Probes a load balancer asks before sending people to an app server.

- `/healthz/live`: the process answers (liveness: restart it if not).
- `/healthz/ready`: each dependency, as JSON; 503 when PostgreSQL is down (send nobody here),
  "degraded" with 200 when only Redis is (the site serves, slower: config/cache.py).
- `/healthz`: the older probe, kept for balancers already pointed at it: PostgreSQL only.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.cache import UNREACHABLE, RedisCache


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    if not database_check()["ok"]:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """The process answers requests: no database, cache or template behind it.

    Through the full middleware stack, so it is also the benchmark's floor:
    no page of the site can be faster than this one.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


@require_safe
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Each dependency asked now: "ok", "degraded" (Redis down, 200) or "down" (503)."""
    checks = {"database": database_check(), "cache": cache_check()}
    if not checks["database"]["ok"]:
        status = "down"
    elif not checks["cache"]["ok"]:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "down" else 200
    )


def database_check() -> dict[str, Any]:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def cache_check() -> dict[str, Any]:
    """Redis when the site uses it (REDIS_URL); a process-local cache is always there."""
    default = caches["default"]
    if not isinstance(default, RedisCache):
        return {"ok": True, "backend": "local"}
    started = time.monotonic()
    try:
        default.ping()
    except UNREACHABLE as error:
        return {"ok": False, "backend": "redis", "error": type(error).__name__}
    return {"ok": True, "backend": "redis", "ms": round((time.monotonic() - started) * 1000, 1)}
