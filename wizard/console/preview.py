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

from providers.facts import Channel, ProviderFacts
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
from wizard.engine.deadlines import Status, deadline_for, due_cutoff_for, grace_deadline_for
from wizard.engine.wording import StepText


class Timing(enum.StrEnum):
    """Where the person stands against the provider's deadlines when they ask for help."""

    DUE_TODAY = "due_today"
    IN_GRACE = "in_grace"
    OVERDUE = "overdue"


EXPECTED_STATUS = {
    Timing.DUE_TODAY: frozenset({Status.DUE_TODAY}),
    # A grace period the provider states itself, or one stated elsewhere or to be asked for.
    Timing.IN_GRACE: frozenset({Status.IN_GRACE, Status.POSSIBLY_IN_GRACE}),
    Timing.OVERDUE: frozenset({Status.OVERDUE}),
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

EXAMPLE_NOTICE_ZH = "(示例公告)系统升级,暂停还款。"
EXAMPLE_NOTICE_EN = "(Example notice) System upgrade; repayments paused."


@dataclass(frozen=True)
class Preview:
    situation: Situation
    plan: Plan

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
