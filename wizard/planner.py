"""From answers to a plan: the one path the web page, stored cases and `manage.py plan` share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from providers.catalog import active_providers, ladder_for, unknown_provider, windows_covering
from providers.facts import UNKNOWN_PROVIDER, ProviderFacts
from wizard.engine.answers import Answers, AnswersError
from wizard.engine.building import Plan, build_plan
from wizard.provider_wording import step_texts_for


def provider_of(answers: Answers) -> ProviderFacts:
    """The active provider the answers name, without building a plan.

    No query while the provider catalog is cached. Raises AnswersError ("provider") for a
    provider that is unknown or no longer active. "unknown" is the person who does not know
    which lender holds the installment: their plan is the general one
    (catalog.unknown_provider).
    """
    providers = active_providers()
    if answers.provider == UNKNOWN_PROVIDER:
        return unknown_provider(providers)
    provider = providers.get(answers.provider)
    if provider is None:
        raise AnswersError("provider", f"unknown or inactive provider {answers.provider!r}")
    return provider


def plan_for(
    answers: Answers,
    *,
    now: dt.datetime,
    language: str,
    case_created_at: dt.datetime | None = None,
    feedback: str = "",
) -> Plan:
    """Gather the provider's facts for typed answers and build the plan.

    For a case reopened later, `case_created_at` and its `feedback` (its outcome, "" for
    none) let the plan say where things stand now. At most five queries, when the cache is
    cold: the provider catalog (with the card tiers), the wording, the maintenance windows
    and the escalation ladder, each shared through the cache until staff change them; none
    while they are warm. Raises AnswersError as provider_of does.
    """
    provider = provider_of(answers)
    windows = windows_covering(provider.slug, answers.attempted_at, now)
    return build_plan(
        answers=answers,
        provider=provider,
        now=now,
        windows=windows,
        texts=step_texts_for(provider.slug),
        language=language,
        ladder=ladder_for(provider),
        case_created_at=case_created_at,
        feedback=feedback,
    )


def plan_for_answers(
    data: Mapping[str, Any],
    *,
    now: dt.datetime,
    language: str,
    case_created_at: dt.datetime | None = None,
    feedback: str = "",
) -> Plan:
    """The JSON door (`manage.py plan`, stored cases): validate JSON-shaped answers, then
    plan_for. Raises AnswersError naming the first bad field."""
    return plan_for(
        Answers.from_dict(data, now=now),
        now=now,
        language=language,
        case_created_at=case_created_at,
        feedback=feedback,
    )


def answers_error_message(error: AnswersError) -> str:
    """What a person reads when stored answers can no longer be planned."""
    if error.field == "provider":
        return _("你选择的机构暂时不在服务列表中,请重新选择。")
    return _("有一项回答已经失效(例如时间已超过一年),请重新填写。")
