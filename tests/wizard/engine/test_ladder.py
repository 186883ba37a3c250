"""The escalation ladder on a plan: which rung for which lender, its dates counted from the
case in Beijing calendar days, and a reopened plan that leads with where things stand now.

Pure: the shipped records (providers/seed/escalation.json) as plain values, no database.
"""

from __future__ import annotations

import datetime as dt

import pytest

from providers.facts import LenderKind, RungKind, rungs_for
from tests.wizard.helpers import make_answers, make_facts, shanghai, shipped_rungs
from wizard.engine.building import build_plan
from wizard.engine.steps import StepCode

CASE_MADE = shanghai("2026-12-01T10:00")
ON_TIME = {"due_date": "2026-12-01", "attempted_at": "2026-11-30T21:00:00+08:00"}
DEDUCTED = {
    "symptom": "deducted_not_credited",
    "account": None,
    "funds": None,
    "timing": ON_TIME,
}
DECLINED = {"symptom": "declined", "timing": ON_TIME}


def plan(
    *,
    days: float = 0,
    lender_kind: str = LenderKind.CONSUMER_FINANCE,
    created: dt.datetime = CASE_MADE,
    now: dt.datetime | None = None,
    feedback: str = "",
    language: str = "zh-hans",
    **answers: object,
):
    now = now or created + dt.timedelta(days=days)
    facts = make_facts(lender_kind=lender_kind, name_zh="测试消金", name_en="Test Finance")
    return build_plan(
        answers=make_answers(now=now, **(answers or DEDUCTED)),
        provider=facts,
        now=now,
        language=language,
        ladder=rungs_for(facts, shipped_rungs()),
        case_created_at=created,
        feedback=feedback,
    )


def rung(plan_, kind: RungKind):
    return next(r for r in (*plan_.ladder, *plan_.credit_record) if r.kind is kind)


def test_the_lenders_answer_is_due_15_calendar_days_after_the_case_was_made():
    complaint = rung(plan(), RungKind.PROVIDER_COMPLAINT)
    assert complaint.starts_on == dt.date(2026, 12, 1)
    assert complaint.answer_by == dt.date(2026, 12, 16)
    assert not complaint.passed
    assert "如果到 12月16日 还没有答复" in complaint.when
    english = rung(plan(language="en"), RungKind.PROVIDER_COMPLAINT)
    assert "16 Dec" in english.when


@pytest.mark.parametrize(
    ("created", "now", "passed"),
    [
        # The day itself counts from Beijing midnight, whatever the hour the case was made.
        ("2026-12-01T23:59", "2026-12-16T00:00", True),
        ("2026-12-01T23:59", "2026-12-15T23:59", False),
        ("2026-12-01T00:00", "2026-12-15T23:59", False),
        ("2026-12-01T00:00", "2026-12-16T00:00", True),
    ],
)
def test_the_complaint_limit_is_reached_at_beijing_midnight_of_its_day(created, now, passed):
    made = shanghai(created)
    complaint = rung(plan(created=made, now=shanghai(now)), RungKind.PROVIDER_COMPLAINT)
    assert complaint.answer_by == dt.date(2026, 12, 16)
    assert complaint.passed is passed


def test_a_case_made_just_after_midnight_in_beijing_counts_from_the_beijing_date():
    made = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)  # 1 December 00:30 in Beijing
    complaint = rung(plan(created=made), RungKind.PROVIDER_COMPLAINT)
    assert complaint.starts_on == dt.date(2026, 12, 1)
    assert complaint.answer_by == dt.date(2026, 12, 16)


@pytest.mark.parametrize(
    ("lender_kind", "phone"),
    [
        (LenderKind.BANK, "12378"),
        (LenderKind.CONSUMER_FINANCE, "12378"),
        (LenderKind.MICROLOAN, ""),
        (LenderKind.PAYMENT, "12363"),
    ],
)
def test_the_regulator_is_the_one_that_covers_the_lenders_licence(lender_kind, phone):
    regulators = [r for r in plan(lender_kind=lender_kind).ladder if r.kind is RungKind.REGULATOR]
    assert [r.phone for r in regulators] == [phone]
    if lender_kind == LenderKind.MICROLOAN:
        assert "地方金融管理局" in regulators[0].title
        assert "12378 不一定受理" in regulators[0].text
    if lender_kind == LenderKind.PAYMENT:
        assert "先向测试消金投诉" in regulators[0].text  # after the institution


def test_a_wrong_credit_record_goes_to_the_dispute_and_then_to_12363_after_it():
    ladder = plan(days=1).ladder
    kinds = [r.kind for r in ladder]
    assert kinds == [
        RungKind.PROVIDER_COMPLAINT,
        RungKind.REGULATOR,
        RungKind.CREDIT_DISPUTE,
        RungKind.CREDIT_COMPLAINT,
    ]
    dispute, complaint = ladder[2], ladder[3]
    assert dispute.facts.time_limit_days == 20
    assert dispute.answer_by == dt.date(2026, 12, 22)  # counted from today, 2 December
    assert complaint.phone == "12363"


@pytest.mark.parametrize("lender_kind", [*LenderKind.values, ""])
@pytest.mark.parametrize("days", [0, 1, 16, 31])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_12315_is_never_offered_for_the_loan(lender_kind, days, language):
    result = plan(lender_kind=lender_kind, days=days, feedback="not_solved", language=language)
    for shown in (*result.ladder, *result.credit_record):
        assert shown.phone.replace("-", "") != "12315"
    for step in result.steps:
        assert "12315" not in step.title
        assert "打 12315" not in step.detail and "call 12315" not in step.detail.lower()


