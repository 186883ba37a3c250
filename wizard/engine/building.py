"""Plan building: `build_plan` turns answers, provider facts and now into ordered steps.

The step rules live here: which steps a plan has and how urgent each is. The values it
returns are in `plan`, where the payment stands in `situation`, what the steps say in
`sentences`.

Pure: no request, session, database or template (see wizard/engine/__init__.py).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from django.utils import translation
from django.utils.translation import gettext as _

from config.language import is_english
from providers.facts import Channel, MaintenanceWindowFacts, ProviderFacts, RungFacts, RungKind
from wizard.engine.answers import (
    SHANGHAI,
    Answers,
    Autopay,
    CardStatus,
    Check,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.deadlines import Status
from wizard.engine.ladder import (
    CREDIT_KINDS,
    SOLVED_FEEDBACK,
    UNSOLVED_FEEDBACK,
    LadderRung,
    ladder_kinds,
    lay_out,
)
from wizard.engine.plan import Plan, SourcedClaim, Step
from wizard.engine.punctuation import punctuate
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
        if self.situation.tolerance_applies:
            # The bill counts as paid; the rest is due before the next statement.
            return Urgency.SOON
        if self.situation.status_now is not Status.NOT_DUE:
            return Urgency.NOW
        if self.situation.deadline - self.situation.now <= dt.timedelta(days=1):
            return Urgency.TODAY
        return Urgency.SOON

    def build(self) -> Plan:
        s = self.situation
        a = s.answers
        w = self.words
        symptom = a.symptom
        blocker = Urgency.NOW if self.pay_urgency is Urgency.NOW else Urgency.TODAY
        contacted = a.contacted_provider == YesNo.YES

        if a.outcome_unknown and not s.money_already_left:
            self.add(StepCode.CHECK_MONEY_LEFT, Urgency.NOW, w.why_message_unknown())
        if s.provider.is_unknown:
            self.add(StepCode.IDENTIFY_PROVIDER, Urgency.NOW, w.why_lender_unknown())
        if s.window:
            self.add(StepCode.MAINTENANCE_WINDOW, Urgency.NOW, w.why_window())
        if symptom in (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE):
            self.add(StepCode.OUTAGE_PROCEDURE, blocker, w.why_problem())
        if s.money_already_left:
            # Money has left: the plan is about proving when, never about paying again
            # before the provider has said the money did not arrive. Someone who has
            # called already follows that call up rather than making it again.
            if contacted:
                self.add(
                    StepCode.FOLLOW_UP_WITH_PROVIDER, Urgency.NOW, w.why_contact(follow_up=True)
                )
            else:
                self.add(StepCode.REPORT_DEDUCTED_NOT_CREDITED, Urgency.NOW, w.why_problem())
            self.add(StepCode.PROVE_PAYMENT_TIME, Urgency.NOW, w.why_payment_time())
        else:
            self.add_account_steps(blocker)
            self.add_funds_steps()
            self.add(StepCode.MEET_DEADLINE, self.pay_urgency, w.why_deadline())
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
                StepCode.FOLLOW_UP_WITH_PROVIDER if contacted else StepCode.CONTACT_PROVIDER,
                contact_urgency,
                w.why_contact(follow_up=contacted),
            )
        standing = s.status if s.money_already_left else s.status_now
        self.add(
            StepCode.PROTECT_CREDIT,
            {
                Status.OVERDUE: Urgency.NOW,
                Status.POSSIBLY_IN_GRACE: Urgency.NOW,
                Status.IN_GRACE: Urgency.TODAY,
                # Counted as paid only if the unconfirmed tolerance holds: check soon.
                Status.MAYBE_WITHIN_TOLERANCE: Urgency.SOON,
            }.get(standing, Urgency.LATER),
            w.why_credit(standing),
        )
        self.add_ladder_steps(standing)
        autopay_failed = a.channel == Channel.AUTOPAY
        if autopay_failed:
            # It was on and did not take the money: why, not "turn it on".
            self.add(StepCode.CHECK_AUTOPAY, Urgency.LATER, w.why_autopay(a.autopay, failed=True))
        elif s.provider.autopay_available and a.autopay != Autopay.ON:
            self.add(StepCode.ENABLE_AUTOPAY, Urgency.LATER, w.why_autopay(a.autopay, failed=False))

        def order(step: Step) -> tuple[int, int, int]:
            return (
                step.urgency.rank,
                # Where things stand now leads; then what blocks any payment.
                0
                if step.code is StepCode.ESCALATE_TO_REGULATOR
                else 1
                if step.code.leads
                else 2
                if symptom in step.code.answers
                else 3,
                step.code.position,
            )

        steps = sorted(at_most_two_now(sorted(self.steps, key=order)), key=order)
        ladder = self.laid_out("ladder") if self.ladder_applies else ()
        return Plan(
            provider=s.provider,
            answers=a,
            status=s.status,
            status_now=s.status_now,
            due_cutoff=s.due_cutoff,
            deadline=s.deadline,
            now=s.now,
            language=s.language,
            steps=path_said_once(
                numbered(steps),
                punctuate(s.provider.in_language("repay_path", s.language), language=s.language),
            ),
            window=s.window,
            grace_deadline=s.grace_deadline,
            attempt_evidence=punctuate(w.value("attempt_evidence"), language=s.language),
            ladder=fold_ladder(ladder, case_age=s.case_age, unsolved=self.unsolved),
            credit_record=self.laid_out("credit"),
            # The credit-record section (disputes, 12363, courts) opens by itself only for
            # someone really overdue, never for one who may still be inside a grace period.
            credit_record_open=not self.solved
            and s.overdue_for_sure(standing, a.attempted_at if s.money_already_left else s.now),
            case_age_days=s.case_age,
            deadline_sourced=s.deadline_sourced,
            tolerance_applies=s.tolerance_applies,
            tolerance_text=punctuate(w.tolerance_note(), language=s.language)
            if s.tolerance_applies
            else "",
            overdue_for_sure=s.overdue_for_sure(
                standing, a.attempted_at if s.money_already_left else s.now
            ),
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
            self._laid_out[which] = tuple(
                rung.punctuated(s.language)
                for rung in lay_out(
                    self.rungs,
                    kinds=kinds,
                    values=self.rung_values(),
                    case_day=s.case_day,
                    today=s.today,
                    language=s.language,
                )
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
            self.add(StepCode.ESCALATE_TO_REGULATOR, Urgency.NOW, self.words.why_escalate())
        if s.case_age < 1:
            return
        at_risk = standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE)
        if self.first_rung(RungKind.CREDIT_CHECK) and (at_risk or self.wrong_mark_possible):
            self.add(StepCode.CHECK_CREDIT_REPORT, Urgency.SOON, self.words.why_credit_check())
        if self.wrong_mark_possible and self.first_rung(RungKind.CREDIT_DISPUTE):
            self.add(StepCode.DISPUTE_CREDIT_RECORD, Urgency.SOON, self.words.why_dispute())

    def has_self_fix(self) -> bool:
        return any(step.code.self_fix for step in self.steps)

    def add_account_steps(self, urgency: Urgency) -> None:
        w = self.words
        account = self.situation.answers.account
        symptom = self.situation.answers.symptom
        if symptom == Symptom.RISK_CONTROL:
            self.add(StepCode.PASS_RISK_CHECK, urgency, w.why_problem())
        if account is None:
            if symptom == Symptom.INFO_MISMATCH:
                self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, w.why_problem())
            return
        if account.card_status in (CardStatus.EXPIRED, CardStatus.FROZEN, CardStatus.LOST):
            self.add(StepCode.FIX_CARD_STATUS, urgency, w.why_card_status(account.card_status))
        doubtful = [
            (label, value)
            for label, value in (
                (_("银行卡号"), account.card_number),
                (_("持卡人姓名"), account.holder_name),
            )
            if value != Check.OK
        ]
        if doubtful or symptom == Symptom.INFO_MISMATCH or account.card_status == CardStatus.UNSURE:
            reasons = [w.why_check(label, value) for label, value in doubtful]
            if account.card_status == CardStatus.UNSURE:
                reasons.append(w.why_card_status(CardStatus.UNSURE))
            self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, w.join(reasons) or w.why_problem())
        if account.reserved_phone != Check.OK:
            self.add(
                StepCode.UPDATE_RESERVED_PHONE,
                urgency,
                w.why_check(_("银行预留手机号"), account.reserved_phone),
            )

    def add_funds_steps(self) -> None:
        w = self.words
        funds = self.situation.answers.funds
        symptom = self.situation.answers.symptom
        urgency = self.pay_urgency
        doubt = funds is not None and funds.enough_balance != YesNoUnsure.YES
        if symptom == Symptom.INSUFFICIENT_FUNDS or doubt:
            reason = w.why_balance(funds.enough_balance) if doubt and funds else w.why_problem()
            self.add(StepCode.ENSURE_FUNDS, urgency, reason)
        if symptom == Symptom.INSUFFICIENT_FUNDS or (
            funds is not None and funds.enough_balance == YesNoUnsure.NO
        ):
            # Short of money: the way to stay out of overdue with less than the full amount.
            self.add(
                StepCode.CANNOT_PAY_IN_FULL,
                least_urgent(Urgency.TODAY, urgency),
                w.why_balance(YesNoUnsure.NO)
                if funds is not None and funds.enough_balance == YesNoUnsure.NO
                else w.why_problem(),
            )
        if funds is not None and funds.frozen_or_preauth != YesNoUnsure.NO:
            self.add(
                StepCode.WAIT_FOR_PREAUTH_RELEASE, urgency, w.why_held(funds.frozen_or_preauth)
            )
        if symptom == Symptom.LIMIT_EXCEEDED or (
            funds is not None and funds.limit_reached == YesNoUnsure.YES
        ):
            reason = w.why_problem() if symptom == Symptom.LIMIT_EXCEEDED else w.why_limit()
            self.add(StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL, urgency, reason)

    def add(self, code: StepCode, urgency: Urgency, because: str) -> None:
        s = self.situation
        w = self.words
        text = self.texts.get(code) or DEFAULT_TEXTS[code]
        values = w.placeholder_values()
        title = fill(text.title(s.language), values).strip()
        detail = w.sentences(
            w.precondition(code), fill(text.detail(s.language), values).strip(), w.addendum(code)
        )
        claims = w.claims_for(code)
        beside = beside_claims(detail, claims)
        if beside is not None:
            detail = beside
        detail, more = fold(ended(detail, s.language), w.more_for(code), language=s.language)
        lead = detail if beside is not None else ""
        fact = w.fact_for(code)
        self.steps.append(
            Step(
                code,
                urgency,
                punctuate(title, language=s.language),
                punctuate(detail, language=s.language),
                punctuate(because, language=s.language),
                more=punctuate(more, language=s.language),
                provenance=w.provenance_for(code),
                claims=claims,
                lead=punctuate(lead, language=s.language),
                fact=str(fact) if fact else "",
            )
        )


def beside_claims(detail: str, claims: tuple[SourcedClaim, ...]) -> str | None:
    """What a step's detail says besides its claims, where the claims are sentences of it
    (the deadline step's grace period, the cannot-pay step's sentences): the step says it
    before them, so the how to pay is not lost behind a tagged sentence, and nothing is said
    twice. None where the claims are not sentences of the detail (the escalation step's
    rungs stand in for it)."""
    if not claims or not all(claim.text in detail for claim in claims):
        return None
    for claim in claims:
        detail = detail.replace(claim.text, "", 1)
    return detail.strip()


# About 200 Chinese characters show; the rest folds behind "more". English runs about
# two and a half times as long for the same words.
DETAIL_LIMIT = {"zh": 200, "en": 500}
SENTENCE_END = re.compile(r"(?<=[。！？；])|(?<=[.!?;])\s+")


def fold(detail: str, more: str, *, language: str) -> tuple[str, str]:
    """(what shows, what folds): whole sentences up to the limit show, the rest folds ahead
    of the step's own "more"."""
    limit = DETAIL_LIMIT["en" if is_english(language) else "zh"]
    if len(detail) <= limit:
        return detail, more
    joiner = " " if is_english(language) else ""
    shown: list[str] = []
    folded: list[str] = []
    for sentence in (part for part in SENTENCE_END.split(detail) if part):
        if not folded and len(joiner.join([*shown, sentence])) <= limit:
            shown.append(sentence)
        else:
            folded.append(sentence)
    if not shown:  # one sentence longer than the limit: it shows whole
        shown, folded = folded[:1], folded[1:]
    return joiner.join(shown), joiner.join(part for part in (*folded, more) if part)


