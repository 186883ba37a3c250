"""The insights page in a real browser at a desktop's width, in both languages: the funnel
and the solve rates drawn under the strict CSP, accessible (axe), with screenshots in
var/screenshots/ for a reviewer."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.browser.conftest import new_page
from tests.browser.test_every_screen import BLOCKING_IMPACTS, SCREENSHOTS
from wizard.models import FunnelCount

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}
# Six weeks of a plausible month and a half: (stage, provider, problem) → runs per day.
DAILY = {
    ("provider", "", ""): 60,
    ("message", "huabei", ""): 22,
    ("message", "jd-baitiao", ""): 14,
    ("message", "cmb", ""): 12,
    ("problem", "huabei", ""): 21,
    ("problem", "jd-baitiao", ""): 14,
    ("problem", "cmb", ""): 11,
    ("channel", "huabei", "declined"): 9,
    ("channel", "huabei", "timeout"): 10,
    ("channel", "jd-baitiao", "insufficient_funds"): 7,
    ("channel", "cmb", "timeout"): 9,
    ("account", "huabei", "declined"): 8,
    ("funds", "huabei", "declined"): 7,
    ("funds", "jd-baitiao", "insufficient_funds"): 6,
    ("timing", "huabei", "declined"): 6,
    ("timing", "huabei", "timeout"): 9,
    ("timing", "jd-baitiao", "insufficient_funds"): 5,
    ("timing", "cmb", "timeout"): 8,
    ("situation", "huabei", "declined"): 6,
    ("situation", "huabei", "timeout"): 8,
    ("situation", "jd-baitiao", "insufficient_funds"): 4,
    ("situation", "cmb", "timeout"): 7,
    ("review", "huabei", "declined"): 5,
    ("review", "huabei", "timeout"): 8,
    ("review", "jd-baitiao", "insufficient_funds"): 4,
    ("review", "cmb", "timeout"): 6,
    ("done", "huabei", "declined"): 5,
    ("done", "huabei", "timeout"): 7,
    ("done", "jd-baitiao", "insufficient_funds"): 4,
    ("done", "cmb", "timeout"): 6,
    ("feedback", "huabei", "declined"): 3,
    ("feedback", "huabei", "timeout"): 4,
    ("feedback", "jd-baitiao", "insufficient_funds"): 2,
    ("feedback", "cmb", "timeout"): 3,
}


def count_six_weeks(today: dt.date) -> None:
    rows = []
    for age in range(42):
        day = today - dt.timedelta(days=age)
        for (stage, provider, symptom), runs in DAILY.items():
            rows.append(
                FunnelCount(
                    day=day,
                    stage=stage,
                    provider_slug=provider,
                    symptom=symptom,
                    runs=runs + age % 3,
                )
            )
            if stage == "feedback":
                # Solve rates that move from week to week, differently per provider.
                solved = (runs + age % 3) * ((age // 7 + len(provider)) % 4 + 1) // 5
                rows.append(
                    FunnelCount(
                        day=day,
                        stage="solved",
                        provider_slug=provider,
                        symptom=symptom,
                        runs=solved,
                    )
                )
    FunnelCount.objects.bulk_create(rows)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_screenshots_of_the_insights_page_funnel_and_solve_rates(
    browser, live_server, providers, language
):
    get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    today = timezone.localdate()
    count_six_weeks(today)
    page = new_page(browser)
    try:
        page.set_viewport_size(DESKTOP)
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", "pw-staff-123")
        with page.expect_navigation():
            page.click("input[type=submit]")
        start = (today - dt.timedelta(days=41)).isoformat()
        response = page.goto(
            f"{live_server.url}/admin/wizard/case/insights/?start={start}&end={today.isoformat()}"
        )
        page.wait_for_load_state("networkidle")
        assert response.status == 200
        assert page.csp_violations == []
        html_lang = page.get_attribute("html", "lang")
        assert html_lang == ("en" if language == "en" else "zh-hans")
        charts = page.locator("svg[role=img][aria-labelledby]")
        assert charts.count() == 3
        # The charts are drawn at a readable size, inside the page without sideways scrolling.
        for n in range(charts.count()):
            box = charts.nth(n).bounding_box()
            assert box is not None and box["width"] >= 600, box
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"insights-{language}.png"), full_page=True)
        page.locator("#where-stuck").screenshot(
            path=str(SCREENSHOTS / f"insights-funnel-{language}.png")
        )
        results = Axe().run(page).response
        blocking = [
            f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
            if v["impact"] in BLOCKING_IMPACTS
        ]
        assert blocking == []
        # The provider filter narrows the funnel to the pages after the provider is known.
        page.select_option("#id_provider", "huabei")
        with page.expect_navigation():
            page.click(".insight-range input[type=submit]")
        # message, problem, channel, account, funds, timing, situation, review, done,
        # feedback, solved
        assert page.locator(".insight-table").first.locator("tbody tr").count() == 11
        assert page.csp_violations == []
    finally:
        page.context.close()
