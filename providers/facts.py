"""What the plan engine may know about a provider, as plain values: no database behind them.

The models in providers/models.py turn their rows into these frozen dataclasses
(`Provider.facts()`), the catalog shares them between requests, and the plan engine
(wizard/engine) reads only these, never a model. The choices every layer shares live here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models.enums import TextChoices
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from config.language import suffix


class ProviderKind(TextChoices):
    WALLET_CREDIT = "wallet_credit", _("钱包信用支付(如花呗)")
    CREDIT_CARD = "credit_card", _("信用卡(银行)")
    CONSUMER_FINANCE = "consumer_finance", _("消费金融公司")
    MALL_INSTALLMENT = "mall_installment", _("商城分期")


class LenderKind(TextChoices):
    """The licence the lender behind a provider holds: it decides which regulator hears a
    complaint (wizard plans read it through the escalation ladder's `covers`)."""

    BANK = "bank", _("银行")
    CONSUMER_FINANCE = "consumer_finance", _("消费金融公司")
    MICROLOAN = "microloan", _("小额贷款公司")
    PAYMENT = "payment", _("支付机构")


class RungKind(TextChoices):
    """What one record of the escalation ladder is, in the order a person climbs it.

    The first four are the ladder (complain to the lender, then the regulator that covers
    it; for a wrong credit record, the dispute and then the central bank); the last two
    are what the plan's credit-record section adds (checking the report, what a lender's
    letter can do).
    """

    PROVIDER_COMPLAINT = "provider_complaint", _("向机构投诉")
    REGULATOR = "regulator", _("向监管部门投诉")
    CREDIT_DISPUTE = "credit_dispute", _("对征信记录提出异议")
    CREDIT_COMPLAINT = "credit_complaint", _("向人民银行投诉征信问题")
    CREDIT_CHECK = "credit_check", _("查个人征信报告")
    CREDIT_LETTER = "credit_letter", _("“非恶意逾期证明”能做什么")

    @property
    def order(self) -> int:
        return list(RungKind).index(self)


LADDER_RUNGS = (RungKind.PROVIDER_COMPLAINT, RungKind.REGULATOR)
CREDIT_RUNGS = (
    RungKind.CREDIT_CHECK,
    RungKind.CREDIT_DISPUTE,
    RungKind.CREDIT_COMPLAINT,
    RungKind.CREDIT_LETTER,
)


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
    """The facts about a provider that each carry their own provenance."""

    HOTLINE = "hotline", _("客服电话")
    DUE_CUTOFF = "due_cutoff", _("还款日当天的截止时间")
    GRACE = "grace", _("宽限期")
    LATE_FEE = "late_fee", _("逾期费用")
    AUTOPAY = "autopay", _("自动还款")
    REPAY_PATH = "repay_path", _("还款路径")
    LENDER_KIND = "lender_kind", _("放贷机构类型")
    TOLERANCE = "tolerance", _("容差")
    AUTOPAY_TIME = "autopay_time", _("自动还款的扣款时间")
    MIN_PAYMENT = "min_payment", _("最低还款额与分期")


class Certainty(TextChoices):
    """How sure we are of a fact, by where it comes from; never raised without checking."""

    OFFICIAL = "official", _("机构官方确认")  # the provider's own page, terms or agent
    SECONDARY = "secondary", _("可靠来源")  # reputable press or a regulator's summary
    WEAK = "weak", _("网上资料,未经官方确认")  # a content site or a community list
    NONE = "none", _("没有找到资料")

    @property
    def rank(self) -> int:
        """0 for no source at all, up to 3 for the provider's own word."""
        return CERTAINTY_RANKS[self]


CERTAINTY_RANKS = {
    Certainty.NONE: 0,
    Certainty.WEAK: 1,
    Certainty.SECONDARY: 2,
    Certainty.OFFICIAL: 3,
}


@dataclass(frozen=True)
class Provenance:
    """Where one fact comes from: the source (a URL, or "called the hotline on DATE"), the
    sentence it rests on, how sure that makes us, and when it was last checked."""

    certainty: str = Certainty.NONE
    source: str = ""
    quote: str = ""
    checked_on: dt.date | None = None

    @property
    def level(self) -> Certainty:
        return Certainty(self.certainty)

    @property
    def is_official(self) -> bool:
        return self.certainty == Certainty.OFFICIAL

    @property
    def label(self) -> str:
        return str(self.level.label)


@dataclass(frozen=True)
class Hotline:
    """A number to call, with what it is for (empty labels for the plain customer line)."""

    number: str
    label_zh: str = ""
    label_en: str = ""

    def label(self, language: str | None = None) -> str:
        return str(getattr(self, f"label_{suffix(language or get_language())}"))

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.number)


