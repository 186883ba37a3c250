"""Where one payment stands: the deadlines and statuses for a person's answers at a moment.

Computed once per plan; the step rules (building) and the sentences (sentences) both read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from providers.facts import Fact, GraceRule, MaintenanceWindowFacts, ProviderFacts
from wizard.engine.answers import SHANGHAI, Answers, Remainder, Symptom
from wizard.engine.deadlines import (
    Status,
    deadline_for,
    due_cutoff_for,
    grace_deadline_for,
    remainder_within_tolerance,
    status_at,
    with_tolerance,
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
    # The unpaid remainder lies under the lender's tolerance (容差): the bill counts as paid
    # in full (never asked when the money has already left).
    tolerance_applies: bool = False

    @property
    def money_already_left(self) -> bool:
        return self.answers.symptom == Symptom.DEDUCTED_NOT_CREDITED

    @property
    def deadline_sourced(self) -> bool:
        """Whether the deadline rests on facts the provider itself states: its cutoff, and
        its grace period where it has one. Without that, the hour is our best reading."""
        p = self.provider
        return p.provenance_of(Fact.DUE_CUTOFF).is_official and (
            not self.grace.days or p.grace_is_certain()
        )

    @property
    def latest_possible_deadline(self) -> dt.datetime:
        """The last moment any source we hold could make count: the end of the due date, or
        of a stated grace period however sure we are of it."""
        end_of_due_date = dt.datetime.combine(
            self.answers.due_date, dt.time(23, 59), tzinfo=SHANGHAI
        )
        return max(end_of_due_date, self.deadline, self.grace_deadline or self.deadline)

    def overdue_for_sure(self, status: Status, moment: dt.datetime) -> bool:
        """Overdue whatever the unverified hour: past a sourced deadline, or past every
        deadline a source could give (a cutoff we could not check may be later than ours)."""
        if status is not Status.OVERDUE:
            return False
        return self.deadline_sourced or moment > self.latest_possible_deadline + dt.timedelta(
            minutes=1
        )

    @property
    def overdue_now_for_sure(self) -> bool:
        return self.overdue_for_sure(self.status_now, self.now)

    @property
    def paid_overdue_for_sure(self) -> bool:
        return self.overdue_for_sure(self.status, self.answers.attempted_at)

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
        money_left = answers.symptom == Symptom.DEDUCTED_NOT_CREDITED
        tolerance_applies = not money_left and remainder_within_tolerance(
            answers.remainder, provider
        )
        remainder = answers.remainder if tolerance_applies else Remainder.UNSURE

        def standing(moment: dt.datetime) -> Status:
            return with_tolerance(
                status_at(moment, due_date=due, provider=provider, tier=tier),
                remainder=remainder,
                provider=provider,
            )

        return cls(
            answers=answers,
            provider=provider,
            now=now,
            language=language,
            grace=provider.grace.for_tier(tier),
            due_cutoff=due_cutoff_for(due, provider),
            deadline=deadline_for(due, provider, tier=tier),
            grace_deadline=grace_deadline_for(due, provider, tier=tier),
            status=standing(answers.attempted_at),
            status_now=standing(now),
            window=next(
                (w for w in windows if w.covers(answers.attempted_at) or w.covers(now)), None
            ),
            case_day=beijing_date(made),
            today=beijing_date(now),
            case_age=age_in_days(since=made, now=now),
            tolerance_applies=tolerance_applies,
        )
