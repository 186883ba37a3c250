"""The plan's reminder in the person's own calendar (wizard/cases/reminders.py,
/plan/<code>/reminder.ics) and the deadline to copy: the same times as the plan, no personal
data, stable UIDs, and a hint instead of a download inside WeChat."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from providers.facts import Fact
from tests.wizard.helpers import PHONE_CHROME, WECHAT, answers_dict, case_for, ccb_possibly_in_grace
from wizard.cases.reminders import reminder_calendar
from wizard.engine.answers import SHANGHAI
from wizard.engine.deadlines import Status
from wizard.models import Case
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db

PERSONAL = re.compile(r"\d{15,19}|1[3-9]\d{9}|\d{17}[\dXx]|张伟")


@pytest.fixture
def shipped():
    call_command("load_providers", verbosity=0)


def today() -> dt.date:
    return timezone.now().astimezone(SHANGHAI).date()


def declined_due_in(days: int, **overrides) -> dict:
    """A payment declined an hour ago, due `days` from today."""
    attempted = timezone.now().astimezone(SHANGHAI) - dt.timedelta(hours=1)
    due = today() + dt.timedelta(days=days)
    return answers_dict(
        timing={"due_date": due.isoformat(), "attempted_at": attempted.isoformat()}, **overrides
    )


def download(case: Case, client: Client | None = None, **headers) -> Calendar:
    response = (client or Client()).get(f"/plan/{case.code}/reminder.ics", **headers)
    assert response.status_code == 200, response
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> dict[str, object]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def alarm_times(event) -> list[dt.datetime]:
    start = event.decoded("DTSTART")
    return sorted(start + alarm.decoded("TRIGGER") for alarm in event.walk("VALARM"))


def at_9_the_day_before(moment: dt.datetime) -> dt.datetime:
    day = moment.astimezone(SHANGHAI).date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(9), tzinfo=SHANGHAI)


def test_the_deadline_event_ends_at_the_plans_deadline_with_alarms_at_9_the_day_before_and_2_hours_before(  # noqa: E501
    bank,
):
    answers = declined_due_in(3)
    case = case_for(answers)
    calendar = download(case)
    plan = plan_for_answers(answers, now=timezone.now(), language="zh-hans")
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{case.code}-deadline@repayhelp"
    assert event.decoded("DTEND") == plan.deadline
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=30)
    assert event.decoded("DTEND").utcoffset() == dt.timedelta(0), "times in UTC"
    assert alarm_times(event) == [
        at_9_the_day_before(plan.deadline),
        plan.deadline - dt.timedelta(hours=2),
    ]
    assert all(str(alarm["ACTION"]) == "DISPLAY" for alarm in event.walk("VALARM"))
    assert str(event["SUMMARY"]) == "测试银行还款最后期限"
    assert f"/plan/{case.code}/" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/plan/{case.code}/"


def test_an_alarm_already_past_is_left_out(bank):
    """Three hours before the deadline, 09:00 the day before has passed: only "2 hours
    before" remains."""
    answers = declined_due_in(1)
    deadline = plan_for_answers(answers, now=timezone.now(), language="zh-hans").deadline
    plan = plan_for_answers(answers, now=deadline - dt.timedelta(hours=3), language="zh-hans")
    calendar = Calendar.from_ical(
        reminder_calendar(plan=plan, case_code="22222AAAAA", plan_url="https://x.test/plan/")
    )
    (event,) = calendar.walk("VEVENT")
    assert alarm_times(event) == [deadline - dt.timedelta(hours=2)]


def test_possibly_in_grace_adds_the_stated_grace_end_as_an_event_that_says_it_is_not_confirmed(
    shipped,
):
    answers = ccb_possibly_in_grace()
    case = case_for(answers)
    plan = plan_for_answers(answers, now=timezone.now(), language="zh-hans")
    assert plan.status_now is Status.POSSIBLY_IN_GRACE
    found = events(download(case))
    assert set(found) == {f"{case.code}-deadline@repayhelp", f"{case.code}-grace@repayhelp"}
    deadline = found[f"{case.code}-deadline@repayhelp"]
    grace = found[f"{case.code}-grace@repayhelp"]
    assert deadline.decoded("DTEND") == plan.deadline
    assert list(deadline.walk("VALARM")) == [], "the cutoff has passed: no alarm for it"
    assert grace.decoded("DTEND") == plan.grace_deadline
    assert alarm_times(grace) == [
        moment
        for moment in (
            at_9_the_day_before(plan.grace_deadline),
            plan.grace_deadline - dt.timedelta(hours=2),
        )
        if moment > plan.now
    ]
    assert "未经确认" in str(grace["SUMMARY"])
    assert "没有得到官方确认" in str(grace["DESCRIPTION"])
    certainty = plan.provider.provenance_of(Fact.GRACE).label
    assert f"({certainty})" in str(grace["DESCRIPTION"]), "the certainty as the page shows it"


def test_money_already_charged_gets_a_reminder_to_check_the_bill_not_to_pay(shipped):
    now = timezone.now().astimezone(SHANGHAI)
    answers = {
        **ccb_possibly_in_grace(),
        "provider": "huabei",
        "symptom": "deducted_not_credited",
        "timing": {
            "due_date": now.date().isoformat(),
            "attempted_at": (now - dt.timedelta(hours=1)).isoformat(),
        },
    }
    case = case_for(answers)
    (event,) = download(case).walk("VEVENT")
    assert str(event["UID"]) == f"{case.code}-bill-check@repayhelp"
    summary = str(event["SUMMARY"]) + str(event["DESCRIPTION"])
    assert "账单是否已入账" in summary and "先别再付一次" in summary
    assert "最后期限" not in summary
    start = event.decoded("DTSTART").astimezone(SHANGHAI)
    assert start.time() == dt.time(9) and start > now
    assert alarm_times(event) == [event.decoded("DTSTART")]


