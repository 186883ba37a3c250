"""The liveness probe a load balancer asks, which is also the benchmark's floor."""

from __future__ import annotations

import socket

import pytest

pytestmark = pytest.mark.django_db


def test_liveness_probe_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_liveness_probe_goes_through_the_production_middleware(client):
    response = client.get("/healthz/live")
    assert response["X-Frame-Options"] == "DENY", "clickjacking middleware ran"
    assert response["X-Content-Type-Options"] == "nosniff", "security middleware ran"
    assert "Accept-Language" in response["Vary"], "locale middleware ran"


def test_liveness_probe_refuses_anything_but_get(client):
    assert client.post("/healthz/live").status_code == 405


def test_readiness_reports_each_dependency(client, shared_cache):
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"] == {
        "ok": True,
        "backend": "redis",
        "ms": body["checks"]["cache"]["ms"],
    }
    assert "no-cache" in response["Cache-Control"]


def test_readiness_says_degraded_when_only_redis_is_down(client, settings):
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there now
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": "readiness-test",
        }
    }
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True
