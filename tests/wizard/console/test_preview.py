"""Staff preview the plan a consumer would get, from the same engine, before trusting an edit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from providers.models import Provider
from tests.factories import ProviderFactory, RemediationTextFactory
from tests.providers.helpers import provider_form_data
from tests.wizard.helpers import make_facts
from wizard.console.preview import SITUATIONS, Timing, preview_plans, situation_moment
from wizard.engine.answers import Symptom
from wizard.engine.building import build_plan
from wizard.engine.deadlines import Status
from wizard.engine.wording import DEFAULT_TEXTS

DUE = dt.date(2026, 11, 10)


def test_situations_cover_the_typical_cases_staff_asked_for():
    keys = [situation.key for situation in SITUATIONS]
    assert keys == ["insufficient_funds", "info_mismatch", "in_grace", "overdue", "outage"]


def test_each_situation_reaches_its_status_for_a_provider_with_a_grace_period():
    previews = preview_plans(
        provider=make_facts(grace_days=3), texts=DEFAULT_TEXTS, due_date=DUE, language="zh-hans"
    )
    assert [p.plan.status_now for p in previews] == [
        Status.DUE_TODAY,
        Status.DUE_TODAY,
        Status.IN_GRACE,
        Status.OVERDUE,
        Status.DUE_TODAY,
    ]
    assert all(p.reaches_expected_status for p in previews)


def test_without_a_grace_period_the_in_grace_case_is_shown_as_what_it_really_is():
    previews = preview_plans(
        provider=make_facts(grace_days=0), texts=DEFAULT_TEXTS, due_date=DUE, language="zh-hans"
    )
    in_grace = next(p for p in previews if p.situation.timing is Timing.IN_GRACE)
    assert in_grace.plan.status_now is Status.OVERDUE
    assert not in_grace.reaches_expected_status


def test_each_preview_is_exactly_the_plan_the_engine_builds():
    provider = make_facts()
    for preview in preview_plans(
        provider=provider, texts=DEFAULT_TEXTS, due_date=DUE, language="en"
    ):
        again = build_plan(
            answers=preview.plan.answers,
            provider=provider,
            now=preview.plan.now,
            windows=[preview.plan.window] if preview.plan.window else [],
            language="en",
        )
        assert again == preview.plan


def test_the_outage_case_opens_with_the_maintenance_step_and_its_notice():
    previews = preview_plans(
        provider=make_facts(), texts=DEFAULT_TEXTS, due_date=DUE, language="zh-hans"
    )
    outage = next(p for p in previews if p.situation.key == "outage")
    assert outage.situation.symptom == Symptom.CHANNEL_UNAVAILABLE
    assert outage.plan.codes[0] == "maintenance_window"
    assert "所有还款方式" in outage.plan.steps[0].detail
    assert "示例公告" in outage.plan.steps[0].detail


def test_due_today_is_before_the_cutoff_even_for_an_early_cutoff():
    provider = make_facts(due_cutoff=dt.time(1, 0))
    moment = situation_moment(Timing.DUE_TODAY, due_date=DUE, provider=provider)
    assert moment.date() == DUE and moment.time() < dt.time(1, 0)


@pytest.mark.django_db
class TestPreviewPage:
    def url(self, provider: Provider) -> str:
        return f"/admin/providers/provider/{provider.pk}/preview/"

    def test_change_page_links_to_the_preview(self, support_client):
        bank = ProviderFactory()
        html = support_client.get(f"/admin/providers/provider/{bank.pk}/change/").content.decode()
        assert self.url(bank) in html

    def test_preview_shows_every_situation_with_saved_facts_and_wording(self, support_client):
        bank = ProviderFactory(name_zh="测试银行", hotline="95500")
        RemediationTextFactory(
            provider=bank, code="contact_provider", title_zh="请拨 {hotline} 转 2"
        )
        html = support_client.get(self.url(bank)).content.decode()
        for situation in SITUATIONS:
            assert str(situation.label) in html
        assert html.count("请拨 95500 转 2") == len(SITUATIONS)
        assert "已逾期" in html and "在宽限期内" in html

    def test_preview_in_english(self, support_client):
        bank = ProviderFactory(name_en="Test Bank")
        html = support_client.get(self.url(bank), {"language": "en"}).content.decode()
        assert "Contact Test Bank" in html

    def test_unsaved_edits_are_previewed_and_not_saved(self, support_client):
        bank = ProviderFactory(hotline="95500", grace_days=3)
        data = provider_form_data(bank, hotline="95511-2", grace_days=0)
        response = support_client.post(self.url(bank), data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "95511-2" in html and "95500" not in html
        assert "没有可依赖的宽限期" in html
        bank.refresh_from_db()
        assert (bank.hotline, bank.grace_days) == ("95500", 3)

    def test_unsaved_edits_with_errors_show_the_errors_instead_of_a_plan(self, support_client):
        bank = ProviderFactory()
        html = support_client.post(
            self.url(bank), provider_form_data(bank, hotline="not a number")
        ).content.decode()
        assert "客服电话格式不对" in html
        assert not re.search(r"<ol>\s*<li>", html)

    def test_preview_of_a_provider_that_does_not_exist_goes_back_to_the_list(self, support_client):
        response = support_client.get("/admin/providers/provider/999999/preview/")
        assert response.status_code == 302

    def test_preview_uses_today_as_the_due_date(self, support_client):
        bank = ProviderFactory()
        response = support_client.get(self.url(bank))
        plans = [p.plan for p in response.context["previews"]]
        assert {plan.answers.due_date for plan in plans} == {timezone.localdate()}