def ended(text: str, language: str) -> str:
    """The text with its last sentence ended (a provider's path is typed without a stop)."""
    if not text or text[-1] in "。！？.!?”’）)":
        return text
    return text + ("." if is_english(language) else "。")


def at_most_two_now(steps: list[Step]) -> list[Step]:
    """When everything is urgent nothing is: the first two "now" steps keep it, later ones
    become "today"."""
    kept = []
    nows = 0
    for step in steps:
        if step.urgency is Urgency.NOW:
            nows += 1
            if nows > MAX_NOW_STEPS:
                step = replace(step, urgency=Urgency.TODAY)
        kept.append(step)
    return kept


MAX_NOW_STEPS = 2


def numbered(steps: list[Step]) -> tuple[Step, ...]:
    """Each step with its anchor, step-1 first: the banner and the summary link to them."""
    return tuple(replace(step, id=f"step-{n}") for n, step in enumerate(steps, start=1))


# A fact's value shorter than this (a clock time, "App", "没有查到") says too little to be
# recognised in a step's words: a step saying "12月9日 23:59" has not stated a 23:59 cutoff.
RECOGNISABLE = 8


def path_said_once(steps: tuple[Step, ...], path: str) -> tuple[Step, ...]:
    """The repayment path said once: the first step that says it keeps it, later ones point to
    that step ("同第 1 步") instead of saying it again."""
    first = next((step for step in steps if len(path) >= RECOGNISABLE and path in step.words), None)
    if first is None:
        return steps
    pointer = _("同第 %(n)d 步") % {"n": steps.index(first) + 1}

    def pointed(text: str) -> str:
        return text.replace(path, pointer)

    return tuple(
        step
        if step is first or path not in step.words
        else replace(
            step, detail=pointed(step.detail), more=pointed(step.more), lead=pointed(step.lead)
        )
        for step in steps
    )


def fold_ladder(
    ladder: tuple[LadderRung, ...], *, case_age: int, unsolved: bool
) -> tuple[LadderRung, ...]:
    """The ladder's first rung shows; the rest fold until the case is old enough for them:
    the lender's time to answer has passed, or the person says it is not solved."""
    if not ladder:
        return ladder
    first = ladder[0]
    limit = first.facts.time_limit_days
    ripe = unsolved or first.passed or (limit is None and case_age >= DEFAULT_ANSWER_DAYS)
    return (first, *(replace(rung, folded=not ripe) for rung in ladder[1:]))


# Where a lender's complaint rule names no time to answer, the rungs above it open after
# the banking rule's 15 days, a fair wait (the regulator's 12378 takes complaints after it).
DEFAULT_ANSWER_DAYS = 15
