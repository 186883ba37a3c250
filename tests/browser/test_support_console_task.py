"""The support console's realistic task, as a new support person does it at 1366×768: change
CCB's grace end time with its provenance, preview it as the phone page for "the next morning",
save, and find the change in the history in words. Records how many screens were scrolled.

With SCREENSHOTS=1 it also saves the provider page, the preview and the insights page under
docs/screenshots/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page

from providers.facts import Certainty
from providers.models import Provider
from tests.browser.conftest import new_page
from tests.conftest import ensure_support_group
from tests.factories import UserFactory
from tests.wizard.helpers import case_for, recent_answers
from wizard.engine.answers import SHANGHAI
from wizard.models import Case, FunnelCount, UnmatchedMessage

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 768}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
# Every scroll movement on every page, summed (Playwright scrolls an element into view
# before it clicks or types, as a person would).
COUNT_SCROLLING = """
window.__scrolled = 0; let last = 0;
addEventListener('scroll', () => {
  window.__scrolled += Math.abs(scrollY - last); last = scrollY;
});
"""


def sign_in_as_support(page: Page, url: str) -> None:
    ensure_support_group()
    UserFactory(username="helper", groups=["support"])
    page.goto(url + "/admin/login/")
    page.fill("#id_username", "helper")
    page.fill("#id_password", "correct-horse-battery-staple")
    with page.expect_navigation():
        page.click("input[type=submit]")


def scrolled(page: Page) -> float:
    """Screens scrolled on this page since the last look (read before leaving a page)."""
    pixels = page.evaluate(
        "(() => { const s = window.__scrolled || 0; window.__scrolled = 0; return s; })()"
    )
    return pixels / DESKTOP["height"]


def some_weeks_of_use() -> None:
    """Cases, page counters and an unrecognised message, so the insights have something to say."""
    today = timezone.localdate()
    for n, (slug, outcome) in enumerate(
        [("ccb", "not_solved")] * 3
        + [("cmb", "not_solved"), ("unknown", "not_solved")]
        + [("ccb", "solved"), ("cmb", "partly")]
    ):
        case = case_for(recent_answers(provider=slug, symptom="timeout"))
        day = today - dt.timedelta(days=n % 4)
        created = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI)
        Case.objects.filter(pk=case.pk).update(
            created_at=created, outcome=outcome, feedback_at=created
        )
    counters = [("provider", 120), ("problem", 70), ("timing", 64), ("situation", 62)]
    for stage, runs in [*counters, ("review", 60), ("done", 57), ("feedback", 9)]:
        FunnelCount.objects.create(day=today, stage=stage, provider_slug="", symptom="", runs=runs)
    now = timezone.now()
    UnmatchedMessage.objects.create(
        digest="browser-test",
        normalised="交易失败 错误码 e1002",
        example="交易失败,错误码 E1002",
        count=9,
        first_seen=now,
        last_seen=now,
    )


def shoot(page: Page, name: str) -> None:
    if os.environ.get("SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name))


def test_a_support_person_changes_ccbs_grace_end_previews_saves_and_finds_it(
    browser, live_server, providers
):
    ccb = Provider.objects.get(slug="ccb")
    old_end = ccb.grace_ends_at.strftime("%H:%M")
    old_certainty = Certainty(ccb.grace_certainty).label
    page = new_page(browser)
    page.set_viewport_size(DESKTOP)
    page.context.add_init_script(COUNT_SCROLLING)
    screens = 0.0
    try:
        sign_in_as_support(page, live_server.url)
        page.goto(f"{live_server.url}/admin/providers/provider/{ccb.pk}/change/")
        height = page.evaluate("document.documentElement.scrollHeight") / DESKTOP["height"]
        save = page.locator("input[name=_save]").first
        assert save.bounding_box()["y"] + save.bounding_box()["height"] <= DESKTOP["height"]
        assert height <= 3.5, f"the provider page is {height:.1f} screens with its facts folded"
        shoot(page, "console-provider.png")

        # Top down, as the page reads: why, then the fact itself.
        page.fill("input[name=change_reason]", "建行公告:宽限期最后一天 17:00 截止")
        grace = page.locator("#fact-grace")
        grace.locator("summary").click()
        assert grace.get_attribute("open") is not None
        grace.locator("input[name=grace_ends_at]").fill("17:00")
        grace.locator("select[name=grace_certainty]").select_option("official")
        grace.locator("textarea[name=grace_source]").fill("https://ccb.example.cn/notice-2026-12")
        grace.locator("textarea[name=grace_quote]").fill("宽限期最后一天 17:00 前到账视为按时还款")
        checked = timezone.localdate().isoformat()  # a date typed as today, whatever today is
        grace.locator("input[name=grace_checked_on]").fill(checked)
        old_note = grace.locator("textarea[name=grace_note]").input_value()
        assert old_note and old_note == ccb.grace_note  # the old note is there to keep or rewrite
        grace.locator("textarea[name=grace_note]").fill(f"{checked} 按建行公告改为 17:00。")

        with page.context.expect_page() as opened:
            grace.locator("input[name=_preview_grace]").click()
        screens += scrolled(page)
        preview = opened.value
        preview.wait_for_load_state()
        preview.set_viewport_size(DESKTOP)
        morning = preview.locator("#situation-next_morning").locator("xpath=..")
        assert "还款日的第二天早上" in morning.locator("h2").inner_text()
        phone = morning.frame_locator("iframe")
        assert "17:00" in phone.locator(".deadline").inner_text()
        assert morning.locator("iframe").evaluate("frame => frame.clientWidth") == 360
        assert preview.locator(".phone-preview__problems").count() == 0
        screens += scrolled(preview)
        shoot(preview, "console-preview.png")
        preview.close()

        page.bring_to_front()
        save_here = grace.locator("input[name=_save]")
        save_here.scroll_into_view_if_needed()
        screens += scrolled(page)
        with page.expect_navigation():
            save_here.click()
        assert page.locator(".messagelist .success").count() == 1, page.locator(
            ".errornote, .errorlist"
        ).all_inner_texts()
        ccb.refresh_from_db()
        assert ccb.grace_ends_at.strftime("%H:%M") == "17:00"

        page.goto(f"{live_server.url}/admin/providers/provider/{ccb.pk}/history/")
        latest = page.locator("#change-history tbody tr").first
        text = latest.inner_text()
        assert f"宽限期最后一天的截止时间:{old_end} → 17:00" in text
        assert f"{old_certainty} → 机构官方确认" in text
        assert "建行公告:宽限期最后一天 17:00 截止" in text
        table = page.locator("#change-history").inner_text()
        for raw in ("weak", "official", "None", ":00:00"):
            assert raw not in table, raw
        assert not re.search(r"[A-Za-z]{3,}", page.locator("#change-history thead").inner_text())
        screens += scrolled(page)

        some_weeks_of_use()
        page.goto(f"{live_server.url}/admin/wizard/case/insights/")
        assert page.locator("#fix-unsolved li").first.inner_text().startswith("建设银行信用卡")
        shoot(page, "console-insights.png")
        print(json.dumps({"screens_scrolled": round(screens, 2), "page_screens": round(height, 2)}))
        assert screens <= 3
    finally:
        page.context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_reshaped_console_page_passes_axe(browser, live_server, providers, language):
    from axe_playwright_python.sync_playwright import Axe

    ccb = Provider.objects.get(slug="ccb").pk
    page = new_page(browser)
    page.set_viewport_size(DESKTOP)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    try:
        sign_in_as_support(page, live_server.url)
        some_weeks_of_use()
        found = {}
        for path in [
            "/admin/",
            f"/admin/providers/provider/{ccb}/change/",
            f"/admin/providers/provider/{ccb}/change/?fact=grace",
            f"/admin/providers/provider/{ccb}/preview/?fact=grace",
            f"/admin/providers/provider/{ccb}/history/",
            "/admin/wizard/case/insights/",
            "/admin/providers/provider/recheck/",
        ]:
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang").lower() == language
            results = Axe().run(page).response
            serious = [
                v["id"] for v in results["violations"] if v["impact"] in ("serious", "critical")
            ]
            if serious:
                found[path] = serious
        assert found == {}
    finally:
        page.context.close()
