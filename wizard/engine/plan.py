"""The plan as values: `Plan` and its `Step`s, what they say and their JSON shape.

Made by `building.build_plan`; read by the page, the case, the reminder and `manage.py plan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from providers.facts import Fact, LenderKind, MaintenanceWindowFacts, Provenance, ProviderFacts
from wizard.engine.answers import SHANGHAI, Answers, Symptom
from wizard.engine.deadlines import Status, describe_time_left, format_moment
from wizard.engine.ladder import LadderRung
from wizard.engine.punctuation import punctuate
from wizard.engine.steps import Advice, StepCode, Urgency
from wizard.engine.summary import case_summary


def banner_label(status: Status, *, money_already_left: bool, overdue_for_sure: bool = True) -> str:
    """The status line the page leads with. For money already charged it says where the
    payment stood when it was made (`status` is then the attempt's), since that is what the
    provider must honour; otherwise where things stand now. Past a deadline we could not
    check, it says "may", never a certain "overdue" (`overdue_for_sure`)."""
    if money_already_left:
        if status in (Status.NOT_DUE, Status.DUE_TODAY, Status.IN_GRACE):
            return _("按时付款，等待入账")
        if status is Status.POSSIBLY_IN_GRACE:
            return _("付款时可能还在宽限期内（待核实）")
        if not overdue_for_sure:
            return _("付款时可能已过截止时间（未核实）")
        return _("付款时已过截止时间")
    if status is Status.OVERDUE and not overdue_for_sure:
        return _("可能已过期限（截止时间未核实）")
    return status.label


@dataclass(frozen=True)
class SourcedClaim:
    """One thing a step says, with the fact it rests on (shown as one certainty tag)."""

    code: str
    text: str
    provenance: Provenance

    def to_dict(self) -> dict[str, str | None]:
        p = self.provenance
        return {
            "code": self.code,
            "text": self.text,
            "certainty": p.certainty,
            "certainty_label": p.label,
            "source": p.source,
            "quote": p.quote,
            "checked_on": p.checked_on.isoformat() if p.checked_on else None,
        }


@dataclass(frozen=True)
class Step:
    """One step as the page shows it.

    `detail` is what shows (at most about 200 Chinese characters), `more` what the page folds
    behind "more" (empty for most steps); `because` is a sentence saying why the step is
    there; `provenance` the provider fact or record the step rests on, if any, shown once as
    a tag (`certainty`), and `fact` which provider fact that is ("" for a record or none);
    `claims` the sourced sentences of a step built from several facts (the cannot-pay step, a
    grace period we cannot confirm), each with its own tag; where they are sentences of the
    step's words, `detail` is the rest and `lead` repeats it for the page, which says it
    before them (empty where the claims stand in for the detail, as the escalation step's
    rungs do); `id` the anchor the page and the banner use.
    """

    code: StepCode
    urgency: Urgency
    title: str
    detail: str
    because: str
    more: str = ""
    provenance: Provenance | None = None
    claims: tuple[SourcedClaim, ...] = ()
    id: str = ""
    lead: str = ""
    fact: str = ""

    @property
    def advice(self) -> Advice:
        return self.code.advice

    @property
    def urgency_label(self) -> str:
        return self.urgency.label

    @property
    def certainty(self) -> str:
        """How sure we are of what the step rests on ("" where it rests on no one fact)."""
        return self.provenance.certainty if self.provenance else ""

    @property
    def certainty_label(self) -> str:
        return self.provenance.label if self.provenance else ""

    @property
    def checked_on(self) -> str:
        checked = self.provenance.checked_on if self.provenance else None
        return checked.isoformat() if checked else ""

    @property
    def tag_beside_claims(self) -> bool:
        """A step with claims shows its own tag only where no claim already carries it (the
        escalation step's regulator rung is a claim and the step's record at once)."""
        return self.provenance is not None and all(
            claim.provenance != self.provenance for claim in self.claims
        )

    @property
    def words(self) -> str:
        """Everything the step says, as one text: what a fact said "in the steps" is looked
        for in."""
        return "\n".join((self.title, self.detail, self.more, *(c.text for c in self.claims)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": str(self.code),
            "urgency": str(self.urgency),
            "title": self.title,
            "detail": self.detail,
            "more": self.more,
            "because": self.because,
            "certainty": self.certainty or None,
            "certainty_label": self.certainty_label or None,
            "checked_on": self.checked_on or None,
            "source": self.provenance.source if self.provenance else None,
            "claims": [claim.to_dict() for claim in self.claims],
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
    # Whether the deadline rests on the provider's own word (its cutoff, and its grace
    # period where it has one), and whether the banner's status is overdue whatever the
    # hour we could not check.
    deadline_sourced: bool = False
    overdue_for_sure: bool = True
    # The unpaid remainder lies under the lender's tolerance (容差): the bill counts as paid
    # in full, and the plan says to clear the rest before the next statement.
    tolerance_applies: bool = False
    tolerance_text: str = ""

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
        """The status line as the page shows it."""
        with translation.override(self.language):
            label = banner_label(
                self.banner,
                money_already_left=self.money_already_left,
                overdue_for_sure=self.overdue_for_sure,
            )
        return punctuate(label, language=self.language)

    @property
    def first_step(self) -> Step | None:
        return self.steps[0] if self.steps else None

    @property
    def banner_action(self) -> str:
        """The first thing to do, as the page's banner says it: the first step's title (its
        anchor is `first_step.id`)."""
        return self.first_step.title if self.first_step else ""

    @property
    def ladder_shown(self) -> tuple[LadderRung, ...]:
        """The ladder's rungs the page shows open: the first, and the rest once the case is
        old enough for them."""
        return tuple(rung for rung in self.ladder if not rung.folded)

    @property
    def ladder_folded(self) -> tuple[LadderRung, ...]:
        """The rungs the page folds away for now."""
        return tuple(rung for rung in self.ladder if rung.folded)

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
        """The time to or since the deadline. A deadline resting on an hour we could not
        check never reads as a certain count of hours late: "may have passed (16:00,
        unverified)"."""
        with translation.override(self.language):
            clock = self.deadline.astimezone(SHANGHAI).strftime("%H:%M")
            if self.deadline_sourced:
                return describe_time_left(self.time_left, language=self.language)
            if self.time_left < dt.timedelta(0):
                if (
                    self.status_now is Status.OVERDUE and self.overdue_for_sure
                ) or self.due_date_over:
                    return _("已过期限")
                return _("可能已过（%(clock)s，未核实）") % {"clock": clock}
            return _("%(left)s（按 %(clock)s 算，未核实）") % {
                "left": describe_time_left(self.time_left, language=self.language),
                "clock": clock,
            }

    @property
    def due_date_over(self) -> bool:
        """The whole due date is behind us: a deadline on it has passed whatever its hour,
        even where a grace period we cannot confirm may still run."""
        end_of_due_date = dt.datetime.combine(
            self.answers.due_date, dt.time(23, 59), tzinfo=SHANGHAI
        ) + dt.timedelta(minutes=1)
        return self.deadline <= end_of_due_date < self.now

    @property
    def attempt_evidence_in_steps(self) -> bool:
        """A step says when the person paid and what that proves: the banner does not say
        it again."""
        return bool(self.attempt_evidence) and any(
            self.attempt_evidence in step.words for step in self.steps
        )

    @property
    def grace_said_in_steps(self) -> bool:
        """A step says the grace period we cannot confirm, with its tag: the banner does
        not say it again."""
        return any(claim.code == "grace" for step in self.steps for claim in step.claims)

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
        autopay = provider.autopay_time
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
                    "tolerance_yuan": json_number(rule.tolerance_yuan),
                    "tolerance_certainty": provider.provenance_of(Fact.TOLERANCE).certainty,
                },
                "autopay_time": {
                    "funded_by": clock(autopay.funded_by),
                    "retry_days": autopay.retry_days,
                    "retry_at": clock(autopay.retry_at),
                    "certainty": provider.provenance_of(Fact.AUTOPAY_TIME).certainty,
                },
                "min_payment": {
                    "instalments_in_minimum": provider.minimum_payment.instalments_in_minimum,
                    "notice_known": provider.minimum_payment_notice_known,
                    "certainty": provider.provenance_of(Fact.MIN_PAYMENT).certainty,
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
            "tolerance_applies": self.tolerance_applies,
            "banner": {"text": self.banner_label, "action": self.banner_action},
            "time_left": self.time_left_text,
            "deadline_sourced": self.deadline_sourced,
            "steps": [step.to_dict() for step in self.steps],
            "ladder": [rung.to_dict() for rung in self.ladder],
            "credit_record": [rung.to_dict() for rung in self.credit_record],
            "credit_record_open": self.credit_record_open,
        }


def clock(moment: dt.time | None) -> str | None:
    return moment.strftime("%H:%M") if moment is not None else None


def json_number(amount: Decimal | None) -> int | float | None:
    """An amount as a JSON number: 100, not "100.00"."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)
