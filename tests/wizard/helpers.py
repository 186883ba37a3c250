"""Builders for answers and provider facts, so each test states only what matters to it; the
good answer to every wizard page and a person's walk through the wizard (WizardSession);
cases and the plan pages they show."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

from providers.facts import ProviderFacts
from tests.bench.walk import management_field
from tests.factories import ProviderFactory
from wizard.engine.answers import SHANGHAI, Answers

NOW = dt.datetime(2026, 11, 10, 21, 30, tzinfo=SHANGHAI)
# WeChat's in-app browser on Android, as it introduces itself.
WECHAT = (
    "Mozilla/5.0 (Linux; Android 13; 2211133C Build/TKQ1.221114.001; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
    "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 "
    "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
)
# Chrome on the same phone.
PHONE_CHROME = (
    "Mozilla/5.0 (Linux; Android 13; 2211133C) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)

BASE_ANSWERS: dict[str, Any] = {
    "provider": "bank",
    "symptom": "declined",
    "channel": "app",
    "account": {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "ok",
        "card_status": "normal",
    },
    "funds": {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"},
    "timing": {"due_date": "2026-11-10", "attempted_at": "2026-11-10T19:00:00+08:00"},
    "contacted_provider": "no",
    "autopay": "on",
}


# The good answer to every wizard page, as its form takes it: a person at "bank" whose card
# was declined in the app, with nothing wrong they could see. "timing" depends on the moment
# (timing_answers); a test changes only the fields that matter to it (page_answers).
PAGE_ANSWERS: dict[str, dict[str, str]] = {
    "provider": {"provider": "bank"},
    "message": {"message": ""},
    "problem": {"symptom": "declined"},
    "channel": {"channel": "app"},
    "account": {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "ok",
        "card_status": "normal",
    },
    "funds": {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"},
    "remainder": {"remainder": "unsure"},
    "situation": {"contacted_provider": "no", "autopay": "on"},
}
# The pages each problem asks after the problem page (wizard.flow.views condition_dict;
# the remainder page, asked only past a tolerance lender's cutoff, is left out).
PAGES_AFTER_PROBLEM = {
    "declined": ["channel", "account", "funds", "timing", "situation"],
    "insufficient_funds": ["channel", "funds", "timing", "situation"],
    "timeout": ["channel", "timing", "situation"],
}


def earlier_today(minutes: int) -> dt.datetime:
    """`minutes` ago in Beijing, but never before today's midnight there: an attempt "an hour
    ago" at 00:20 would fall on yesterday's date, and a walk due yesterday asks the remainder
    page a walk due today does not (tests ran red between 00:00 and 01:00 Beijing)."""
    from django.utils import timezone

    now = timezone.now().astimezone(SHANGHAI)
    midnight = dt.datetime.combine(now.date(), dt.time(0), tzinfo=SHANGHAI)
    return max(now - dt.timedelta(minutes=minutes), midnight)


def timing_answers(when: dt.datetime | None = None) -> dict[str, str]:
    """The timing page's answer for an attempt at `when` on its due date (default: half an
    hour ago, in Beijing, but today)."""
    if when is None:
        when = earlier_today(30)
    when = when.astimezone(SHANGHAI)
    return {
        "due_date": when.date().isoformat(),
        "attempted_date": when.date().isoformat(),
        "attempted_time": when.strftime("%H:%M"),
    }


def page_answers(page: str, *, when: dt.datetime | None = None, **changes: str) -> dict[str, str]:
    """The good answer to `page` (PAGE_ANSWERS, or timing_answers(when)), these fields changed."""
    answer = timing_answers(when) if page == "timing" else PAGE_ANSWERS[page]
    return {**answer, **changes}


def answers_dict(**overrides: Any) -> dict[str, Any]:
    """BASE_ANSWERS with top-level keys replaced; nested dicts are merged."""
    data = copy.deepcopy(BASE_ANSWERS)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data


def make_answers(*, now: dt.datetime = NOW, **overrides: Any) -> Answers:
    return Answers.from_dict(answers_dict(**overrides), now=now)


def make_facts(**overrides: Any) -> ProviderFacts:
    overrides.setdefault("slug", "bank")
    return ProviderFactory.build(**overrides).facts()


def shanghai(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


class WizardSession:
    """One person's run through the wizard with the Django test client."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.base = ""

    def start(self) -> Any:
        response = self.client.get("/check/")
        assert response.status_code == 302
        location = response["Location"]
        assert location.endswith("/provider/"), location
        self.base = location.removesuffix("provider/")
        return response

    @property
    def management(self) -> str:
        """This run's hidden step field."""
        return management_field(self.base)

    def url(self, step: str) -> str:
        return f"{self.base}{step}/"

    def get(self, step: str, **extra: Any) -> Any:
        return self.client.get(self.url(step), **extra)

    def post(self, step: str, data: dict[str, str], **extra: Any) -> Any:
        payload = {
            self.management: step,
            **{f"{step}-{name}": value for name, value in data.items()},
        }
        return self.client.post(self.url(step), payload, **extra)

    def confirm(self, **extra: Any) -> Any:
        return self.post("review", {}, **extra)

    def answer_problem(
        self, symptom: str, *, channel: str = "app", message: str = "", **extra: Any
    ) -> Any:
        """The three pages after the provider: the message (empty unless given), the
        problem and the payment method. Returns the payment-method page's answer."""
        for step, data in (
            ("message", page_answers("message", message=message)),
            ("problem", page_answers("problem", symptom=symptom)),
        ):
            response = self.post(step, data, **extra)
            assert response.status_code == 302, (step, response)
        return self.post("channel", page_answers("channel", channel=channel), **extra)

    def answer(self, page: str, *, when: dt.datetime | None = None, **changes: str) -> Any:
        """Post the page's good answer (page_answers), with these fields changed."""
        return self.post(page, page_answers(page, when=when, **changes))

    def answer_until_review(
        self, response: Any, *, when: dt.datetime | None = None, **changes: dict[str, str]
    ) -> Any:
        """From an answer's redirect, answer each page the wizard sends the run to with its
        good answer (fields changed per page: `funds={"enough_balance": "no"}`), up to the
        check-answers page; the last redirect, to it."""
        while (page := response["Location"].rstrip("/").rsplit("/", 1)[-1]) != "review":
            response = self.answer(page, when=when, **changes.get(page, {}))
            assert response.status_code == 302, (page, response)
        return response


