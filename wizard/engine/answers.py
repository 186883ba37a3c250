"""What a person told us, as plain values: the one input shape for every plan.

Two doors lead in. The wizard's pages are already typed and checked, so `answers_from_pages`
builds `Answers` from them directly; `Answers.from_dict` reads the JSON shape that `manage.py
plan` and stored cases use. The rules both doors share (how far back or ahead a date may be)
live here once: `due_date_outside` and `attempt_outside`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.db.models.enums import TextChoices
from django.utils.translation import gettext_lazy as _

from providers.facts import Channel

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = TypeVar("T")

# Dates outside this window are typing mistakes, not repayments we can help with.
OLDEST_DUE_DATE_DAYS = 366
FURTHEST_DUE_DATE_DAYS = 366
# A phone's clock can run a few minutes ahead of ours.
CLOCK_SKEW = dt.timedelta(minutes=10)


class Outside(Enum):
    """Which side of its window a date falls on (`due_date_outside`, `attempt_outside`)."""

    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"


def due_date_outside(due_date: dt.date, *, now: dt.datetime) -> Outside | None:
    """Whether a due date is outside the year either side of today (Beijing); None inside."""
    today = now.astimezone(SHANGHAI).date()
    if due_date < today - dt.timedelta(days=OLDEST_DUE_DATE_DAYS):
        return Outside.TOO_EARLY
    if due_date > today + dt.timedelta(days=FURTHEST_DUE_DATE_DAYS):
        return Outside.TOO_LATE
    return None


def attempt_outside(attempted_at: dt.datetime, *, now: dt.datetime) -> Outside | None:
    """Whether a repayment attempt is in the future (beyond clock skew) or over a year ago."""
    if attempted_at > now + CLOCK_SKEW:
        return Outside.TOO_LATE
    if attempted_at < now - dt.timedelta(days=OLDEST_DUE_DATE_DAYS):
        return Outside.TOO_EARLY
    return None


class Symptom(TextChoices):
    DECLINED = "declined", _("还款被拒绝或扣款失败")
    INSUFFICIENT_FUNDS = "insufficient_funds", _("提示“余额不足”")
    INFO_MISMATCH = "info_mismatch", _("提示“信息不符”或“预留手机号不一致”")
    CARD_PROBLEM = "card_problem", _("银行卡有问题(过期、冻结或挂失)")
    LIMIT_EXCEEDED = "limit_exceeded", _("提示超出限额")
    TIMEOUT = "timeout", _("一直转圈、超时或网络错误")
    CHANNEL_UNAVAILABLE = "channel_unavailable", _("还款渠道不可用或正在维护")
    RISK_CONTROL = "risk_control", _("支付被风控或安全验证拦截")
    DEDUCTED_NOT_CREDITED = "deducted_not_credited", _("钱已扣了,账单仍显示未还")
    NO_REPAY_OPTION = "no_repay_option", _("找不到还款入口或按钮")
    OTHER = "other", _("其他情况")


class MessageOutcome(TextChoices):
    """What the message a person saw says about their money (wizard.decoder reads it)."""

    FAILED = "failed", _("没有扣款")
    UNKNOWN = "unknown", _("结果未知,钱可能已经扣走")
    DEDUCTED = "deducted", _("已经扣款")
    NO_MATCH = "no_match", _("没有认出这条提示")


# The longest message a person can paste; anything longer is not a screen's message.
MAX_MESSAGE = 2000


class Check(TextChoices):
    OK = "ok", _("正确")
    WRONG = "wrong", _("有误或已变更")
    UNSURE = "unsure", _("不确定")


class CardStatus(TextChoices):
    NORMAL = "normal", _("正常")
    EXPIRED = "expired", _("已过期")
    FROZEN = "frozen", _("被冻结或止付")
    LOST = "lost", _("已挂失或注销")
    UNSURE = "unsure", _("不确定")


class YesNoUnsure(TextChoices):
    YES = "yes", _("是")
    NO = "no", _("否")
    UNSURE = "unsure", _("不确定")


class YesNo(TextChoices):
    YES = "yes", _("是")
    NO = "no", _("否")


class Autopay(TextChoices):
    ON = "on", _("已开通")
    OFF = "off", _("没有开通")
    UNSURE = "unsure", _("不确定")


class Remainder(TextChoices):
    """Roughly how much of the bill is still unpaid: a bracket, never an amount. Its bounds
    are the tolerances (容差) lenders state: 10 yuan (older), 100 yuan (since 2023)."""

    ALL = "all", _("整期都没还上")
    UNDER_10 = "under_10", _("只差不到 10 元")
    UNDER_100 = "under_100", _("差 10 元到 100 元")
    OVER_100 = "over_100", _("差 100 元或更多")
    UNSURE = "unsure", _("不确定")

    @property
    def below(self) -> Decimal | None:
        """The bracket's upper bound: the remainder is less than this; None when unknown."""
        return REMAINDER_BELOW.get(self)


