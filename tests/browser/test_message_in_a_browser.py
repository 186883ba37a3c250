"""Pasting the message a screen showed, in Chromium at 360 px: with JavaScript the meaning
comes as the person types; without it, the page shows it when the person goes on (or asks
with the "what does it mean?" button). The next page asks to confirm the problem the message
points to; either way the plan starts right. axe clean in both languages."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.test_every_screen import audit
from tests.browser.walk import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNKNOWN = "交易处理中,支付结果未知,请勿重复支付"
# The first reading in a fresh server compiles the patterns (and loads OpenCC's tables).
READ_TIMEOUT = 20_000
MISMATCH = "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能 (200013)"


@pytest.fixture(autouse=True)
def patterns(transactional_db):
    call_command("load_patterns", verbosity=0)


def paste(page, text: str) -> None:  # type: ignore[no-untyped-def]
    """Paste into the message field once htmx has taken over the page it swapped in (an
    input event before that would be missed, as a person's first keystroke never is)."""
    page.wait_for_load_state("networkidle")
    page.fill("#id_message-message", text)
    page.dispatch_event("#id_message-message", "input")


def finish_after_problem(walk: Walk) -> None:
    walk.timing()
    walk.situation()
    walk.confirm()


def test_with_javascript_the_meaning_comes_while_typing_and_the_plan_checks_money_first(
    page, live_server
):
    walk = Walk(page, live_server.url)
    walk.open_start()
    page.evaluate("window.sameDocument = true")
    walk.tap_start()
    walk.provider("huabei")
    paste(page, UNKNOWN)
    meaning = page.locator("#message-meaning")
    expect(meaning).to_contain_text("钱可能已经扣走了", timeout=READ_TIMEOUT)
    expect(meaning).to_contain_text("一直转圈、超时或网络错误")
    assert audit(page, "zh-hans-message-read") == {}
    walk.tap_continue("/check/problem/")
    expect(page.locator("h1")).to_contain_text("提示的意思是“一直转圈、超时或网络错误”,对吗?")
    expect(page.locator('input[name="problem-symptom"][value="timeout"]')).to_be_checked()
    walk.tap_continue("/check/channel/")
    walk.choose("channel-channel", "app")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    assert page.evaluate("window.sameDocument") is True, "every screen came through htmx"
    expect(page.locator(".step__title").first).to_contain_text("先别再付")
    expect(page.locator(".message-seen__text")).to_have_text(UNKNOWN)
    expect(page.locator("#case-summary-text")).to_contain_text(UNKNOWN)


def test_with_javascript_the_follow_up_answer_changes_the_problem_to_confirm(page, live_server):
    walk = Walk(page, live_server.url)
    walk.open_start()
    walk.tap_start()
    walk.provider("cmb")
    paste(page, MISMATCH)
    meaning = page.locator("#message-meaning")
    expect(meaning).to_contain_text("预留手机号最近换过吗", timeout=READ_TIMEOUT)
    expect(meaning).to_contain_text("信息不符")
    walk.choose("message-follow_up", "no")
    expect(meaning).to_contain_text("还款渠道不可用或正在维护")
    walk.tap_continue("/check/problem/")
    symptom = 'input[name="problem-symptom"][value="{}"]'
    expect(page.locator(symptom.format("channel_unavailable"))).to_be_checked()
    # The person's own choice is theirs to make.
    walk.choose("problem-symptom", "other")
    walk.tap_continue("/check/channel/")
    page.go_back()
    walk.expect_path("/check/problem/")
    expect(page.locator(symptom.format("other"))).to_be_checked()


def test_without_javascript_going_on_shows_the_reading_first_and_the_plan_checks_money_first(
    page_without_js, live_server
):
    page = page_without_js
    walk = Walk(page, live_server.url, javascript=False)
    walk.open_start()
    walk.tap_start()
    walk.provider("huabei")
    page.fill("#id_message-message", UNKNOWN)
    walk.tap_continue("/check/message/")
    expect(page.locator("#message-meaning")).to_contain_text("钱可能已经扣走了")
    walk.tap_continue("/check/problem/")
    expect(page.locator('input[name="problem-symptom"][value="timeout"]')).to_be_checked()
    walk.tap_continue("/check/channel/")
    walk.choose("channel-channel", "app")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    expect(page.locator(".step__title").first).to_contain_text("先别再付")
    expect(page.locator(".message-seen__text")).to_have_text(UNKNOWN)


def test_without_javascript_the_button_reads_the_message_and_asks_the_follow_up(
    page_without_js, live_server
):
    page = page_without_js
    walk = Walk(page, live_server.url, javascript=False)
    walk.open_start()
    walk.tap_start()
    walk.provider("cmb")
    page.fill("#id_message-message", MISMATCH)
    page.click("button[name=read_message]")
    walk.expect_path("/check/message/")
    expect(page.locator("#message-meaning")).to_contain_text("预留手机号最近换过吗")
    walk.choose("message-follow_up", "no")
    walk.tap_continue("/check/problem/")
    expect(
        page.locator('input[name="problem-symptom"][value="channel_unavailable"]')
    ).to_be_checked()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_message_and_problem_pages_and_the_plan_quoting_the_message_pass_axe(
    page, live_server, language
):
    walk = Walk(page, live_server.url)
    walk.open_start()
    if language == "en":
        walk.switch_language()
        page.wait_for_selector("html[lang=en]")
    walk.tap_start()
    walk.provider("cmb")
    paste(page, MISMATCH)
    expect(page.locator("#message-meaning fieldset")).to_be_visible(timeout=READ_TIMEOUT)
    assert audit(page, f"{language}-message-follow-up") == {}
    walk.tap_continue("/check/problem/")
    expect(page.locator('input[name="problem-symptom"][value="info_mismatch"]')).to_be_checked()
    assert audit(page, f"{language}-problem-confirm") == {}
    walk.tap_continue("/check/channel/")
    walk.choose("channel-channel", "app")
    walk.tap_continue("/check/account/")
    for field in ("card_number", "holder_name", "reserved_phone"):
        walk.choose(f"account-{field}", "ok")
    walk.choose("account-card_status", "normal")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    page.locator("#message-seen summary").click()  # folded since issue 20's plan page
    expect(page.locator(".message-seen__text")).to_be_visible()
    assert audit(page, f"{language}-plan-with-message") == {}