@pytest.mark.parametrize(
    ("days", "first_codes"),
    [
        (0, [StepCode.REPORT_DEDUCTED_NOT_CREDITED, StepCode.PROVE_PAYMENT_TIME]),
        (1, [StepCode.REPORT_DEDUCTED_NOT_CREDITED, StepCode.PROVE_PAYMENT_TIME]),
        (
            16,
            [
                StepCode.ESCALATE_TO_REGULATOR,
                StepCode.REPORT_DEDUCTED_NOT_CREDITED,
                StepCode.PROVE_PAYMENT_TIME,
            ],
        ),
        (
            31,
            [
                StepCode.ESCALATE_TO_REGULATOR,
                StepCode.REPORT_DEDUCTED_NOT_CREDITED,
                StepCode.PROVE_PAYMENT_TIME,
            ],
        ),
    ],
)
def test_a_reopened_deducted_case_leads_with_where_things_stand_after_n_days(days, first_codes):
    result = plan(days=days)
    assert result.codes[: len(first_codes)] == first_codes
    assert result.case_age_days == days
    assert bool(result.ladder), "money taken and not credited: the ladder is shown"
    credit_steps = {StepCode.CHECK_CREDIT_REPORT, StepCode.DISPUTE_CREDIT_RECORD}
    assert (credit_steps <= set(result.codes)) is (days >= 1)
    if days >= 16:
        lead = result.steps[0]
        assert lead.title.startswith("15 天的答复期限已过")
        assert "12378" in lead.title
        assert "12月16日" in lead.detail


def test_a_case_said_to_be_solved_shows_no_ladder_and_no_escalation():
    result = plan(days=16, feedback="solved")
    assert result.ladder == ()
    assert StepCode.ESCALATE_TO_REGULATOR not in result.codes
    assert result.credit_record, "the credit record stays reachable"


def test_not_solved_feedback_shows_the_ladder_and_escalates_once_the_limit_has_passed():
    declined = DECLINED
    early = plan(days=0, feedback="not_solved", **declined)
    assert [r.kind for r in early.ladder] == [RungKind.PROVIDER_COMPLAINT, RungKind.REGULATOR]
    assert StepCode.ESCALATE_TO_REGULATOR not in early.codes
    late = plan(days=16, feedback="partly", **declined)
    assert late.codes[0] is StepCode.ESCALATE_TO_REGULATOR
    quiet = plan(days=16, **declined)
    assert quiet.ladder, "reopened days later: the ladder is shown"
    assert StepCode.ESCALATE_TO_REGULATOR not in quiet.codes, "nobody said it is unsolved"


def test_a_microloan_lender_has_no_stated_time_limit_so_the_plan_does_not_invent_one():
    result = plan(days=16, lender_kind=LenderKind.MICROLOAN)
    complaint = rung(result, RungKind.PROVIDER_COMPLAINT)
    assert complaint.facts.time_limit_days is None and complaint.when == ""
    assert StepCode.ESCALATE_TO_REGULATOR not in result.codes


def test_the_credit_record_section_opens_by_itself_only_when_really_overdue():
    on_time = plan(**DECLINED)
    assert on_time.credit_record and not on_time.credit_record_open
    overdue = plan(days=10, **DECLINED)
    assert overdue.credit_record_open
    assert [r.kind for r in overdue.credit_record] == [
        RungKind.CREDIT_CHECK,
        RungKind.CREDIT_DISPUTE,
        RungKind.CREDIT_COMPLAINT,
        RungKind.CREDIT_LETTER,
    ]
    # Paid on time, not credited: a mark would be wrong, and the plan's own steps say how
    # to check and dispute it; the section (disputes, 12363, courts) stays folded.
    paid = plan(days=1)
    assert not paid.credit_record_open
    assert StepCode.DISPUTE_CREDIT_RECORD in paid.codes


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_new_step_names_its_source_and_the_date_it_was_checked(language):
    result = plan(days=16, language=language)
    new = {StepCode.ESCALATE_TO_REGULATOR, StepCode.CHECK_CREDIT_REPORT}
    new.add(StepCode.DISPUTE_CREDIT_RECORD)
    shown = [step for step in result.steps if step.code in new]
    assert {step.code for step in shown} == new
    for step in shown:
        assert step.certainty and step.checked_on == "2026-12-01", step
        assert "核对于" not in step.detail and "checked on" not in step.detail
    escalate = shown[0]
    sources = " ".join(claim.provenance.source for claim in escalate.claims)
    assert "caixin.com" in sources and "zysbs.cn" in sources


def test_the_command_lines_json_carries_the_ladder():
    data = plan(days=16).to_dict()
    assert [r["rung"] for r in data["ladder"]][:2] == ["provider_complaint", "regulator"]
    complaint = data["ladder"][0]
    assert complaint["answer_by"] == "2026-12-16" and complaint["passed"] is True
    assert complaint["certainty"] == "secondary" and complaint["checked_on"] == "2026-12-01"
    assert [r["rung"] for r in data["credit_record"]][0] == "credit_check"
    assert data["credit_record_open"] is False, "paid on time: not overdue"
    assert plan(days=10, **DECLINED).to_dict()["credit_record_open"] is True
