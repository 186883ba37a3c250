"""From stored answers to a plan: the one path the web page and `manage.py plan` share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from providers.catalog import active_providers
from providers.models import MaintenanceWindow
from wizard.answers import Answers, AnswersError
from wizard.plan import Plan, build_plan
from wizard.wording import step_texts_for


def plan_for(data: Mapping[str, Any], *, now: dt.datetime, language: str) -> Plan:
    """Validate JSON-shaped answers, gather the provider's facts and build the plan.

    At most three queries: the provider catalog and the wording (both cached)
    and the maintenance windows around the attempt and now.
    Raises AnswersError (naming the field) for anything that cannot be planned,
    including a provider that is unknown or no longer active.
    """
    answers = Answers.from_dict(data, now=now)
    provider = active_providers().get(answers.provider)
    if provider is None:
        raise AnswersError("provider", f"unknown or inactive provider {answers.provider!r}")
    windows = [
        window.facts()
        for window in MaintenanceWindow.objects.for_provider(provider.slug).covering_any(
            answers.attempted_at, now
        )
    ]
    return build_plan(
        answers=answers,
        provider=provider,
        now=now,
        windows=windows,
        texts=step_texts_for(provider.slug),
        language=language,
    )
