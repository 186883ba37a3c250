"""Typical situations in which staff preview a provider's plan, through the consumer's engine.

The admin's preview page shows, for each situation here, exactly what `build_plan`
would tell a consumer, so a changed cutoff, grace period or wording can be checked
before anyone relies on it. The situations are data: add one here and it is previewed.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from providers.facts import Channel, Fact, ProviderFacts
from providers.models import MaintenanceWindow
from wizard.engine.answers import (
    SHANGHAI,
    AccountAnswers,
    Answers,
    Autopay,
    CardStatus,
    Check,
    FundsAnswers,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.building import Plan, build_plan
from wizard.engine.consistency import contradictions
from wizard.engine.deadlines import Status, deadline_for, due_cutoff_for, grace_deadline_for
from wizard.engine.wording import StepText


class Timing(enum.StrEnum):
    """Where the person stands against the provider's deadlines when they ask for help."""

    DUE_TODAY = "due_today"
    IN_GRACE = "in_grace"
    OVERDUE = "overdue"
    # Around the deadlines, for a change to the cutoff or the grace period.
    BEFORE_CUTOFF = "before_cutoff"
    AFTER_CUTOFF = "after_cutoff"
    NEXT_MORNING = "next_morning"
    LAST_GRACE_DAY = "last_grace_day"


EXPECTED_STATUS = {
    Timing.DUE_TODAY: frozenset({Status.DUE_TODAY}),
    # A grace period the provider states itself, or one stated elsewhere or to be asked for.
    Timing.IN_GRACE: frozenset({Status.IN_GRACE, Status.POSSIBLY_IN_GRACE}),
    Timing.OVERDUE: frozenset({Status.OVERDUE}),
    Timing.BEFORE_CUTOFF: frozenset({Status.DUE_TODAY}),
    Timing.AFTER_CUTOFF: frozenset({Status.IN_GRACE, Status.POSSIBLY_IN_GRACE}),
    Timing.NEXT_MORNING: frozenset({Status.IN_GRACE, Status.POSSIBLY_IN_GRACE}),
    Timing.LAST_GRACE_DAY: frozenset({Status.IN_GRACE, Status.POSSIBLY_IN_GRACE}),
}

ACCOUNT_OK = AccountAnswers(
    card_number=Check.OK,
    holder_name=Check.OK,
    reserved_phone=Check.OK,
    card_status=CardStatus.NORMAL,
)
FUNDS_OK = FundsAnswers(
    enough_balance=YesNoUnsure.YES, frozen_or_preauth=YesNoUnsure.NO, limit_reached=YesNoUnsure.NO
)


@dataclass(frozen=True)
class Situation:
    key: str
    label: str | Promise
    symptom: Symptom
    timing: Timing
    account: AccountAnswers | None = None
    funds: FundsAnswers | None = None
    outage: bool = False


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "insufficient_funds",
        _("余额不足,今天到期"),
        Symptom.INSUFFICIENT_FUNDS,
        Timing.DUE_TODAY,
        funds=FundsAnswers(
            enough_balance=YesNoUnsure.NO,
            frozen_or_preauth=YesNoUnsure.NO,
            limit_reached=YesNoUnsure.NO,
        ),
    ),
    Situation(
        "info_mismatch",
        _("信息不符:银行预留手机号已经换了,今天到期"),
        Symptom.INFO_MISMATCH,
        Timing.DUE_TODAY,
        account=AccountAnswers(
            card_number=Check.OK,
            holder_name=Check.OK,
            reserved_phone=Check.WRONG,
            card_status=CardStatus.NORMAL,
        ),
    ),
    Situation(
        "in_grace",
        _("扣款失败,已过还款日但还在宽限期内"),
        Symptom.DECLINED,
        Timing.IN_GRACE,
        account=ACCOUNT_OK,
        funds=FUNDS_OK,
    ),
    Situation(
        "overdue",
        _("扣款失败,已经超过最后期限"),
        Symptom.DECLINED,
        Timing.OVERDUE,
        account=ACCOUNT_OK,
        funds=FUNDS_OK,
    ),
    Situation(
        "outage",
        _("机构正在系统维护,还款渠道不可用,今天到期"),
        Symptom.CHANNEL_UNAVAILABLE,
        Timing.DUE_TODAY,
        outage=True,
    ),
)


def _declined(key: str, label: str | Promise, timing: Timing) -> Situation:
    return Situation(key, label, Symptom.DECLINED, timing, account=ACCOUNT_OK, funds=FUNDS_OK)


