"""Issue 21 on the shipped records: ICBC's grace, the 100-yuan tolerance, the autopay time and
the hotlines the banks' own pages state, through the planner, the command line, the pages
and the wizard's one extra question."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from providers.catalog import active_providers
from providers.facts import Fact
from tests.wizard.helpers import WizardSession, case_for, page_answers
from wizard.engine.answers import SHANGHAI
from wizard.engine.deadlines import Status
from wizard.engine.steps import StepCode
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shipped():
    call_command("load_providers", verbosity=0)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def answers(provider: str, attempted: dt.datetime, due: dt.date, **extra) -> dict:
    return {
        "provider": provider,
        "symptom": "declined",
        "channel": "app",
        "account": None,
        "funds": None,
        "timing": {"due_date": due.isoformat(), "attempted_at": attempted.isoformat()},
        "contacted_provider": "no",
        "autopay": "off",
        **extra,
    }


def run_plan_command(data: dict, now: dt.datetime) -> dict:
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(json.dumps(data))
    try:
        call_command("plan", "--answers", "-", "--now", now.isoformat(), stdout=out)
    finally:
        sys.stdin = stdin
    return json.loads(out.getvalue())


def page(code: str, *, language: str = "zh-hans") -> str:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(f"/plan/{code}/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_icbc_failed_at_2100_on_the_due_date_planned_next_morning_is_possibly_in_grace():
    data = answers("icbc", at("2026-11-30T21:00"), dt.date(2026, 11, 30))
    plan = plan_for_answers(data, now=at("2026-12-01T08:30"), language="zh-hans")
    assert plan.status_now is Status.POSSIBLY_IN_GRACE, "not overdue"
    assert plan.grace_deadline == at("2026-12-03T20:00"), "3 days, ending at the cutoff"
    printed = run_plan_command(data, at("2026-12-01T08:30"))
    assert printed["status_now"] == "possibly_in_grace"
    assert printed["provider"]["grace"]["days"] == 3
    assert printed["provider"]["grace"]["certainty"] == "secondary"
    meet = next(s for s in plan.steps if s.code is StepCode.MEET_DEADLINE)
    assert "3 天宽限期" in meet.words and "12月3日 20:00" in meet.words


@pytest.mark.parametrize("slug", ["ccb", "icbc", "boc"])
def test_the_big_banks_plans_carry_a_100_yuan_tolerance(slug):
    now = at("2026-12-01T08:30")
    printed = run_plan_command(answers(slug, at("2026-11-30T10:00"), dt.date(2026, 11, 30)), now)
    assert printed["provider"]["grace"]["tolerance_yuan"] == 100
    assert printed["provider"]["grace"]["tolerance_certainty"] == "secondary"
    assert printed["provider"]["facts"]["tolerance"]["checked_on"] == "2026-12-07"


def test_a_ccb_bill_paid_but_for_under_100_yuan_is_not_overdue_on_the_page():
    today = timezone.now().astimezone(SHANGHAI).date()
    due = today - dt.timedelta(days=5)
    case = case_for(
        answers("ccb", dt.datetime.combine(due, dt.time(15, 0), tzinfo=SHANGHAI), due)
        | {"remainder": "under_100"}
    )
    zh = page(case.code)
    assert "差额可能在容差内，不算逾期（待核实）" in zh
    assert "已逾期" not in zh and "下一期账单出来前" in zh
    assert "未还部分不超过 100 元，视同全额还款" in zh, "the tolerance row of the facts"
    en = page(case.code, language="en")
    assert "before your next statement" in en and "100 yuan" in en


def test_boc_and_icbc_hotlines_are_official_and_the_page_does_not_doubt_them():
    providers = active_providers()
    for slug, number in (("boc", "95566"), ("icbc", "95588")):
        assert providers[slug].hotline == number
        assert providers[slug].provenance_of(Fact.HOTLINE).is_official
        today = timezone.now().astimezone(SHANGHAI).date()
        moment = timezone.now().astimezone(SHANGHAI) - dt.timedelta(minutes=30)
        zh = page(case_for(answers(slug, moment, today)).code)
        assert "这个号码来自公开资料" not in zh, slug


@pytest.mark.parametrize("slug", ["cmbc", "spdb"])
def test_cmbc_and_spdb_grace_needs_no_request(slug):
    printed = run_plan_command(
        answers(slug, at("2026-11-30T10:00"), dt.date(2026, 11, 30)), at("2026-12-01T08:30")
    )
    assert printed["provider"]["grace"]["needs_request"] is False
    plan = plan_for_answers(
        answers(slug, at("2026-11-30T23:00"), dt.date(2026, 11, 30)),
        now=at("2026-12-01T08:30"),
        language="zh-hans",
    )
    assert "申请" not in next(s for s in plan.steps if s.code is StepCode.MEET_DEADLINE).detail


def test_a_ccb_autopay_plan_names_0700_not_the_1600_cutoff():
    data = answers(
        "ccb", at("2026-11-30T07:00"), dt.date(2026, 11, 30), channel="autopay", autopay="on"
    )
    plan = plan_for_answers(data, now=at("2026-11-30T09:00"), language="zh-hans")
    meet = next(s for s in plan.steps if s.code is StepCode.MEET_DEADLINE)
    assert "07:00 前存进扣款账户" in meet.detail
    assert "12月3日 07:00 再扣一次" in meet.detail
    assert run_plan_command(data, at("2026-11-30T09:00"))["provider"]["autopay_time"][
        "funded_by"
    ] == "07:00"
    english = plan_for_answers(data, now=at("2026-11-30T09:00"), language="en")
    assert "07:00" in next(s for s in english.steps if s.code is StepCode.MEET_DEADLINE).detail


def test_the_minimum_payment_notice_is_known_for_boc_only_and_staff_see_it():
    providers = active_providers()
    assert providers["boc"].minimum_payment_notice_known
    assert providers["boc"].minimum_payment.instalments_in_minimum is True
    assert "100%" not in providers["boc"].minimum_payment.notice_zh
    assert "全额计入" in providers["boc"].minimum_payment.notice_zh
    assert not providers["icbc"].minimum_payment_notice_known
    assert not providers["huabei"].minimum_payment_notice_known


# --- the wizard's question about the remainder ----------------------------------------------


@pytest.fixture
def wizard(client):
    session = WizardSession(client)
    session.start()
    return session


def walk_to_timing(wizard: WizardSession, provider: str, symptom: str = "timeout") -> None:
    for page, data in (
        ("provider", {"provider": provider}),
        ("message", page_answers("message")),
        ("problem", {"symptom": symptom}),
        ("channel", page_answers("channel")),
    ):
        assert wizard.post(page, data).status_code == 302, page


def timing(due: dt.date) -> dict[str, str]:
    attempted = timezone.now().astimezone(SHANGHAI) - dt.timedelta(minutes=5)
    return {
        "due_date": due.isoformat(),
        "attempted_date": attempted.date().isoformat(),
        "attempted_time": attempted.strftime("%H:%M"),
    }


def days_ago(n: int) -> dt.date:
    return timezone.now().astimezone(SHANGHAI).date() - dt.timedelta(days=n)


def test_past_the_cutoff_a_lender_with_a_tolerance_asks_roughly_how_much_is_unpaid(
    wizard, django_assert_max_num_queries
):
    walk_to_timing(wizard, "icbc")
    response = wizard.post("timing", timing(days_ago(2)))
    assert response["Location"] == wizard.url("remainder")
    with django_assert_max_num_queries(2):
        html = wizard.get("remainder").content.decode()
    assert "这期账单大概还差多少没还?" in html and "不用填具体金额" in html
    assert 'type="number"' not in html, "a bracket, never an amount"
    assert wizard.post("remainder", {"remainder": "under_10"})["Location"] == wizard.url(
        "situation"
    )
    wizard.post("situation", {"contacted_provider": "no", "autopay": "off"})
    plan = wizard.confirm(follow=True).content.decode()
    assert "差额可能在容差内，不算逾期（待核实）" in plan


@pytest.mark.parametrize(
    ("provider", "symptom", "due_days_ago"),
    [
        ("huabei", "timeout", 2),  # no tolerance known
        ("icbc", "deducted_not_credited", 2),  # the money already left
        ("icbc", "timeout", -3),  # not due yet: paying it all still counts
    ],
)
def test_the_question_is_skipped_where_it_cannot_change_the_plan(
    wizard, provider, symptom, due_days_ago
):
    walk_to_timing(wizard, provider, symptom)
    response = wizard.post("timing", timing(days_ago(due_days_ago)))
    assert response["Location"] == wizard.url("situation")


def test_a_nonsense_bracket_is_refused_with_a_message(wizard):
    walk_to_timing(wizard, "icbc")
    wizard.post("timing", timing(days_ago(2)))
    response = wizard.post("remainder", {"remainder": "37.50"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
