"""The engine's contradiction checks, as the console's preview states them in words."""

from __future__ import annotations

import dataclasses
import datetime as dt

from tests.wizard.helpers import make_answers, make_facts, shanghai
from wizard.engine.building import build_plan
from wizard.engine.consistency import contradictions
from wizard.engine.deadlines import Status

DUE = "2026-11-10"


def plan_at(moment: str, **facts: object):  # type: ignore[no-untyped-def]
    now = shanghai(moment)
    return build_plan(
        answers=make_answers(now=now, timing={"due_date": DUE, "attempted_at": now.isoformat()}),
        provider=make_facts(due_cutoff=dt.time(16, 0), **facts),
        now=now,
    )


def test_a_plain_plan_has_no_contradiction():
    for moment in ("2026-11-10T10:00", "2026-11-11T09:00", "2026-11-20T10:00"):
        assert contradictions(plan_at(moment, grace_days=3, grace_ends_at=dt.time(16, 0))) == []


def test_in_grace_past_the_grace_deadline_is_said_in_words():
    plan = plan_at("2026-11-11T09:00", grace_days=3, grace_ends_at=dt.time(16, 0))
    wrong = dataclasses.replace(plan, now=shanghai("2026-11-14T09:00"))
    assert wrong.status_now is Status.IN_GRACE
    [problem] = contradictions(wrong)
    assert "宽限期" in problem and "已经过了" in problem


def test_overdue_before_the_deadline_is_said_in_words():
    plan = plan_at("2026-11-10T10:00", grace_days=0)
    wrong = dataclasses.replace(plan, status_now=Status.OVERDUE)
    assert any("还没到" in problem for problem in contradictions(wrong))


def test_a_grace_period_ending_before_the_due_dates_cutoff_is_flagged():
    plan = plan_at("2026-11-10T10:00", grace_days=3, grace_ends_at=dt.time(16, 0))
    wrong = dataclasses.replace(plan, grace_deadline=shanghai("2026-11-10T12:00"))
    assert any("宽限期等于没有" in problem for problem in contradictions(wrong))


def test_saying_both_dont_pay_again_and_pay_now_is_flagged():
    plan = plan_at("2026-11-10T10:00")
    step = plan.steps[0]
    hold = dataclasses.replace(step, title="先别再付", detail="等核实。")
    pay = dataclasses.replace(step, title="现在就还", detail="越早越好。")
    wrong = dataclasses.replace(plan, steps=(hold, pay))
    [problem] = contradictions(wrong)
    assert "先别再付" in problem and "现在就还" in problem