REMAINDER_BELOW = {Remainder.UNDER_10: Decimal(10), Remainder.UNDER_100: Decimal(100)}


# Which answers can matter for which symptoms: the wizard skips the rest.
ACCOUNT_SYMPTOMS = frozenset(
    {Symptom.DECLINED, Symptom.INFO_MISMATCH, Symptom.CARD_PROBLEM, Symptom.OTHER}
)
FUNDS_SYMPTOMS = frozenset(
    {Symptom.DECLINED, Symptom.INSUFFICIENT_FUNDS, Symptom.LIMIT_EXCEEDED, Symptom.OTHER}
)


class AnswersError(ValueError):
    """An answer that cannot be used; `field` names it the way the JSON input does."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class AccountAnswers:
    card_number: str
    holder_name: str
    reserved_phone: str
    card_status: str


@dataclass(frozen=True)
class FundsAnswers:
    enough_balance: str
    frozen_or_preauth: str
    limit_reached: str = YesNoUnsure.UNSURE


@dataclass(frozen=True)
class Answers:
    provider: str
    symptom: str
    channel: str
    account: AccountAnswers | None
    funds: FundsAnswers | None
    due_date: dt.date
    attempted_at: dt.datetime
    contacted_provider: str
    autopay: str
    # A provider whose grace period differs by card tier asks for it; None when not asked
    # or not known (the engine then plans with the shortest tier's grace).
    card_tier: str | None = None
    # The message the person saw, already redacted (wizard.redaction), and what it says
    # about their money; empty when they did not give one.
    message: str = ""
    message_outcome: str = ""
    # Roughly how much of the bill is still unpaid (asked only where the lender states a
    # tolerance); "unsure" when not asked.
    remainder: str = Remainder.UNSURE

    @property
    def outcome_unknown(self) -> bool:
        """The message says the payment's result is not known: money may already have left."""
        return self.message_outcome == MessageOutcome.UNKNOWN

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, now: dt.datetime) -> Answers:
        """Validate the JSON-shaped answers; raise AnswersError naming the first bad field."""
        if not isinstance(data, Mapping):
            raise AnswersError("answers", "must be a JSON object")
        provider = data.get("provider")
        if not isinstance(provider, str) or not provider:
            raise AnswersError("provider", "is required")
        symptom = _choice(data, "symptom", Symptom)
        account = _section(
            data,
            "account",
            AccountAnswers,
            {
                "card_number": (Check, None),
                "holder_name": (Check, None),
                "reserved_phone": (Check, None),
                "card_status": (CardStatus, None),
            },
        )
        funds = _section(
            data,
            "funds",
            FundsAnswers,
            {
                "enough_balance": (YesNoUnsure, None),
                "frozen_or_preauth": (YesNoUnsure, None),
                "limit_reached": (YesNoUnsure, YesNoUnsure.UNSURE),
            },
        )
        timing = data.get("timing")
        if not isinstance(timing, Mapping):
            raise AnswersError("timing", "must be an object with due_date")
        due_date = _date(timing.get("due_date"), "timing.due_date", now=now)
        attempted_at = _moment(timing.get("attempted_at"), "timing.attempted_at", now=now)
        return cls(
            provider=provider,
            symptom=symptom,
            channel=_choice(data, "channel", Channel, default=Channel.OTHER),
            account=account,
            funds=funds,
            due_date=due_date,
            attempted_at=attempted_at,
            contacted_provider=_choice(data, "contacted_provider", YesNo, default=YesNo.NO),
            autopay=_choice(data, "autopay", Autopay, default=Autopay.UNSURE),
            card_tier=_tier(data.get("card_tier")),
            remainder=_choice(data, "remainder", Remainder, default=Remainder.UNSURE),
            **_message(data.get("message")),
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `from_dict` reads; safe to keep in a session (no personal data)."""
        return {
            "provider": self.provider,
            "symptom": self.symptom,
            "channel": self.channel,
            "account": asdict(self.account) if self.account else None,
            "funds": asdict(self.funds) if self.funds else None,
            "timing": {
                "due_date": self.due_date.isoformat(),
                "attempted_at": self.attempted_at.isoformat(),
            },
            "contacted_provider": self.contacted_provider,
            "autopay": self.autopay,
            "card_tier": self.card_tier,
            "remainder": self.remainder,
            "message": {"text": self.message, "outcome": self.message_outcome}
            if self.message
            else None,
        }


def _message(value: object) -> dict[str, str]:
    """The message part of the answers: {"text": ..., "outcome": ...} or null."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise AnswersError("message", 'must be an object with "text" and "outcome", or null')
    text = value.get("text")
    if not isinstance(text, str) or len(text) > MAX_MESSAGE:
        raise AnswersError("message.text", f"must be text of at most {MAX_MESSAGE} characters")
    if not text.strip():
        return {}
    outcome = _choice(value, "outcome", MessageOutcome, prefix="message.")
    return {"message": text.strip(), "message_outcome": outcome}


def _choice(
    data: Mapping[str, Any],
    key: str,
    choices: type[TextChoices],
    *,
    default: str | None = None,
    prefix: str = "",
) -> str:
    value = data.get(key, default)
    if value is None:
        raise AnswersError(prefix + key, "is required")
    if value not in choices.values:
        raise AnswersError(prefix + key, f"must be one of {', '.join(choices.values)}")
    return str(value)


def _section(
    data: Mapping[str, Any],
    key: str,
    cls: type[T],
    fields: Mapping[str, tuple[type[TextChoices], str | None]],
) -> T | None:
    """A nested group of answers; absent when the wizard skipped its page."""
    section = data.get(key)
    if section is None:
        return None
    if not isinstance(section, Mapping):
        raise AnswersError(key, "must be an object")
    values = {
        name: _choice(section, name, choices, default=default, prefix=f"{key}.")
        for name, (choices, default) in fields.items()
    }
    return cls(**values)


TIER_CODE = re.compile(r"[a-z0-9_-]{1,30}")
UNSURE_TIER = "unsure"


def _tier(value: object) -> str | None:
    """A card tier's code as the provider's record names it, or None ("unsure" is None)."""
    if value is None or value == UNSURE_TIER:
        return None
    if not isinstance(value, str) or not TIER_CODE.fullmatch(value):
        raise AnswersError("card_tier", 'must be a card tier code, "unsure" or null')
    return value


def _date(value: object, field: str, *, now: dt.datetime) -> dt.date:
    if not isinstance(value, str):
        raise AnswersError(field, "is required (YYYY-MM-DD)")
    try:
        parsed = dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(field, f"{value!r} is not a real date (YYYY-MM-DD)") from None
    if due_date_outside(parsed, now=now) is not None:
        raise AnswersError(field, "must be within a year of today")
    return parsed


def _moment(value: object, field: str, *, now: dt.datetime) -> dt.datetime:
    if value is None:
        return now.astimezone(SHANGHAI)
    if not isinstance(value, str):
        raise AnswersError(field, "must be an ISO 8601 date and time")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise AnswersError(field, f"{value!r} is not a real date and time") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=SHANGHAI)
    parsed = parsed.astimezone(SHANGHAI)
    outside = attempt_outside(parsed, now=now)
    if outside == Outside.TOO_LATE:
        raise AnswersError(field, "is in the future")
    if outside == Outside.TOO_EARLY:
        raise AnswersError(field, "must be within a year of today")
    return parsed


