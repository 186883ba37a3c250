"""The kinds of step a plan can hold, and how urgent a step is.

Each step code owns everything the engine needs to know about it: which of the guide's seven
pieces of advice it serves, whether a person can take it alone to unblock the payment, and
which problems it answers directly. Their order here is the order of steps within one
urgency: what is blocking first (an outage, a card that cannot pay), then paying, then
calling, then what protects the future.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.utils.translation import gettext_lazy

from wizard.engine.answers import Symptom


class Advice(enum.StrEnum):
    """The guide's seven pieces of advice: every step serves one of them."""

    CHECK_ACCOUNT_INFO = "check_account_info"
    ENSURE_FUNDS = "ensure_funds"
    MEET_DEADLINE = "meet_deadline"
    CONTACT_PROVIDER = "contact_provider"
    OUTAGE_PROCEDURE = "outage_procedure"
    ENABLE_AUTOPAY = "enable_autopay"
    PROTECT_CREDIT = "protect_credit"


class StepCode(enum.StrEnum):
    """A kind of plan step. `advice`: what it serves; `self_fix`: a person can take it alone
    to unblock the payment; `answers`: the problems it answers directly (within one urgency
    those steps come right after a maintenance notice, before steps about other doubts)."""

    advice: Advice
    self_fix: bool
    answers: frozenset[str]

    def __new__(
        cls,
        code: str,
        advice: Advice,
        self_fix: bool = False,
        answers: Iterable[str] = (),
    ) -> StepCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.advice = advice
        member.self_fix = self_fix
        member.answers = frozenset(answers)
        return member

    # First of all when the message said the result is unknown: paying again before
    # knowing whether the money left can charge a person twice.
    CHECK_MONEY_LEFT = "check_money_left", Advice.ENSURE_FUNDS
    IDENTIFY_PROVIDER = "identify_provider", Advice.CONTACT_PROVIDER
    MAINTENANCE_WINDOW = "maintenance_window", Advice.OUTAGE_PROCEDURE
    OUTAGE_PROCEDURE = (
        "outage_procedure",
        Advice.OUTAGE_PROCEDURE,
        True,
        (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE),
    )
    REPORT_DEDUCTED_NOT_CREDITED = (
        "report_deducted_not_credited",
        Advice.CONTACT_PROVIDER,
        False,
        (Symptom.DEDUCTED_NOT_CREDITED,),
    )
    PROVE_PAYMENT_TIME = (
        "prove_payment_time",
        Advice.MEET_DEADLINE,
        False,
        (Symptom.DEDUCTED_NOT_CREDITED,),
    )
    FIX_CARD_STATUS = "fix_card_status", Advice.CHECK_ACCOUNT_INFO, True, (Symptom.CARD_PROBLEM,)
    CHECK_ACCOUNT_INFO = (
        "check_account_info",
        Advice.CHECK_ACCOUNT_INFO,
        True,
        (Symptom.INFO_MISMATCH, Symptom.CARD_PROBLEM),
    )
    UPDATE_RESERVED_PHONE = (
        "update_reserved_phone",
        Advice.CHECK_ACCOUNT_INFO,
        True,
        (Symptom.INFO_MISMATCH,),
    )
    PASS_RISK_CHECK = (
        "pass_risk_check",
        Advice.CHECK_ACCOUNT_INFO,
        True,
        (Symptom.RISK_CONTROL,),
    )
    ENSURE_FUNDS = "ensure_funds", Advice.ENSURE_FUNDS, True, (Symptom.INSUFFICIENT_FUNDS,)
    # For someone who cannot pay it all: the minimum payment, a negotiated plan, the traps.
    CANNOT_PAY_IN_FULL = (
        "cannot_pay_in_full",
        Advice.ENSURE_FUNDS,
        False,
        (Symptom.INSUFFICIENT_FUNDS,),
    )
    WAIT_FOR_PREAUTH_RELEASE = (
        "wait_for_preauth_release",
        Advice.ENSURE_FUNDS,
        True,
        (Symptom.INSUFFICIENT_FUNDS,),
    )
    RAISE_LIMIT_OR_SWITCH_CHANNEL = (
        "raise_limit_or_switch_channel",
        Advice.ENSURE_FUNDS,
        True,
        (Symptom.LIMIT_EXCEEDED,),
    )
    MEET_DEADLINE = "meet_deadline", Advice.MEET_DEADLINE
    CONTACT_PROVIDER = (
        "contact_provider",
        Advice.CONTACT_PROVIDER,
        False,
        (Symptom.NO_REPAY_OPTION,),
    )
    # For someone who has already called: what to ask for now, not the first call again.
    FOLLOW_UP_WITH_PROVIDER = (
        "follow_up_with_provider",
        Advice.CONTACT_PROVIDER,
        False,
        (Symptom.NO_REPAY_OPTION,),
    )
    # Where things stand on a case reopened after the lender's time to answer: it leads.
    ESCALATE_TO_REGULATOR = "escalate_to_regulator", Advice.CONTACT_PROVIDER
    PROTECT_CREDIT = "protect_credit", Advice.PROTECT_CREDIT
    CHECK_CREDIT_REPORT = "check_credit_report", Advice.PROTECT_CREDIT
    DISPUTE_CREDIT_RECORD = "dispute_credit_record", Advice.PROTECT_CREDIT
    ENABLE_AUTOPAY = "enable_autopay", Advice.ENABLE_AUTOPAY
    # Autopay was on and did not take the money: find out why, not "turn it on".
    CHECK_AUTOPAY = "check_autopay", Advice.ENABLE_AUTOPAY

    @property
    def leads(self) -> bool:
        """Whether the step comes before everything else of its urgency: what the person must
        know before any other step makes sense."""
        return self in _LEADING

    @property
    def position(self) -> int:
        """Where the step comes within one urgency (0 first)."""
        return _POSITIONS[self]

    @classmethod
    def known(cls, code: object) -> bool:
        """Whether `code` names a step (Python 3.11's `in` refuses a plain string)."""
        return code in cls._value2member_map_

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """(code, code) pairs, for a model field that stores a step code."""
        return [(code.value, code.value) for code in cls]


class Urgency(enum.StrEnum):
    """How soon a step has to be taken; in this order, most urgent first."""

    NOW = "now"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"

    @property
    def label(self) -> str:
        return str(URGENCY_LABELS[self])

    @property
    def rank(self) -> int:
        """0 for the most urgent."""
        return _RANKS[self]


_POSITIONS = {code: position for position, code in enumerate(StepCode)}
_LEADING = frozenset(
    {StepCode.CHECK_MONEY_LEFT, StepCode.IDENTIFY_PROVIDER, StepCode.MAINTENANCE_WINDOW}
)
_RANKS = {urgency: rank for rank, urgency in enumerate(Urgency)}
URGENCY_LABELS = {
    Urgency.NOW: gettext_lazy("马上做"),
    Urgency.TODAY: gettext_lazy("今天内"),
    Urgency.SOON: gettext_lazy("这几天"),
    Urgency.LATER: gettext_lazy("以后"),
}


def least_urgent(*urgencies: Urgency) -> Urgency:
    return max(urgencies, key=lambda urgency: urgency.rank)
