"""Probes a load balancer asks before sending people to an app server."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def live(request: HttpRequest) -> HttpResponse:
    """The process answers requests: no database, cache or template behind it.

    Through the full middleware stack, so it is also the benchmark's floor:
    no page of the site can be faster than this one.
    """
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
