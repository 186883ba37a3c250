"""The plan's calendar reminder, the deadline to copy and the evidence ticks in Debian's
Chromium at 360×740, with JavaScript on and off, audited in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PHONE, as_owner, new_page
from tests.browser.test_every_screen import audit
from tests.wizard.helpers import WECHAT, case_for, ccb_possibly_in_grace
from wizard.engine.answers import SHANGHAI
from wizard.models import Case
from wizard.planner import plan_for_answers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def deducted_at_huabei() -> dict:
    moment = timezone.now().astimezone(SHANGHAI) - dt.timedelta(hours=1)
    return {
        **ccb_possibly_in_grace(),
        "provider": "huabei",
        "symptom": "deducted_not_credited",
        "timing": {"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
    }


def open_plan(page: Page, base_url: str, case: Case, *, language: str = "zh-hans") -> None:
    """Open the plan as the person who made the case."""
    as_owner(page, base_url, case)
    if language == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": base_url}])
    page.goto(f"{base_url}/plan/{case.code}/")
    page.wait_for_load_state()


def open_fold(page: Page, fold: str) -> None:
    """Tap a folded section's title, as a person would, unless it is open already."""
    if page.locator(f"details#{fold}[open]").count() == 0:
        page.click(f"#{fold} > summary")


def open_evidence(page: Page) -> None:
    """The evidence list folds away below the steps: tap its title, as a person would."""
    if page.locator("details#evidence[open]").count() == 0:
        page.click("#evidence > summary")


def send_ticks(page: Page, case: Case) -> None:
    """Tap "save", and wait for the plan the POST is redirected to (htmx or a page load)."""
    with page.expect_response(
        lambda r: r.request.method == "GET" and r.url.split("#")[0].endswith(f"/plan/{case.code}/")
    ):
        page.click("#evidence button[type=submit]")
    page.wait_for_load_state()


def downloaded_calendar(page: Page) -> tuple[str, Calendar]:
    with page.expect_download() as info:
        page.click("a.reminder__download")
    download = info.value
    return download.suggested_filename, Calendar.from_ical(Path(download.path()).read_bytes())


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_reminder_link_downloads_a_calendar_file_with_the_plans_times(
    browser: Browser, live_server, providers, javascript
):
    answers = ccb_possibly_in_grace()
    case = case_for(answers)
    plan = plan_for_answers(answers, now=timezone.now(), language="zh-hans")
    page = new_page(browser, javascript=javascript)
    try:
        open_plan(page, live_server.url, case)
        link = page.locator("a.reminder__download")
        expect(link).to_have_attribute("href", f"/plan/{case.code}/reminder.ics")
        if javascript:
            page.evaluate("window.sameDocument = true")
        name, calendar = downloaded_calendar(page)
        assert name == f"repayment-{case.code}.ics"
        ends = sorted(event.decoded("DTEND") for event in calendar.walk("VEVENT"))
        assert ends == [plan.deadline, plan.grace_deadline]
        expect(page).to_have_url(f"{live_server.url}/plan/{case.code}/")
        if javascript:
            assert page.evaluate("window.sameDocument") is True, "htmx left the link alone"
    finally:
        page.context.close()


def test_with_javascript_the_deadline_copies_to_the_clipboard(browser, live_server, providers):
    case = case_for(ccb_possibly_in_grace())
    page = new_page(browser)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        open_plan(page, live_server.url, case)
        open_fold(page, "reminder-copy")
        line = page.locator("#deadline-line").input_value()
        assert line.startswith("建设银行") and "未经官方确认" in line
        page.click('button[data-copy="deadline-line"]')
        expect(page.locator("#reminder [data-copy-status]")).to_have_text("已复制")
        assert page.evaluate("navigator.clipboard.readText()") == line
    finally:
        page.context.close()


def test_without_javascript_the_deadline_is_plain_selectable_text(page_without_js, live_server):
    page = page_without_js
    case = case_for(ccb_possibly_in_grace())
    open_plan(page, live_server.url, case)
    open_fold(page, "reminder-copy")
    expect(page.locator('button[data-copy="deadline-line"]')).to_be_hidden()
    expect(page.locator("#deadline-line")).to_be_visible()
    expect(page.locator("#deadline-line")).to_have_attribute("readonly", "")


def test_inside_wechat_the_page_shows_the_open_in_browser_hint_instead_of_the_link(
    browser: Browser, live_server, providers
):
    case = case_for(ccb_possibly_in_grace())
    context = browser.new_context(viewport=PHONE, locale="zh-CN", user_agent=WECHAT)
    page = context.new_page()
    try:
        open_plan(page, live_server.url, case)
        expect(page.locator(".reminder__wechat")).to_contain_text("点右上角 ··· → 在浏览器打开")
        assert page.locator("a.reminder__download").count() == 0
        expect(page.locator("#deadline-line")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_evidence_ticks_are_sent_and_come_back_ticked(
    browser: Browser, live_server, providers, javascript
):
    case = case_for(deducted_at_huabei())
    page = new_page(browser, javascript=javascript)
    try:
        open_plan(page, live_server.url, case)
        open_evidence(page)
        page.click('label[for="evidence-statement_line"]')
        page.click('label[for="evidence-call_records"]')
        send_ticks(page, case)
        expect(page.locator("#main")).to_contain_text("已记下你保存了哪些证据")
        expect(page.locator("#evidence-statement_line")).to_be_checked()
        expect(page.locator("#evidence-call_records")).to_be_checked()
        expect(page.locator("#evidence-bill_state")).not_to_be_checked()
        expect(page.locator("#case-summary-text")).to_contain_text(
            "证据(已保存):银行流水里的那笔扣款(时间和金额);联系客服的时间和工单号"
        )
        case.refresh_from_db()
        assert case.evidence == ["statement_line", "call_records"]
        # Unticking one and sending again keeps only the other.
        page.click('label[for="evidence-call_records"]')
        send_ticks(page, case)
        expect(page.locator("#evidence-call_records")).not_to_be_checked()
        case.refresh_from_db()
        assert case.evidence == ["statement_line"]
    finally:
        page.context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_reminder_and_evidence_sections_are_accessible_at_360_px(page, live_server, language):
    found = {}
    for name, answers in (
        ("possibly-in-grace", ccb_possibly_in_grace()),
        ("money-left", deducted_at_huabei()),
    ):
        case = case_for(answers)
        open_plan(page, live_server.url, case, language=language)
        expect(page.locator("#evidence")).to_be_visible()
        expect(page.locator("#reminder")).to_be_visible()
        open_evidence(page)
        page.click('label[for="evidence-bill_state"]')
        send_ticks(page, case)
        expect(page.locator("#evidence-bill_state")).to_be_checked()
        found[name] = audit(page, f"{language}-reminder-evidence-{name}")
    assert {name: problems for name, problems in found.items() if problems} == {}
