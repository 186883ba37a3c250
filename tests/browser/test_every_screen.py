"""Every screen, in both languages: accessible (axe), no sideways scrolling at 360 px,
thumb-sized tap targets. Screenshots land in var/screenshots/ for a reviewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page

from tests.browser.walk import Walk

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
BLOCKING_IMPACTS = {"serious", "critical"}
TAP_TARGETS = (
    "#main .radio, #main button, .language-switch button, .back-link, .summary__action a, a.button"
)
axe = Axe()


def audit(page: Page, name: str) -> dict[str, list]:
    """What is wrong with the screen on show; also saves its screenshot."""
    page.wait_for_load_state("networkidle")
    problems: dict[str, list] = {}
    # Read these before axe runs: axe-core itself applies inline styles as it measures.
    if page.csp_violations:
        problems["content security policy"] = list(page.csp_violations)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = axe.run(page).response
    page.csp_violations.clear()
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} @ {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    if blocking:
        problems["axe"] = blocking
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems["horizontal scroll px"] = [overflow]
    small = page.evaluate(
        """selector => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 20),
                       Math.round(e.getBoundingClientRect().height)])
            .filter(([, height]) => height < 44)""",
        TAP_TARGETS,
    )
    if small:
        problems["tap targets under 44px"] = small
    return problems


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_screenshots_and_audit_of_every_screen(page, live_server, language):
    walk = Walk(page, live_server.url)
    found: dict[str, dict] = {}

    def check(name: str) -> None:
        problems = audit(page, f"{language}-{len(found) + 1:02d}-{name}")
        if problems:
            found[name] = problems
        else:
            found.setdefault(name, {})

    walk.open_start()
    if language == "en":
        walk.switch_language()
        page.wait_for_selector("html[lang=en]")
    check("start")
    walk.tap_start()
    walk.tap_continue()
    page.wait_for_selector("#error-summary")
    check("provider-error")
    walk.choose("provider-provider", "cmb")
    walk.tap_continue("/check/message/")
    check("message")
    walk.tap_continue("/check/problem/")
    check("problem")
    walk.choose("problem-symptom", "declined")
    walk.tap_continue("/check/channel/")
    check("channel")
    walk.choose("channel-channel", "app")
    walk.tap_continue("/check/account/")
    check("account")
    walk.account()
    check("funds")
    walk.funds()
    check("timing")
    walk.timing()
    check("situation")
    walk.situation()
    check("review")
    walk.confirm()
    check("plan")
    page.goto(live_server.url + "/no/such/page/")
    check("not-found")

    assert len(found) == 12
    assert {name: p for name, p in found.items() if p} == {}


def test_readable_at_200_percent_zoom_without_sideways_scrolling(browser, live_server, providers):
    # 200 % zoom on a 360 px phone leaves a 180 CSS-pixel-wide layout.
    context = browser.new_context(
        viewport={"width": 180, "height": 370}, device_scale_factor=4, locale="zh-CN"
    )
    page = context.new_page()
    try:
        walk = Walk(page, live_server.url)
        widths = {}
        walk.open_start()
        widths["start"] = page.evaluate("document.documentElement.scrollWidth")
        walk.tap_start()
        widths["provider"] = page.evaluate("document.documentElement.scrollWidth")
        walk.provider("pingan")
        walk.problem("no_repay_option", "/check/timing/")
        walk.timing()
        widths["timing"] = page.evaluate("document.documentElement.scrollWidth")
        walk.situation()
        walk.confirm()
        widths["plan"] = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(SCREENSHOTS / "zoom-200-plan.png"), full_page=True)
        assert all(width <= 180 for width in widths.values()), widths
    finally:
        context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_screenshots_and_audit_of_the_lender_screens(page, live_server, language):
    """Not knowing the lender, a card tier to choose, and a plan whose facts carry their
    certainty (issue 13's screens)."""
    walk = Walk(page, live_server.url)
    found: dict[str, dict] = {}

    def check(name: str) -> None:
        found[name] = audit(page, f"{language}-lender-{len(found) + 1:02d}-{name}")

    walk.open_start()
    if language == "en":
        walk.switch_language()
        page.wait_for_selector("html[lang=en]")
    walk.tap_start()
    walk.choose("provider-provider", "unknown")
    walk.tap_continue("/check/find_lender/")
    check("find-lender")
    page.click('#main a.button[href$="/provider/"]')
    walk.expect_path("/check/provider/")
    walk.choose("provider-provider", "boc")
    walk.tap_continue("/check/card_tier/")
    check("card-tier")
    walk.tap_continue()
    page.wait_for_selector("#error-summary")
    check("card-tier-error")
    walk.choose("card_tier-card_tier", "platinum")
    walk.tap_continue("/check/message/")
    walk.problem("timeout", "/check/timing/")
    walk.timing()
    walk.situation()
    walk.confirm()
    check("plan-with-facts")
    assert page.locator(".tag--secondary, .tag--unverified").count() >= 1

    assert len(found) == 4
    assert {name: p for name, p in found.items() if p} == {}
