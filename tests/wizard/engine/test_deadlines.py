"""The deadline arithmetic (wizard/engine/deadlines.py) as a plan shows it: a grace period
ends at the cutoff time, and one nobody has confirmed is not counted on. Pure."""

from __future__ import annotations

import datetime as dt

from tests.wizard.engine.helpers import plan_for_answers
from tests.wizard.helpers import make_facts, shanghai
from wizard.engine.deadlines import Status


def test_grace_period_ends_at_the_cutoff_time_on_its_last_day():
    plan = plan_for_answers(
        facts=make_facts(cutoff_time=dt.time(17, 0), grace_days=3),
        timing={"due_date": "2026-11-08", "attempted_at": "2026-11-09T10:00:00+08:00"},
    )
    assert plan.status is Status.IN_GRACE
    assert plan.deadline == shanghai("2026-11-11T17:00")
    assert "11月11日 17:00" in plan.steps[0].title or "11月11日 17:00" in " ".join(
        s.title for s in plan.steps
    )


def test_unverified_grace_period_is_planned_as_none_and_the_plan_says_so():
    plan = plan_for_answers(
        facts=make_facts(grace_days=3, unverified_facts=["grace_days"]),
        timing={"due_date": "2026-11-08", "attempted_at": "2026-11-09T10:00:00+08:00"},
    )
    assert plan.status is Status.OVERDUE
    deadline_step = next(s for s in plan.steps if s.code == "meet_deadline")
    assert "3 天宽限期" in deadline_step.detail
    assert "尚未核实" in deadline_step.detail
