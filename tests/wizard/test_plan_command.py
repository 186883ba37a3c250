"""`manage.py plan` (wizard/management/commands/plan.py): the shape it prints, its one-line
errors and exit status, and that it agrees with the plan page on the same answers."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.wizard.helpers import answers_dict, plan_page, shanghai

pytestmark = pytest.mark.django_db

NOW = shanghai("2026-11-10T21:40")


def run_plan_command(answers: dict, *extra: str) -> dict:
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(json.dumps(answers))
    try:
        call_command("plan", "--answers", "-", *extra, stdout=out)
    finally:
        sys.stdin = stdin
    return json.loads(out.getvalue())


def test_plan_page_and_command_line_agree_on_the_same_answers(bank, monkeypatch):
    answers = answers_dict(
        symptom="info_mismatch", account={"reserved_phone": "wrong"}, autopay="off"
    )
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    html = plan_page(answers)
    result = run_plan_command(answers, "--now", NOW.isoformat())
    page_titles = re.findall(r'<h3 class="step__title">([^<]+)</h3>', html)
    # A "later" step folds its detail behind "怎么做", right under its title.
    page_details = re.findall(
        r'<h3 class="step__title">[^<]+</h3>\s*(?:<details[^>]*><summary>[^<]*</summary>\s*)?'
        r"<p>([^<]+)</p>",
        html,
    )
    assert page_titles == [s["title"] for s in result["steps"]]
    assert page_details == [s["detail"] for s in result["steps"]]
    assert result["status"] == "due_today"
    assert result["deadline"] == "2026-11-13T20:00:00+08:00"


def test_command_prints_the_documented_shape(bank):
    result = run_plan_command(answers_dict(), "--now", NOW.isoformat())
    assert set(result) >= {"provider", "status", "deadline", "steps"}
    provider = result["provider"]
    assert {key: provider[key] for key in ("slug", "name", "hotline", "cutoff")} == {
        "slug": "bank",
        "name": "测试银行",
        "hotline": "95500",
        "cutoff": "20:00",
    }
    assert (provider["grace_days"], provider["verified_on"], provider["unverified"]) == (
        3,
        "2026-11-01",
        [],
    )
    assert provider["due_cutoff"] == "20:00"
    assert provider["grace"] == {
        "days": 3,
        "ends_at": "20:00",
        "certainty": "official",
        "needs_request": False,
        "tier": None,
        "tolerance_yuan": None,
        "tolerance_certainty": "official",
    }
    assert provider["autopay_time"] == {
        "funded_by": None,
        "retry_days": None,
        "retry_at": None,
        "certainty": "official",
    }
    assert set(provider["facts"]) == {
        "hotline",
        "due_cutoff",
        "grace",
        "late_fee",
        "autopay",
        "repay_path",
        "lender_kind",
        "tolerance",
        "autopay_time",
        "min_payment",
    }
    assert provider["facts"]["grace"] == {
        "certainty": "official",
        "checked_on": "2026-11-01",
        "source": "https://bank.example.com/rules",
    }
    assert result["grace_deadline"] == "2026-11-13T20:00:00+08:00"
    assert set(result["steps"][0]) == {
        "id",
        "code",
        "urgency",
        "title",
        "detail",
        "more",
        "because",
        "certainty",
        "certainty_label",
        "checked_on",
        "source",
        "claims",
    }
    assert result["steps"][0]["id"] == "step-1"
    assert result["banner"] == {
        "text": result["banner"]["text"],
        "action": result["steps"][0]["title"],
    }
    assert isinstance(result["credit_record"], list)


def test_command_in_english(bank):
    result = run_plan_command(answers_dict(), "--now", NOW.isoformat(), "--language", "en")
    assert result["provider"]["name"].startswith("Test Bank")
    assert result["steps"][0]["title"].startswith("Deadline")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ("{not json", "answers: malformed JSON"),
        (json.dumps(answers_dict(provider="no-such")), "provider: unknown or inactive provider"),
        (json.dumps(answers_dict(symptom="sad")), "symptom: must be one of"),
        (
            json.dumps(answers_dict(account={"card_status": "melted"})),
            "account.card_status: must be one of",
        ),
        (
            json.dumps(answers_dict(timing={"due_date": "2026-02-30"})),
            "timing.due_date: '2026-02-30' is not a real date",
        ),
        (
            json.dumps(answers_dict(timing={"attempted_at": "2027-01-01T00:00:00+08:00"})),
            "timing.attempted_at: is in the future",
        ),
        (json.dumps([1, 2]), "answers: must be a JSON object"),
    ],
)
def test_command_rejects_bad_input_with_one_line_naming_the_field(bank, answers, message):
    stdin, sys.stdin = sys.stdin, io.StringIO(answers)
    try:
        with pytest.raises(CommandError) as error:
            call_command("plan", "--answers", "-", "--now", NOW.isoformat())
    finally:
        sys.stdin = stdin
    assert error.value.returncode == 2
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_command_exit_status_and_stderr_from_a_real_process(bank, tmp_path):
    import subprocess

    path = tmp_path / "answers.json"
    path.write_text("{oops", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "plan", "--answers", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "answers: malformed JSON" in result.stderr


def test_attempted_at_defaults_to_now(bank):
    answers = answers_dict()
    del answers["timing"]["attempted_at"]
    result = run_plan_command(answers, "--now", NOW.isoformat())
    assert result["status"] == "in_grace"  # 21:40 on the due date, after the 20:00 cutoff
