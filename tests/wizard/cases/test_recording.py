"""Every plan becomes a case (wizard/cases/recording.py): saved with its steps under a fresh code,
nothing personal kept, and feedback taken once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from providers.facts import Channel
from tests.wizard.helpers import (
    WizardSession,
    case_for,
    owners_browser,
    page_answers,
    recent_answers,
)
from wizard.cases.reference_codes import CODE_ALPHABET
from wizard.engine.answers import (
    SHANGHAI,
    Autopay,
    CardStatus,
    Check,
    Remainder,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.deadlines import Status
from wizard.engine.steps import StepCode
from wizard.models import Case, CaseStep, Outcome

pytestmark = pytest.mark.django_db


PERSONAL = ["6222021234567890123", "110101199003074518", "13812345678", "张伟"]


def walk_to_plan(client: Client) -> str:
    wizard = WizardSession(client)
    wizard.start()
    when = (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    # Personal data posted alongside every answer, as a careless or hostile client might.
    extra = {"note": PERSONAL[0], "name": PERSONAL[3], "phone": PERSONAL[2]}
    pages = [
        ("provider", page_answers("provider")),
        ("message", page_answers("message")),
        ("problem", page_answers("problem")),
        ("channel", page_answers("channel")),
        ("account", page_answers("account", holder_name="unsure", reserved_phone="wrong")),
        ("funds", page_answers("funds", enough_balance="no")),
        ("timing", page_answers("timing", when=when)),
        ("situation", page_answers("situation", autopay="off")),
    ]
    for step, data in pages:
        payload = {wizard.management: step, **{f"{step}-{k}": v for k, v in data.items()}, **extra}
        client.post(wizard.url(step), payload)
    response = wizard.confirm(follow=True)
    return response.content.decode()


def test_a_finished_plan_is_saved_as_a_case_with_its_code_after_the_steps_and_in_the_summary(
    bank,
):
    html = walk_to_plan(Client())
    case = Case.objects.get()
    assert re.fullmatch(rf"[{CODE_ALPHABET}]{{10}}", case.code)
    code = f'<span class="case-code__value" lang="en">{case.display_code}</span>'
    # What to do comes first; the code to note down follows the steps.
    assert html.index('<ol class="steps">') < html.index(code)
    assert f"参考编号：{case.display_code}" in html
    shown = re.findall(r'<li class="step step--(\w+)" id="step-\d+">', html)
    steps = list(case.steps.values_list("urgency", flat=True))
    assert steps == shown and len(steps) >= 4


def test_the_case_stores_no_personal_data_field_by_field(bank):
    walk_to_plan(Client())
    case = Case.objects.get()
    assert re.fullmatch(rf"[{CODE_ALPHABET}]{{10}}", case.code)
    assert case.provider == bank and case.provider_slug == "bank"
    assert case.symptom in Symptom.values and case.channel in Channel.values
    assert case.status in {status.value for status in Status}
    assert isinstance(case.deadline, dt.datetime)
    assert case.outcome == "" and case.comment == "" and case.feedback_at is None
    answers = case.answers
    assert set(answers) == {
        "provider",
        "symptom",
        "channel",
        "account",
        "funds",
        "timing",
        "contacted_provider",
        "autopay",
        "card_tier",
        "remainder",
        "message",
    }
    # A rough bracket of what is unpaid, never an amount.
    assert answers["remainder"] in Remainder.values
    # The message a person pasted is redacted before it is stored (test_problem_message.py).
    assert answers["message"] is None or set(answers["message"]) == {"text", "outcome"}
    assert answers["provider"] == "bank"
    account = answers["account"]
    assert set(account) == {"card_number", "holder_name", "reserved_phone", "card_status"}
    assert {account[k] for k in ("card_number", "holder_name", "reserved_phone")} <= set(
        Check.values
    )
    assert account["card_status"] in CardStatus.values
    assert set(answers["funds"].values()) <= set(YesNoUnsure.values)
    assert set(answers["timing"]) == {"due_date", "attempted_at"}
    dt.date.fromisoformat(answers["timing"]["due_date"])
    dt.datetime.fromisoformat(answers["timing"]["attempted_at"])
    assert answers["contacted_provider"] in YesNo.values and answers["autopay"] in Autopay.values
    assert set(case.steps.values_list("code", flat=True)) <= set(StepCode)
    everything = repr(list(Case.objects.values())) + repr(list(CaseStep.objects.values()))
    assert not any(value in everything for value in PERSONAL)


def test_a_code_collision_is_retried_with_a_new_code_and_saves_nothing_half(bank, monkeypatch):
    first = case_for(recent_answers())
    codes = iter([first.code, "22222AAAAA"])
    monkeypatch.setattr("wizard.cases.recording.new_code", lambda: next(codes))
    second = case_for(recent_answers())
    assert second.code == "22222AAAAA"
    assert Case.objects.count() == 2
    assert CaseStep.objects.filter(case=second).count() == second.steps.count() > 0
    assert CaseStep.objects.count() == first.steps.count() + second.steps.count()


def test_feedback_is_accepted_once(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    url = f"/plan/{case.code}/feedback/"
    first = client.post(url, {"outcome": "partly", "comment": "客服电话打通了"}, follow=True)
    assert "谢谢你的反馈" in first.content.decode()
    case.refresh_from_db()
    assert (case.outcome, case.comment) == (Outcome.PARTLY, "客服电话打通了")
    stamped = case.feedback_at

    again = client.post(url, {"outcome": "not_solved", "comment": "改主意了"}, follow=True)
    assert "已经收到你对这个方案的反馈了" in again.content.decode()
    case.refresh_from_db()
    assert (case.outcome, case.comment, case.feedback_at) == (
        Outcome.PARTLY,
        "客服电话打通了",
        stamped,
    )


def test_coming_back_after_paying_the_person_can_mark_it_solved_once(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    url = f"/plan/{case.code}/feedback/"
    client.post(url, {"outcome": "not_solved"})
    page = client.get(f"/plan/{case.code}/").content.decode()
    assert "现在已经解决了" in page
    client.post(url, {"outcome": "solved"})
    case.refresh_from_db()
    assert case.outcome == Outcome.SOLVED and case.solved_at is not None
    assert "现在已经解决了" not in client.get(f"/plan/{case.code}/").content.decode()
    client.post(url, {"outcome": "not_solved"})
    case.refresh_from_db()
    assert case.outcome == Outcome.SOLVED


def test_feedback_works_through_htmx_too(bank):
    case = case_for(recent_answers())
    response = owners_browser(case).post(
        f"/plan/{case.code}/feedback/", {"outcome": "solved"}, HTTP_HX_REQUEST="true", follow=True
    )
    html = response.content.decode()
    assert "<html" not in html and "谢谢你的反馈" in html
    assert Case.objects.get().outcome == Outcome.SOLVED
