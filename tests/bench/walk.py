"""One person's full walk through the wizard, shared by the load test and the page-cost pass.

The walk takes the longest path (a declined repayment asks every question), so
every step's GET and POST is exercised, then opens the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGEMENT = "repayment_wizard-current_step"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROVIDER_RADIO = re.compile(r'name="provider-provider" value="([^"]+)"')
PLAN_MARK = 'class="step__title"'
DONE_URL = "/check/done/"
PLAN_URL = "/plan/"


@dataclass(frozen=True)
class Step:
    """A wizard page: its name, the answers a person gives, and where the POST leads."""

    name: str
    answers: dict[str, str]
    next_url: str

    @property
    def url(self) -> str:
        return f"/check/{self.name}/"

    def form_data(self, csrf_token: str) -> dict[str, str]:
        return {
            "csrfmiddlewaretoken": csrf_token,
            MANAGEMENT: self.name,
            **{f"{self.name}-{field}": value for field, value in self.answers.items()},
        }


def steps(provider: str, *, now: dt.datetime | None = None) -> list[Step]:
    """The pages of a walk by someone whose repayment was declined an hour ago."""
    attempted = (now or dt.datetime.now(SHANGHAI)).astimezone(SHANGHAI) - dt.timedelta(hours=1)
    return [
        Step("provider", {"provider": provider}, "/check/problem/"),
        Step("problem", {"symptom": "declined", "channel": "app"}, "/check/account/"),
        Step(
            "account",
            {
                "card_number": "ok",
                "holder_name": "ok",
                "reserved_phone": "unsure",
                "card_status": "normal",
            },
            "/check/funds/",
        ),
        Step(
            "funds",
            {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "unsure"},
            "/check/timing/",
        ),
        Step(
            "timing",
            {
                "due_date": attempted.date().isoformat(),
                "attempted_date": attempted.date().isoformat(),
                "attempted_time": attempted.strftime("%H:%M"),
            },
            "/check/situation/",
        ),
        Step("situation", {"contacted_provider": "no", "autopay": "on"}, "/check/review/"),
        # formtools finishes with a redirect to its done step, which stores the answers.
        Step("review", {}, "/check/done/"),
    ]


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise ValueError("no CSRF token in the page")
    return match.group(1)


def provider_choices(html: str) -> list[str]:
    return PROVIDER_RADIO.findall(html)
