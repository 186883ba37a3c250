"""A deducted-but-not-credited case reopened 16 days later, in Chromium at 360 px: the plan
leads with the regulator, shows the ladder with its dates and the credit record, with and
without JavaScript, accessible (axe) in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.test_every_screen import audit
from tests.browser.walk import Walk
from tests.wizard.helpers import answers_dict, case_for
from wizard.engine.answers import SHANGHAI
from wizard.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def reopened_case(days: int = 16) -> Case:
    made = timezone.now() - dt.timedelta(days=days)
    attempt = (made - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    case = case_for(
        answers_dict(
            provider="huabei",
            symptom="deducted_not_credited",
            account=None,
            funds=None,
            timing={"due_date": attempt.date().isoformat(), "attempted_at": attempt.isoformat()},
        )
    )
    Case.objects.filter(pk=case.pk).update(created_at=made)
    return case


def complaint_due(days: int = 16) -> str:
    made = (timezone.now() - dt.timedelta(days=days)).astimezone(SHANGHAI).date()
    due = made + dt.timedelta(days=15)
    return f"{due.month}月{due.day}日"


def check_ladder(page: Page) -> None:
    first = page.locator(".steps .step__title").first
    expect(first).to_contain_text("15 天的答复期限已过")
    expect(first).to_contain_text("12378")
    ladder = page.locator("#ladder")
    expect(ladder).to_be_visible()
    expect(ladder.locator("#rung-complaint-banking-rules")).to_contain_text(
        f"在 {complaint_due()} 已经到了"
    )
    call = ladder.locator('a[href="tel:12378"]')
    expect(call).to_be_visible()
    assert call.bounding_box()["height"] >= 44
    expect(ladder).to_contain_text("核对于 2026-12-01")
    expect(ladder).not_to_contain_text("tel:12315")
    # Paid on time: not overdue, so the credit record (disputes, 12363) stays folded; the
    # plan's own steps say how to check and dispute a wrong mark.
    credit = page.locator("details#credit-record")
    expect(credit).not_to_have_attribute("open", "")
    expect(credit.locator("#credit-credit-dispute")).to_be_hidden()


def test_the_reopened_plan_leads_with_the_regulator_with_javascript(page, live_server):
    case = reopened_case()
    page.goto(f"{live_server.url}/plan/{case.code}/")
    check_ladder(page)
    # The credit record opens with a tap on its heading and folds away again.
    page.click("#credit-record summary")
    expect(page.locator("#credit-credit-dispute")).to_be_visible()
    page.click("#credit-record summary")
    expect(page.locator("#credit-credit-dispute")).to_be_hidden()
    assert page.csp_violations == []


def test_the_reopened_plan_leads_with_the_regulator_without_javascript(
    page_without_js, live_server
):
    case = reopened_case()
    page_without_js.goto(f"{live_server.url}/plan/{case.code}/")
    check_ladder(page_without_js)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_ladder_passes_axe_at_360_px_in_both_languages(page, live_server, language):
    case = reopened_case()
    page.goto(f"{live_server.url}/plan/{case.code}/")
    if language == "en":
        Walk(page, live_server.url).switch_language()
        page.wait_for_selector("html[lang=en]")
        expect(page.locator("#ladder-title")).to_contain_text("Not solved yet")
        expect(page.locator(".steps .step__title").first).to_contain_text("15-day limit")
    problems = audit(page, f"{language}-plan-reopened-ladder")
    assert problems == {}
