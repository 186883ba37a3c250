"""Where one payment stands: the deadlines and statuses for a person's answers at a moment.

Computed once per plan; the step rules (building) and the sentences (sentences) both read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from providers.facts import GraceRule, MaintenanceWindowFacts, ProviderFacts
from wizard.engine.answers import Answers, Symptom
from wizard.engine.deadlines import (
    Status,
    deadline_for,
    due_cutoff_for,
    grace_deadline_for,
    status_at,
)
from wizard.engine.ladder import age_in_days, beijing_date


@dataclass(frozen=True)
class Situation:
    """The answers, the provider and now, with what follows from them for the deadline.

    `status` is where the attempt stood, `status_now` where things stand now; `deadline`
    the last moment that certainly counts, `grace_deadline` the end of a stated grace period
    however sure we are of it; `case_day`/`case_age` when the case was made (Beijing days).
    """

    answers: Answers
    provider: ProviderFacts
    now: dt.datetime
    language: str
    grace: GraceRule
    due_cutoff: dt.datetime
    deadline: dt.datetime
    grace_deadline: dt.datetime | None
    status: Status
    status_now: Status
    window: MaintenanceWindowFacts | None
    case_day: dt.date
    today: dt.date
    case_age: int

    @property
    def money_already_left(self) -> bool:
        return self.answers.symptom == Symptom.DEDUCTED_NOT_CREDITED

    @classmethod
    def of(
        cls,
        *,
        answers: Answers,
        provider: ProviderFacts,
        now: dt.datetime,
        language: str,
        windows: Sequence[MaintenanceWindowFacts] = (),
        case_created_at: dt.datetime | None = None,
    ) -> Situation:
        tier = answers.card_tier
        due = answers.due_date
        made = case_created_at or now
        return cls(
            answers=answers,
            provider=provider,
            now=now,
            language=language,
            grace=provider.grace.for_tier(tier),
            due_cutoff=due_cutoff_for(due, provider),
            deadline=deadline_for(due, provider, tier=tier),
            grace_deadline=grace_deadline_for(due, provider, tier=tier),
            status=status_at(answers.attempted_at, due_date=due, provider=provider, tier=tier),
            status_now=status_at(now, due_date=due, provider=provider, tier=tier),
            window=next(
                (w for w in windows if w.covers(answers.attempted_at) or w.covers(now)), None
            ),
            case_day=beijing_date(made),
            today=beijing_date(now),
            case_age=age_in_days(since=made, now=now),
        )
