"""Pasting the message a screen showed, in Chromium at 360 px: with JavaScript the meaning
comes as the person types and the problem is chosen for them; without it, the "what does it
mean?" button does the same; either way the plan starts right. axe clean in both languages."""

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
    page.fill("#id_problem-message", text)
    page.dispatch_event("#id_problem-message", "input")


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
    expect(page.locator('input[name="problem-symptom"][value="timeout"]')).to_be_checked()
    assert audit(page, "zh-hans-problem-message-read") == {}
    walk.choose("problem-channel", "app")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    assert page.evaluate("window.sameDocument") is True, "every screen came through htmx"
    expect(page.locator(".step__title").first).to_contain_text("先别再付")
    expect(page.locator(".message-seen__text")).to_have_text(UNKNOWN)
    expect(page.locator("#case-summary-text")).to_contain_text(UNKNOWN)


def test_with_javascript_the_follow_up_answer_changes_the_suggestion(page, live_server):
    walk = Walk(page, live_server.url)
    walk.open_start()
    walk.tap_start()
    walk.provider("cmb")
    paste(page, MISMATCH)
    expect(page.locator("#message-meaning")).to_contain_text(
        "预留手机号最近换过吗", timeout=READ_TIMEOUT
    )
    symptom = 'input[name="problem-symptom"][value="{}"]'
    expect(page.locator(symptom.format("info_mismatch"))).to_be_checked()
    walk.choose("problem-follow_up", "no")
    expect(page.locator(symptom.format("channel_unavailable"))).to_be_checked()
    # The person's own choice is kept when the meaning comes again.
    walk.choose("problem-symptom", "other")
    paste(page, MISMATCH + " ")
    page.wait_for_timeout(1200)
    expect(page.locator(symptom.format("other"))).to_be_checked()


def test_without_javascript_the_button_reads_the_message_and_the_plan_checks_money_first(
    page_without_js, live_server
):
    page = page_without_js
    walk = Walk(page, live_server.url, javascript=False)
    walk.open_start()
    walk.tap_start()
    walk.provider("huabei")
    page.fill("#id_problem-message", UNKNOWN)
    page.click("button[name=read_message]")
    walk.expect_path("/check/problem/")
    expect(page.locator("#message-meaning")).to_contain_text("钱可能已经扣走了")
    expect(page.locator('input[name="problem-symptom"][value="timeout"]')).to_be_checked()
    walk.choose("problem-channel", "app")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    expect(page.locator(".step__title").first).to_contain_text("先别再付")
    expect(page.locator(".message-seen__text")).to_have_text(UNKNOWN)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_problem_page_with_a_meaning_and_the_plan_quoting_it_pass_axe(
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
    assert audit(page, f"{language}-problem-message-follow-up") == {}
    walk.choose("problem-symptom", "info_mismatch")
    walk.choose("problem-channel", "app")
    walk.tap_continue("/check/account/")
    for field in ("card_number", "holder_name", "reserved_phone"):
        walk.choose(f"account-{field}", "ok")
    walk.choose("account-card_status", "normal")
    walk.tap_continue("/check/timing/")
    finish_after_problem(walk)
    expect(page.locator(".message-seen__text")).to_be_visible()
    assert audit(page, f"{language}-plan-with-message") == {}
