"""The plan as a frightened person reads it on a 360×740 phone: the first screen says what to do,
and the whole plan, with its folded sections closed, is a few screens long.

With SCREENSHOTS=1 the first screen of each situation is saved under docs/screenshots/ (the
figures a reviewer compares before and after a change to the plan page).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page

from tests.wizard.helpers import answers_dict, case_for
from wizard.engine.answers import SHANGHAI

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN_HEIGHT = 740
FIRST_SCREENS = Path(settings.BASE_DIR) / "docs" / "screenshots"
FIGURES = Path(settings.BASE_DIR) / "var" / "screenshots" / "plan-first-screen.json"


def _moment(**delta: float) -> dt.datetime:
    return timezone.now().astimezone(SHANGHAI) + dt.timedelta(**delta)


def _timing(due: dt.date, attempted: dt.datetime) -> dict[str, str]:
    return {"due_date": due.isoformat(), "attempted_at": attempted.isoformat()}


def cannot_pay_due_today() -> dict:
    """Huabei, not enough money, due today, tried half an hour ago."""
    tried = _moment(minutes=-30)
    return answers_dict(
        provider="huabei",
        symptom="insufficient_funds",
        funds={"enough_balance": "no", "frozen_or_preauth": "no", "limit_reached": "no"},
        timing=_timing(tried.date(), tried),
        autopay="off",
    )


def overdue_card() -> dict:
    """A CMB card ten days past its due date, payment declined then."""
    tried = _moment(days=-10)
    return answers_dict(
        provider="cmb", symptom="declined", timing=_timing(tried.date(), tried), autopay="off"
    )


def deducted_not_credited() -> dict:
    """Xiaomi's lender took the money yesterday; the bill still shows it unpaid."""
    tried = _moment(days=-1)
    return answers_dict(
        provider="xiaomi-finance",
        symptom="deducted_not_credited",
        account=None,
        funds=None,
        timing=_timing(tried.date(), tried),
        autopay="on",
    )


SITUATIONS = {
    "cannot-pay": cannot_pay_due_today,
    "overdue": overdue_card,
    "deducted": deducted_not_credited,
}


def measure(page: Page) -> dict[str, float]:
    """Screens scrolled with every folded section closed, and where the first step starts."""
    return page.evaluate(
        """height => {
            document.querySelectorAll('details[open]').forEach(d => d.open = false);
            const first = document.querySelector('.steps .step__title, #step-1 .step__title');
            const top = first ? first.getBoundingClientRect().top + window.scrollY : -1;
            return {screens: document.scrollingElement.scrollHeight / height,
                    first_step_top: top,
                    first_step_bottom: first ? top + first.getBoundingClientRect().height : -1};
        }""",
        SCREEN_HEIGHT,
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("situation", list(SITUATIONS))
def test_first_screen_says_what_to_do_and_the_plan_stays_short(
    page, live_server, language, situation
):
    case = case_for(SITUATIONS[situation]())
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/plan/{case.code}/")
    page.wait_for_load_state("networkidle")
    figures = measure(page)
    page.evaluate("window.scrollTo(0, 0)")
    if os.environ.get("SCREENSHOTS"):
        FIRST_SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(FIRST_SCREENS / f"plan-first-screen-{situation}-{language}.png"))
        page.screenshot(
            path=str(FIGURES.parent / f"plan-folded-{situation}-{language}.png"), full_page=True
        )
        FIGURES.parent.mkdir(parents=True, exist_ok=True)
        recorded = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
        recorded[f"{situation}-{language}"] = figures
        FIGURES.write_text(json.dumps(recorded, indent=2, sort_keys=True))
    assert 0 <= figures["first_step_bottom"] <= SCREEN_HEIGHT, figures
    assert figures["screens"] <= 5, figures
