"""The plan wording in force (wizard/provider_wording.py): a provider's override over the
defaults, for that provider only, and a staff edit in the very next plan though it is cached."""

from __future__ import annotations

import pytest

from tests.factories import ProviderFactory, RemediationTextFactory
from tests.wizard.helpers import answers_dict, plan_page, recent_answers, shanghai
from wizard import provider_wording as wording
from wizard.models import RemediationText
from wizard.planner import plan_for_answers
from wizard.provider_wording import step_texts_for

pytestmark = pytest.mark.django_db

NOW = shanghai("2026-11-10T21:40")


def test_provider_override_replaces_only_the_fields_it_fills_in(bank):
    RemediationTextFactory(provider=bank, code="contact_provider", title_zh="请致电 {hotline} 转 2")
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    contact = next(s for s in plan.steps if s.code == "contact_provider")
    assert contact.title == "请致电 95500 转 2"
    assert contact.detail.startswith("说清你在什么时间")  # the default detail is kept


def test_other_providers_are_not_affected_by_an_override(bank):
    other = ProviderFactory(slug="other")
    RemediationTextFactory(provider=other, code="contact_provider", title_zh="别的银行")
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert "别的银行" not in [s.title for s in plan.steps]


def test_editing_a_default_in_the_admin_changes_the_next_plan_without_a_restart(bank, staff_client):
    answers = recent_answers()
    assert "联系测试银行客服" in plan_page(answers)
    default = RemediationText.objects.get(provider=None, code="contact_provider")
    response = staff_client.post(
        f"/admin/wizard/remediationtext/{default.pk}/change/",
        {
            "code": "contact_provider",
            "provider": "",
            "title_zh": "马上打给{provider}:{hotline}",
            "detail_zh": default.detail_zh,
            "title_en": default.title_en,
            "detail_en": default.detail_en,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Said in Chinese punctuation, whoever typed it.
    assert "马上打给测试银行：95500" in plan_page(answers)


def test_adding_an_override_in_the_admin_changes_the_next_plan(bank, staff_client):
    answers = recent_answers()
    plan_page(answers)  # warm every cache
    response = staff_client.post(
        "/admin/wizard/remediationtext/add/",
        {
            "code": "contact_provider",
            "provider": bank.pk,
            "title_zh": "请拨 {hotline} 按 2",
            "detail_zh": "",
            "title_en": "",
            "detail_en": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "请拨 95500 按 2" in plan_page(answers)


def test_wording_cached_before_the_commit_is_dropped_on_commit(
    bank, django_capture_on_commit_callbacks
):
    text = RemediationTextFactory(provider=bank, code="contact_provider", title_zh="旧")
    stale = step_texts_for("bank")
    with django_capture_on_commit_callbacks(execute=True):
        text.title_zh = "新"
        text.save()
        stale_catalog = ({}, {"bank": {"contact_provider": stale["contact_provider"]}})
        wording.wording.put(stale_catalog)
    assert step_texts_for("bank")["contact_provider"].title_zh == "新"
