"""One person's full walk through the wizard, shared by the load test, the page-cost pass and
the test that keeps both in step with the site.

The walk takes the longest path (a declined repayment asks every question), so every step's
GET and POST is exercised, then it opens the plan. It is written once, against a `send`
function that each driver supplies (locust's HTTP client, Django's test client); each request
says what a correct answer looks like, and the driver reports a wrong one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
RUN_IN_URL = re.compile(r"/check/([A-Za-z0-9_-]{8})/")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PROVIDER_RADIO = re.compile(r'name="provider-provider" value="([^"]+)"')
RUN_URL = re.compile(r"^(/check/[A-Za-z0-9_-]{8}/)provider/$")
PLAN_URL = re.compile(r"^/plan/[A-Z0-9]{10}/$")
PLAN_MARK = 'class="step__title"'
UNKNOWN_PROVIDER = "unknown"  # providers.facts.UNKNOWN_PROVIDER
# What a TLS-terminating load balancer adds to every request (DJANGO_BEHIND_PROXY=1).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def management_field(url: str) -> str:
    """The wizard's hidden step field on a page of the run in `url`: formtools names it
    after the wizard's prefix, which carries the run id (RepaymentWizard.get_prefix)."""
    found = RUN_IN_URL.search(url)
    if found is None:
        raise ValueError(f"no wizard run in {url!r}")
    return f"repayment_wizard_{found.group(1)}-current_step"


class WalkFailed(Exception):
    """A page answered something a person's browser would not have expected."""


@dataclass(frozen=True)
class Reply:
    status: int
    location: str
    text: str


@dataclass(frozen=True)
class Request:
    """One request of the walk, named as the benchmark reports it, with what must come back."""

    name: str
    method: str
    url: str
    data: dict[str, str] | None = None
    status: int = 200
    location: re.Pattern[str] | str | None = None
    contains: str = field(default="")

    def problem(self, reply: Reply) -> str | None:
        """Why the reply is wrong, or None when it is what the walk expects."""
        if reply.status != self.status:
            return f"{self.name} {self.url} answered {reply.status}, not {self.status}"
        if isinstance(self.location, str) and reply.location != self.location:
            return f"{self.name} {self.url} led to {reply.location!r}, not {self.location!r}"
        if isinstance(self.location, re.Pattern) and not self.location.match(reply.location):
            return f"{self.name} {self.url} led to {reply.location!r}"
        if self.contains and self.contains not in reply.text:
            return f"{self.name} {self.url} lacks {self.contains!r}"
        return None


Send = Callable[[Request], Reply]


@dataclass(frozen=True)
class Step:
    """A wizard page: its name, the answers a person gives, and the page after it."""

    name: str
    answers: dict[str, str]
    next_step: str

    def form_data(self, csrf_token: str, *, url: str) -> dict[str, str]:
        return {
            "csrfmiddlewaretoken": csrf_token,
            management_field(url): self.name,
            **{f"{self.name}-{name}": value for name, value in self.answers.items()},
        }


def steps(provider: str, *, now: dt.datetime | None = None) -> list[Step]:
    """The pages of a walk by someone whose repayment, due today, was declined an hour ago (or
    at midnight, in the first hour of the day: an attempt on yesterday's date would be due
    yesterday, and a walk past its due date asks a page this one does not)."""
    now = (now or dt.datetime.now(SHANGHAI)).astimezone(SHANGHAI)
    midnight = dt.datetime.combine(now.date(), dt.time(0), tzinfo=SHANGHAI)
    attempted = max(now - dt.timedelta(hours=1), midnight)
    return [
        Step("provider", {"provider": provider}, "message"),
        Step("message", {"message": ""}, "problem"),
        Step("problem", {"symptom": "declined"}, "channel"),
        Step("channel", {"channel": "app"}, "account"),
        Step(
            "account",
            {
                "card_number": "ok",
                "holder_name": "ok",
                "reserved_phone": "unsure",
                "card_status": "normal",
            },
            "funds",
        ),
        Step(
            "funds",
            {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "unsure"},
            "timing",
        ),
        Step(
            "timing",
            {
                "due_date": attempted.date().isoformat(),
                "attempted_date": attempted.date().isoformat(),
                "attempted_time": attempted.strftime("%H:%M"),
            },
            "situation",
        ),
        Step("situation", {"contacted_provider": "no", "autopay": "on"}, "review"),
        # formtools finishes with a redirect to its done step, which records the case.
        Step("review", {}, "done"),
    ]


# The page after which another is sometimes asked: that page, and the answer given to it.
SOMETIMES_ASKED = {
    "provider": ("card_tier", {"card_tier": "unsure"}),
    "timing": ("remainder", {"remainder": "unsure"}),
}


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise WalkFailed("no CSRF token in the page")
    return match.group(1)


def walk(send: Send, choose: Callable[[list[str]], str]) -> str:
    """Walk from the start page to a plan; returns the plan's URL. Raises WalkFailed."""
    send(Request("GET start", "GET", "/", contains='href="/check/"'))
    started = send(Request("GET check", "GET", "/check/", status=302, location=RUN_URL))
    run = RUN_URL.match(started.location)
    assert run is not None  # checked by the request
    prefix = run.group(1)
    page = send(Request("GET provider", "GET", started.location, contains="csrfmiddlewaretoken"))
    # "Not sure which lender" leads to a page of guidance and the general plan, not the
    # questions this walk exercises.
    choices = [slug for slug in PROVIDER_RADIO.findall(page.text) if slug != UNKNOWN_PROVIDER]
    if not choices:
        raise WalkFailed("the provider page offers no provider")
    for number, step in enumerate(steps(choose(choices))):
        url = f"{prefix}{step.name}/"
        if number:
            page = send(Request(f"GET {step.name}", "GET", url, contains="csrfmiddlewaretoken"))
        # Some pages are asked only sometimes: a provider whose grace period differs by card
        # tier asks for the tier; past the due date's cutoff, a lender with a tolerance asks
        # roughly how much is unpaid. Either is answered "unsure".
        optional = SOMETIMES_ASKED.get(step.name)
        reply = send(
            Request(
                f"POST {step.name}",
                "POST",
                url,
                data=step.form_data(csrf_token(page.text), url=url),
                status=302,
                location=re.compile(rf"^{re.escape(prefix)}({optional[0]}|{step.next_step})/$")
                if optional
                else f"{prefix}{step.next_step}/",
            )
        )
        if optional and reply.location.endswith(f"/{optional[0]}/"):
            name, data = optional
            extra = Step(name, data, step.next_step)
            extra_url = f"{prefix}{name}/"
            page = send(Request(f"GET {name}", "GET", extra_url, contains="csrfmiddlewaretoken"))
            send(
                Request(
                    f"POST {name}",
                    "POST",
                    extra_url,
                    data=extra.form_data(csrf_token(page.text), url=extra_url),
                    status=302,
                    location=f"{prefix}{extra.next_step}/",
                )
            )
    done = send(Request("GET done", "GET", f"{prefix}done/", status=302, location=PLAN_URL))
    send(Request("GET plan", "GET", done.location, contains=PLAN_MARK))
    return done.location
