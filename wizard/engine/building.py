"""Plan building: `build_plan` turns answers, provider facts and now into ordered steps.

The step rules live here: which steps a plan has and how urgent each is. The values it
returns are in `plan`, where the payment stands in `situation`, what the steps say in
`sentences`.

Pure: no request, session, database or template (see wizard/engine/__init__.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from providers.facts import Channel, MaintenanceWindowFacts, ProviderFacts, RungFacts, RungKind
from wizard.engine.answers import (
    SHANGHAI,
    Answers,
    Autopay,
    CardStatus,
    Check,
    MessageOutcome,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.deadlines import Status, format_moment
from wizard.engine.ladder import (
    CREDIT_KINDS,
    SOLVED_FEEDBACK,
    UNSOLVED_FEEDBACK,
    LadderRung,
    ladder_kinds,
    lay_out,
)
from wizard.engine.plan import Plan, Step, banner_label
from wizard.engine.sentences import Sentences
from wizard.engine.situation import Situation
from wizard.engine.steps import StepCode, Urgency, least_urgent
from wizard.engine.wording import DEFAULT_TEXTS, StepText, fill

__all__ = ["Plan", "Step", "build_plan"]


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
    """One plan's working state; only `build_plan` uses it. It decides which steps the plan
    has and how urgent each is; `Sentences` says them."""

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
        self.situation = Situation.of(
            answers=answers,
            provider=provider,
            now=now,
            language=language,
            windows=windows,
            case_created_at=case_created_at,
        )
        self.texts = texts
        self.words = Sentences(self.situation, first_rung=self.first_rung)
        self.steps: list[Step] = []
        self.rungs = tuple(ladder)
        self.unsolved = feedback in UNSOLVED_FEEDBACK
        self.solved = feedback == SOLVED_FEEDBACK
        s = self.situation
        # Money taken in time that the bill does not show: a late mark for it would be wrong,
        # and a wrong record is what a dispute corrects.
        self.wrong_mark_possible = s.money_already_left and s.status is not Status.OVERDUE
        self.ladder_applies = not self.solved and (
            s.money_already_left or self.unsolved or s.case_age >= 1
        )
        self._laid_out: dict[str, tuple[LadderRung, ...]] = {}

    @property
    def pay_urgency(self) -> Urgency:
        """How soon money has to move, judged by where things stand now."""
        if self.situation.status_now is not Status.NOT_DUE:
            return Urgency.NOW
        if self.situation.deadline - self.situation.now <= dt.timedelta(days=1):
            return Urgency.TODAY
        return Urgency.SOON

    def build(self) -> Plan:
        s = self.situation
        a = s.answers
        symptom = a.symptom
        symptom_reason = self.words.because(_("遇到的问题"), Symptom(symptom).label)
        blocker = Urgency.NOW if self.pay_urgency is Urgency.NOW else Urgency.TODAY

        if a.outcome_unknown and not s.money_already_left:
            self.add(
                StepCode.CHECK_MONEY_LEFT,
                Urgency.NOW,
                self.words.because(_("屏幕上的提示"), MessageOutcome.UNKNOWN.label),
            )
        if s.provider.is_unknown:
            self.add(
                StepCode.IDENTIFY_PROVIDER,
                Urgency.NOW,
                self.words.because(_("还款机构"), _("不确定是哪家")),
            )
        if s.window:
            self.add(
                StepCode.MAINTENANCE_WINDOW,
                Urgency.NOW,
                self.words.because(
                    _("维护公告"),
                    _("%(provider)s在你还款时或现在处于维护中")
                    % {"provider": s.provider.in_language("name", s.language)},
                ),
            )
        if symptom in (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE):
            self.add(StepCode.OUTAGE_PROCEDURE, blocker, symptom_reason)
        if s.money_already_left:
            # Money has left: the plan is about proving when, never about paying again
            # before the provider has said the money did not arrive.
            self.add(StepCode.REPORT_DEDUCTED_NOT_CREDITED, Urgency.NOW, symptom_reason)
            self.add(
                StepCode.PROVE_PAYMENT_TIME,
                Urgency.NOW,
                self.words.because(_("尝试还款时间"), self.words.value("attempt_time")),
            )
        else:
            self.add_account_steps(blocker, symptom_reason)
            self.add_funds_steps(symptom_reason)
            self.add(
                StepCode.MEET_DEADLINE,
                self.pay_urgency,
                self.words.because(
                    _("还款日"),
                    format_moment(s.due_cutoff, language=s.language, now=s.now),
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
                self.words.because(_("是否已联系过客服"), YesNo(a.contacted_provider).label),
            )
        standing = s.status if s.money_already_left else s.status_now
        self.add(
            StepCode.PROTECT_CREDIT,
            {
                Status.OVERDUE: Urgency.NOW,
                Status.POSSIBLY_IN_GRACE: Urgency.NOW,
                Status.IN_GRACE: Urgency.TODAY,
            }.get(standing, Urgency.LATER),
            self.words.because(
                _("目前状态"), banner_label(standing, money_already_left=s.money_already_left)
            ),
        )
        self.add_ladder_steps(standing)
        if s.provider.autopay_available and (
            a.autopay != Autopay.ON or a.channel == Channel.AUTOPAY
        ):
            self.add(
                StepCode.ENABLE_AUTOPAY,
                Urgency.LATER,
                self.words.because(_("自动还款"), Autopay(a.autopay).label),
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
            provider=s.provider,
            answers=a,
            status=s.status,
            status_now=s.status_now,
            due_cutoff=s.due_cutoff,
            deadline=s.deadline,
            now=s.now,
            language=s.language,
            steps=tuple(steps),
            window=s.window,
            grace_deadline=s.grace_deadline,
            attempt_evidence=self.words.value("attempt_evidence"),
            ladder=self.laid_out("ladder") if self.ladder_applies else (),
            credit_record=self.laid_out("credit"),
            credit_record_open=not self.solved
            and (
                standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE)
                or (self.wrong_mark_possible and s.case_age >= 1)
            ),
            case_age_days=s.case_age,
        )

    def laid_out(self, which: str) -> tuple[LadderRung, ...]:
        """The ladder's or the credit section's records, words filled, dates counted."""
        s = self.situation
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
                case_day=s.case_day,
                today=s.today,
                language=s.language,
            )
        return self._laid_out[which]

    def rung_values(self) -> dict[str, str]:
        p = self.situation.provider
        return {
            "provider": p.in_language("name", self.situation.language),
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
        s = self.situation
        if not self.ladder_applies:
            return
        complaint = self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True)
        regulator = self.first_rung(RungKind.REGULATOR)
        limit = complaint.facts.time_limit_days if complaint else None
        if (
            complaint is not None
            and regulator is not None
            and limit is not None
            and s.case_age >= limit
            and (s.money_already_left or self.unsolved)
        ):
            self.add(
                StepCode.ESCALATE_TO_REGULATOR,
                Urgency.NOW,
                self.words.because(
                    _("方案生成于"),
                    ngettext("%(day)s,%(n)d 天前", "%(day)s,%(n)d 天前", s.case_age)
                    % {"day": self.words.day(s.case_day), "n": s.case_age},
                ),
            )
        if s.case_age < 1:
            return
        at_risk = standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE)
        if self.first_rung(RungKind.CREDIT_CHECK) and (at_risk or self.wrong_mark_possible):
            self.add(
                StepCode.CHECK_CREDIT_REPORT,
                Urgency.SOON,
                self.words.because(
                    _("目前状态"), banner_label(standing, money_already_left=s.money_already_left)
                ),
            )
        if self.wrong_mark_possible and self.first_rung(RungKind.CREDIT_DISPUTE):
            self.add(
                StepCode.DISPUTE_CREDIT_RECORD,
                Urgency.SOON,
                self.words.because(_("尝试还款时间"), self.words.value("attempt_time")),
            )

    def has_self_fix(self) -> bool:
        return any(step.code.self_fix for step in self.steps)

    def add_account_steps(self, urgency: Urgency, symptom_reason: str) -> None:
        account = self.situation.answers.account
        symptom = self.situation.answers.symptom
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
                self.words.because(_("银行卡状态"), CardStatus(account.card_status).label),
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
            reasons = [self.words.because(label, Check(value).label) for label, value in doubtful]
            if account.card_status == CardStatus.UNSURE:
                reasons.append(self.words.because(_("银行卡状态"), CardStatus.UNSURE.label))
            self.add(
                StepCode.CHECK_ACCOUNT_INFO, urgency, self.words.join(reasons) or symptom_reason
            )
        if account.reserved_phone != Check.OK:
            self.add(
                StepCode.UPDATE_RESERVED_PHONE,
                urgency,
                self.words.because(_("银行预留手机号"), Check(account.reserved_phone).label),
            )

    def add_funds_steps(self, symptom_reason: str) -> None:
        funds = self.situation.answers.funds
        symptom = self.situation.answers.symptom
        urgency = self.pay_urgency
        short = symptom == Symptom.INSUFFICIENT_FUNDS or (
            funds is not None and funds.enough_balance != YesNoUnsure.YES
        )
        if short:
            reason = (
                self.words.because(_("余额是否足够"), YesNoUnsure(funds.enough_balance).label)
                if funds is not None and funds.enough_balance != YesNoUnsure.YES
                else symptom_reason
            )
            self.add(StepCode.ENSURE_FUNDS, urgency, reason)
        if funds is not None and funds.frozen_or_preauth != YesNoUnsure.NO:
            self.add(
                StepCode.WAIT_FOR_PREAUTH_RELEASE,
                urgency,
                self.words.because(
                    _("是否有冻结或预授权的钱"), YesNoUnsure(funds.frozen_or_preauth).label
                ),
            )
        if symptom == Symptom.LIMIT_EXCEEDED or (
            funds is not None and funds.limit_reached == YesNoUnsure.YES
        ):
            reason = (
                symptom_reason
                if symptom == Symptom.LIMIT_EXCEEDED
                else self.words.because(_("是否碰到限额"), YesNoUnsure.YES.label)
            )
            self.add(StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL, urgency, reason)

    def add(self, code: StepCode, urgency: Urgency, because: str) -> None:
        text = self.texts.get(code) or DEFAULT_TEXTS[code]
        values = self.words.placeholder_values()
        title = fill(text.title(self.situation.language), values).strip()
        detail = fill(text.detail(self.situation.language), values).strip()
        detail = self.words.sentences(
            self.words.precondition(code), detail, self.words.caveat(code)
        )
        self.steps.append(Step(code, urgency, title, detail, because))
