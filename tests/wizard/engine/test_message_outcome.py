"""What the message a person saw changes in the plan (wizard/engine): an unknown result puts
"check whether the money left" first and holds back every step that sends money; a risk
check gets its own step; the message is quoted back in the case summary. Pure."""

from __future__ import annotations

import pytest

from tests.wizard.engine.helpers import plan_for_answers
from tests.wizard.helpers import NOW, answers_dict
from wizard.engine.answers import Answers, AnswersError
from wizard.engine.steps import StepCode

UNKNOWN = {"text": "交易处理中,支付结果未知,请勿重复支付", "outcome": "unknown"}
FAILED = {"text": "可用余额不足(51)", "outcome": "failed"}


def test_an_unknown_result_puts_the_money_check_first():
    plan = plan_for_answers(symptom="timeout", account=None, funds=None, message=UNKNOWN)
    assert plan.codes[0] is StepCode.CHECK_MONEY_LEFT
    assert plan.steps[0].title.startswith("先别再付")


def test_after_an_unknown_result_every_paying_step_waits_for_the_check():
    plan = plan_for_answers(symptom="timeout", account=None, funds=None, message=UNKNOWN)
    by_code = {step.code: step for step in plan.steps}
    for code in (StepCode.OUTAGE_PROCEDURE, StepCode.MEET_DEADLINE):
        assert by_code[code].detail.startswith("先按第一步确认上一笔没有扣款"), code


def test_a_failed_result_changes_nothing_about_the_order():
    with_message = plan_for_answers(symptom="insufficient_funds", message=FAILED)
    without = plan_for_answers(symptom="insufficient_funds")
    assert with_message.codes == without.codes
    assert StepCode.CHECK_MONEY_LEFT not in with_message.codes


def test_money_already_charged_needs_no_money_check():
    plan = plan_for_answers(
        symptom="deducted_not_credited", account=None, funds=None, message=UNKNOWN
    )
    assert StepCode.CHECK_MONEY_LEFT not in plan.codes
    assert plan.codes[0] is StepCode.REPORT_DEDUCTED_NOT_CREDITED


def test_a_risk_check_gets_its_own_step_first():
    plan = plan_for_answers(symptom="risk_control", account=None, funds=None)
    assert plan.codes[0] is StepCode.PASS_RISK_CHECK


def test_the_message_is_quoted_back_in_the_case_summary_in_both_languages():
    zh = plan_for_answers(symptom="timeout", account=None, funds=None, message=UNKNOWN)
    assert "屏幕上的提示:“交易处理中,支付结果未知,请勿重复支付”" in zh.case_summary
    en = plan_for_answers(
        symptom="timeout", account=None, funds=None, message=UNKNOWN, language="en"
    )
    assert "Message shown: “交易处理中,支付结果未知,请勿重复支付”" in en.case_summary


def test_the_message_survives_a_round_trip_through_the_stored_answers():
    answers = Answers.from_dict(answers_dict(message=UNKNOWN), now=NOW)
    again = Answers.from_dict(answers.to_dict(), now=NOW)
    assert again == answers
    assert again.outcome_unknown


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("text", "message"),
        ({"text": "x" * 2001, "outcome": "failed"}, "message.text"),
        ({"text": "处理中", "outcome": "maybe"}, "message.outcome"),
        ({"text": 3, "outcome": "failed"}, "message.text"),
    ],
)
def test_a_bad_message_names_its_field(message, field):
    with pytest.raises(AnswersError) as raised:
        Answers.from_dict(answers_dict(message=message), now=NOW)
    assert raised.value.field == field


def test_an_empty_message_is_no_message():
    answers = Answers.from_dict(answers_dict(message={"text": "  ", "outcome": "failed"}), now=NOW)
    assert answers.message == "" and answers.to_dict()["message"] is None
