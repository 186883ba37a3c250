"""The liveness probe a load balancer asks, which is also the benchmark's floor."""

from __future__ import annotations

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
