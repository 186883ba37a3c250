from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

pytestmark = pytest.mark.django_db


def make_session(*, expires_in: dt.timedelta) -> str:
    store = SessionStore()
    store["wizard_runs"] = ["abcdefgh"]
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def test_purge_expired_deletes_expired_sessions_and_keeps_live_ones():
    old = make_session(expires_in=-dt.timedelta(minutes=1))
    live = make_session(expires_in=dt.timedelta(minutes=30))
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "sessions: 1 expired deleted" in out.getvalue()
    assert not Session.objects.filter(session_key=old).exists()
    assert Session.objects.filter(session_key=live).exists()


@override_settings(SESSION_COOKIE_AGE=15 * 60)
def test_wizard_answers_expire_after_the_configured_time(client):
    from tests.factories import ProviderFactory

    ProviderFactory(slug="cmb")
    client.get("/check/")
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert dt.timedelta(minutes=14) < remaining <= dt.timedelta(minutes=15)


def test_default_retention_of_wizard_answers_is_two_hours(settings):
    assert settings.SESSION_COOKIE_AGE == 2 * 60 * 60
