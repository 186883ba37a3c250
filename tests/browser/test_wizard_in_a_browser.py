"""The wizard in Debian's Chromium at 360×740, with JavaScript on and off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.walk import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_full_walk_with_javascript_swaps_screens_without_reloading(page, live_server):
    walk = Walk(page, live_server.url)
    walk.open_start()
    page.evaluate("window.sameDocument = true")
    walk.tap_start()
    walk.provider("cmb")
    walk.problem("declined", "/check/account/")
    walk.account()
    walk.funds()
    walk.timing()
    walk.situation()
    expect(page.locator("h1")).to_have_text("检查你的回答")
    walk.confirm()
    assert page.evaluate("window.sameDocument") is True, "every screen came through htmx"
    expect(page.locator(".deadline__provider")).to_contain_text("招商银行信用卡")
    expect(page).to_have_title(re.compile("^你的处理方案"))
    call = page.locator("a.button--call")
    expect(call).to_have_attribute("href", "tel:4008205555")
    first_step = page.locator(".step").first
    expect(first_step.locator(".step__urgency")).to_have_text("马上做")


def test_full_walk_without_javascript_works_through_plain_form_posts(page_without_js, live_server):
    page = page_without_js
    walk = Walk(page, live_server.url, javascript=False)
    walk.open_start()
    walk.tap_start()
    walk.provider("huabei")
    walk.problem("timeout", "/check/timing/")
    walk.timing()
    walk.situation()
    walk.confirm()
    expect(page.locator(".deadline__provider")).to_contain_text("花呗")
    expect(page.locator(".step__title").first).to_have_text("换个渠道还，或恢复后马上还")
    copy_buttons = page.locator("button[data-copy]")
    assert copy_buttons.count() >= 1
    for button in copy_buttons.all():
        expect(button).to_be_hidden()
    expect(page.locator("#case-summary-text")).to_contain_text("机构:花呗")


def test_back_and_forward_buttons_land_on_the_right_step_with_answers_kept(page, live_server):
    walk = Walk(page, live_server.url)
    walk.open_start()
    walk.tap_start()
    walk.provider("icbc")
    walk.problem("insufficient_funds", "/check/funds/")
    walk.funds()
    page.go_back()
    walk.expect_path("/check/funds/")
    expect(page.locator("h1")).to_have_text("扣款账户里的钱够吗?")
    expect(page.locator('input[name="funds-enough_balance"][value="no"]')).to_be_checked()
    page.go_back()
    walk.expect_path("/check/channel/")
    expect(page.locator('input[name="channel-channel"][value="app"]')).to_be_checked()
    page.go_forward()
    walk.expect_path("/check/funds/")
    expect(page.locator("h1")).to_have_text("扣款账户里的钱够吗?")
    # Carry on from the restored page: the wizard takes the answer as usual.
    walk.tap_continue("/check/timing/")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_error_summary_takes_focus_and_links_to_the_field(
    browser, live_server, providers, javascript
):
    from tests.browser.conftest import new_page

    page = new_page(browser, javascript=javascript)
    try:
        walk = Walk(page, live_server.url, javascript=javascript)
        walk.open_start()
        walk.tap_start()
        walk.tap_continue()
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("请选择你要还款的机构")
        expect(page).to_have_title(re.compile("^错误:"))
        if javascript:
            expect(summary).to_be_focused()
        link = summary.locator("a").first
        target = link.get_attribute("href")
        assert page.locator(target).count() == 1, "the summary links to a real field"
        expect(page.locator(".error-message")).to_contain_text("请选择你要还款的机构")
    finally:
        page.context.close()


def test_language_switch_from_any_page_keeps_you_where_you_were(page, live_server):
    walk = Walk(page, live_server.url)
    walk.open_start()
    walk.tap_start()
    walk.provider("cmb")
    walk.switch_language()
    walk.expect_path("/check/message/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("What did the screen or text message say?")
    walk.problem("timeout", "/check/timing/")
    walk.switch_language()
    walk.expect_path("/check/timing/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_have_text("还款日是哪天,你什么时候还的?")
