"""The wizard's forms (wizard/flow/forms.py) as a person meets them: the messages they give."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from providers.catalog import active_providers
from providers.facts import UNKNOWN_PROVIDER
from tests.wizard.helpers import case_for, make_answers, owners_browser, recent_answers
from wizard.engine.answers import (
    SHANGHAI,
    Answers,
    AnswersError,
    Remainder,
    answers_from_pages,
)
from wizard.flow.forms import ProviderForm, TimingForm
from wizard.models import Case

pytestmark = pytest.mark.django_db


def test_feedback_needs_an_answer_and_a_short_comment(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    html = client.post(f"/plan/{case.code}/feedback/", {"comment": "x"}).content.decode()
    assert "请选择是否解决了" in html and 'id="error-summary"' in html
    html = client.post(
        f"/plan/{case.code}/feedback/", {"outcome": "solved", "comment": "长" * 201}
    ).content.decode()
    assert "最多 200 字" in html
    assert Case.objects.get().outcome == ""


def timing_page(due: dt.date, attempted: dt.datetime) -> TimingForm:
    form = TimingForm(
        data={
            "timing-due_date": due.isoformat(),
            "timing-attempted_date": attempted.date().isoformat(),
            "timing-attempted_time": attempted.strftime("%H:%M"),
        },
        prefix="timing",
    )
    form.is_valid()
    return form


@pytest.mark.parametrize("days", [-367, -366, -365, 0, 365, 366, 367])
def test_the_timing_page_and_the_json_door_draw_the_due_date_window_in_the_same_place(days):
    now = timezone.now().astimezone(SHANGHAI)
    attempted = (now - dt.timedelta(hours=1)).replace(second=0, microsecond=0)
    due = now.date() + dt.timedelta(days=days)
    form = timing_page(due, attempted)
    try:
        make_answers(now=now, timing={"due_date": due.isoformat()})
        parsed = True
    except AnswersError:
        parsed = False
    assert ("due_date" not in form.errors) is parsed


@pytest.mark.parametrize("minutes", [-366 * 24 * 60 - 1, -60, 9, 11])
def test_the_timing_page_and_the_json_door_draw_the_attempt_window_in_the_same_place(minutes):
    now = timezone.now().astimezone(SHANGHAI).replace(second=0, microsecond=0)
    attempted = now + dt.timedelta(minutes=minutes)
    form = timing_page(now.date(), attempted)
    try:
        make_answers(now=now, timing={"attempted_at": attempted.isoformat()})
        parsed = True
    except AnswersError:
        parsed = False
    assert ("attempted_date" not in form.errors) is parsed


def test_answers_built_from_the_pages_are_the_answers_the_json_door_reads():
    now = timezone.now().astimezone(SHANGHAI)
    attempted = now - dt.timedelta(hours=1)
    answers = answers_from_pages(
        {
            "provider": {"provider": "cmb"},
            "find_lender": {},
            "card_tier": {"card_tier": "unsure"},
            "message": {"message": "可用余额不足", "follow_up": "", "outcome": "failed"},
            "problem": {"symptom": "insufficient_funds"},
            "channel": {"channel": "app"},
            "funds": {"enough_balance": "no", "frozen_or_preauth": "no", "limit_reached": "no"},
            "timing": {"due_date": now.date(), "attempted_at": attempted},
            "remainder": {"remainder": "under_10"},
            "situation": {"contacted_provider": "no", "autopay": "off"},
        }
    )
    assert answers.account is None and answers.card_tier is None
    assert answers.message_outcome == "failed"
    assert answers.remainder == Remainder.UNDER_10
    assert Answers.from_dict(answers.to_dict(), now=now) == answers


def test_the_phone_instalment_lenders_and_not_sure_come_before_the_banks(shipped_providers):
    form = ProviderForm(providers=active_providers(), prefix="provider")
    values = [value for _label, options in form.fields["provider"].choices for value, _ in options]
    unsure = values.index(UNKNOWN_PROVIDER)
    assert {"huabei", "jd-baitiao", "xiaomi-finance"} == set(values[:unsure])
    assert len(values) - unsure - 1 == 14, "the banks' cards after"
