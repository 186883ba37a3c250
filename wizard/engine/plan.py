"""The plan as values: `Plan` and its `Step`s, what they say and their JSON shape.

Made by `building.build_plan`; read by the page, the case, the reminder and `manage.py plan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from providers.facts import Fact, LenderKind, MaintenanceWindowFacts, Provenance, ProviderFacts
from wizard.engine.answers import Answers, Symptom
from wizard.engine.deadlines import Status, describe_time_left, format_moment
from wizard.engine.ladder import LadderRung
from wizard.engine.steps import Advice, StepCode, Urgency
from wizard.engine.summary import case_summary


def banner_label(status: Status, *, money_already_left: bool) -> str:
    """The status line the page leads with. For money already charged it says where the
    payment stood when it was made (`status` is then the attempt's), since that is what the
    provider must honour; otherwise the status's own label."""
    if not money_already_left:
        return status.label
    if status in (Status.NOT_DUE, Status.DUE_TODAY, Status.IN_GRACE):
        return _("按时付款,等待入账")
    if status is Status.POSSIBLY_IN_GRACE:
        return _("付款时可能还在宽限期内(待核实)")
    return _("付款时已过截止时间")


@dataclass(frozen=True)
class Step:
    code: StepCode
    urgency: Urgency
    title: str
    detail: str
    because: str

    @property
    def advice(self) -> Advice:
        return self.code.advice

    @property
    def urgency_label(self) -> str:
        return self.urgency.label

    def to_dict(self) -> dict[str, str]:
        return {
            "code": str(self.code),
            "urgency": str(self.urgency),
            "title": self.title,
            "detail": self.detail,
            "because": self.because,
        }


@dataclass(frozen=True)
class Plan:
    """A plan: where the payment stands, by when it must be made, and the steps, in order.

    `status` is where the attempt stood, `status_now` where things stand now; `deadline` is
    the last moment that certainly counts, `grace_deadline` the end of a stated grace period
    however sure we are of it (None without one).
    """

    provider: ProviderFacts
    answers: Answers
    status: Status
    status_now: Status
    due_cutoff: dt.datetime
    deadline: dt.datetime
    now: dt.datetime
    language: str
    steps: tuple[Step, ...]
    window: MaintenanceWindowFacts | None = field(default=None)
    grace_deadline: dt.datetime | None = None
    attempt_evidence: str = ""
    # The escalation ladder where it applies (empty where it does not), the credit-record
    # records (always), whether that section opens by itself, and how many Beijing days
    # have passed since the case was made.
    ladder: tuple[LadderRung, ...] = ()
    credit_record: tuple[LadderRung, ...] = ()
    credit_record_open: bool = False
    case_age_days: int = 0

    @property
    def money_already_left(self) -> bool:
        """The person was charged and the bill does not show it: the question is when they
        paid, not how to pay again."""
        return self.answers.symptom == Symptom.DEDUCTED_NOT_CREDITED

    @property
    def banner(self) -> Status:
        """The status the page leads with: for money already charged, where the payment
        stood when it was made (that is what the provider must honour), else where things
        stand now."""
        return self.status if self.money_already_left else self.status_now

    @property
    def banner_label(self) -> str:
        return banner_label(self.banner, money_already_left=self.money_already_left)

    @property
    def grace_deadline_text(self) -> str:
        if self.grace_deadline is None:
            return ""
        return format_moment(self.grace_deadline, language=self.language, now=self.now)

    @property
    def attempt_text(self) -> str:
        return format_moment(self.answers.attempted_at, language=self.language, now=self.now)

    @property
    def time_left(self) -> dt.timedelta:
        """Until the deadline; negative once it has passed."""
        return self.deadline - self.now

    @property
    def time_left_text(self) -> str:
        return describe_time_left(self.time_left, language=self.language)

    @property
    def codes(self) -> list[StepCode]:
        return [step.code for step in self.steps]

    @property
    def status_label(self) -> str:
        return self.banner_label

    @property
    def deadline_text(self) -> str:
        return format_moment(self.deadline, language=self.language, now=self.now)

    @property
    def provider_lender_kind(self) -> Provenance:
        """Where what we know of the lender's licence comes from (it picks the regulator)."""
        return self.provider.provenance_of(Fact.LENDER_KIND)

    @property
    def lender_kind_label(self) -> str:
        kind = self.provider.lender_kind
        return str(LenderKind(kind).label) if kind in LenderKind.values else ""

    @property
    def case_summary(self) -> str:
        """What to paste to customer service: the situation, never the person."""
        return case_summary(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `manage.py plan` prints: the rules and their provenance too, so the
        page and the command line agree and can be checked from outside."""
        provider = self.provider
        tier = self.answers.card_tier
        rule = provider.grace.for_tier(tier)
        grace = provider.provenance_of(Fact.GRACE)
        facts = {}
        for fact in Fact:
            provenance = provider.provenance_of(fact)
            facts[str(fact)] = {
                "certainty": provenance.certainty,
                "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else None,
                "source": provenance.source,
            }
        checked = [p.checked_on for _fact, p in provider.provenance if p.checked_on]
        return {
            "provider": {
                "slug": provider.slug,
                "name": provider.in_language("name", self.language),
                "hotline": provider.hotline,
                "due_cutoff": provider.due_cutoff.strftime("%H:%M"),
                "grace": {
                    "days": rule.days,
                    "ends_at": (rule.ends_at or provider.due_cutoff).strftime("%H:%M")
                    if rule.days
                    else None,
                    "certainty": grace.certainty,
                    "needs_request": rule.needs_request,
                    "tier": tier,
                },
                "facts": facts,
                # As before the facts carried their own provenance: the cutoff, the grace
                # days a plan relies on, the oldest check and the facts not confirmed.
                "cutoff": provider.due_cutoff.strftime("%H:%M"),
                "grace_days": rule.days if provider.grace_is_certain() else 0,
                "verified_on": min(checked).isoformat() if checked else None,
                "unverified": sorted(
                    str(fact) for fact in Fact if not provider.provenance_of(fact).is_official
                ),
            },
            "status": str(self.status),
            "status_now": str(self.status_now),
            "deadline": self.deadline.isoformat(),
            "grace_deadline": self.grace_deadline.isoformat() if self.grace_deadline else None,
            "steps": [step.to_dict() for step in self.steps],
            "ladder": [rung.to_dict() for rung in self.ladder],
            "credit_record_open": self.credit_record_open,
        }
