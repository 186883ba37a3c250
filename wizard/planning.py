"""From stored answers to a plan: the one path the web page and `manage.py plan` share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from providers.catalog import active_providers
from wizard.answers import Answers, AnswersError
from wizard.plan import Plan, build_plan


def plan_for(data: Mapping[str, Any], *, now: dt.datetime, language: str) -> Plan:
    """Validate JSON-shaped answers, look up the provider's facts and build the plan.

    Raises AnswersError (naming the field) for anything that cannot be planned,
    including a provider that is unknown or no longer active.
    """
    answers = Answers.from_dict(data, now=now)
    provider = active_providers().get(answers.provider)
    if provider is None:
        raise AnswersError("provider", f"unknown or inactive provider {answers.provider!r}")
    return build_plan(answers=answers, provider=provider, now=now, language=language)
