"""Each fact once, with its certainty: the facts box leaves out what a step says under its own
tag and points to where the page says the rest; a step with a tagged sentence (a grace period
we cannot confirm) still says how to pay; the banner does not repeat what the first steps say.

The sweep (every shipped provider × problem × moment, both languages) holds the box to it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from providers.facts import Fact
from tests.wizard.engine.plan_sweep import sweep_answers
from tests.wizard.helpers import answers_dict, case_for, shanghai
from wizard.cases.fact_display import RECOGNISABLE, fact_rows
from wizard.engine.deadlines import Status
from wizard.engine.punctuation import punctuate
from wizard.engine.steps import StepCode
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def shipped_providers(db):  # type: ignore[no-untyped-def]
    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)


def cmb(due: str, attempted: str, **overrides: object) -> dict:
    return answers_dict(
        provider="cmb",
        symptom="declined",
        autopay="off",
        timing={"due_date": due, "attempted_at": shanghai(attempted).isoformat()},
        **overrides,
    )


def page_text(code: str, language: str = "zh-hans") -> str:
    client = Client()
    client.cookies["django_language"] = language
    html = client.get(f"/plan/{code}/").content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_over_the_sweep_no_fact_in_the_box_is_said_again_in_a_step(language):
    plans = 0
    for _slug, _problem, _moment, answers, now in sweep_answers():
        plan = plan_for_answers(answers, now=now, language=language)
        with translation.override(language):
            rows = fact_rows(plan)
        tagged = {step.fact for step in plan.steps} | {
            claim.code for step in plan.steps for claim in step.claims
        }
        for row in rows:
            assert row.fact not in tagged, (answers["provider"], row.fact)
            if len(row.value) >= RECOGNISABLE:
                assert not any(row.value in step.words for step in plan.steps), row
        # The repayment path is said by one step; the others point to it.
        path = punctuate(plan.provider.in_language("repay_path", language), language=language)
        if len(path) >= RECOGNISABLE:
            assert sum(path in step.words for step in plan.steps) <= 1, answers["provider"]
        plans += 1
    assert plans == 18 * 11 * 5


def test_an_overdue_plan_says_the_fee_and_the_path_once_and_points_to_them():
    plan = plan_for_answers(
        cmb("2026-11-10", "2026-11-10T19:00"),
        now=shanghai("2026-11-20T10:00"),
        language="zh-hans",
    )
    rows = {row.fact: row for row in fact_rows(plan)}
    # The cutoff, the hotline and autopay are said in steps under their own tags.
    assert Fact.DUE_CUTOFF not in rows and Fact.HOTLINE not in rows and Fact.AUTOPAY not in rows
    # The late fee and the repayment path are said in the deadline step, untagged there: the
    # box keeps their tags and points to the step instead of saying them again.
    meet = next(step for step in plan.steps if step.code is StepCode.MEET_DEADLINE)
    for fact in (Fact.LATE_FEE, Fact.REPAY_PATH):
        assert rows[fact].anchor == meet.id and rows[fact].value == f"见第 {meet.id[5:]} 步"
        assert rows[fact].certainty == plan.provider.provenance_of(fact).certainty
    # What no step says is said in the box, in Chinese punctuation.
    assert rows[Fact.GRACE].value.startswith("3 天，")


def test_a_path_two_steps_use_is_said_by_the_first_and_pointed_to_by_the_next():
    plan = plan_for_answers(
        cmb("2026-11-10", "2026-11-10T09:00", funds={"enough_balance": "no"}),
        now=shanghai("2026-11-10T09:30"),
        language="zh-hans",
    )
    path = plan.provider.in_language("repay_path", "zh-hans")
    saying = [step for step in plan.steps if path in step.words]
    assert len(saying) == 1
    meet = next(step for step in plan.steps if step.code is StepCode.MEET_DEADLINE)
    assert meet is not saying[0]
    assert f"还款路径：同第 {plan.steps.index(saying[0]) + 1} 步" in meet.detail


def test_on_the_page_the_late_fee_is_said_once():
    case = case_for(cmb(*_days_ago(10)))
    text = page_text(case.code)
    fee = "未还的最低还款额部分收 5%"
    assert text.count(fee) == 1
    assert "见第 1 步" in text


def _days_ago(days: int) -> tuple[str, str]:
    from django.utils import timezone

    from wizard.engine.answers import SHANGHAI

    tried = timezone.now().astimezone(SHANGHAI) - dt.timedelta(days=days)
    return tried.date().isoformat(), tried.replace(tzinfo=None).isoformat(timespec="minutes")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_possibly_in_grace_the_first_step_still_says_how_to_pay(language):
    case = case_for(cmb(*_days_ago(1)))
    plan = plan_for_answers(case.answers, now=case.created_at, language=language)
    assert plan.status_now is Status.POSSIBLY_IN_GRACE
    text = page_text(case.code, language)
    path = plan.provider.in_language("repay_path", language)
    assert path in text.split("按这个顺序做" if language == "zh-hans" else "Do these in order")[-1]
    # The grace end is said once before the reference code: in the step, with its tag.
    before_code = text.split("参考编号" if language == "zh-hans" else "Reference")[0]
    assert before_code.count(plan.grace_deadline_text) == 1


def test_a_deadline_on_a_due_date_that_is_over_has_passed_whatever_its_hour():
    plan = plan_for_answers(
        cmb("2026-11-10", "2026-11-10T19:00"),
        now=shanghai("2026-11-11T09:00"),
        language="zh-hans",
    )
    assert not plan.deadline_sourced and plan.status_now is Status.POSSIBLY_IN_GRACE
    assert plan.time_left_text == "已过期限"
    same_day = plan_for_answers(
        cmb("2026-11-10", "2026-11-10T19:00"),
        now=shanghai("2026-11-10T23:30"),
        language="zh-hans",
    )
    assert same_day.time_left_text.startswith("还剩") or "未核实" in same_day.time_left_text


def test_money_taken_the_banner_leaves_the_proof_of_time_to_its_step():
    tried = _days_ago(0)
    case = case_for(
        answers_dict(
            provider="xiaomi-finance",
            symptom="deducted_not_credited",
            account=None,
            funds=None,
            timing={"due_date": tried[0], "attempted_at": tried[1]},
        )
    )
    plan = plan_for_answers(case.answers, now=case.created_at, language="zh-hans")
    text = page_text(case.code)
    assert plan.attempt_evidence and text.count(plan.attempt_evidence) == 1
    assert plan.attempt_evidence_in_steps
