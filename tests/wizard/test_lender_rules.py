"""The lenders' rules as the shipped records state them, read as a new user would meet them.

Three situations from issue 13, on the provider records the site ships (loaded from
providers/seed/providers.json), through the planner and through the pages in both languages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from providers.facts import Fact
from tests.wizard.helpers import WizardSession, case_for
from wizard.engine.answers import SHANGHAI
from wizard.engine.deadlines import Status
from wizard.engine.steps import StepCode
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shipped():
    call_command("load_providers", verbosity=0)


def answers(provider: str, symptom: str, attempted: dt.datetime, due: dt.date) -> dict:
    return {
        "provider": provider,
        "symptom": symptom,
        "channel": "app",
        "account": None,
        "funds": None,
        "timing": {"due_date": due.isoformat(), "attempted_at": attempted.isoformat()},
        "contacted_provider": "no",
        "autopay": "off",
    }


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def page(code: str, *, language: str = "zh-hans") -> str:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(f"/plan/{code}/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_ccb_after_a_failed_payment_at_1710_on_the_due_date_is_possibly_in_grace():
    plan = plan_for_answers(
        answers("ccb", "limit_exceeded", at("2026-11-30T17:10"), dt.date(2026, 11, 30)),
        now=at("2026-12-01T09:00"),
        language="zh-hans",
    )
    assert plan.status_now is Status.POSSIBLY_IN_GRACE
    assert plan.deadline == at("2026-11-30T16:00"), "only the due-date cutoff certainly counts"
    assert plan.grace_deadline == at("2026-12-03T16:00")
    meet = next(s for s in plan.steps if s.code is StepCode.MEET_DEADLINE)
    assert "现在就还" in meet.title and "12月3日 16:00" in meet.words
    # How sure the grace period is, is its claim's tag; the hotline is the contact step's.
    (grace,) = meet.claims
    assert grace.provenance == plan.provider.provenance_of(Fact.GRACE)
    assert any("95533" in step.title for step in plan.steps)
    assert plan.to_dict()["status"] == "possibly_in_grace"


def test_ccb_page_says_possibly_in_grace_until_the_grace_end_unverified_in_both_languages():
    now = timezone.now().astimezone(SHANGHAI)
    due = now.date() - dt.timedelta(days=1)
    attempted = dt.datetime.combine(due, dt.time(17, 10), tzinfo=SHANGHAI)
    case = case_for(answers("ccb", "limit_exceeded", attempted, due))
    end = due + dt.timedelta(days=3)
    zh = page(case.code)
    assert "可能还在宽限期内（待核实）" in zh and "现在就还" in zh
    # The grace end is said once above the reference code: in the first step, with its tag.
    grace_end = f"{end.month}月{end.day}日 16:00"
    assert f"3 天宽限期适用于你，{grace_end} 前还上仍算按时" in zh
    assert zh.split("case-code")[0].count(grace_end) == 1
    en = page(case.code, language="en")
    assert "Pay now: you may still be inside a grace period" in en
    assert f"paying before {end.day} {end:%b} 16:00 still counts as on time" in en


def test_xiaomi_finance_shows_its_finance_line_not_the_phone_after_sales_line():
    now = timezone.now().astimezone(SHANGHAI)
    case = case_for(answers("xiaomi-finance", "declined", now - dt.timedelta(hours=1), now.date()))
    html = page(case.code)
    assert 'href="tel:4001003399"' in html
    assert "400-100-5678" not in html


def test_huabei_money_deducted_at_2210_is_called_on_time_the_next_morning():
    plan = plan_for_answers(
        answers("huabei", "deducted_not_credited", at("2026-12-01T22:10"), dt.date(2026, 12, 1)),
        now=at("2026-12-02T09:00"),
        language="zh-hans",
    )
    assert plan.status is Status.DUE_TODAY, "the payment was made before the 23:59 cutoff"
    assert plan.banner_label == "按时付款，等待入账"
    assert plan.codes[:2] == [StepCode.REPORT_DEDUCTED_NOT_CREDITED, StepCode.PROVE_PAYMENT_TIME]
    proof = plan.steps[1]
    assert "你在 12月1日 22:10 付款，早于截止时间 12月1日 23:59" in proof.detail
    everything = " ".join(f"{s.title} {s.detail}" for s in plan.steps)
    assert "越早还上" not in everything and "已经过了最后期限" not in everything


def test_the_deducted_page_leads_with_the_payment_time_not_overdue():
    now = timezone.now().astimezone(SHANGHAI)
    due = now.date() - dt.timedelta(days=1)
    attempted = dt.datetime.combine(due, dt.time(22, 10), tzinfo=SHANGHAI)
    case = case_for(answers("huabei", "deducted_not_credited", attempted, due))
    html = page(case.code)
    assert "按时付款，等待入账" in html and "已逾期" not in html
    assert "早于截止时间" in html


def test_the_consumer_page_shows_each_facts_certainty_and_date_in_both_languages():
    now = timezone.now().astimezone(SHANGHAI)
    case = case_for(answers("boc", "declined", now - dt.timedelta(hours=1), now.date()))
    zh = page(case.code)
    assert "可靠来源 · 核对于 2026-12-07" in zh  # BOC's grace: newer sources (2026-12 sheet)
    assert "网上资料，未经官方确认 · 核对于 2026-12-01" in zh
    en = page(case.code, language="en")
    assert "Reputable source · checked 2026-12-07" in en
    assert "Web sources, not confirmed by the provider · checked 2026-12-01" in en


def test_the_tier_question_is_asked_only_for_a_provider_whose_grace_differs_by_tier():
    def pages_after(provider: str) -> str:
        wizard = WizardSession(Client())
        wizard.start()
        response = wizard.post("provider", {"provider": provider})
        return response["Location"]

    assert pages_after("boc").endswith("/card_tier/")
    assert pages_after("cmb").endswith("/message/")
    wizard = WizardSession(Client())
    wizard.start()
    wizard.post("provider", {"provider": "boc"})
    html = wizard.get("card_tier").content.decode()
    assert "白金卡及以上" in html and "不确定" in html
    assert wizard.post("card_tier", {"card_tier": "platinum"})["Location"].endswith("/message/")


def test_a_platinum_card_gets_its_eight_days_and_an_unsure_one_the_shortest():
    due, attempted = dt.date(2026, 11, 30), at("2026-11-30T21:00")
    platinum = plan_for_answers(
        {**answers("boc", "declined", attempted, due), "card_tier": "platinum"},
        now=at("2026-12-01T09:00"),
        language="zh-hans",
    )
    unsure = plan_for_answers(
        {**answers("boc", "declined", attempted, due), "card_tier": "unsure"},
        now=at("2026-12-01T09:00"),
        language="zh-hans",
    )
    assert platinum.grace_deadline == at("2026-12-08T20:00")
    assert unsure.grace_deadline == at("2026-12-02T20:00")  # the official card's 2 days


def test_not_knowing_the_lender_leads_to_finding_it_and_a_general_plan():
    client = Client()
    wizard = WizardSession(client)
    wizard.start()
    assert "不确定是哪家" in wizard.get("provider").content.decode()
    assert wizard.post("provider", {"provider": "unknown"})["Location"].endswith("/find_lender/")
    guide = wizard.get("find_lender").content.decode()
    assert "花呗分期" in guide and "重庆小米消费金融" in guide and "重庆京东盛际小额贷款" in guide
    assert wizard.post("find_lender", {})["Location"].endswith("/message/")
    wizard.answer_problem("timeout")
    wizard.answer("timing")
    wizard.answer("situation", autopay="off")
    plan = wizard.confirm(follow=True).content.decode()
    first_step = re.search(r'<h3 class="step__title">(.*?)</h3>', plan)
    assert first_step and "先弄清是哪家机构借给你的钱" in first_step[1]
    assert "16:00" in plan, "the earliest due-date cutoff among the active providers"
    assert "tel:" not in plan, "no number to call before the lender is known"


def test_the_command_line_accepts_an_unknown_lender():
    plan = plan_for_answers(
        answers("unknown", "declined", at("2026-12-01T09:00"), dt.date(2026, 12, 1)),
        now=at("2026-12-01T10:00"),
        language="zh-hans",
    )
    assert plan.codes[0] is StepCode.IDENTIFY_PROVIDER
    assert plan.deadline == at("2026-12-01T16:00")
    assert plan.to_dict()["provider"]["slug"] == "unknown"
