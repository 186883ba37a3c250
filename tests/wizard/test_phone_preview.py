"""The preview as the consumer sees it: the plan page itself in phone-sized frames, for the
moments a change to one fact alters, from the unsaved form, with contradictions in words."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest

from providers.facts import Fact
from tests.factories import ProviderFactory
from tests.providers.helpers import provider_form_data
from wizard.console.preview import DEADLINE_SITUATIONS, SITUATIONS, preview_plans, situations_for
from wizard.engine.deadlines import Status
from wizard.provider_wording import step_texts_for

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 11, 10)


def frames(page: str) -> list[str]:
    return [html_lib.unescape(doc) for doc in re.findall(r'srcdoc="([^"]*)"', page)]


def test_a_cutoff_or_grace_change_is_previewed_around_the_deadlines():
    assert situations_for(Fact.GRACE) == situations_for(Fact.DUE_CUTOFF) == DEADLINE_SITUATIONS
    assert situations_for(Fact.HOTLINE) == situations_for("") == SITUATIONS
    keys = [situation.key for situation in DEADLINE_SITUATIONS]
    assert keys == ["before_cutoff", "after_cutoff", "next_morning", "last_grace_day"]


def test_the_deadline_moments_land_where_their_names_say():
    bank = ProviderFactory.build(
        slug="bank", due_cutoff=dt.time(16, 0), grace_days=3, grace_ends_at=dt.time(17, 0)
    ).facts()
    previews = preview_plans(
        provider=bank,
        texts=step_texts_for("bank"),
        due_date=DUE,
        language="zh-hans",
        situations=DEADLINE_SITUATIONS,
    )
    moments = {p.situation.key: p.plan.now.strftime("%m-%d %H:%M") for p in previews}
    assert moments == {
        "before_cutoff": "11-10 15:30",
        "after_cutoff": "11-10 16:30",
        "next_morning": "11-11 09:00",
        "last_grace_day": "11-13 15:00",
    }
    statuses = [p.plan.status_now for p in previews]
    assert statuses == [Status.DUE_TODAY, Status.IN_GRACE, Status.IN_GRACE, Status.IN_GRACE]
    assert all(p.contradictions == [] for p in previews)


def test_the_preview_is_the_plan_page_in_a_phone_frame_for_the_unsaved_grace(support_client):
    bank = ProviderFactory(
        name_zh="测试银行", due_cutoff=dt.time(16, 0), grace_days=3, grace_ends_at=dt.time(16, 0)
    )
    data = provider_form_data(bank, grace_ends_at="17:30")  # provenance not yet touched
    response = support_client.post(f"/admin/providers/provider/{bank.pk}/preview/?fact=grace", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert [str(s.label) for s in DEADLINE_SITUATIONS] == re.findall(
        r'<h2 id="situation-\w+">([^<]+)</h2>', page
    )
    docs = frames(page)
    assert len(docs) == 4
    assert all("测试银行还款处理方案" in doc and "<!DOCTYPE html>" in doc for doc in docs)
    # The morning after the due date: the plan counts on the unsaved 17:30, not the saved 16:00.
    assert "17:30" in docs[2] and "在宽限期内" in docs[2]
    assert 'class="phone-preview__frame"' in page and 'sandbox=""' in page
    assert "没有发现矛盾" in page
    bank.refresh_from_db()
    assert bank.grace_ends_at == dt.time(16, 0)


def test_each_fact_row_has_its_own_preview_button(support_client):
    bank = ProviderFactory()
    page = support_client.get(f"/admin/providers/provider/{bank.pk}/change/").content.decode()
    for fact in Fact:
        assert f"/preview/?fact={fact.value}" in page
