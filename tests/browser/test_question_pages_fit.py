"""Each question page fits a phone: at most 2.5 screens at 360×740 in Chromium (the provider
list excepted), measured as a person walks the wizard with a message to read, in both
languages; the seed story's lender and "not sure" on the provider page's first screen; the
step counter's total, once shown, never changes."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import PHONE
from tests.browser.walk import Walk

pytestmark = pytest.mark.django_db(transaction=True)

MAX_SCREENS = 2.5
MISMATCH = "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能 (200013)"
READ_TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def patterns(transactional_db):
    call_command("load_patterns", verbosity=0)


def screens(page: Page) -> float:
    page.wait_for_load_state("networkidle")
    height = page.evaluate("document.scrollingElement.scrollHeight")
    return round(height / PHONE["height"], 2)


def progress(page: Page) -> tuple[int, int | None]:
    """The step counter: (this step, the total or None while it is not certain)."""
    numbers = [int(n) for n in re.findall(r"\d+", page.locator("#progress").inner_text())]
    return numbers[0], numbers[1] if len(numbers) > 1 else None


def bottom(page: Page, selector: str) -> float:
    """Where the element ends, in CSS pixels from the top of the page."""
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_question_page_fits_two_and_a_half_screens_and_the_count_holds(
    page, live_server, language
):
    walk = Walk(page, live_server.url)
    walk.open_start()
    if language == "en":
        walk.switch_language()
        page.wait_for_selector("html[lang=en]")
    walk.tap_start()
    measured: dict[str, float] = {}
    counters: list[tuple[str, int, int | None]] = []

    def measure(name: str) -> None:
        measured[name] = screens(page)
        counters.append((name, *progress(page)))

    measure("provider")
    for slug in ("xiaomi-finance", "unknown"):
        radio = page.locator(f'input[name="provider-provider"][value="{slug}"]')
        end = bottom(page, f'label[for="{radio.get_attribute("id")}"]')
        assert end <= PHONE["height"], f"{slug} ends at {end}px, below the first screen"

    walk.choose("provider-provider", "boc")  # a bank whose grace period differs by card tier
    walk.tap_continue("/check/card_tier/")
    measure("card_tier")
    walk.choose("card_tier-card_tier", "unsure")
    walk.tap_continue("/check/message/")
    measure("message")
    page.wait_for_load_state("networkidle")
    page.fill("#id_message-message", MISMATCH)
    page.dispatch_event("#id_message-message", "input")
    expect(page.locator("#message-meaning fieldset")).to_be_visible(timeout=READ_TIMEOUT)
    measured["message-with-reading"] = screens(page)
    walk.choose("message-follow_up", "yes")
    walk.tap_continue("/check/problem/")
    measure("problem")
    walk.choose("problem-symptom", "declined")
    walk.tap_continue("/check/channel/")
    measure("channel")
    walk.choose("channel-channel", "app")
    walk.tap_continue("/check/account/")
    measure("account")
    walk.account()
    measure("funds")
    walk.funds()
    measure("timing")
    walk.timing(on_remainder=lambda: measure("remainder"))  # shown only past the cutoff
    measure("situation")
    walk.situation()
    measured["review"] = screens(page)
    print(f"screens at 360×740 ({language}): {measured}")

    too_long = {
        name: height
        for name, height in measured.items()
        if name not in ("provider", "review") and height > MAX_SCREENS
    }
    assert too_long == {}
    # Step numbers count the pages as shown; the total appears once it is certain and then
    # stays, and it is the number of question pages this person was asked.
    assert [number for _name, number, _total in counters] == list(range(1, len(counters) + 1))
    totals = [total for _name, _number, total in counters if total is not None]
    assert totals and set(totals) == {len(counters)}, counters
    first_total = next(i for i, (_n, _number, total) in enumerate(counters) if total)
    assert all(total is not None for _n, _number, total in counters[first_total:]), counters
