"""Walking the wizard the way a person does: tap an answer, tap Continue."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from wizard.engine.answers import SHANGHAI

# The page's own "continue" button: the problem page also has "what does it mean?".
CONTINUE = "#main form button[type=submit]:not([name=read_message])"


@dataclass
class Walk:
    page: Page
    base_url: str
    javascript: bool = True

    def switch_language(self) -> None:
        """The switch is a plain form: a full page load, back to the same screen."""
        with self.page.expect_navigation():
            self.page.click(".language-switch button")
        self.page.wait_for_load_state()

    def open_start(self) -> None:
        self.page.goto(self.base_url + "/")

    def tap_start(self) -> None:
        self.page.click("a.button--start")
        self.expect_path("/check/provider/")

    def choose(self, field: str, value: str) -> None:
        # Tap the label, as a thumb would, not the tiny radio itself.
        radio = self.page.locator(f'input[name="{field}"][value="{value}"]')
        self.page.click(f'label[for="{radio.get_attribute("id")}"]')

    def fill(self, field: str, value: str) -> None:
        self.page.fill(f'input[name="{field}"]', value)

    def tap_continue(self, next_path: str | None = None) -> None:
        self.page.click(CONTINUE)
        if next_path:
            self.expect_path(next_path)

    def expect_path(self, path: str) -> None:
        """Wait for a path; /check/ paths leave out the run id, /plan/ the reference code."""
        pattern = re.escape(self.base_url + path)
        pattern = pattern.replace("/check/", "/check/[A-Za-z0-9_-]{8}/").replace(
            "/plan/", "/plan/[2-9A-Z]{10}/"
        )
        self.page.wait_for_url(re.compile(pattern + "$"))
        self.page.wait_for_load_state()

    def provider(self, slug: str = "cmb") -> None:
        self.choose("provider-provider", slug)
        self.tap_continue("/check/message/")

    def problem(self, symptom: str, next_path: str, channel: str = "app") -> None:
        """From the message page (no message) or the problem page, through the payment
        method, to `next_path`."""
        if self.page.url.endswith("/message/"):
            self.tap_continue("/check/problem/")
        self.choose("problem-symptom", symptom)
        self.tap_continue("/check/channel/")
        self.choose("channel-channel", channel)
        self.tap_continue(next_path)

    def account(self) -> None:
        for field in ("card_number", "holder_name"):
            self.choose(f"account-{field}", "ok")
        self.choose("account-reserved_phone", "wrong")
        self.choose("account-card_status", "normal")
        self.tap_continue("/check/funds/")

    def funds(self) -> None:
        self.choose("funds-enough_balance", "no")
        self.choose("funds-frozen_or_preauth", "no")
        self.choose("funds-limit_reached", "unsure")
        self.tap_continue("/check/timing/")

    def timing(self) -> None:
        when = (dt.datetime.now(tz=SHANGHAI) - dt.timedelta(hours=1)).replace(second=0)
        self.fill("timing-due_date", when.date().isoformat())
        self.fill("timing-attempted_date", when.date().isoformat())
        self.fill("timing-attempted_time", when.strftime("%H:%M"))
        self.tap_continue("/check/situation/")

    def situation(self) -> None:
        self.choose("situation-contacted_provider", "no")
        self.choose("situation-autopay", "off")
        self.tap_continue("/check/review/")

    def confirm(self) -> None:
        self.page.click(CONTINUE)
        self.expect_path("/plan/")
        expect(self.page.locator("h1")).to_be_visible()
