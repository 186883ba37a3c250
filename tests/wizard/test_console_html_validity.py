"""Every page of the support console this issue reshaped passes the Nu Html Checker, in
Chinese and in English: the desk, the provider page folded and with one fact open, a fact
refused, the phone preview of unsaved values, the history in words, the insights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from providers.models import Provider
from tests.factories import UserFactory
from tests.providers.helpers import provider_form_data
from tests.wizard.helpers import case_for, recent_answers
from tests.wizard.test_html_validity import (
    LANGUAGES,
    Page,
    client_in,
    full_page,
    nu_checker_errors,
)
from wizard.models import Case, UnmatchedMessage

pytestmark = pytest.mark.django_db


def console_pages(language: str) -> list[Page]:
    client = client_in(language)
    client.force_login(UserFactory(username=f"support-{language}", groups=["support"]))
    ccb = Provider.objects.get(slug="ccb")
    change = f"/admin/providers/provider/{ccb.pk}/change/"
    edited = provider_form_data(
        ccb,
        grace_ends_at="17:00",
        grace_source="https://ccb.example.cn/notice-2026-12",
        grace_checked_on=timezone.localdate().isoformat(),  # today, whatever today is
        change_reason="公告",
    )
    pages = {
        "desk": client.get("/admin/"),
        "provider folded": client.get(change),
        "provider, grace open": client.get(change + "?fact=grace"),
        "provider, refused": client.post(change, provider_form_data(ccb, grace_ends_at="18:30")),
        "preview of the grace": client.post(
            f"/admin/providers/provider/{ccb.pk}/preview/?fact=grace", edited
        ),
        "preview, saved": client.get(f"/admin/providers/provider/{ccb.pk}/preview/"),
        "recheck": client.get("/admin/providers/provider/recheck/"),
    }
    assert client.post(change, edited).status_code == 302
    pages["history"] = client.get(f"/admin/providers/provider/{ccb.pk}/history/")
    pages["insights"] = client.get("/admin/wizard/case/insights/")
    for name, response in pages.items():
        assert response.status_code == 200, name
    return [Page(language, name, full_page(response)) for name, response in pages.items()]


def test_every_console_page_in_both_languages_passes_the_nu_html_checker(
    shipped_providers, tmp_path
):
    now = timezone.now()
    case = case_for(recent_answers(provider="ccb", symptom="timeout"))
    Case.objects.filter(pk=case.pk).update(outcome="not_solved", feedback_at=now)
    UnmatchedMessage.objects.create(
        digest="x",
        normalised="交易失败",
        example="交易失败 E1",
        count=3,
        first_seen=now - dt.timedelta(days=1),
        last_seen=now,
    )
    pages = [page for language in LANGUAGES for page in console_pages(language)]
    problems = nu_checker_errors(pages, tmp_path)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)
