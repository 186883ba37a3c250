"""`manage.py purge_expired` (wizard/management/commands/purge_expired.py) and how long answers
live: expired sessions and cases past retention go, everything else stays."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from providers.models import Provider
from tests.wizard.helpers import case_for, recent_answers
from wizard.models import Case, CaseStep, RemediationText, UnmatchedMessage

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


def test_purge_removes_old_cases_and_nothing_else(bank):
    old = case_for(recent_answers())
    kept = case_for(recent_answers())
    Case.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=181))
    Case.objects.filter(pk=kept.pk).update(created_at=timezone.now() - dt.timedelta(days=179))
    texts, providers = RemediationText.objects.count(), Provider.objects.count()
    steps_of_kept = kept.steps.count()
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "cases: 1 older than retention deleted" in out.getvalue()
    assert list(Case.objects.values_list("pk", flat=True)) == [kept.pk]
    assert CaseStep.objects.count() == steps_of_kept
    assert (RemediationText.objects.count(), Provider.objects.count()) == (texts, providers)


def test_purge_drops_funnel_counters_older_than_their_retention_and_keeps_the_rest(settings):
    from wizard.engine.ladder import beijing_date
    from wizard.models import FunnelCount

    settings.FUNNEL_RETENTION_DAYS = 30
    today = beijing_date(timezone.now())
    for age in (31, 30, 0):
        FunnelCount.objects.create(
            day=today - dt.timedelta(days=age), stage="provider", provider_slug="", runs=5
        )
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "funnel counters: 1 older than retention deleted" in out.getvalue()
    kept = sorted((today - day).days for day in FunnelCount.objects.values_list("day", flat=True))
    assert kept == [0, 30]


def test_funnel_counters_are_kept_400_days_unless_configured(settings):
    assert settings.FUNNEL_RETENTION_DAYS == 400


@override_settings(UNMATCHED_RETENTION_DAYS=90)
def test_purge_expired_deletes_unrecognised_messages_nobody_has_sent_within_retention():
    now = timezone.now()
    for name, last_seen in (("old", now - dt.timedelta(days=91)), ("recent", now)):
        UnmatchedMessage.objects.create(
            digest=name * 8,
            normalised=name,
            example=name,
            first_seen=last_seen - dt.timedelta(days=5),
            last_seen=last_seen,
        )
    out = io.StringIO()
    call_command("purge_expired", stdout=out)
    assert "unrecognised messages: 1 not seen within retention deleted" in out.getvalue()
    assert list(UnmatchedMessage.objects.values_list("example", flat=True)) == ["recent"]
