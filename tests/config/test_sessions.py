"""Cache and sessions with Redis: shared by every app server, never the only copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from config.sessions import SessionStore
from tests.bench.walk import management_field
from tests.conftest import forget_keys
from tests.factories import ProviderFactory

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def settings_with(**env: str) -> dict[str, str]:
    """Cache backend and session engine the settings module picks for an environment."""
    probe = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE]))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    if "REDIS_URL" not in env:
        environment.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    backend, engine = json.loads(result.stdout)
    return {"cache": backend, "sessions": engine}


def test_with_redis_url_cache_is_redis_and_sessions_are_database_backed():
    assert settings_with(REDIS_URL="redis://127.0.0.1:6379/11") == {
        "cache": "config.cache.RedisCache",
        "sessions": "config.sessions",
    }


def test_without_redis_url_one_process_keeps_a_local_cache_and_database_sessions():
    assert settings_with() == {
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "sessions": "django.contrib.sessions.backends.db",
    }


def test_answers_survive_a_redis_restart(shared_cache, redis_url):
    ProviderFactory(slug="cmb")
    client = Client()
    step_url = client.get("/check/")["Location"]
    run = step_url.split("/")[2]
    client.post(step_url, {management_field(step_url): "provider", "provider-provider": "cmb"})

    forget_keys(redis_url, shared_cache)  # what a restarted, empty Redis looks like

    response = client.get(step_url.replace("/provider/", "/message/"))
    assert response.status_code == 200, "the answer to the first page was kept"
    stored = client.session[f"wizard_repayment_wizard_{run}"]["step_data"]["provider"]
    assert stored["provider-provider"] == ["cmb"]


def test_saving_a_session_deleted_meanwhile_is_refused(shared_cache):
    session = SessionStore()
    session["answer"] = 1
    session.save()
    Session.objects.filter(session_key=session.session_key).delete()
    session["answer"] = 2
    with pytest.raises(UpdateError):
        session.save()


def test_a_session_is_created_then_updated_in_the_database_and_the_cache(shared_cache):
    session = SessionStore()
    session["answer"] = 1
    session.create()
    session["answer"] = 2
    session.save()
    stored = Session.objects.get(session_key=session.session_key)
    assert SessionStore().decode(stored.session_data) == {"answer": 2}
    assert SessionStore(session.session_key).load() == {"answer": 2}


def test_a_new_session_never_takes_over_a_key_already_in_use(shared_cache, monkeypatch):
    first = SessionStore()
    first["answer"] = "theirs"
    first.save()
    keys = iter([first.session_key, "x" * 32])
    monkeypatch.setattr(SessionStore, "_get_new_session_key", lambda self: next(keys))
    second = SessionStore()
    second["answer"] = "mine"
    second.save()
    assert second.session_key == "x" * 32, "the taken key was refused and another drawn"
    assert SessionStore(first.session_key).load() == {"answer": "theirs"}
    stored = Session.objects.get(session_key=first.session_key)
    assert SessionStore().decode(stored.session_data) == {"answer": "theirs"}
    assert Session.objects.get(session_key="x" * 32).expire_date > timezone.now()