# The moments a change to the cutoff or the grace period alters.
DEADLINE_SITUATIONS: tuple[Situation, ...] = (
    _declined("before_cutoff", _("还款日当天,截止前半小时"), Timing.BEFORE_CUTOFF),
    _declined("after_cutoff", _("还款日当天,刚过截止时间"), Timing.AFTER_CUTOFF),
    _declined("next_morning", _("还款日的第二天早上"), Timing.NEXT_MORNING),
    _declined("last_grace_day", _("宽限期最后一天,截止前两小时"), Timing.LAST_GRACE_DAY),
)
# For each fact, the situations a change to it alters; any other fact: the typical five.
SITUATIONS_FOR: dict[str, tuple[Situation, ...]] = {
    Fact.DUE_CUTOFF: DEADLINE_SITUATIONS,
    Fact.GRACE: DEADLINE_SITUATIONS,
}


def situations_for(fact: str) -> tuple[Situation, ...]:
    """The situations to preview for a change to `fact` ("" for the record as a whole)."""
    return SITUATIONS_FOR.get(fact, SITUATIONS)


EXAMPLE_NOTICE_ZH = "(示例公告)系统升级,暂停还款。"
EXAMPLE_NOTICE_EN = "(Example notice) System upgrade; repayments paused."


@dataclass(frozen=True)
class Preview:
    situation: Situation
    plan: Plan

    @property
    def contradictions(self) -> list[str]:
        """What in this plan contradicts itself or the clock, in words (the engine's checks)."""
        return contradictions(self.plan)

    @property
    def reaches_expected_status(self) -> bool:
        """False when the provider's facts make the situation impossible.

        For example, with no grace period we can rely on, a day after the due date
        is already overdue; the preview says so rather than hiding the situation.
        """
        return self.plan.status_now in EXPECTED_STATUS[self.situation.timing]


def situation_moment(timing: Timing, *, due_date: dt.date, provider: ProviderFacts) -> dt.datetime:
    """The moment a person in `timing` asks for help, for a payment due on `due_date`."""
    due_cutoff = due_cutoff_for(due_date, provider)
    if timing is Timing.DUE_TODAY:
        midnight = dt.datetime.combine(due_date, dt.time(0, 1), tzinfo=SHANGHAI)
        return max(midnight, due_cutoff - dt.timedelta(hours=3))
    if timing is Timing.IN_GRACE:
        return due_cutoff + dt.timedelta(hours=1)
    if timing is Timing.BEFORE_CUTOFF:
        midnight = dt.datetime.combine(due_date, dt.time(0, 1), tzinfo=SHANGHAI)
        return max(midnight, due_cutoff - dt.timedelta(minutes=30))
    if timing is Timing.AFTER_CUTOFF:
        return due_cutoff + dt.timedelta(minutes=30)
    if timing is Timing.NEXT_MORNING:
        next_day = due_date + dt.timedelta(days=1)
        return dt.datetime.combine(next_day, dt.time(9, 0), tzinfo=SHANGHAI)
    if timing is Timing.LAST_GRACE_DAY:
        grace_end = grace_deadline_for(due_date, provider)
        if grace_end is None:
            # No grace period: the day after the due date shows what that means.
            return due_cutoff + dt.timedelta(days=1) - dt.timedelta(hours=2)
        return max(grace_end - dt.timedelta(hours=2), due_cutoff + dt.timedelta(minutes=30))
    last = grace_deadline_for(due_date, provider) or deadline_for(due_date, provider)
    return max(last, deadline_for(due_date, provider)) + dt.timedelta(days=1)


def example_outage(*, now: dt.datetime) -> MaintenanceWindow:
    """A made-up maintenance window in force at `now`, affecting every channel; never saved."""
    return MaintenanceWindow(
        starts_at=now - dt.timedelta(hours=1),
        ends_at=now + dt.timedelta(hours=2),
        channels=[],
        notice_zh=EXAMPLE_NOTICE_ZH,
        notice_en=EXAMPLE_NOTICE_EN,
    )


def preview_plans(
    *,
    provider: ProviderFacts,
    texts: Mapping[str, StepText],
    due_date: dt.date,
    language: str,
    situations: tuple[Situation, ...] = SITUATIONS,
) -> list[Preview]:
    """The plan a consumer would get in each situation, for a payment due on `due_date`."""
    previews = []
    for situation in situations:
        now = situation_moment(situation.timing, due_date=due_date, provider=provider)
        answers = Answers(
            provider=provider.slug,
            symptom=situation.symptom,
            channel=Channel.APP,
            account=situation.account,
            funds=situation.funds,
            due_date=due_date,
            attempted_at=now - dt.timedelta(minutes=15),
            contacted_provider=YesNo.NO,
            autopay=Autopay.OFF,
        )
        windows = [example_outage(now=now).facts()] if situation.outage else []
        plan = build_plan(
            answers=answers,
            provider=provider,
            now=now,
            windows=windows,
            texts=texts,
            language=language,
        )
        previews.append(Preview(situation=situation, plan=plan))
    return previews
