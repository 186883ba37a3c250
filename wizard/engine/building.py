"""Plan building: `build_plan` turns answers, provider facts and now into ordered steps.

Pure: no request, session, database or template (see wizard/engine/__init__.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.language import pick
from providers.facts import (
    Channel,
    Fact,
    LenderKind,
    MaintenanceWindowFacts,
    Provenance,
    ProviderFacts,
    RungFacts,
    RungKind,
    yuan_text,
)
from wizard.engine.answers import (
    SHANGHAI,
    Answers,
    Autopay,
    CardStatus,
    Check,
    MessageOutcome,
    Remainder,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.deadlines import (
    Status,
    deadline_for,
    describe_time_left,
    due_cutoff_for,
    format_moment,
    grace_deadline_for,
    remainder_within_tolerance,
    status_at,
    with_tolerance,
)
from wizard.engine.ladder import (
    CREDIT_KINDS,
    SOLVED_FEEDBACK,
    UNSOLVED_FEEDBACK,
    LadderRung,
    age_in_days,
    beijing_date,
    format_day,
    ladder_kinds,
    lay_out,
    source_name,
    sourced,
)
from wizard.engine.steps import Advice, StepCode, Urgency, least_urgent
from wizard.engine.summary import case_summary
from wizard.engine.wording import DEFAULT_TEXTS, StepText, fill

# The steps that move money: after an unknown outcome each waits for the money check.
PAYING_STEPS = frozenset(
    {
        StepCode.MAINTENANCE_WINDOW,
        StepCode.OUTAGE_PROCEDURE,
        StepCode.FIX_CARD_STATUS,
        StepCode.PASS_RISK_CHECK,
        StepCode.ENSURE_FUNDS,
        StepCode.WAIT_FOR_PREAUTH_RELEASE,
        StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL,
        StepCode.MEET_DEADLINE,
    }
)


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
        if self.money_already_left and self.status in (
            Status.NOT_DUE,
            Status.DUE_TODAY,
            Status.IN_GRACE,
        ):
            return _("按时付款,等待入账")
        if self.money_already_left and self.status is Status.POSSIBLY_IN_GRACE:
            return _("付款时可能还在宽限期内(待核实)")
        if self.money_already_left:
            return _("付款时已过截止时间")
        return self.status_now.label

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
            "steps": [step.to_dict() for step in self.steps],
            "ladder": [rung.to_dict() for rung in self.ladder],
            "credit_record_open": self.credit_record_open,
        }


def clock(moment: dt.time | None) -> str | None:
    return moment.strftime("%H:%M") if moment is not None else None


def json_number(amount: Decimal | None) -> int | float | None:
    """An amount as a JSON number: 100, not "100.00"."""
    if amount is None:
        return None
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def build_plan(
    *,
    answers: Answers,
    provider: ProviderFacts,
    now: dt.datetime,
    windows: Sequence[MaintenanceWindowFacts] = (),
    texts: Mapping[str, StepText] = DEFAULT_TEXTS,
    language: str = "zh-hans",
    ladder: Sequence[RungFacts] = (),
    case_created_at: dt.datetime | None = None,
    feedback: str = "",
) -> Plan:
    """Turn a person's answers into the steps that get the repayment through, most urgent first.

    `ladder`: the escalation and credit-record records that apply to this provider
    (providers.facts.rungs_for); `case_created_at`: when the case was made (None: a plan
    made now); `feedback`: the case's answer to "did this solve it?" ("solved", "partly",
    "not_solved", or "" for none yet).
    """
    with translation.override(language):
        return _PlanBuilder(
            answers=answers,
            provider=provider,
            now=now.astimezone(SHANGHAI),
            windows=windows,
            texts=texts,
            language=language,
            ladder=ladder,
            case_created_at=case_created_at,
            feedback=feedback,
        ).build()


class _PlanBuilder:
    """One plan's working state; only `build_plan` uses it."""

    def __init__(
        self,
        *,
        answers: Answers,
        provider: ProviderFacts,
        now: dt.datetime,
        windows: Sequence[MaintenanceWindowFacts],
        texts: Mapping[str, StepText],
        language: str,
        ladder: Sequence[RungFacts] = (),
        case_created_at: dt.datetime | None = None,
        feedback: str = "",
    ) -> None:
        self.answers = answers
        self.provider = provider
        self.now = now
        self.texts = texts
        self.language = language
        tier = answers.card_tier
        due = answers.due_date
        self.grace = provider.grace.for_tier(tier)
        self.due_cutoff = due_cutoff_for(due, provider)
        self.deadline = deadline_for(due, provider, tier=tier)
        self.grace_deadline = grace_deadline_for(due, provider, tier=tier)
        self.money_already_left = answers.symptom == Symptom.DEDUCTED_NOT_CREDITED
        # A remainder under the tolerance makes the bill count as paid; it is never asked
        # when the money has already left (that plan is about proving when it left).
        self.tolerance_applies = not self.money_already_left and remainder_within_tolerance(
            answers.remainder, provider
        )
        remainder = answers.remainder if self.tolerance_applies else Remainder.UNSURE
        self.status = with_tolerance(
            status_at(answers.attempted_at, due_date=due, provider=provider, tier=tier),
            remainder=remainder,
            provider=provider,
        )
        self.status_now = with_tolerance(
            status_at(now, due_date=due, provider=provider, tier=tier),
            remainder=remainder,
            provider=provider,
        )
        self.autopay_time_said = False
        self.window = next(
            (w for w in windows if w.covers(answers.attempted_at) or w.covers(now)), None
        )
        self.steps: list[Step] = []
        self._values: dict[str, str] | None = None
        self.rungs = tuple(ladder)
        made = case_created_at or now
        self.case_day = beijing_date(made)
        self.today = beijing_date(now)
        self.case_age = age_in_days(since=made, now=now)
        self.unsolved = feedback in UNSOLVED_FEEDBACK
        self.solved = feedback == SOLVED_FEEDBACK
        # Money taken in time that the bill does not show: a late mark for it would be wrong,
        # and a wrong record is what a dispute corrects.
        self.wrong_mark_possible = self.money_already_left and self.status is not Status.OVERDUE
        self.ladder_applies = not self.solved and (
            self.money_already_left or self.unsolved or self.case_age >= 1
        )
        self._laid_out: dict[str, tuple[LadderRung, ...]] = {}

    @property
    def pay_urgency(self) -> Urgency:
        """How soon money has to move, judged by where things stand now."""
        if self.tolerance_applies:
            # The bill counts as paid; the rest is due before the next statement.
            return Urgency.SOON
        if self.status_now is not Status.NOT_DUE:
            return Urgency.NOW
        if self.deadline - self.now <= dt.timedelta(days=1):
            return Urgency.TODAY
        return Urgency.SOON

    def build(self) -> Plan:
        a = self.answers
        symptom = a.symptom
        symptom_reason = self.because(_("遇到的问题"), Symptom(symptom).label)
        blocker = Urgency.NOW if self.pay_urgency is Urgency.NOW else Urgency.TODAY

        if a.outcome_unknown and not self.money_already_left:
            self.add(
                StepCode.CHECK_MONEY_LEFT,
                Urgency.NOW,
                self.because(_("屏幕上的提示"), MessageOutcome.UNKNOWN.label),
            )
        if self.provider.is_unknown:
            self.add(
                StepCode.IDENTIFY_PROVIDER,
                Urgency.NOW,
                self.because(_("还款机构"), _("不确定是哪家")),
            )
        if self.window:
            self.add(
                StepCode.MAINTENANCE_WINDOW,
                Urgency.NOW,
                self.because(
                    _("维护公告"),
                    _("%(provider)s在你还款时或现在处于维护中")
                    % {"provider": self.provider.in_language("name", self.language)},
                ),
            )
        if symptom in (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE):
            self.add(StepCode.OUTAGE_PROCEDURE, blocker, symptom_reason)
        if self.money_already_left:
            # Money has left: the plan is about proving when, never about paying again
            # before the provider has said the money did not arrive.
            self.add(StepCode.REPORT_DEDUCTED_NOT_CREDITED, Urgency.NOW, symptom_reason)
            self.add(
                StepCode.PROVE_PAYMENT_TIME,
                Urgency.NOW,
                self.because(_("尝试还款时间"), self.value("attempt_time")),
            )
        else:
            self.add_account_steps(blocker, symptom_reason)
            self.add_funds_steps(symptom_reason)
            self.add(
                StepCode.MEET_DEADLINE,
                self.pay_urgency,
                self.because(
                    _("还款日"),
                    format_moment(self.due_cutoff, language=self.language, now=self.now),
                ),
            )
            contacted = a.contacted_provider == YesNo.YES
            if symptom == Symptom.NO_REPAY_OPTION or not self.has_self_fix():
                # Nothing the person can fix alone: only the provider can say why.
                contact_urgency = (
                    least_urgent(Urgency.TODAY, self.pay_urgency) if contacted else blocker
                )
            else:
                contact_urgency = least_urgent(
                    Urgency.SOON if contacted else Urgency.TODAY, self.pay_urgency
                )
            self.add(
                StepCode.CONTACT_PROVIDER,
                contact_urgency,
                self.because(_("是否已联系过客服"), YesNo(a.contacted_provider).label),
            )
        standing = self.status if self.money_already_left else self.status_now
        self.add(
            StepCode.PROTECT_CREDIT,
            {
                Status.OVERDUE: Urgency.NOW,
                Status.POSSIBLY_IN_GRACE: Urgency.NOW,
                Status.IN_GRACE: Urgency.TODAY,
                # Counted as paid only if the unconfirmed tolerance holds: check soon.
                Status.MAYBE_WITHIN_TOLERANCE: Urgency.SOON,
            }.get(standing, Urgency.LATER),
            self.because(_("目前状态"), self.banner_label(standing)),
        )
        self.add_ladder_steps(standing)
        if self.provider.autopay_available and (
            a.autopay != Autopay.ON or a.channel == Channel.AUTOPAY
        ):
            self.add(
                StepCode.ENABLE_AUTOPAY,
                Urgency.LATER,
                self.because(_("自动还款"), Autopay(a.autopay).label),
            )

        steps = sorted(
            self.steps,
            key=lambda s: (
                s.urgency.rank,
                # Where things stand now leads; then what blocks any payment.
                0
                if s.code is StepCode.ESCALATE_TO_REGULATOR
                else 1
                if s.code.leads
                else 2
                if symptom in s.code.answers
                else 3,
                s.code.position,
            ),
        )
        return Plan(
            provider=self.provider,
            answers=a,
            status=self.status,
            status_now=self.status_now,
            due_cutoff=self.due_cutoff,
            deadline=self.deadline,
            now=self.now,
            language=self.language,
            steps=tuple(steps),
            window=self.window,
            grace_deadline=self.grace_deadline,
            attempt_evidence=self.value("attempt_evidence"),
            ladder=self.laid_out("ladder") if self.ladder_applies else (),
            credit_record=self.laid_out("credit"),
            tolerance_applies=self.tolerance_applies,
            tolerance_text=self.tolerance_note() if self.tolerance_applies else "",
            credit_record_open=not self.solved
            and (
                standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE)
                or (self.wrong_mark_possible and self.case_age >= 1)
            ),
            case_age_days=self.case_age,
        )

    def laid_out(self, which: str) -> tuple[LadderRung, ...]:
        """The ladder's or the credit section's records, words filled, dates counted."""
        if which not in self._laid_out:
            kinds = (
                ladder_kinds(wrong_mark_possible=self.wrong_mark_possible)
                if which == "ladder"
                else CREDIT_KINDS
            )
            self._laid_out[which] = lay_out(
                self.rungs,
                kinds=kinds,
                values=self.rung_values(),
                case_day=self.case_day,
                today=self.today,
                language=self.language,
            )
        return self._laid_out[which]

    def rung_values(self) -> dict[str, str]:
        p = self.provider
        return {
            "provider": p.in_language("name", self.language),
            "hotline": p.hotline or _("账单或扣款短信上的客服电话"),
        }

    def first_rung(self, kind: RungKind, *, timed: bool = False) -> LadderRung | None:
        every = (*self.laid_out("ladder"), *self.laid_out("credit"))
        return next(
            (
                rung
                for rung in every
                if rung.kind is kind and (not timed or rung.facts.time_limit_days is not None)
            ),
            None,
        )

    def add_ladder_steps(self, standing: Status) -> None:
        """The steps a plan gains once time has passed or the person says it is not solved:
        the regulator once the lender's time to answer is over (leading the plan), and a
        look at the credit report, with the dispute where a late mark would be wrong."""
        if not self.ladder_applies:
            return
        complaint = self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True)
        regulator = self.first_rung(RungKind.REGULATOR)
        limit = complaint.facts.time_limit_days if complaint else None
        if (
            complaint is not None
            and regulator is not None
            and limit is not None
            and self.case_age >= limit
            and (self.money_already_left or self.unsolved)
        ):
            self.add(
                StepCode.ESCALATE_TO_REGULATOR,
                Urgency.NOW,
                self.because(
                    _("方案生成于"),
                    ngettext("%(day)s,%(n)d 天前", "%(day)s,%(n)d 天前", self.case_age)
                    % {"day": self.day(self.case_day), "n": self.case_age},
                ),
            )
        if self.case_age < 1:
            return
        at_risk = standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE)
        if self.first_rung(RungKind.CREDIT_CHECK) and (at_risk or self.wrong_mark_possible):
            self.add(
                StepCode.CHECK_CREDIT_REPORT,
                Urgency.SOON,
                self.because(_("目前状态"), self.banner_label(standing)),
            )
        if self.wrong_mark_possible and self.first_rung(RungKind.CREDIT_DISPUTE):
            self.add(
                StepCode.DISPUTE_CREDIT_RECORD,
                Urgency.SOON,
                self.because(_("尝试还款时间"), self.value("attempt_time")),
            )

    def day(self, day: dt.date) -> str:
        return format_day(day, language=self.language, today=self.today)

    def banner_label(self, status: Status) -> str:
        if self.money_already_left and status in (
            Status.NOT_DUE,
            Status.DUE_TODAY,
            Status.IN_GRACE,
        ):
            return _("按时付款,等待入账")
        return status.label

    def has_self_fix(self) -> bool:
        return any(step.code.self_fix for step in self.steps)

    def add_account_steps(self, urgency: Urgency, symptom_reason: str) -> None:
        account = self.answers.account
        symptom = self.answers.symptom
        if symptom == Symptom.RISK_CONTROL:
            self.add(StepCode.PASS_RISK_CHECK, urgency, symptom_reason)
        if account is None:
            if symptom == Symptom.INFO_MISMATCH:
                self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, symptom_reason)
            return
        if account.card_status in (CardStatus.EXPIRED, CardStatus.FROZEN, CardStatus.LOST):
            self.add(
                StepCode.FIX_CARD_STATUS,
                urgency,
                self.because(_("银行卡状态"), CardStatus(account.card_status).label),
            )
        doubtful = [
            (label, value)
            for label, value in (
                (_("银行卡号"), account.card_number),
                (_("持卡人姓名"), account.holder_name),
            )
            if value != Check.OK
        ]
        if doubtful or symptom == Symptom.INFO_MISMATCH or account.card_status == CardStatus.UNSURE:
            reasons = [self.because(label, Check(value).label) for label, value in doubtful]
            if account.card_status == CardStatus.UNSURE:
                reasons.append(self.because(_("银行卡状态"), CardStatus.UNSURE.label))
            self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, self.join(reasons) or symptom_reason)
        if account.reserved_phone != Check.OK:
            self.add(
                StepCode.UPDATE_RESERVED_PHONE,
                urgency,
                self.because(_("银行预留手机号"), Check(account.reserved_phone).label),
            )

    def add_funds_steps(self, symptom_reason: str) -> None:
        funds = self.answers.funds
        symptom = self.answers.symptom
        urgency = self.pay_urgency
        short = symptom == Symptom.INSUFFICIENT_FUNDS or (
            funds is not None and funds.enough_balance != YesNoUnsure.YES
        )
        if short:
            reason = (
                self.because(_("余额是否足够"), YesNoUnsure(funds.enough_balance).label)
                if funds is not None and funds.enough_balance != YesNoUnsure.YES
                else symptom_reason
            )
            self.add(StepCode.ENSURE_FUNDS, urgency, reason)
        if funds is not None and funds.frozen_or_preauth != YesNoUnsure.NO:
            self.add(
                StepCode.WAIT_FOR_PREAUTH_RELEASE,
                urgency,
                self.because(
                    _("是否有冻结或预授权的钱"), YesNoUnsure(funds.frozen_or_preauth).label
                ),
            )
        if symptom == Symptom.LIMIT_EXCEEDED or (
            funds is not None and funds.limit_reached == YesNoUnsure.YES
        ):
            reason = (
                symptom_reason
                if symptom == Symptom.LIMIT_EXCEEDED
                else self.because(_("是否碰到限额"), YesNoUnsure.YES.label)
            )
            self.add(StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL, urgency, reason)

    def add(self, code: StepCode, urgency: Urgency, because: str) -> None:
        text = self.texts.get(code) or DEFAULT_TEXTS[code]
        values = self.placeholder_values()
        title = fill(text.title(self.language), values).strip()
        if code is StepCode.MEET_DEADLINE and self.tolerance_applies:
            # The bill counts as paid: the deadline that matters is the next statement's.
            title = _("下一期账单出来前,还上差的钱")
        detail = fill(text.detail(self.language), values).strip()
        detail = self.sentences(self.precondition(code), detail, self.caveat(code))
        self.steps.append(Step(code, urgency, title, detail, because))

    def sentences(self, *parts: str) -> str:
        return pick(self.language, zh="", en=" ").join(part for part in parts if part)

    def precondition(self, code: StepCode) -> str:
        """What must be true before the step is taken, said before the step's own words."""
        if self.answers.outcome_unknown and code in PAYING_STEPS and not self.money_already_left:
            # The message said the result is unknown: no step may send money before the
            # person has seen that the last attempt did not take it.
            return _("先按第一步确认上一笔没有扣款,再做这一步。")
        if code is StepCode.MEET_DEADLINE and self.tolerance_applies:
            return self.tolerance_note()
        return ""

    def caveat(self, code: StepCode) -> str:
        """What the step must add about how sure we are of the facts it rests on."""
        p = self.provider
        name = p.in_language("name", self.language)
        if code is StepCode.MEET_DEADLINE:
            notes = ["" if self.tolerance_applies else self.grace_note()]
            if self.answers.channel == Channel.AUTOPAY or self.answers.autopay == Autopay.ON:
                notes.append(self.autopay_time_note())
            due_cutoff = p.provenance_of(Fact.DUE_CUTOFF)
            if not due_cutoff.is_official and not p.is_unknown:
                notes.append(
                    _(
                        "当天截止时间 %(cutoff)s 尚未得到官方确认(%(certainty)s),请以%(provider)s的通知为准。"  # noqa: E501
                    )
                    % {
                        "cutoff": p.due_cutoff.strftime("%H:%M"),
                        "certainty": due_cutoff.label,
                        "provider": name,
                    }
                )
            return self.sentences(*notes)
        if code is StepCode.ENABLE_AUTOPAY and not self.autopay_time_said:
            return self.autopay_time_note(turning_on=True)
        if (
            code in (StepCode.CONTACT_PROVIDER, StepCode.REPORT_DEDUCTED_NOT_CREDITED)
            and not p.is_unknown
            and not p.provenance_of(Fact.HOTLINE).is_official
        ):
            return _("这个号码来自公开资料,尚未得到官方确认;拨打前请在官方 App 或账单上核对一下。")
        rungs = {
            StepCode.ESCALATE_TO_REGULATOR: (
                self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True),
                self.first_rung(RungKind.REGULATOR),
            ),
            StepCode.CHECK_CREDIT_REPORT: (self.first_rung(RungKind.CREDIT_CHECK),),
            StepCode.DISPUTE_CREDIT_RECORD: (self.first_rung(RungKind.CREDIT_DISPUTE),),
        }.get(code, ())
        notes = [
            f"({sourced(rung.provenance, language=self.language)})"
            for rung in rungs
            if rung is not None
        ]
        return self.sentences(*notes)

    def grace_note(self) -> str:
        """What the plan says about a grace period it does not count on.

        Past the due-date cutoff inside a stated but unconfirmed grace period (or one that
        must be asked for): pay now, and here is what the grace would give you, from where,
        and how to confirm or request it.
        """
        p = self.provider
        rule = self.grace
        provenance = p.provenance_of(Fact.GRACE)
        if not rule.days or p.grace_is_certain() or self.grace_deadline is None:
            return ""
        values = {
            "provider": p.in_language("name", self.language),
            "n": rule.days,
            "grace_end": format_moment(self.grace_deadline, language=self.language, now=self.now),
            "source": source_name(provenance.source) or provenance.label,
            "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else "—",
            "certainty": provenance.label,
        }
        if self.status_now is Status.POSSIBLY_IN_GRACE:
            note = (
                ngettext(
                    "现在就还,别等。如果%(provider)s的 %(n)d 天宽限期适用于你的卡"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "在 %(grace_end)s 前还上仍算按时。",
                    "现在就还,别等。如果%(provider)s的 %(n)d 天宽限期适用于你的卡"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "在 %(grace_end)s 前还上仍算按时。",
                    rule.days,
                )
                % values
            )
        else:
            note = (
                ngettext(
                    "公开资料称%(provider)s有 %(n)d 天宽限期,到 %(grace_end)s 为止"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "但没有官方确认,这里按没有宽限期计算。",
                    "公开资料称%(provider)s有 %(n)d 天宽限期,到 %(grace_end)s 为止"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "但没有官方确认,这里按没有宽限期计算。",
                    rule.days,
                )
                % values
            )
        parts = [note]
        if p.hotline:
            parts.append(
                _("请打 %(hotline)s 向%(provider)s确认。")
                % {"hotline": p.hotline, "provider": values["provider"]}
            )
        if rule.needs_request:
            how = rule.request_how(self.language)
            parts.append(
                _("这个宽限期要先申请才有:%(how)s") % {"how": how}
                if how
                else _("这个宽限期要先向机构申请才有。")
            )
        if rule.uses_per_year:
            parts.append(
                ngettext(
                    "资料称每年只能用 %(n)d 次。", "资料称每年只能用 %(n)d 次。", rule.uses_per_year
                )
                % {"n": rule.uses_per_year}
            )
        return self.sentences(*parts)

    def sourced(self, fact: Fact) -> str:
        """Where a fact comes from, as the plan names it after the sentence it supports."""
        provenance = self.provider.provenance_of(fact)
        return _("(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s。)") % {
            "source": source_name(provenance.source) or provenance.label,
            "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else "—",
            "certainty": provenance.label,
        }

    def tolerance_note(self) -> str:
        """What the plan says to a person whose unpaid remainder is under the tolerance:
        not overdue, clear the rest before the next statement, and how sure that is."""
        p = self.provider
        values = {
            "provider": p.in_language("name", self.language),
            "amount": yuan_text(p.tolerance_yuan or Decimal(0)),
            "hotline": p.hotline or _("账单上的客服电话"),
        }
        if p.tolerance_is_certain():
            parts = [_("差的钱在%(provider)s的容差 %(amount)s 元以内,不算逾期。") % values]
        else:
            parts = [
                _("差的钱可能在%(provider)s的容差 %(amount)s 元以内,不算逾期。") % values,
                _("容差没有官方确认,请打 %(hotline)s 问一下。") % values,
            ]
        parts += [
            _("下一期账单出来前,把差的钱还上。前提是已还的部分按时到了账。"),
            self.sourced(Fact.TOLERANCE),
        ]
        return self.sentences(*parts)

    def autopay_time_note(self, *, turning_on: bool = False) -> str:
        """When automatic repayment takes the money, where the lender states it: it runs on
        its own clock (CCB: by 07:00 on the due date, not its 16:00 cutoff)."""
        p = self.provider
        timing = p.autopay_time
        if timing.funded_by is None:
            return ""
        self.autopay_time_said = True
        values = {
            "provider": p.in_language("name", self.language),
            "time": timing.funded_by.strftime("%H:%M"),
            "cutoff": p.due_cutoff.strftime("%H:%M"),
        }
        if turning_on:
            parts = [_("开通后,每期都要在还款日 %(time)s 前把钱存进扣款账户。") % values]
        elif timing.funded_by < p.due_cutoff:
            parts = [
                _(
                    "自动扣款的钱要在还款日 %(time)s 前存进扣款账户,"
                    "比主动还款的截止时间 %(cutoff)s 早。"
                )
                % values
            ]
        else:
            parts = [_("自动扣款的钱要在还款日 %(time)s 前存进扣款账户。") % values]
        if not turning_on and timing.retry_days is not None and timing.retry_at is not None:
            retry = dt.datetime.combine(
                self.answers.due_date + dt.timedelta(days=timing.retry_days),
                timing.retry_at,
                tzinfo=SHANGHAI,
            )
            if retry > self.now:
                parts.append(
                    _("%(provider)s会在 %(retry)s 再扣一次,在那之前存够钱。")
                    % {**values, "retry": self.moment(retry)}
                )
        parts.append(self.sourced(Fact.AUTOPAY_TIME))
        return self.sentences(*parts)

    def value(self, name: str) -> str:
        return self.placeholder_values()[name]

    def placeholder_values(self) -> dict[str, str]:
        if self._values is not None:
            return self._values
        p = self.provider
        lang = self.language
        rule = self.grace
        if rule.days and p.grace_is_certain():
            grace = ngettext(
                "宽限期 %(n)d 天,到 %(end)s 为止", "宽限期 %(n)d 天,到 %(end)s 为止", rule.days
            ) % {"n": rule.days, "end": self.moment(self.grace_deadline)}
        elif rule.days:
            grace = _("宽限期尚未得到官方确认,这里按没有宽限期计算")
        elif p.provenance_of(Fact.GRACE).is_official:
            grace = _("没有宽限期")
        else:
            grace = _("没有查到可以依靠的宽限期,按没有宽限期计算")
        values = {
            "provider": p.in_language("name", lang),
            "hotline": p.hotline or _("账单或扣款短信上的客服电话"),
            "repay_path": p.in_language("repay_path", lang),
            "deadline": self.moment(self.deadline),
            "grace_deadline": self.moment(self.grace_deadline) if self.grace_deadline else "",
            "cutoff": p.due_cutoff.strftime("%H:%M"),
            "grace": grace,
            "late_fee": p.in_language("late_fee", lang),
            "autopay_how": p.in_language("autopay_how", lang),
            "status_text": self.status_sentence(),
            "attempt_time": self.moment(self.answers.attempted_at),
            "attempt_evidence": self.attempt_evidence(),
            **self.ladder_placeholder_values(),
        }
        if self.window:
            w = self.window
            can_wait = w.ends_at < self.deadline
            if self.money_already_left:
                advice = _("维护结束后,再看一下账单是否已经入账。")
            elif can_wait:
                advice = _("维护结束时仍在还款期限内,可以等结束后马上还。")
            else:
                advice = _("维护要到期限之后才结束,请现在改用其他渠道还款。")
            values.update(
                window_end=self.moment(w.ends_at),
                window_channels=pick(lang, zh=w.channels_zh, en=w.channels_en),
                window_notice=(
                    _("机构公告:“%(notice)s”") % {"notice": notice}
                    if (notice := pick(lang, zh=w.notice_zh, en=w.notice_en))
                    else ""
                ),
                window_advice=advice,
            )
        self._values = values
        return values

    def ladder_placeholder_values(self) -> dict[str, str]:
        """The ladder's words and dates as step texts may name them ("" where none apply)."""
        complaint = self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True)
        regulator = self.first_rung(RungKind.REGULATOR)
        check = self.first_rung(RungKind.CREDIT_CHECK)
        dispute = self.first_rung(RungKind.CREDIT_DISPUTE)
        return {
            "regulator_title": regulator.title if regulator else "",
            "regulator_text": regulator.text if regulator else "",
            "complaint_days": str(complaint.facts.time_limit_days) if complaint else "",
            "complaint_start": self.day(self.case_day),
            "complaint_by": self.day(complaint.answer_by)
            if complaint and complaint.answer_by
            else "",
            "case_age": str(self.case_age),
            "credit_check": check.text if check else "",
            "dispute_text": dispute.text if dispute else "",
            "dispute_by": self.day(dispute.answer_by) if dispute and dispute.answer_by else "",
        }

    def moment(self, moment: dt.datetime | None) -> str:
        return format_moment(moment, language=self.language, now=self.now) if moment else ""

    def attempt_evidence(self) -> str:
        """The payment's time against the deadline, as the person can say it to the provider."""
        attempt = self.answers.attempted_at.astimezone(SHANGHAI).strftime("%H:%M")
        values = {
            "attempt": self.moment(self.answers.attempted_at),
            "attempt_clock": attempt,
            "cutoff": self.moment(self.due_cutoff),
            "grace_end": self.moment(self.grace_deadline),
            "deadline": self.moment(self.deadline),
        }
        if self.status in (Status.NOT_DUE, Status.DUE_TODAY):
            return _("你在 %(attempt)s 付款,早于截止时间 %(cutoff)s,是按时付的。") % values
        if self.status is Status.IN_GRACE:
            return _("你在 %(attempt)s 付款,在宽限期内(%(grace_end)s 前),是按时付的。") % values
        if self.status is Status.POSSIBLY_IN_GRACE:
            return (
                _(
                    "你在 %(attempt)s 付款,晚于还款日当天的截止时间 %(cutoff)s,"
                    "但在公开资料所说的宽限期内(%(grace_end)s 前)。"
                )
                % values
            )
        return (
            _(
                "你在 %(attempt)s 付款,晚于截止时间 %(deadline)s。请客服按实际扣款时间入账,并说明会不会产生费用。"  # noqa: E501
            )
            % values
        )

    def status_sentence(self) -> str:
        return {
            Status.NOT_DUE: _("还没到还款日。"),
            Status.DUE_TODAY: _("今天就是还款日。"),
            Status.IN_GRACE: _("已过还款日,但还在宽限期内。"),
            Status.POSSIBLY_IN_GRACE: _(
                "已过还款日当天的截止时间。可能还在宽限期内,但宽限期没有官方确认,请现在就还。"
            ),
            Status.OVERDUE: _("已经过了最后期限,越早还上,产生的费用越少。"),
            Status.WITHIN_TOLERANCE: _("这期账单视同还清。"),
            Status.MAYBE_WITHIN_TOLERANCE: _("这期账单可能已视同还清(待核实)。"),
        }[self.status_now]

    def because(self, question: str, answer: object) -> str:
        return _("%(question)s:%(answer)s") % {"question": question, "answer": answer}

    def join(self, reasons: list[str]) -> str:
        return _(";").join(reasons)
