"""A real browser: Debian's Chromium driven by Playwright, at a phone's size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; the live server's
# database work happens in its own thread, so Django's async guard is moot here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(autouse=True)
def _plain_static_names(settings):
    """The live server serves static/ by its own names, not the hashed production copies.

    (The hashed, compressed pipeline is checked in tests/wizard/test_page_weight.py.)
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session")
def browser() -> Browser:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is not installed: `make test` installs it (apt-get chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def providers(transactional_db) -> None:
    """The shipped records, as `make run` loads them."""
    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)


def new_page(browser: Browser, *, javascript: bool = True) -> Page:
    context = browser.new_context(
        viewport=PHONE, locale="zh-CN", java_script_enabled=javascript, timezone_id="Asia/Shanghai"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Chromium reports every blocked inline script or style on the console.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )
    return page


@pytest.fixture
def page(browser, live_server, providers) -> Page:
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def page_without_js(browser, live_server, providers) -> Page:
    page = new_page(browser, javascript=False)
    yield page
    page.context.close()


def as_owner(page: Page, base_url: str, case) -> None:
    """Give the page's browser the session that made `case`, as finishing the wizard does:
    only the owner's plan page offers the feedback and evidence forms."""
    from importlib import import_module

    from django.conf import settings

    from wizard.cases.access import remember_own_case

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    remember_own_case(session, case.code)
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": base_url}]
    )
