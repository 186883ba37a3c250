"""Plan building (wizard/engine/building.py), situation by situation: which steps, in which
order, how urgent. Pure: no database needed."""

from __future__ import annotations

import datetime as dt

from tests.wizard.engine.helpers import plan_for_answers
from tests.wizard.helpers import make_facts, shanghai
from wizard.engine.deadlines import Status
from wizard.engine.steps import Advice, Urgency


def test_insufficient_balance_on_the_due_date_puts_topping_up_first():
    plan = plan_for_answers(
        symptom="insufficient_funds",
        account=None,
        funds={"enough_balance": "no"},
        now=shanghai("2026-11-10T12:00"),
        timing={"attempted_at": "2026-11-10T11:50:00+08:00"},
    )
    assert plan.status is Status.DUE_TODAY
    assert plan.codes[0] == "ensure_funds"
    assert plan.steps[0].urgency is Urgency.NOW
    assert "check_account_info" not in plan.codes


def test_information_mismatch_asks_to_check_card_and_reserved_phone():
    plan = plan_for_answers(
        symptom="info_mismatch",
        account={"reserved_phone": "wrong", "card_number": "unsure"},
        now=shanghai("2026-11-10T12:00"),
        timing={"attempted_at": "2026-11-10T11:00:00+08:00"},
    )
    assert plan.codes[:2] == ["check_account_info", "update_reserved_phone"]
    assert "银行卡号" in plan.steps[0].because


def test_frozen_card_says_to_pay_with_another_card_first():
    plan = plan_for_answers(
        symptom="card_problem",
        account={"card_status": "frozen"},
        now=shanghai("2026-11-10T12:00"),
        timing={"attempted_at": "2026-11-10T11:00:00+08:00"},
    )
    assert plan.codes[0] == "fix_card_status"


def test_money_deducted_but_bill_unpaid_needs_evidence_not_more_money():
    plan = plan_for_answers(symptom="deducted_not_credited", account=None, funds=None)
    assert plan.codes[0] == "report_deducted_not_credited"
    assert "ensure_funds" not in plan.codes
    assert "contact_provider" not in plan.codes  # the report step already names the hotline
    assert "95500" in plan.steps[0].detail


def test_timeout_checks_for_a_silent_deduction_before_trying_another_channel():
    plan = plan_for_answers(
        symptom="timeout",
        account=None,
        funds=None,
        now=shanghai("2026-11-10T12:00"),
        timing={"attempted_at": "2026-11-10T11:00:00+08:00"},
    )
    assert plan.codes[0] == "outage_procedure"
    assert "确认刚才那笔没扣，免得重复还" in plan.steps[0].detail


def test_limit_exceeded_suggests_raising_the_limit_or_another_channel():
    plan = plan_for_answers(symptom="limit_exceeded", account=None, funds={"limit_reached": "yes"})
    assert "raise_limit_or_switch_channel" in plan.codes


def test_money_held_by_a_pre_authorisation_gets_its_own_step():
    plan = plan_for_answers(funds={"frozen_or_preauth": "unsure"})
    assert "wait_for_preauth_release" in plan.codes


def test_well_before_the_due_date_nothing_is_urgent_now():
    plan = plan_for_answers(
        symptom="insufficient_funds",
        account=None,
        funds={"enough_balance": "no"},
        timing={"due_date": "2026-11-20", "attempted_at": "2026-11-10T09:00:00+08:00"},
    )
    assert plan.status is Status.NOT_DUE
    assert {step.urgency for step in plan.steps} <= {Urgency.TODAY, Urgency.SOON, Urgency.LATER}
    assert plan.steps[0].code == "ensure_funds"