def consumer_plan_page(*, language: str = "zh-hans", **overrides: Any) -> str:
    """The plan page a consumer sees now, for answers given half an hour ago.

    Without overrides: provider "bank", insufficient funds, autopay off (so every
    kind of provider text appears in some step).
    """
    from django.test import Client
    from django.utils import timezone

    moment = timezone.now().astimezone(SHANGHAI) - dt.timedelta(minutes=30)
    overrides = {
        "symptom": "insufficient_funds",
        "autopay": "off",
        "timing": {"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
        **overrides,
    }
    client = Client()
    client.cookies["django_language"] = language
    case = case_for(answers_dict(**overrides))
    response = client.get(f"/plan/{case.code}/")
    assert response.status_code == 200, response
    return response.content.decode()


def case_for(answers: dict[str, Any]) -> Any:
    """A case made the way the wizard makes one, for these answers, planned now."""
    from django.utils import timezone

    from wizard.cases.recording import record_case
    from wizard.planner import plan_for_answers

    plan = plan_for_answers(answers, now=timezone.now(), language="zh-hans")
    return record_case(plan)


def owners_browser(case: Any, client: Any = None) -> Any:
    """A test client in the session that made `case`, as finishing the wizard leaves it."""
    from django.conf import settings
    from django.test import Client

    from wizard.cases.access import remember_own_case

    client = client or Client()
    session = client.session
    remember_own_case(session, case.code)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def recent_answers(**overrides: Any) -> dict[str, Any]:
    """Answers for an attempt half an hour ago, due today: valid whatever today is."""
    from django.utils import timezone

    moment = (timezone.now() - dt.timedelta(minutes=30)).astimezone(SHANGHAI)
    timing = {"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()}
    return answers_dict(timing=timing, **overrides)


def finish_wizard(client: Any, *, provider: str = "bank") -> Any:
    """Answer the shortest path through the wizard and follow on to the plan page."""
    wizard = WizardSession(client)
    wizard.start()
    assert wizard.answer("provider", provider=provider).status_code == 302
    wizard.answer_until_review(wizard.answer("message"), problem={"symptom": "timeout"})
    return wizard.confirm(follow=True)


def plan_page(answers: dict) -> str:
    """The plan page a person sees for these answers."""
    from django.test import Client

    return Client().get(f"/plan/{case_for(answers).code}/").content.decode()


def ccb_possibly_in_grace() -> dict:
    """CCB, limit exceeded at 17:10 on yesterday's due date: past the 16:00 cutoff, inside a
    3-day grace period no official source states (see test_lender_rules)."""
    from django.utils import timezone

    due = timezone.now().astimezone(SHANGHAI).date() - dt.timedelta(days=1)
    attempted = dt.datetime.combine(due, dt.time(17, 10), tzinfo=SHANGHAI)
    return {
        "provider": "ccb",
        "symptom": "limit_exceeded",
        "channel": "app",
        "account": None,
        "funds": None,
        "timing": {"due_date": due.isoformat(), "attempted_at": attempted.isoformat()},
        "contacted_provider": "no",
        "autopay": "off",
    }


def shipped_rungs() -> tuple[Any, ...]:
    """The escalation records the site ships (providers/seed/escalation.json) as the plain
    values the engine reads, without a database (provider-specific ones left out)."""
    import json

    from providers.facts import Provenance, RungFacts
    from providers.management.commands.load_escalation import SEED_FILE

    rungs = []
    for record in json.loads(SEED_FILE.read_text(encoding="utf-8")):
        if not record["is_active"] or record["provider"]:
            continue
        rungs.append(
            RungFacts(
                rung=record["rung"],
                code=record["code"],
                title_zh=record["title_zh"],
                title_en=record["title_en"],
                text_zh=record["text_zh"],
                text_en=record["text_en"],
                provenance=Provenance(
                    certainty=record["certainty"],
                    source=record["source"],
                    quote=record["quote"],
                    checked_on=dt.date.fromisoformat(record["checked_on"]),
                ),
                covers=tuple(record["covers"]),
                phone=record["phone"],
                url=record["url"],
                time_limit_days=record["time_limit_days"],
                time_limit_zh=record["time_limit_zh"],
                time_limit_en=record["time_limit_en"],
                order=record["display_order"],
            )
        )
    return tuple(rungs)


@contextlib.contextmanager
def finishes_within(seconds: int, what: str) -> Iterator[None]:
    """Fail (rather than hang the suite) if the block runs past `seconds`: a guard against a
    regular expression that backtracks, not a timing (SIGALRM; the main thread only)."""
    import signal

    def hung(*_args: Any) -> None:
        raise AssertionError(f"{what} did not finish: a regex backtracks on this input")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
