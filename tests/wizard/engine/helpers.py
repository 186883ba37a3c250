"""A plan straight from the engine, for answers and facts built in memory: no database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from providers.facts import ProviderFacts
from tests.wizard.helpers import NOW, make_answers, make_facts
from wizard.engine.building import Plan, build_plan


def plan_for_answers(
    *,
    facts: ProviderFacts | None = None,
    now: dt.datetime = NOW,
    language: str = "zh-hans",
    **answer_overrides: Any,
) -> Plan:
    """`build_plan` for BASE_ANSWERS with these overrides (the engine's counterpart of
    wizard.planner.plan_for_answers, which reads the database)."""
    return build_plan(
        answers=make_answers(now=now, **answer_overrides),
        provider=facts or make_facts(),
        now=now,
        language=language,
    )
