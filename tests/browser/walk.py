"""Walking the wizard the way a person does: tap an answer, tap Continue."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page, expect

from tests.wizard.helpers import page_answers
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

    def expect_path(self, path: str, *, or_path: str | None = None) -> None:
        """Wait for a path (or another); /check/ paths leave out the run id, /plan/ the
        reference code."""
        patterns = []
        for each in (path, or_path) if or_path else (path,):
            pattern = re.escape(self.base_url + each)
            pattern = pattern.replace("/check/", "/check/[A-Za-z0-9_-]{8}/").replace(
                "/plan/", "/plan/[2-9A-Z]{10}/"
            )
            patterns.append(f"(?:{pattern})")
        self.page.wait_for_url(re.compile("|".join(patterns) + "$"))
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

    def answer(self, page: str, next_path: str, **changes: str) -> None:
        """Tap the page's good answer (tests.wizard.helpers.page_answers), these fields
        changed, and Continue."""
        for field, value in page_answers(page, **changes).items():
            self.choose(f"{page}-{field}", value)
        self.tap_continue(next_path)

    def account(self) -> None:
        self.answer("account", "/check/funds/", reserved_phone="wrong")

    def funds(self) -> None:
        self.answer("funds", "/check/timing/", enough_balance="no", limit_reached="unsure")

    def timing(self, on_remainder: Callable[[], None] | None = None) -> None:
        """The timing page; then, past the due date's cutoff (so depending on the hour the
        test runs), a lender with a tolerance asks what is unpaid: `on_remainder` is called
        on that page before it is answered."""
        when = (dt.datetime.now(tz=SHANGHAI) - dt.timedelta(hours=1)).replace(second=0)
        for field, value in page_answers("timing", when=when).items():
            self.fill(f"timing-{field}", value)
        self.tap_continue()
        self.expect_path("/check/situation/", or_path="/check/remainder/")
        if "/remainder/" in self.page.url:
            if on_remainder is not None:
                on_remainder()
            self.choose("remainder-remainder", "unsure")
            self.tap_continue("/check/situation/")

    def situation(self) -> None:
        self.answer("situation", "/check/review/", autopay="off")

    def confirm(self) -> None:
        self.page.click(CONTINUE)
        self.expect_path("/plan/")
        expect(self.page.locator("h1")).to_be_visible()
