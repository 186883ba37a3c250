"""Situations from the guide's seven pieces of advice, pinned: codes, order, status, deadline.

One table for the whole of `build_plan` (wizard/engine/building.py, with the deadline
arithmetic of deadlines.py), kept whole rather than split by module.

Each row was reasoned out by hand from the rules, not copied from the engine's output.
Providers: CARD has a 20:00 cutoff and a confirmed 3-day grace period; NOGRACE a 23:59
cutoff and none; UNCONFIRMED claims 3 days of grace that nobody has confirmed yet.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from providers.facts import MaintenanceWindowFacts
from tests.wizard.helpers import make_answers, make_facts, shanghai
from wizard.engine.building import build_plan

PROVIDERS = {
    "CARD": {"due_cutoff": dt.time(20, 0), "grace_days": 3},
    "NOGRACE": {"due_cutoff": dt.time(23, 59), "grace_days": 0},
    "UNCONFIRMED": {
        "due_cutoff": dt.time(23, 59),
        "grace_days": 3,
        "unverified": ["grace"],
    },
}
MORNING = {"timing": {"attempted_at": "2026-11-10T09:00:00+08:00"}}


def window(start: str, end: str) -> MaintenanceWindowFacts:
    return MaintenanceWindowFacts(shanghai(start), shanghai(end), "所有还款方式", "all channels")


@dataclass
class Situation:
    name: str
    provider: str
    answers: dict[str, Any]
    now: str
    status: str
    deadline: str
    codes: list[str]
    windows: list[MaintenanceWindowFacts] = field(default_factory=list)
    detail_contains: dict[str, str] = field(default_factory=dict)


def at(moment: str, due: str = "2026-11-10") -> dict[str, Any]:
    return {"timing": {"due_date": due, "attempted_at": moment}}


SITUATIONS = [
    # --- the cutoff minute and the grace deadline (advice 3: mind the date and time)
    Situation(
        "inside the cutoff minute counts as on time",
        "CARD",
        at("2026-11-10T20:00:59+08:00"),
        "2026-11-10T20:05",
        "due_today",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "one second past the cutoff minute is in grace",
        "CARD",
        at("2026-11-10T20:01:00+08:00"),
        "2026-11-10T20:05",
        "in_grace",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "the day before the due date is not due",
        "CARD",
        at("2026-11-09T23:59:00+08:00"),
        "2026-11-09T23:59",
        "not_due",
        "2026-11-13T20:00",
        ["contact_provider", "meet_deadline", "protect_credit"],
    ),
    Situation(
        "last minute of the grace period still counts",
        "CARD",
        at("2026-11-13T20:00:30+08:00"),
        "2026-11-13T20:00:30",
        "in_grace",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "just past the grace deadline is overdue",
        "CARD",
        at("2026-11-13T20:01:00+08:00"),
        "2026-11-13T20:01",
        "overdue",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "no grace period: the last second of the due date counts",
        "NOGRACE",
        at("2026-11-10T23:59:59+08:00"),
        "2026-11-10T23:59:59",
        "due_today",
        "2026-11-10T23:59",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "no grace period: just after midnight is overdue",
        "NOGRACE",
        at("2026-11-11T00:00:30+08:00"),
        "2026-11-11T00:00:30",
        "overdue",
        "2026-11-10T23:59",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "with grace: just after midnight is in grace",
        "CARD",
        at("2026-11-11T00:05:00+08:00"),
        "2026-11-11T00:05",
        "in_grace",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "due on the 31st: grace runs into the next month",
        "CARD",
        at("2026-11-03T19:00:00+08:00", due="2026-10-31"),
        "2026-11-03T19:00",
        "in_grace",
        "2026-11-03T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "due on the 31st: after the grace cutoff is overdue",
        "CARD",
        at("2026-11-03T20:30:00+08:00", due="2026-10-31"),
        "2026-11-03T20:30",
        "overdue",
        "2026-11-03T20:00",
        ["meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "an unconfirmed grace period is not relied on",
        "UNCONFIRMED",
        at("2026-11-11T10:00:00+08:00"),
        "2026-11-11T10:00",
        "possibly_in_grace",
        "2026-11-10T23:59",
        ["meet_deadline", "contact_provider", "protect_credit"],
        detail_contains={"meet_deadline": "3 天宽限期适用于你，"},
    ),
    Situation(
        "past the end of an unconfirmed grace period is overdue",
        "UNCONFIRMED",
        at("2026-11-14T10:00:00+08:00"),
        "2026-11-14T10:00",
        "overdue",
        "2026-11-10T23:59",
        ["meet_deadline", "contact_provider", "protect_credit"],
        detail_contains={"meet_deadline": "已经过了。越早还上，费用越少。"},
    ),
    # --- advice 2: make sure the money is there
    Situation(
        "not enough balance on the due date",
        "CARD",
        {
            **MORNING,
            "symptom": "insufficient_funds",
            "account": None,
            "funds": {"enough_balance": "no"},
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "ensure_funds",
            "meet_deadline",
            "cannot_pay_in_full",
            "contact_provider",
            "protect_credit",
        ],
    ),
    Situation(
        "money held by a pre-authorisation",
        "CARD",
        {
            **MORNING,
            "symptom": "insufficient_funds",
            "account": None,
            "funds": {"enough_balance": "no", "frozen_or_preauth": "yes"},
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "ensure_funds",
            "wait_for_preauth_release",
            "cannot_pay_in_full",
            "meet_deadline",
            "contact_provider",
            "protect_credit",
        ],
    ),
    Situation(
        "a payment limit was hit",
        "CARD",
        {
            **MORNING,
            "symptom": "limit_exceeded",
            "account": None,
            "funds": {"limit_reached": "yes"},
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["raise_limit_or_switch_channel", "meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "short of money ten days early: nothing is for right now",
        "CARD",
        {
            "symptom": "insufficient_funds",
            "account": None,
            "funds": {"enough_balance": "no"},
            **at("2026-11-10T09:00:00+08:00", due="2026-11-20"),
        },
        "2026-11-10T09:10",
        "not_due",
        "2026-11-23T20:00",
        [
            "ensure_funds",
            "cannot_pay_in_full",
            "meet_deadline",
            "contact_provider",
            "protect_credit",
        ],
    ),
    # --- advice 1: check the account details
    Situation(
        "information mismatch with a changed reserved phone",
        "CARD",
        {
            **MORNING,
            "symptom": "info_mismatch",
            "account": {"reserved_phone": "wrong"},
            "funds": None,
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "check_account_info",
            "update_reserved_phone",
            "meet_deadline",
            "contact_provider",
            "protect_credit",
        ],
    ),
    Situation(
        "an expired card",
        "CARD",
        {
            **MORNING,
            "symptom": "card_problem",
            "account": {"card_status": "expired"},
            "funds": None,
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["fix_card_status", "meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "declined and unsure of the card's status",
        "CARD",
        {**MORNING, "account": {"card_status": "unsure"}},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["check_account_info", "meet_deadline", "contact_provider", "protect_credit"],
    ),
    Situation(
        "everything doubtful at once",
        "CARD",
        {
            **MORNING,
            "symptom": "other",
            "account": {
                "card_number": "wrong",
                "holder_name": "unsure",
                "reserved_phone": "unsure",
                "card_status": "lost",
            },
            "funds": {
                "enough_balance": "unsure",
                "frozen_or_preauth": "yes",
                "limit_reached": "yes",
            },
            "autopay": "unsure",
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "fix_card_status",
            "check_account_info",
            "update_reserved_phone",
            "ensure_funds",
            "wait_for_preauth_release",
            "raise_limit_or_switch_channel",
            "meet_deadline",
            "contact_provider",
            "protect_credit",
            "enable_autopay",
        ],
    ),
    # --- advice 5: outages and maintenance
    Situation(
        "a timeout",
        "CARD",
        {**MORNING, "symptom": "timeout", "account": None, "funds": None},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["outage_procedure", "meet_deadline", "contact_provider", "protect_credit"],
        detail_contains={"outage_procedure": "免得重复还"},
    ),
    Situation(
        "channel down inside an announced maintenance window",
        "CARD",
        {**MORNING, "symptom": "channel_unavailable", "account": None, "funds": None},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "maintenance_window",
            "outage_procedure",
            "meet_deadline",
            "contact_provider",
            "protect_credit",
        ],
        windows=[window("2026-11-10T08:00", "2026-11-10T12:00")],
        detail_contains={"maintenance_window": "可以等结束后马上还"},
    ),
    Situation(
        "maintenance started after the attempt and is on now",
        "CARD",
        {"timing": {"attempted_at": "2026-11-10T07:00:00+08:00"}},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["maintenance_window", "meet_deadline", "contact_provider", "protect_credit"],
        windows=[window("2026-11-10T08:00", "2026-11-10T12:00")],
    ),
    Situation(
        "maintenance outlasts the deadline: switch channel now",
        "NOGRACE",
        at("2026-11-10T22:30:00+08:00"),
        "2026-11-10T22:35",
        "due_today",
        "2026-11-10T23:59",
        ["maintenance_window", "meet_deadline", "contact_provider", "protect_credit"],
        windows=[window("2026-11-10T22:00", "2026-11-11T06:00")],
        detail_contains={"maintenance_window": "请现在改用其他渠道还款"},
    ),
    # --- advice 4 and 7: contact the provider; keep evidence
    Situation(
        "money deducted but the bill is unpaid",
        "CARD",
        {"symptom": "deducted_not_credited", "account": None, "funds": None},
        "2026-11-10T21:30",
        "due_today",
        "2026-11-13T20:00",
        ["report_deducted_not_credited", "prove_payment_time", "protect_credit"],
        detail_contains={
            "report_deducted_not_credited": "先别重复付",
            "prove_payment_time": "早于截止时间",
        },
    ),
    Situation(
        "deducted on time, noticed after the deadline",
        "CARD",
        {
            "symptom": "deducted_not_credited",
            "account": None,
            "funds": None,
            **at("2026-11-01T19:00:00+08:00", due="2026-11-01"),
        },
        "2026-11-10T21:30",
        "due_today",
        "2026-11-04T20:00",
        ["report_deducted_not_credited", "prove_payment_time", "protect_credit"],
        detail_contains={"prove_payment_time": "是按时付的"},
    ),
    Situation(
        "no repay button: calling is the fix",
        "CARD",
        {**MORNING, "symptom": "no_repay_option", "account": None, "funds": None},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["contact_provider", "meet_deadline", "protect_credit"],
    ),
    Situation(
        "already called about an unexplained refusal",
        "CARD",
        {**MORNING, "contacted_provider": "yes"},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["meet_deadline", "follow_up_with_provider", "protect_credit"],
    ),
    # --- advice 6: autopay
    Situation(
        "autopay is off",
        "CARD",
        {**MORNING, "autopay": "off"},
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        ["meet_deadline", "contact_provider", "protect_credit", "enable_autopay"],
    ),
    Situation(
        "autopay itself failed for lack of money",
        "CARD",
        {
            **MORNING,
            "symptom": "insufficient_funds",
            "channel": "autopay",
            "account": None,
            "funds": {"enough_balance": "no"},
            "autopay": "on",
        },
        "2026-11-10T09:10",
        "due_today",
        "2026-11-13T20:00",
        [
            "ensure_funds",
            "meet_deadline",
            "cannot_pay_in_full",
            "contact_provider",
            "protect_credit",
            "check_autopay",
        ],
    ),
]


@pytest.mark.parametrize("situation", SITUATIONS, ids=[s.name for s in SITUATIONS])
def test_situation(situation: Situation):
    now = shanghai(situation.now)
    plan = build_plan(
        answers=make_answers(now=now, **situation.answers),
        provider=make_facts(**PROVIDERS[situation.provider]),
        now=now,
        windows=situation.windows,
    )
    assert plan.codes == situation.codes
    assert str(plan.status) == situation.status
    assert plan.deadline == shanghai(situation.deadline)
    for code, text in situation.detail_contains.items():
        assert text in next(s.words for s in plan.steps if s.code == code)


def test_the_table_covers_enough_situations_and_all_seven_pieces_of_advice():
    from wizard.engine.steps import StepCode

    assert len(SITUATIONS) >= 25
    seen = {StepCode(code).advice for s in SITUATIONS for code in s.codes}
    assert seen == {code.advice for code in StepCode}