def answers_from_pages(pages: Mapping[str, Mapping[str, Any]]) -> Answers:
    """The wizard's cleaned pages as `Answers`, without a trip through JSON.

    The pages' forms have checked every choice and date window already. Pages skipped for
    these answers (account, funds, card tier) are absent and come out as None (an unasked
    remainder page as `Remainder.UNSURE`, as in the JSON door). The message
    page keeps the redacted message with what the decoder read from it when the person saw
    the reading (its `outcome`); it is not read again here.
    """
    timing = pages["timing"]
    account = pages.get("account")
    funds = pages.get("funds")
    message = pages.get("message") or {}
    text = str(message.get("message") or "").strip()
    return Answers(
        provider=pages["provider"]["provider"],
        symptom=pages["problem"]["symptom"],
        channel=pages["channel"]["channel"],
        account=AccountAnswers(**{name: account[name] for name in ACCOUNT_FIELDS})
        if account
        else None,
        funds=FundsAnswers(**{name: funds[name] for name in FUNDS_FIELDS}) if funds else None,
        due_date=timing["due_date"],
        attempted_at=timing["attempted_at"].astimezone(SHANGHAI),
        contacted_provider=pages["situation"]["contacted_provider"],
        autopay=pages["situation"]["autopay"],
        card_tier=_tier((pages.get("card_tier") or {}).get("card_tier")),
        remainder=(pages.get("remainder") or {}).get("remainder") or Remainder.UNSURE,
        message=text,
        message_outcome=str(message.get("outcome") or MessageOutcome.NO_MATCH) if text else "",
    )


ACCOUNT_FIELDS = ("card_number", "holder_name", "reserved_phone", "card_status")
FUNDS_FIELDS = ("enough_balance", "frozen_or_preauth", "limit_reached")
