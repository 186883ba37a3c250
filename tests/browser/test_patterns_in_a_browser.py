"""The message patterns' console in a real browser: the triage list of messages nobody
recognised, a pattern made from one of them, and its preview, in both languages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.browser.conftest import new_page
from tests.browser.test_every_screen import BLOCKING_IMPACTS
from wizard.models import MessagePattern
from wizard.triage.patterns import note_unmatched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1280, "height": 900}


def blocking(page, blocked: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Serious axe findings; the CSP violations so far are checked first, as axe injects
    styles of its own."""
    assert blocked == []
    results = Axe().run(page).response
    blocked.clear()
    return [
        f"{v['id']}: {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_pattern_made_from_the_triage_list_is_previewed_before_it_is_saved(
    browser, live_server, providers, language
):
    call_command("load_patterns", verbosity=0)
    get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    for text, times in [("您的卡片尚未激活(尾号8812)", 4), ("前所未见的提示", 1)]:
        for _ in range(times):
            note_unmatched(text=text, provider="cmb", channel="app", now=timezone.now())
    page = new_page(browser)
    try:
        page.set_viewport_size(DESKTOP)
        blocked: list[str] = []  # on every page of the context, the preview's tab too
        page.context.on(
            "console",
            lambda m: "Content Security Policy" in m.text and blocked.append(m.page.url),
        )
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page.goto(live_server.url + "/admin/login/")
        page.fill("#id_username", "staff")
        page.fill("#id_password", "pw-staff-123")
        with page.expect_navigation():
            page.click("input[type=submit]")

        page.goto(live_server.url + "/admin/wizard/unmatchedmessage/")
        rows = page.locator("#result_list tbody tr")
        assert rows.count() == 2
        assert "尾号#" in rows.first.inner_text()  # most frequent first, redacted
        assert blocking(page, blocked) == []
        with page.expect_navigation():
            rows.first.locator("a.new-pattern-link").click()

        assert page.locator("textarea[name=phrases]").input_value() == "您的卡片尚未激活尾号"
        assert page.locator("select[name=status]").input_value() == "draft"
        assert page.locator("select[name=channel]").input_value() == "app"
        page.select_option("select[name=symptom]", "card_problem")
        page.fill("textarea[name=explanation_zh]", "这张卡还没有激活。")
        page.fill("textarea[name=explanation_en]", "This card has not been activated yet.")
        page.fill("textarea[name=next_step_zh]", "先激活这张卡,再还款。")
        page.fill("textarea[name=next_step_en]", "Activate the card, then repay.")
        page.fill("textarea[name=source]", "https://example.com/messages")
        assert blocking(page, blocked) == []
        with page.context.expect_page() as opened:
            page.click("input[name=_preview]")
        preview = opened.value
        preview.wait_for_load_state("networkidle")
        assert preview.locator("#messages tbody tr").count() == 1
        assert "4" in preview.locator("#messages tbody tr").inner_text()
        assert preview.get_attribute("html", "lang") == language
        assert blocking(preview, blocked) == []
        preview.close()
        assert not MessagePattern.objects.filter(phrases__contains="尚未激活").exists()
    finally:
        page.context.close()
