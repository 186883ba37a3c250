"""The case summary (wizard/engine/summary.py): the situation, never the person. Pure."""

from __future__ import annotations

from tests.wizard.engine.helpers import plan_for_answers


def test_case_summary_has_the_situation_and_no_personal_data():
    plan = plan_for_answers(symptom="info_mismatch", account={"reserved_phone": "wrong"})
    summary = plan.case_summary
    assert "信息不符" in summary
    assert "2026-11-10 19:00" in summary
    assert "预留手机号有误或已变更" in summary