@dataclass(frozen=True)
class GraceTier:
    """A card tier whose grace period differs from the provider's others (e.g. platinum)."""

    code: str
    label_zh: str
    label_en: str
    days: int
    ends_at: dt.time | None = None

    def label(self, language: str | None = None) -> str:
        return str(getattr(self, f"label_{suffix(language or get_language())}"))


@dataclass(frozen=True)
class GraceRule:
    """A grace period as the lender states it.

    `days` after the due date, ending at `ends_at` on the last day (None: at the due-date
    cutoff time, the reading that never gives more time than stated); `needs_request`: it
    applies only if the person asks (how: `request_how_*`); `uses_per_year`: how often it may
    be used; `tolerance_yuan` (容差): an unpaid remainder up to this counts as paid; `tiers`:
    card tiers whose days or end time differ.
    """

    days: int = 0
    ends_at: dt.time | None = None
    needs_request: bool = False
    request_how_zh: str = ""
    request_how_en: str = ""
    uses_per_year: int | None = None
    tolerance_yuan: Decimal | None = None
    tiers: tuple[GraceTier, ...] = ()

    def for_tier(self, code: str | None) -> GraceRule:
        """The rule for one card tier; for an unknown or unanswered tier, the shortest one,
        since planning with less time than a card has costs nothing and more costs a fee."""
        if not self.tiers:
            return self
        tier = next((t for t in self.tiers if t.code == code), None)
        if tier is None:
            tier = min(self.tiers, key=lambda t: (t.days, t.ends_at or dt.time.max))
        return replace(self, days=tier.days, ends_at=tier.ends_at, tiers=())

    def request_how(self, language: str | None = None) -> str:
        return str(getattr(self, f"request_how_{suffix(language or get_language())}"))


@dataclass(frozen=True)
class AutopayTime:
    """When automatic repayment takes the money, as the lender states it.

    `funded_by`: the money must be in the linked account by this time on the due date
    (CCB: 07:00, hours before its 16:00 cutoff for a payment the person makes); `retry_days`
    and `retry_at`: the last automatic attempt, that many days after the due date at that
    time (0: later on the due date itself); `schedule_*`: the lender's schedule in words.
    None where nothing is known.
    """

    funded_by: dt.time | None = None
    retry_days: int | None = None
    retry_at: dt.time | None = None
    schedule_zh: str = ""
    schedule_en: str = ""

    @property
    def is_known(self) -> bool:
        return self.funded_by is not None

    def schedule(self, language: str | None = None) -> str:
        return str(getattr(self, f"schedule_{suffix(language or get_language())}"))


@dataclass(frozen=True)
class MinimumPaymentRule:
    """What the lender's own notice says about instalments and the minimum payment.

    `instalments_in_minimum`: True where its notice says each instalment counts in full
    toward the minimum payment (BOC from 2023-02-02, after the 2022 CBIRC/PBOC notice that
    banks "不得对分期业务提供最低还款额服务"); None where no notice of its own is known.
    The plan's cannot-pay step reads it: paying "the minimum" then still means paying the
    whole instalment.
    """

    instalments_in_minimum: bool | None = None
    notice_zh: str = ""
    notice_en: str = ""

    def notice(self, language: str | None = None) -> str:
        return str(getattr(self, f"notice_{suffix(language or get_language())}"))


UNKNOWN_PROVIDER = "unknown"


