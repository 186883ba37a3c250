"""A plan never speaks against the person's own answers or the status, as the page shows it.

A property over every provider (the shipped ones, a bank whose every rule is confirmed, and
"I don't know") × problem × moment × contacted × autopay × message outcome, in both
languages: the case is stored as the wizard stores it and its page rendered through the
Django test client, so the template's words count too. It checks the kinds of contradiction
issue 20 found:

- overdue plans speak of now, never of paying "before the deadline";
- someone who has called gets a follow-up (ticket, when to escalate), not the first call;
- autopay that failed gets "find out why", never "turn it on";
- an unknown result gets one money check, not two;
- money already taken never reads "once you have paid";
- a confirmed grace period is the deadline, not "only by 16:00 on the day";
- a deadline we could not check is never a certain count of hours late;
- the credit-record section opens by itself only when really overdue;
- at most two "now" steps; Chinese steps in Chinese punctuation, never "。。".

Hypothesis draws the combinations (PLAN_EXAMPLES, default 50, sets how many); the sweep in
plan_sweep.py walks every one of them through the engine.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ProviderFactory
from tests.wizard.engine.plan_sweep import (
    ANSWERS_FOR,
    AUTOPAY,
    DUE,
    MOMENTS,
    OUTCOMES,
    SHIPPED,
    contradictions,
)
from tests.wizard.helpers import answers_dict, shanghai

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("PLAN_EXAMPLES", "50"))
SURE_BANK = "sure-bank"
# The page's own label before each step's reason (the template's words, not the plan's).
TEMPLATE_LABEL = "为什么有这一步:"


@pytest.fixture
def providers(db):
    from django.core.management import call_command

    from providers.catalog import forget_providers

    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)
    # A bank whose cutoff and grace period its own rules confirm.
    ProviderFactory(slug=SURE_BANK, name_zh="确认银行", name_en="Sure Bank", hotline="95500")
    forget_providers()
    return sorted({*SHIPPED, SURE_BANK, "unknown"})


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def steps_of(page: str) -> list[str]:
    listed = re.search(r'<ol class="steps">(.*?)</ol>', page, re.S)
    assert listed, "the page lists the steps"
    return [
        text_of(item)
        for item in re.findall(r"<li class=\"step[^>]*>(.*?)</li>", listed.group(1), re.S)
    ]


def rendered(answers: dict, *, now: dt.datetime, language: str) -> tuple[str, object]:
    from django.test import Client

    from wizard.cases.recording import record_case
    from wizard.planner import plan_for_answers

    with mock.patch("django.utils.timezone.now", lambda: now):
        plan = plan_for_answers(answers, now=now, language=language)
        case = record_case(plan)
        client = Client()
        client.cookies["django_language"] = language
        response = client.get(f"/plan/{case.code}/")
    assert response.status_code == 200
    return response.content.decode(), plan


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_rendered_plan_never_contradicts_the_answers_or_the_status(providers, data):
    slug = data.draw(st.sampled_from(providers), "provider")
    problem = data.draw(st.sampled_from(sorted(ANSWERS_FOR)), "problem")
    moment = data.draw(st.sampled_from(sorted(MOMENTS)), "moment")
    contacted = data.draw(st.sampled_from(["yes", "no"]), "contacted")
    autopay = data.draw(st.sampled_from(sorted(AUTOPAY)), "autopay")
    outcome = data.draw(st.sampled_from(sorted(OUTCOMES)), "message")
    language = data.draw(st.sampled_from(["zh-hans", "en"]), "language")
    attempted = shanghai(MOMENTS[moment])
    now = attempted + dt.timedelta(minutes=30)
    answers = answers_dict(
        provider=slug,
        symptom=problem,
        contacted_provider=contacted,
        message=OUTCOMES[outcome],
        timing={"due_date": DUE, "attempted_at": attempted.isoformat()},
        **AUTOPAY[autopay],
        **ANSWERS_FOR[problem],
    )
    page, plan = rendered(answers, now=now, language=language)
    found = contradictions(
        plan,
        whole=text_of(page),
        steps=[step.replace(TEMPLATE_LABEL, "") for step in steps_of(page)],
        contacted=contacted == "yes",
        autopay_failed=autopay == "failed",
        credit_record_opens=bool(re.search(r'<details class="credit-record"[^>]*\bopen\b', page)),
        now_steps=page.count('class="step step--now"'),
    )
    assert not found, found