def test_after_the_deadline_paying_is_now_and_at_most_two_steps_are():
    plan = plan_for_answers(
        timing={"due_date": "2026-11-01", "attempted_at": "2026-11-09T10:00:00+08:00"}
    )
    assert plan.status is Status.OVERDUE
    urgent = [s.code for s in plan.steps if s.urgency is Urgency.NOW]
    assert "meet_deadline" in urgent
    assert len(urgent) == 2
    protect = next(s for s in plan.steps if s.code == "protect_credit")
    assert protect.urgency in (Urgency.NOW, Urgency.TODAY)
    assert plan.time_left < dt.timedelta(0)


def contact_urgency(plan):
    return next(
        s.urgency for s in plan.steps if s.code in ("contact_provider", "follow_up_with_provider")
    )


def test_already_called_the_provider_makes_calling_less_urgent():
    short = {"symptom": "insufficient_funds", "funds": {"enough_balance": "no"}}
    assert contact_urgency(plan_for_answers(contacted_provider="yes", **short)) is Urgency.SOON
    assert contact_urgency(plan_for_answers(contacted_provider="no", **short)) is Urgency.TODAY


def test_when_nothing_is_wrong_on_the_persons_side_calling_is_as_urgent_as_paying():
    plan = plan_for_answers(symptom="declined", contacted_provider="no")
    assert contact_urgency(plan) is Urgency.NOW
    assert (
        contact_urgency(plan_for_answers(symptom="declined", contacted_provider="yes"))
        is Urgency.TODAY
    )


def test_autopay_is_suggested_only_where_it_exists_and_is_not_on():
    assert "enable_autopay" in plan_for_answers(autopay="off").codes
    assert "enable_autopay" not in plan_for_answers(autopay="on").codes
    assert (
        "enable_autopay"
        not in plan_for_answers(autopay="off", facts=make_facts(autopay_available=False)).codes
    )


def test_failed_autopay_asks_why_it_did_not_debit_rather_than_to_turn_it_on():
    plan = plan_for_answers(autopay="on", channel="autopay")
    assert "check_autopay" in plan.codes
    assert "enable_autopay" not in plan.codes
    step = next(s for s in plan.steps if s.code == "check_autopay")
    assert "为什么没扣成" in step.title
    assert "开通" not in step.title + step.detail


def test_someone_who_has_called_gets_a_follow_up_not_the_first_call_again():
    plan = plan_for_answers(contacted_provider="yes")
    assert "contact_provider" not in plan.codes
    step = next(s for s in plan.steps if s.code == "follow_up_with_provider")
    assert "工单号" in step.detail and "投诉" in step.detail
    assert "说清你在什么时间" not in step.detail


def test_contact_step_names_the_providers_own_hotline():
    plan = plan_for_answers(facts=make_facts(hotline="400-820-5555", name_zh="招商银行信用卡"))
    contact = next(s for s in plan.steps if s.code == "contact_provider")
    assert "400-820-5555" in contact.title
    assert "招商银行信用卡" in contact.title


def test_every_plan_covers_the_deadline_and_the_credit_record():
    for symptom in ["declined", "timeout", "deducted_not_credited", "no_repay_option", "other"]:
        plan = plan_for_answers(symptom=symptom)
        assert "protect_credit" in plan.codes, symptom
        # Money already charged: the deadline is covered by the time it was paid.
        assert {"meet_deadline", "prove_payment_time"} & set(plan.codes), symptom


def test_steps_are_ordered_from_most_to_least_urgent():
    plan = plan_for_answers(
        symptom="info_mismatch",
        account={"reserved_phone": "wrong"},
        autopay="off",
        funds={"enough_balance": "unsure"},
    )
    ranks = [list(Urgency).index(step.urgency) for step in plan.steps]
    assert ranks == sorted(ranks)


def test_every_step_belongs_to_one_of_the_guides_seven_pieces_of_advice():
    plan = plan_for_answers(
        symptom="other",
        account={"reserved_phone": "unsure", "card_status": "lost"},
        funds={"enough_balance": "no", "frozen_or_preauth": "yes", "limit_reached": "yes"},
        autopay="off",
    )
    assert {step.advice for step in plan.steps} <= set(Advice)
    assert all(step.because for step in plan.steps)