@dataclass(frozen=True)
class ProviderFacts:
    """Everything the plan engine may know about a provider; no database behind it."""

    slug: str
    name_zh: str
    name_en: str
    kind: str
    hotlines: tuple[Hotline, ...]
    repay_path_zh: str
    repay_path_en: str
    due_cutoff: dt.time
    grace: GraceRule
    late_fee_zh: str
    late_fee_en: str
    autopay_available: bool
    autopay_how_zh: str
    autopay_how_en: str
    official_site: str = ""
    provenance: tuple[tuple[str, Provenance], ...] = ()
    pk: int | None = None
    # LenderKind value, "" when not known (the stand-in for an unidentified lender).
    lender_kind: str = ""
    autopay_time: AutopayTime = AutopayTime()
    minimum_payment: MinimumPaymentRule = MinimumPaymentRule()

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

    @property
    def is_unknown(self) -> bool:
        """The stand-in for a lender the person has not identified yet."""
        return self.slug == UNKNOWN_PROVIDER

    @property
    def hotline(self) -> str:
        """The primary number, or "" when none is known."""
        return self.hotlines[0].number if self.hotlines else ""

    @property
    def tel_uri(self) -> str:
        return self.hotlines[0].tel_uri if self.hotlines else ""

    @property
    def alternate_hotlines(self) -> tuple[Hotline, ...]:
        return self.hotlines[1:]

    @property
    def has_tiers(self) -> bool:
        return bool(self.grace.tiers)

    def provenance_of(self, fact: str) -> Provenance:
        return dict(self.provenance).get(str(fact), Provenance())

    def certainty(self, fact: str) -> Certainty:
        return self.provenance_of(fact).level

    @property
    def tolerance_yuan(self) -> Decimal | None:
        """The 容差: an unpaid remainder up to this counts as paid in full; None unknown."""
        return self.grace.tolerance_yuan

    def tolerance_is_certain(self) -> bool:
        """A tolerance a plan may count on: stated by the provider itself."""
        return bool(self.grace.tolerance_yuan) and self.provenance_of(Fact.TOLERANCE).is_official

    @property
    def minimum_payment_notice_known(self) -> bool:
        """Whether a notice of the lender's own on instalments and the minimum payment is
        known (its provenance says how sure we are of it)."""
        return (
            self.minimum_payment.instalments_in_minimum is not None
            and self.certainty(Fact.MIN_PAYMENT) is not Certainty.NONE
        )

    def grace_is_certain(self) -> bool:
        """A grace period a plan may count on: stated by the provider itself, automatic."""
        return (
            self.grace.days > 0
            and self.provenance_of(Fact.GRACE).is_official
            and not self.grace.needs_request
        )


@dataclass(frozen=True)
class RungFacts:
    """One record of the escalation ladder, as plain values: what to do, whom to contact,
    how long the other side has to answer (calendar days, and what that limit means), and
    where that comes from. `provider_slug` "" and `covers` () mean any provider and any
    lender kind. Texts may name {provider} and {hotline}."""

    rung: str
    title_zh: str
    title_en: str
    text_zh: str
    text_en: str
    provenance: Provenance
    code: str = ""
    provider_slug: str = ""
    covers: tuple[str, ...] = ()
    phone: str = ""
    url: str = ""
    time_limit_days: int | None = None
    time_limit_zh: str = ""
    time_limit_en: str = ""
    order: int = 100

    @property
    def kind(self) -> RungKind:
        return RungKind(self.rung)

    @property
    def tel_uri(self) -> str:
        return tel_uri(self.phone) if self.phone else ""

    def in_language(self, field: str, language: str | None = None) -> str:
        """`title`, `text` or `time_limit` in the given (or active) language."""
        return str(getattr(self, f"{field}_{suffix(language or get_language())}"))

    def specificity(self, provider: ProviderFacts) -> int | None:
        """How closely this record fits the provider: 2 its own, 1 its lender kind, 0 any;
        None when it does not apply."""
        if self.provider_slug:
            return 2 if self.provider_slug == provider.slug else None
        if self.covers:
            return 1 if provider.lender_kind in self.covers else None
        return 0


def rungs_for(provider: ProviderFacts, rungs: tuple[RungFacts, ...]) -> tuple[RungFacts, ...]:
    """The records that apply to a provider, in ladder order: for each kind of rung, the
    most specific ones (the provider's own over its lender kind's over everyone's)."""
    best: dict[str, tuple[int, list[RungFacts]]] = {}
    for rung in rungs:
        fit = rung.specificity(provider)
        if fit is None:
            continue
        found = best.get(rung.rung)
        if found is None or fit > found[0]:
            best[rung.rung] = (fit, [rung])
        elif fit == found[0]:
            found[1].append(rung)
    chosen = [rung for _fit, kept in best.values() for rung in kept]
    return tuple(sorted(chosen, key=lambda r: (r.kind.order, r.order)))


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


def yuan_text(amount: Decimal) -> str:
    """An amount of yuan as people write it: 100, 12.5 (never 100.00 or 1E+2)."""
    return f"{amount.normalize():f}"


def tel_uri(number: str) -> str:
    """A dialable tel: URI; a menu choice such as the 2 in 95511-2 is dialled after a pause."""
    if re.fullmatch(r"\d{5}-\d{1,2}", number):
        service, choice = number.split("-")
        return f"tel:{service},{choice}"
    return "tel:" + number.replace("-", "")
