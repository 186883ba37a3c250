"""Builders for answers and provider facts, so each test states only what matters to it."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from providers.models import ProviderFacts
from tests.factories import ProviderFactory
from wizard.answers import SHANGHAI, Answers

NOW = dt.datetime(2026, 11, 10, 21, 30, tzinfo=SHANGHAI)

BASE_ANSWERS: dict[str, Any] = {
    "provider": "bank",
    "symptom": "declined",
    "channel": "app",
    "account": {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "ok",
        "card_status": "normal",
    },
    "funds": {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"},
    "timing": {"due_date": "2026-11-10", "attempted_at": "2026-11-10T19:00:00+08:00"},
    "contacted_provider": "no",
    "autopay": "on",
}


def answers_dict(**overrides: Any) -> dict[str, Any]:
    """BASE_ANSWERS with top-level keys replaced; nested dicts are merged."""
    data = copy.deepcopy(BASE_ANSWERS)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def make_answers(*, now: dt.datetime = NOW, **overrides: Any) -> Answers:
    return Answers.from_dict(answers_dict(**overrides), now=now)


def make_facts(**overrides: Any) -> ProviderFacts:
    overrides.setdefault("slug", "bank")
    return ProviderFactory.build(**overrides).facts()


def shanghai(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def consumer_plan_page(*, language: str = "zh-hans", **overrides: Any) -> str:
    """The plan page a consumer sees now, for answers given half an hour ago.

    Without overrides: provider "bank", insufficient funds, autopay off (so every
    kind of provider text appears in some step).
    """
    from django.test import Client
    from django.utils import timezone

    from wizard.views import PLAN_SESSION_KEY

    moment = timezone.now().astimezone(SHANGHAI) - dt.timedelta(minutes=30)
    overrides = {
        "symptom": "insufficient_funds",
        "autopay": "off",
        "timing": {"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
        **overrides,
    }
    client = Client()
    client.cookies["django_language"] = language
    session = client.session
    session[PLAN_SESSION_KEY] = answers_dict(**overrides)
    session.save()
    response = client.get("/plan/")
    assert response.status_code == 200, response
    return response.content.decode()
