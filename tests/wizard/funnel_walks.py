"""Walks through the wizard with the test client, as people make them, for the funnel
counters' tests (wizard/funnel.py) and the insights built on them."""

from __future__ import annotations

from django.test import Client

from tests.wizard.helpers import PAGES_AFTER_PROBLEM, WizardSession
from wizard.models import Case, FunnelCount


def answer(wizard: WizardSession, page: str, **changes: str) -> None:
    response = wizard.answer(page, **changes)
    assert response.status_code == 302, (page, response)


def walk(client: Client, *, provider: str, symptom: str, stop_at: str | None = None) -> Case | None:
    """A run from /check/ on, following each redirect as a browser does; it stops (gives up)
    on `stop_at` with the page shown, or finishes with its case."""
    wizard = WizardSession(client)
    wizard.start()
    for page in ["provider", "message", "problem", *PAGES_AFTER_PROBLEM[symptom], "review"]:
        assert wizard.get(page).status_code == 200, page
        if page == stop_at:
            return None
        if page == "provider":
            answer(wizard, page, provider=provider)
        elif page == "problem":
            answer(wizard, page, symptom=symptom)
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
