"""A plan never contradicts itself: it never says both "don't pay again" and "pay as soon as
possible", whatever the problem, the status, the grace period, a maintenance window, a
message whose result is unknown, or how long ago the case was made and what its feedback said.

Walks every problem × every status (before the due date, on it, inside an official grace
period, inside an unconfirmed one, overdue) × the kinds of grace period × with and without
a maintenance window × without a message and with one whose result is unknown, in both
languages, and reads every step's words; then every problem × a case reopened 0, 1, 16 or
31 days later × its feedback × every lender kind's ladder. Pure: no database.

After an unknown result "don't pay again yet" comes first, and every step that would send
money says, before anything else, that it waits for that check: that is a condition, not a
contradiction, and the test holds the plan to exactly that shape.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from providers.facts import LenderKind, MaintenanceWindowFacts, rungs_for
from tests.wizard.helpers import make_answers, make_facts, shanghai, shipped_rungs
from wizard.engine.answers import Symptom
from wizard.engine.building import build_plan
from wizard.engine.consistency import DONT_PAY_AGAIN, PAY_AS_SOON_AS_POSSIBLE
from wizard.engine.deadlines import Status
from wizard.engine.steps import StepCode

DUE = "2026-11-10"
# Moments of the attempt and of "now" for each status (the provider's cutoff is 20:00, a
# grace period of 3 days ends at 16:00 on its last day).
MOMENTS = {
    Status.NOT_DUE: "2026-11-09T10:00",
    Status.DUE_TODAY: "2026-11-10T10:00",
    Status.IN_GRACE: "2026-11-11T10:00",
    Status.POSSIBLY_IN_GRACE: "2026-11-11T10:00",
    Status.OVERDUE: "2026-11-20T10:00",
}
GRACES = {
    "none": {"grace_days": 0},
    "official": {"grace_days": 3, "grace_ends_at": dt.time(16, 0)},
    "weak": {"grace_days": 3, "grace_ends_at": dt.time(16, 0), "unverified": ["grace"]},
}
ANSWERS_FOR = {
    Symptom.DECLINED: {},
    Symptom.INSUFFICIENT_FUNDS: {"funds": {"enough_balance": "no"}},
    Symptom.INFO_MISMATCH: {"account": {"reserved_phone": "wrong"}},
    Symptom.CARD_PROBLEM: {"account": {"card_status": "frozen"}},
    Symptom.LIMIT_EXCEEDED: {"funds": {"limit_reached": "yes"}},
    Symptom.TIMEOUT: {"account": None, "funds": None},
    Symptom.CHANNEL_UNAVAILABLE: {"account": None, "funds": None},
    Symptom.RISK_CONTROL: {"account": None, "funds": None},
    Symptom.DEDUCTED_NOT_CREDITED: {"account": None, "funds": None},
    Symptom.NO_REPAY_OPTION: {"account": None, "funds": None},
    Symptom.OTHER: {},
}


def words(plan) -> str:  # type: ignore[no-untyped-def]
    return " ".join(f"{s.title} {s.detail}" for s in plan.steps).lower()


WAITS_FOR_THE_CHECK = ("先按第一步确认上一笔没有扣款", "first make sure, as in the first step")
MESSAGES = {
    "none": None,
    "unknown": {"text": "交易处理中,支付结果未知,请勿重复支付", "outcome": "unknown"},
}

CASES = [
    (symptom, attempt_status, now_status, grace, windowed, message, language)
    for symptom, (attempt_status, now_status), grace, windowed, message, language in (
        itertools.product(
            Symptom,
            [(a, b) for a, b in itertools.product(MOMENTS, MOMENTS) if MOMENTS[a] <= MOMENTS[b]],
            GRACES,
            (False, True),
            MESSAGES,
            ("zh-hans", "en"),
        )
    )
]


@pytest.mark.parametrize(
    ("symptom", "attempt_status", "now_status", "grace", "windowed", "message", "language"),
    CASES,
)
def test_a_plan_never_says_both_dont_pay_again_and_pay_now(
    symptom, attempt_status, now_status, grace, windowed, message, language
):
    attempted = shanghai(MOMENTS[attempt_status])
    now = shanghai(MOMENTS[now_status])
    windows = (
        [
            MaintenanceWindowFacts(
                now - dt.timedelta(hours=1), now + dt.timedelta(hours=2), "所有", "all channels"
            )
        ]
        if windowed
        else []
    )
    plan = build_plan(
        answers=make_answers(
            now=now,
            symptom=symptom,
            timing={"due_date": DUE, "attempted_at": attempted.isoformat()},
            message=MESSAGES[message],
            **ANSWERS_FOR[symptom],
        ),
        provider=make_facts(due_cutoff=dt.time(20, 0), **GRACES[grace]),
        now=now,
        windows=windows,
        language=language,
    )
    if message == "unknown" and symptom != Symptom.DEDUCTED_NOT_CREDITED:
        assert plan.codes[0] is StepCode.CHECK_MONEY_LEFT
        for step in plan.steps[1:]:
            step_words = f"{step.title} {step.detail}".lower()
            says_pay = [phrase for phrase in PAY_AS_SOON_AS_POSSIBLE if phrase in step_words]
            if says_pay:
                assert step.detail.lower().startswith(WAITS_FOR_THE_CHECK), (step.code, says_pay)
        return
    text = words(plan)
    holds = [phrase for phrase in DONT_PAY_AGAIN if phrase.lower() in text]
    pays = [phrase for phrase in PAY_AS_SOON_AS_POSSIBLE if phrase.lower() in text]
    assert not (holds and pays), (holds, pays, plan.codes)
    if symptom == Symptom.DEDUCTED_NOT_CREDITED:
        assert holds, "money already charged: the plan says not to pay again yet"
        assert StepCode.MEET_DEADLINE not in plan.codes
        assert plan.codes[:2] == [
            StepCode.REPORT_DEDUCTED_NOT_CREDITED,
            StepCode.PROVE_PAYMENT_TIME,
        ] or (windowed and plan.codes[0] is StepCode.MAINTENANCE_WINDOW)


def test_the_table_reaches_every_status_it_names():
    seen = set()
    for status, moment in MOMENTS.items():
        grace = "weak" if status is Status.POSSIBLY_IN_GRACE else "official"
        plan = build_plan(
            answers=make_answers(
                now=shanghai(moment),
                timing={"due_date": DUE, "attempted_at": shanghai(moment).isoformat()},
            ),
            provider=make_facts(due_cutoff=dt.time(20, 0), **GRACES[grace]),
            now=shanghai(moment),
        )
        seen.add(plan.status_now)
    # The tolerance statuses come from the unpaid remainder, not the moment
    # (tests/wizard/engine/test_tolerance.py).
    assert seen == set(Status) - {Status.WITHIN_TOLERANCE, Status.MAYBE_WITHIN_TOLERANCE}


REOPENED_AFTER_DAYS = (0, 1, 16, 31)
FEEDBACK = ("", "partly", "not_solved", "solved")
CASE_MADE = "2026-11-10T10:00"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("lender_kind", [*LenderKind.values, ""])
@pytest.mark.parametrize("feedback", FEEDBACK)
@pytest.mark.parametrize("days", REOPENED_AFTER_DAYS)
@pytest.mark.parametrize("symptom", list(Symptom))
def test_a_reopened_plan_with_its_ladder_never_contradicts_itself(
    symptom, days, feedback, lender_kind, language
):
    made = shanghai(CASE_MADE)
    now = made + dt.timedelta(days=days)
    facts = make_facts(due_cutoff=dt.time(20, 0), lender_kind=lender_kind, **GRACES["weak"])
    plan = build_plan(
        answers=make_answers(
            now=now,
            symptom=symptom,
            timing={"due_date": DUE, "attempted_at": shanghai("2026-11-10T09:00").isoformat()},
            **ANSWERS_FOR[symptom],
        ),
        provider=facts,
        now=now,
        language=language,
        ladder=rungs_for(facts, shipped_rungs()),
        case_created_at=made,
        feedback=feedback,
    )
    text = words(plan)
    holds = [phrase for phrase in DONT_PAY_AGAIN if phrase.lower() in text]
    pays = [phrase for phrase in PAY_AS_SOON_AS_POSSIBLE if phrase.lower() in text]
    assert not (holds and pays), (holds, pays, plan.codes)
    assert len(plan.codes) == len(set(plan.codes)), "no step twice"
    escalates = StepCode.ESCALATE_TO_REGULATOR in plan.codes
    if escalates:
        assert plan.codes[0] is StepCode.ESCALATE_TO_REGULATOR, "where things stand leads"
        assert feedback != "solved" and days >= 15
    if symptom == Symptom.DEDUCTED_NOT_CREDITED:
        assert holds
        assert StepCode.MEET_DEADLINE not in plan.codes
        rest = plan.codes[1:] if escalates else plan.codes
        assert rest[:2] == [StepCode.REPORT_DEDUCTED_NOT_CREDITED, StepCode.PROVE_PAYMENT_TIME]
        # A bank or a consumer-finance company owes an answer in 15 days: past it, escalate.
        owes = lender_kind in (LenderKind.BANK, LenderKind.CONSUMER_FINANCE)
        assert escalates is (owes and days >= 16 and feedback != "solved")
    if feedback == "solved":
        assert plan.ladder == ()
    shown = " ".join(f"{r.title} {r.text}" for r in plan.ladder).lower()
    assert not any(phrase.lower() in shown for phrase in PAY_AS_SOON_AS_POSSIBLE) or not holds
