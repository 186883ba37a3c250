"""The deadline arithmetic (wizard/engine/deadlines.py) as a plan shows it: a grace period
ends at the cutoff time, and one nobody has confirmed is not counted on. Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from providers.facts import GraceTier
from tests.wizard.engine.helpers import plan_for_answers
from tests.wizard.helpers import make_facts, shanghai
from wizard.engine.answers import SHANGHAI
from wizard.engine.deadlines import Status, deadline_for, grace_deadline_for, status_at


def test_grace_period_ends_at_the_cutoff_time_on_its_last_day():
    plan = plan_for_answers(
        facts=make_facts(due_cutoff=dt.time(17, 0), grace_days=3),
        timing={"due_date": "2026-11-08", "attempted_at": "2026-11-09T10:00:00+08:00"},
    )
    assert plan.status is Status.IN_GRACE
    assert plan.deadline == shanghai("2026-11-11T17:00")
    assert "11月11日 17:00" in plan.steps[0].title or "11月11日 17:00" in " ".join(
        s.title for s in plan.steps
    )


def test_unverified_grace_period_is_planned_as_none_and_its_source_is_a_tag():
    plan = plan_for_answers(
        facts=make_facts(grace_days=3, unverified=["grace"]),
        timing={"due_date": "2026-11-08", "attempted_at": "2026-11-09T10:00:00+08:00"},
    )
    assert plan.status is Status.POSSIBLY_IN_GRACE
    assert plan.deadline == shanghai("2026-11-08T20:00")
    assert plan.grace_deadline == shanghai("2026-11-11T20:00")
    deadline_step = next(s for s in plan.steps if s.code == "meet_deadline")
    assert "3 天宽限期" in deadline_step.words
    # How sure we are is said once, as the grace claim's tag, not as a sentence of hedging;
    # the step's other words (how to pay) are its detail, said before the claim.
    assert "官方确认" not in deadline_step.words
    (grace,) = deadline_step.claims
    assert grace.text not in deadline_step.detail and deadline_step.lead == deadline_step.detail
    assert "还款路径" in deadline_step.detail
    assert grace.provenance.certainty == "weak"
    assert grace.provenance.checked_on == dt.date(2026, 11, 1)


# --- Every boundary, to the minute, for the four kinds of grace period ------------------

DUE = dt.date(2026, 11, 10)
NO_GRACE = make_facts(due_cutoff=dt.time(20, 0), grace_days=0)
OFFICIAL = make_facts(due_cutoff=dt.time(20, 0), grace_days=3, grace_ends_at=dt.time(16, 0))
WEAK = make_facts(
    due_cutoff=dt.time(20, 0), grace_days=3, grace_ends_at=dt.time(16, 0), unverified=["grace"]
)
REQUESTED = make_facts(
    due_cutoff=dt.time(20, 0),
    grace_days=3,
    grace_ends_at=dt.time(16, 0),
    grace_needs_request=True,
    grace_request_how_zh="还款日前打客服申请",
)
KINDS = {"no grace": NO_GRACE, "official": OFFICIAL, "weak": WEAK, "requested": REQUESTED}
IN_GRACE_AS = {
    "no grace": Status.OVERDUE,
    "official": Status.IN_GRACE,
    "weak": Status.POSSIBLY_IN_GRACE,
    "requested": Status.POSSIBLY_IN_GRACE,
}


@pytest.mark.parametrize("kind", KINDS)
def test_every_status_boundary_to_the_minute(kind):
    provider = KINDS[kind]

    def status(text: str) -> Status:
        return status_at(shanghai(text), due_date=DUE, provider=provider)

    assert status("2026-11-09T23:59") is Status.NOT_DUE
    assert status("2026-11-10T00:00") is Status.DUE_TODAY
    assert status("2026-11-10T20:00:59") is Status.DUE_TODAY  # "by 20:00" includes the minute
    assert status("2026-11-10T20:01") is IN_GRACE_AS[kind]
    assert status("2026-11-13T16:00:59") is IN_GRACE_AS[kind]
    assert status("2026-11-13T16:01") is Status.OVERDUE


@pytest.mark.parametrize("kind", KINDS)
def test_deadline_and_grace_deadline_by_kind(kind):
    provider = KINDS[kind]
    deadline = deadline_for(DUE, provider)
    grace = grace_deadline_for(DUE, provider)
    if kind == "no grace":
        assert grace is None and deadline == shanghai("2026-11-10T20:00")
    else:
        assert grace == shanghai("2026-11-13T16:00")
        expected = grace if kind == "official" else shanghai("2026-11-10T20:00")
        assert deadline == expected


def test_a_card_tier_chooses_its_own_grace_and_an_unknown_tier_the_shortest():
    provider = make_facts(grace_days=3, grace_ends_at=dt.time(20, 0))
    tiers = (
        GraceTier("gold", "金卡", "Gold", 3, dt.time(20, 0)),
        GraceTier("platinum", "白金卡", "Platinum", 8, dt.time(20, 0)),
        GraceTier("official", "公务卡", "Official", 2, dt.time(20, 0)),
    )
    provider = dataclasses.replace(provider, grace=dataclasses.replace(provider.grace, tiers=tiers))
    assert grace_deadline_for(DUE, provider, tier="platinum") == shanghai("2026-11-18T20:00")
    assert grace_deadline_for(DUE, provider, tier="gold") == shanghai("2026-11-13T20:00")
    assert grace_deadline_for(DUE, provider, tier=None) == shanghai("2026-11-12T20:00")
    assert grace_deadline_for(DUE, provider, tier="made-up") == shanghai("2026-11-12T20:00")


ORDER = [
    Status.NOT_DUE,
    Status.DUE_TODAY,
    Status.IN_GRACE,
    Status.POSSIBLY_IN_GRACE,
    Status.OVERDUE,
]


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    days=st.integers(min_value=0, max_value=30),
    cutoff=st.times(),
    grace_end=st.one_of(st.none(), st.times()),
    first=st.datetimes(min_value=dt.datetime(2026, 11, 1), max_value=dt.datetime(2026, 12, 31)),
    later_by=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=40)),
)
def test_status_never_goes_back_in_time_and_the_deadline_is_never_after_the_grace_end(
    kind, days, cutoff, grace_end, first, later_by
):
    base = KINDS[kind]
    provider = dataclasses.replace(
        base,
        due_cutoff=cutoff.replace(second=0, microsecond=0),
        grace=dataclasses.replace(
            base.grace,
            days=days,
            ends_at=grace_end.replace(second=0, microsecond=0) if grace_end else None,
        ),
    )
    earlier = first.replace(tzinfo=SHANGHAI)
    later = earlier + later_by
    before = status_at(earlier, due_date=DUE, provider=provider)
    after = status_at(later, due_date=DUE, provider=provider)
    assert ORDER.index(after) >= ORDER.index(before), (before, after)
    grace = grace_deadline_for(DUE, provider)
    if grace is not None:
        assert deadline_for(DUE, provider) <= grace