def test_a_second_download_keeps_every_uid(shipped):
    case = case_for(ccb_possibly_in_grace())
    first, second = download(case), download(case)
    assert sorted(events(first)) == sorted(events(second))
    assert len(events(first)) == 2


def test_the_calendar_file_holds_no_personal_data_only_the_provider_the_link_and_times(bank):
    case = case_for(declined_due_in(2))
    response = Client().get(f"/plan/{case.code}/reminder.ics")
    text = response.content.decode()
    assert not PERSONAL.search(text.replace(case.code, ""))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert set(event) == {
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "DESCRIPTION",
        "URL",
        "TRANSP",
    }
    assert "REFRESH-INTERVAL" not in text and "X-PUBLISHED-TTL" not in text


def test_the_calendar_is_served_as_text_calendar_to_download_and_not_kept(bank):
    case = case_for(declined_due_in(2))
    response = Client().get(f"/plan/{case.code}/reminder.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="repayment-{case.code}.ics"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")


def test_the_calendar_is_in_the_pages_language(bank):
    case = case_for(declined_due_in(2))
    client = Client()
    client.cookies["django_language"] = "en"
    (event,) = download(case, client).walk("VEVENT")
    assert not re.search(r"[\u4e00-\u9fff]", str(event["SUMMARY"]) + str(event["DESCRIPTION"]))


def test_head_answers_like_get_without_a_body(bank):
    case = case_for(declined_due_in(2))
    response = Client().head(f"/plan/{case.code}/reminder.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.content == b""


def test_a_post_to_the_calendar_is_refused(bank):
    case = case_for(declined_due_in(2))
    assert Client().post(f"/plan/{case.code}/reminder.ics").status_code == 405


def test_a_code_in_another_spelling_is_sent_to_its_canonical_calendar_url(bank):
    case = case_for(declined_due_in(2))
    response = Client().get(f"/plan/{case.display_code.lower()}/reminder.ics")
    assert response.status_code == 302
    assert response["Location"] == f"/plan/{case.code}/reminder.ics"


def test_unknown_codes_get_404_then_429_as_for_the_plan(bank, settings, quiet_client):
    settings.CASE_LOOKUP_MISSES_PER_HOUR = 2
    case = case_for(declined_due_in(2))
    for _attempt in range(2):
        assert quiet_client.get("/plan/22222AAAAA/reminder.ics").status_code == 404
    refused = quiet_client.get(f"/plan/{case.code}/reminder.ics")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"


def test_the_plan_page_offers_the_calendar_download_and_the_deadline_to_copy(bank):
    case = case_for(declined_due_in(2))
    html = Client(HTTP_USER_AGENT=PHONE_CHROME).get(f"/plan/{case.code}/").content.decode()
    assert f'href="/plan/{case.code}/reminder.ics"' in html
    assert 'data-hx-boost="false"' in html, "htmx must not swap the file into the page"
    assert "在浏览器打开" not in html
    deadline = re.search(r'<textarea id="deadline-line"[^>]*readonly>([^<]*)</textarea>', html)
    assert deadline and deadline.group(1).startswith("测试银行还款最后期限:")
    assert 'data-copy="deadline-line"' in html


def test_inside_wechat_the_page_says_how_to_open_it_in_the_browser_instead_of_a_download(bank):
    case = case_for(declined_due_in(2))
    response = Client(HTTP_USER_AGENT=WECHAT).get(f"/plan/{case.code}/")
    html = response.content.decode()
    assert "点右上角 ··· → 在浏览器打开" in html
    assert "reminder.ics" not in html
    assert 'id="deadline-line"' in html, "the deadline can still be copied"
    assert "User-Agent" in response["Vary"]
    calendar = Client(HTTP_USER_AGENT=WECHAT).get(f"/plan/{case.code}/reminder.ics")
    assert calendar.status_code == 200, "the file itself still works"


def test_the_wechat_hint_is_in_english_on_english_pages(bank):
    case = case_for(declined_due_in(2))
    client = Client(HTTP_USER_AGENT=WECHAT)
    client.cookies["django_language"] = "en"
    html = client.get(f"/plan/{case.code}/").content.decode()
    assert "Open in browser" in html


def test_possibly_in_grace_the_line_to_copy_names_the_grace_end_as_not_confirmed(shipped):
    answers = ccb_possibly_in_grace()
    case = case_for(answers)
    end = dt.date.fromisoformat(answers["timing"]["due_date"]) + dt.timedelta(days=3)
    html = Client().get(f"/plan/{case.code}/").content.decode()
    assert f"宽限期可能到 {end.year}年{end.month}月{end.day}日 16:00 为止(未经官方确认)" in html


def test_an_overdue_plan_offers_no_calendar_file_since_nothing_is_ahead(bank):
    # Well past any grace period at any hour (three days would still end later today when
    # the test runs before the cutoff, Beijing time).
    attempted = timezone.now().astimezone(SHANGHAI) - dt.timedelta(days=9)
    answers = answers_dict(
        timing={
            "due_date": (today() - dt.timedelta(days=10)).isoformat(),
            "attempted_at": attempted.isoformat(),
        }
    )
    case = case_for(answers)
    html = Client().get(f"/plan/{case.code}/").content.decode()
    assert "reminder.ics" not in html and 'id="reminder"' not in html
