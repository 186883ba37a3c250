"""What the plan engine may know about a provider, as plain values: no database behind them.

The models in providers/models.py turn their rows into these frozen dataclasses
(`Provider.facts()`), the catalog shares them between requests, and the plan engine
(wizard/engine) reads only these, never a model. The choices every layer shares live here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models.enums import TextChoices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.language import suffix


class ProviderKind(TextChoices):
    WALLET_CREDIT = "wallet_credit", _("钱包信用支付(如花呗)")
    CREDIT_CARD = "credit_card", _("信用卡(银行)")
    CONSUMER_FINANCE = "consumer_finance", _("消费金融公司")
    MALL_INSTALLMENT = "mall_installment", _("商城分期")


class Channel(TextChoices):
    """The ways a person can send a repayment."""

    APP = "app", _("机构自己的 App(支付宝、银行 App 等)")
    MALL_APP = "mall_app", _("小米商城 App")
    THIRD_PARTY = "third_party", _("其他支付工具(微信、云闪付等)")
    BANK_TRANSFER = "bank_transfer", _("网银或跨行转账")
    AUTOPAY = "autopay", _("自动扣款")
    COUNTER = "counter", _("银行柜台或 ATM")
    OTHER = "other", _("其他或记不清")


class Fact(TextChoices):
    """The facts about a provider that can be individually unconfirmed."""

    HOTLINE = "hotline", _("客服电话")
    REPAY_PATH = "repay_path", _("还款路径")
    CUTOFF = "cutoff_time", _("当日还款截止时间")
    GRACE = "grace_days", _("宽限期")
    LATE_FEE = "late_fee", _("逾期费用规则")
    AUTOPAY = "autopay", _("自动还款")


@dataclass(frozen=True)
class ProviderFacts:
    """Everything the plan engine may know about a provider; no database behind it."""

    slug: str
    name_zh: str
    name_en: str
    kind: str
    hotline: str
    hotline_alt: str
    repay_path_zh: str
    repay_path_en: str
    cutoff_time: dt.time
    grace_days: int
    late_fee_zh: str
    late_fee_en: str
    autopay_available: bool
    autopay_how_zh: str
    autopay_how_en: str
    official_site: str
    verified_on: dt.date | None
    unverified_facts: frozenset[str]
    pk: int | None = None

    def in_language(self, field: str, language: str | None = None) -> str:
        """`name`, `repay_path`, ... in the given (or active) language."""
        return str(getattr(self, f"{field}_{suffix(language or get_language())}"))

    @property
    def name(self) -> str:
        return self.in_language("name")

    @property
    def repay_path(self) -> str:
        return self.in_language("repay_path")

    @property
    def late_fee(self) -> str:
        return self.in_language("late_fee")

    @property
    def autopay_how(self) -> str:
        return self.in_language("autopay_how")

    def is_unverified(self, fact: str) -> bool:
        return fact in self.unverified_facts

    @property
    def planning_grace_days(self) -> int:
        """The grace period a plan may rely on: none until it is confirmed.

        Telling a worried person they have three more days when the bank gives
        none would cost them a late fee; planning early costs them nothing.
        """
        return 0 if self.is_unverified(Fact.GRACE) else self.grace_days

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.hotline)

    @property
    def tel_uri_alt(self) -> str:
        return tel_uri(self.hotline_alt) if self.hotline_alt else ""


@dataclass(frozen=True)
class MaintenanceWindowFacts:
    """A planned outage of a provider's repayment channels; no database behind it."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    channels_zh: str
    channels_en: str
    notice_zh: str = ""
    notice_en: str = ""

    def covers(self, moment: dt.datetime) -> bool:
        return self.starts_at <= moment < self.ends_at


def tel_uri(number: str) -> str:
    """A dialable tel: URI; a menu choice such as the 2 in 95511-2 is dialled after a pause."""
    if re.fullmatch(r"\d{5}-\d{1,2}", number):
        service, choice = number.split("-")
        return f"tel:{service},{choice}"
    return "tel:" + number.replace("-", "")
