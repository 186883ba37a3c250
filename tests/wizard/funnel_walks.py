"""Walks through the wizard with the test client, as people make them, for the funnel
counters' tests (wizard/funnel.py) and the insights built on them."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tests.wizard.helpers import WizardSession
from wizard.engine.answers import SHANGHAI
from wizard.models import Case, FunnelCount


def timing_answers() -> dict[str, str]:
    when = (timezone.now() - dt.timedelta(minutes=30)).astimezone(SHANGHAI)
    return {
        "due_date": when.date().isoformat(),
        "attempted_date": when.date().isoformat(),
        "attempted_time": when.strftime("%H:%M"),
    }


ANSWERS = {
    "account": {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "ok",
        "card_status": "normal",
    },
    "funds": {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"},
    "situation": {"contacted_provider": "no", "autopay": "on"},
}
# The pages each problem asks after the payment-method page (wizard.flow.views condition_dict).
PATHS = {
    "declined": ["account", "funds", "timing", "situation"],
    "insufficient_funds": ["funds", "timing", "situation"],
    "timeout": ["timing", "situation"],
}


def answer(wizard: WizardSession, page: str, **data: str) -> None:
    data = data or (timing_answers() if page == "timing" else ANSWERS[page])
    response = wizard.post(page, data)
    assert response.status_code == 302, (page, response)


def walk(client: Client, *, provider: str, symptom: str, stop_at: str | None = None) -> Case | None:
    """A run from /check/ on, following each redirect as a browser does; it stops (gives up)
    on `stop_at` with the page shown, or finishes with its case."""
    wizard = WizardSession(client)
    wizard.start()
    for page in ["provider", "message", "problem", "channel", *PATHS[symptom], "review"]:
        assert wizard.get(page).status_code == 200, page
        if page == stop_at:
            return None
        if page == "provider":
            answer(wizard, page, provider=provider)
        elif page == "message":
            answer(wizard, page, message="")
        elif page == "problem":
            answer(wizard, page, symptom=symptom)
        elif page == "channel":
            answer(wizard, page, channel="app")
        elif page == "review":
            assert wizard.confirm(follow=True).status_code == 200
        else:
            answer(wizard, page)
    return Case.objects.order_by("-pk").first()


def counters() -> dict[tuple[str, str, str], int]:
    """Every counter, summed over days: (stage, provider, problem) → runs."""
    totals: dict[tuple[str, str, str], int] = {}
    for row in FunnelCount.objects.all():
        key = (row.stage, row.provider_slug, row.symptom)
        totals[key] = totals.get(key, 0) + row.runs
    return totals
