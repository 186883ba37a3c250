"""What we know about the lenders a Xiaomi Mall buyer repays, and how sure we are of it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from providers.facts import (
    AutopayTime,
    Certainty,
    Channel,
    Fact,
    GraceRule,
    GraceTier,
    Hotline,
    LenderKind,
    MaintenanceWindowFacts,
    MinimumPaymentRule,
    Provenance,
    ProviderFacts,
    ProviderKind,
    RungFacts,
    RungKind,
)

# Re-exported for the migrations that name them and for callers that know the model module.
__all__ = [
    "Certainty",
    "Channel",
    "EscalationRung",
    "Fact",
    "GraceTierRecord",
    "LenderKind",
    "MaintenanceWindow",
    "Provider",
]

MARKDOWN_HELP = _(
    "可以用简单的 Markdown:**加粗**、*斜体*、列表、[链接文字](https://…)。HTML 标签和脚本会被去掉。"
)

hotline_validator = RegexValidator(
    regex=r"^(?:\d{5}(?:-\d{1,2})?|400-?\d{3}-?\d{4}|0\d{2,3}-?\d{7,8})$",
    message=_("客服电话格式不对:应为 95588、95511-2、400-820-5555 或 021-12345678 这样的号码。"),
)


def validate_fact_list(value: object) -> None:
    """Kept for the migrations that name it (the old `unverified_facts` list)."""
    old_facts = ("hotline", "repay_path", "cutoff_time", "grace_days", "late_fee", "autopay")
    if not isinstance(value, list) or any(item not in old_facts for item in value):
        raise ValidationError(
            _("待核实的信息只能从这些项中选择:%(choices)s"),
            params={"choices": ", ".join(old_facts)},
        )


SOURCE_REQUIRED_MESSAGE = _(
    "请填写来源(网址,或“某年某月某日致电客服”)。只有“没有找到资料”可以不填来源。"
)
MAX_GRACE_DAYS = 30
GRACE_DAYS_MESSAGE = _("宽限期应在 0 到 30 天之间。")
CUTOFF_MESSAGE = _("截止时间格式不对:请按 24 小时制填写,例如 20:00;24 点截止填 23:59。")


def _reverification_due(today: dt.date | None) -> Q:
    """Never verified, or not verified within the configured number of days."""
    today = today or timezone.localdate()
    oldest_fresh = today - dt.timedelta(days=settings.PROVIDER_REVERIFY_DAYS)
    due = Q()
    for fact in Fact:
        due |= Q(**{f"{fact}_checked_on__isnull": True}) | Q(
            **{f"{fact}_checked_on__lt": oldest_fresh}
        )
    return due


class ProviderQuerySet(models.QuerySet["Provider"]):
    def with_tiers(self) -> ProviderQuerySet:
        """With each provider's grace tiers fetched in one more query (for `facts()`)."""
        return self.prefetch_related("grace_tiers")

    def active(self) -> ProviderQuerySet:
        return self.filter(is_active=True)

    def needs_reverification(self, *, today: dt.date | None = None) -> ProviderQuerySet:
        """Providers never verified, or not verified within the configured number of days."""
        return self.filter(_reverification_due(today))

    def verified_recently(self, *, today: dt.date | None = None) -> ProviderQuerySet:
        return self.exclude(_reverification_due(today))

    def with_reverification_due(self, *, today: dt.date | None = None) -> ProviderQuerySet:
        """Each provider with `reverification_due`, computed in the same query as the rows."""
        return self.annotate(
            reverification_due=ExpressionWrapper(
                _reverification_due(today), output_field=models.BooleanField()
            )
        )

    def in_display_order(self) -> ProviderQuerySet:
        return self.order_by("display_order", "slug")


def certainty_field(fact: StrOrPromise) -> models.CharField:
    return models.CharField(
        format_lazy(_("{fact}:可信度"), fact=fact),
        max_length=10,
        choices=Certainty.choices,
        default=Certainty.NONE,
        help_text=_(
            "官方=机构自己的网页、条款或客服;可靠来源=正规媒体或监管机构的概述;网上资料=内容网站或网友整理;没有找到资料。"
        ),
    )


def source_field(fact: StrOrPromise) -> models.TextField:
    return models.TextField(
        format_lazy(_("{fact}:来源"), fact=fact),
        blank=True,
        help_text=_("网址,或“某年某月某日致电客服”。除“没有找到资料”外必填。"),
    )


def quote_field(fact: StrOrPromise) -> models.TextField:
    return models.TextField(
        format_lazy(_("{fact}:依据原文"), fact=fact),
        blank=True,
        help_text=_("来源里支持这条信息的那句话,照原样摘录。"),
    )


def checked_on_field(fact: StrOrPromise) -> models.DateField:
    return models.DateField(format_lazy(_("{fact}:核对日期"), fact=fact), null=True, blank=True)


def note_field(fact: StrOrPromise) -> models.TextField:
    return models.TextField(
        format_lazy(_("{fact}:备注"), fact=fact),
        blank=True,
        help_text=_("给同事看的说明,例如资料之间的冲突、采用了哪个值以及为什么。消费者看不到。"),
    )


class Provider(models.Model):
    """A lender, with each fact the plan relies on and, for each, where it comes from."""

    slug = models.SlugField(_("代号"), max_length=40, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=ProviderKind.choices)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    hotline = models.CharField(_("客服电话"), max_length=20, validators=[hotline_validator])
    hotline_label_zh = models.CharField(_("客服电话说明(中文)"), max_length=60, blank=True)
    hotline_label_en = models.CharField(_("客服电话说明(英文)"), max_length=80, blank=True)
    hotline_alt = models.CharField(
        _("备用电话"), max_length=20, blank=True, validators=[hotline_validator]
    )
    hotline_alt_label_zh = models.CharField(_("备用电话说明(中文)"), max_length=60, blank=True)
    hotline_alt_label_en = models.CharField(_("备用电话说明(英文)"), max_length=80, blank=True)
    hotline_alt2 = models.CharField(
        _("第二个备用电话"), max_length=20, blank=True, validators=[hotline_validator]
    )
    hotline_alt2_label_zh = models.CharField(
        _("第二个备用电话说明(中文)"), max_length=60, blank=True
    )
    hotline_alt2_label_en = models.CharField(
        _("第二个备用电话说明(英文)"), max_length=80, blank=True
    )
    hotline_certainty = certainty_field(Fact.HOTLINE.label)
    hotline_source = source_field(Fact.HOTLINE.label)
    hotline_quote = quote_field(Fact.HOTLINE.label)
    hotline_checked_on = checked_on_field(Fact.HOTLINE.label)
    hotline_note = note_field(Fact.HOTLINE.label)

    due_cutoff = models.TimeField(
        _("还款日当天的截止时间"),
        help_text=_(
            "还款日当天最晚几点前还款才算按时(24 点截止填 23:59)。宽限期最后一天的截止时间另填。"
        ),
    )
    due_cutoff_certainty = certainty_field(Fact.DUE_CUTOFF.label)
    due_cutoff_source = source_field(Fact.DUE_CUTOFF.label)
    due_cutoff_quote = quote_field(Fact.DUE_CUTOFF.label)
    due_cutoff_checked_on = checked_on_field(Fact.DUE_CUTOFF.label)
    due_cutoff_note = note_field(Fact.DUE_CUTOFF.label)

    grace_days = models.PositiveSmallIntegerField(
        _("宽限期天数"),
        default=0,
        # The field-level check names the field in forms and imports; the database
        # constraint below is the guarantee.
        validators=[MaxValueValidator(MAX_GRACE_DAYS, message=GRACE_DAYS_MESSAGE)],
        help_text=_("还款日之后还有几天。没有宽限期填 0;资料不确定时照资料填,并如实标出可信度。"),
    )
    grace_ends_at = models.TimeField(
        _("宽限期最后一天的截止时间"),
        null=True,
        blank=True,
        help_text=_("例如“第 3 天 16:00 前到账”填 16:00。留空表示与还款日当天的截止时间相同。"),
    )
    grace_needs_request = models.BooleanField(
        _("宽限期需要申请"), default=False, help_text=_("要先联系机构申请才有宽限期时勾选。")
    )
    grace_request_how_zh = models.TextField(_("如何申请宽限期、最晚何时申请(中文)"), blank=True)
    grace_request_how_en = models.TextField(_("如何申请宽限期、最晚何时申请(英文)"), blank=True)
    grace_uses_per_year = models.PositiveSmallIntegerField(
        _("每年可用几次"), null=True, blank=True, help_text=_("没有次数限制或不清楚时留空。")
    )
    grace_tolerance_yuan = models.DecimalField(
        _("容差(元)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("未还部分不超过这个金额时视同还清。不清楚时留空。"),
    )
    grace_certainty = certainty_field(Fact.GRACE.label)
    grace_source = source_field(Fact.GRACE.label)
    grace_quote = quote_field(Fact.GRACE.label)
    grace_checked_on = checked_on_field(Fact.GRACE.label)
    grace_note = note_field(Fact.GRACE.label)
    # The tolerance's value is `grace_tolerance_yuan` above; where it comes from is its own.
    tolerance_certainty = certainty_field(Fact.TOLERANCE.label)
    tolerance_source = source_field(Fact.TOLERANCE.label)
    tolerance_quote = quote_field(Fact.TOLERANCE.label)
    tolerance_checked_on = checked_on_field(Fact.TOLERANCE.label)
    tolerance_note = note_field(Fact.TOLERANCE.label)

    late_fee_zh = models.TextField(_("逾期费用规则(中文)"))
    late_fee_en = models.TextField(_("逾期费用规则(英文)"))
    late_fee_certainty = certainty_field(Fact.LATE_FEE.label)
    late_fee_source = source_field(Fact.LATE_FEE.label)
    late_fee_quote = quote_field(Fact.LATE_FEE.label)
    late_fee_checked_on = checked_on_field(Fact.LATE_FEE.label)
    late_fee_note = note_field(Fact.LATE_FEE.label)

    autopay_available = models.BooleanField(_("支持自动还款"), default=False)
    autopay_how_zh = models.TextField(_("如何开通自动还款(中文)"), blank=True)
    autopay_how_en = models.TextField(_("如何开通自动还款(英文)"), blank=True)
    autopay_certainty = certainty_field(Fact.AUTOPAY.label)
    autopay_source = source_field(Fact.AUTOPAY.label)
    autopay_quote = quote_field(Fact.AUTOPAY.label)
    autopay_checked_on = checked_on_field(Fact.AUTOPAY.label)
    autopay_note = note_field(Fact.AUTOPAY.label)

    autopay_funded_by = models.TimeField(
        _("自动还款:还款日几点前存入"),
        null=True,
        blank=True,
        help_text=_("还款日当天几点前要把钱存进扣款账户(例如建设银行 07:00)。不清楚时留空。"),
    )
    autopay_retry_days = models.PositiveSmallIntegerField(
        _("自动还款:最后一次扣款在还款日后第几天"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_GRACE_DAYS, message=GRACE_DAYS_MESSAGE)],
        help_text=_("还款日当天再扣一次填 0;不再扣款或不清楚时留空。"),
    )
    autopay_retry_at = models.TimeField(
        _("自动还款:最后一次扣款的时间"),
        null=True,
        blank=True,
        help_text=_("例如建设银行第 3 天 07:00 补扣一次,填 07:00。"),
    )
    autopay_schedule_zh = models.TextField(_("自动还款的扣款时间(中文)"), blank=True)
    autopay_schedule_en = models.TextField(_("自动还款的扣款时间(英文)"), blank=True)
    autopay_time_certainty = certainty_field(Fact.AUTOPAY_TIME.label)
    autopay_time_source = source_field(Fact.AUTOPAY_TIME.label)
    autopay_time_quote = quote_field(Fact.AUTOPAY_TIME.label)
    autopay_time_checked_on = checked_on_field(Fact.AUTOPAY_TIME.label)
    autopay_time_note = note_field(Fact.AUTOPAY_TIME.label)

    repay_path_zh = models.TextField(_("App 内还款路径(中文)"))
    repay_path_en = models.TextField(_("App 内还款路径(英文)"))
    repay_path_certainty = certainty_field(Fact.REPAY_PATH.label)
    repay_path_source = source_field(Fact.REPAY_PATH.label)
    repay_path_quote = quote_field(Fact.REPAY_PATH.label)
    repay_path_checked_on = checked_on_field(Fact.REPAY_PATH.label)
    repay_path_note = note_field(Fact.REPAY_PATH.label)

    official_site = models.URLField(_("官方网站"), blank=True)

    lender_kind = models.CharField(
        _("放贷机构类型"),
        max_length=20,
        choices=LenderKind.choices,
        blank=True,
        help_text=_(
            "借钱给消费者的那家公司持有的牌照(看结账页或合同上写的公司名称),"
            "决定向哪个监管部门投诉。不清楚时留空。"
        ),
    )
    lender_kind_certainty = certainty_field(Fact.LENDER_KIND.label)
    lender_kind_source = source_field(Fact.LENDER_KIND.label)
    lender_kind_quote = quote_field(Fact.LENDER_KIND.label)
    lender_kind_checked_on = checked_on_field(Fact.LENDER_KIND.label)
    lender_kind_note = note_field(Fact.LENDER_KIND.label)

    min_payment_covers_instalments = models.BooleanField(
        _("分期每期全额计入最低还款额"),
        null=True,
        blank=True,
        help_text=_(
            "机构公告说分期的每期本金和利息全额计入最低还款额时选“是”。没有找到机构自己的公告时留空。"
        ),
    )
    min_payment_notice_zh = models.TextField(_("最低还款额与分期:机构公告怎么说(中文)"), blank=True)
    min_payment_notice_en = models.TextField(_("最低还款额与分期:机构公告怎么说(英文)"), blank=True)
    min_payment_certainty = certainty_field(Fact.MIN_PAYMENT.label)
    min_payment_source = source_field(Fact.MIN_PAYMENT.label)
    min_payment_quote = quote_field(Fact.MIN_PAYMENT.label)
    min_payment_checked_on = checked_on_field(Fact.MIN_PAYMENT.label)
    min_payment_note = note_field(Fact.MIN_PAYMENT.label)

    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ProviderQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("还款机构")
        verbose_name_plural = _("还款机构")
        ordering = ["display_order", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(grace_days__gte=0) & Q(grace_days__lte=MAX_GRACE_DAYS),
                name="provider_grace_days_0_to_30",
                violation_error_message=GRACE_DAYS_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(grace_days__gt=0)
                | (Q(grace_ends_at__isnull=True) & Q(grace_needs_request=False)),
                name="provider_no_grace_has_no_grace_terms",
                violation_error_message=_(
                    "没有宽限期(0 天)时,不能填宽限期截止时间或勾选需要申请。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(grace_needs_request=False) | ~Q(grace_request_how_zh=""),
                name="provider_grace_request_says_how",
                violation_error_message=_("宽限期需要申请时,请写明如何申请(中文)。"),
            ),
            models.CheckConstraint(
                condition=Q(grace_uses_per_year__isnull=True) | Q(grace_uses_per_year__gte=1),
                name="provider_grace_uses_at_least_one",
                violation_error_message=_("每年可用次数至少为 1;没有限制请留空。"),
            ),
            models.CheckConstraint(
                condition=Q(grace_tolerance_yuan__isnull=True) | Q(grace_tolerance_yuan__gte=0),
                name="provider_tolerance_not_negative",
                violation_error_message=_("容差不能是负数。"),
            ),
            models.CheckConstraint(condition=~Q(hotline=""), name="provider_hotline_required"),
            models.CheckConstraint(
                condition=~Q(name_zh="") & ~Q(name_en=""), name="provider_names_required"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ProviderKind.values), name="provider_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(lender_kind__in=[*LenderKind.values, ""]),
                name="provider_lender_kind_known",
            ),
            *(
                constraint
                for fact in Fact
                for constraint in (
                    models.CheckConstraint(
                        condition=Q(**{f"{fact}_certainty__in": Certainty.values}),
                        name=f"provider_{fact}_certainty_known",
                    ),
                    models.CheckConstraint(
                        condition=Q(**{f"{fact}_certainty": Certainty.NONE})
                        | ~Q(**{f"{fact}_source": ""}),
                        name=f"provider_{fact}_sourced",
                        violation_error_message=SOURCE_REQUIRED_MESSAGE,
                    ),
                )
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.slug})"

    def provenance(self, fact: str) -> Provenance:
        return Provenance(
            certainty=getattr(self, f"{fact}_certainty"),
            source=getattr(self, f"{fact}_source"),
            quote=getattr(self, f"{fact}_quote"),
            checked_on=getattr(self, f"{fact}_checked_on"),
        )

    def hotlines(self) -> tuple[Hotline, ...]:
        numbers = (
            (self.hotline, self.hotline_label_zh, self.hotline_label_en),
            (self.hotline_alt, self.hotline_alt_label_zh, self.hotline_alt_label_en),
            (self.hotline_alt2, self.hotline_alt2_label_zh, self.hotline_alt2_label_en),
        )
        return tuple(Hotline(number, zh, en) for number, zh, en in numbers if number)

    def grace_rule(self, tiers: Iterable[GraceTierRecord] = ()) -> GraceRule:
        return GraceRule(
            days=self.grace_days,
            ends_at=self.grace_ends_at,
            needs_request=self.grace_needs_request,
            request_how_zh=self.grace_request_how_zh,
            request_how_en=self.grace_request_how_en,
            uses_per_year=self.grace_uses_per_year,
            tolerance_yuan=self.grace_tolerance_yuan,
            tiers=tuple(tier.facts() for tier in tiers),
        )

    def facts(self) -> ProviderFacts:
        """A plain, cacheable snapshot of this record for the plan engine.

        Reads the grace tiers (prefetch them: `ProviderQuerySet.with_tiers`).
        """
        return ProviderFacts(
            slug=self.slug,
            name_zh=self.name_zh,
            name_en=self.name_en,
            kind=self.kind,
            hotlines=self.hotlines(),
            repay_path_zh=self.repay_path_zh,
            repay_path_en=self.repay_path_en,
            due_cutoff=self.due_cutoff,
            grace=self.grace_rule(self.grace_tiers.all() if self.pk is not None else ()),
            late_fee_zh=self.late_fee_zh,
            late_fee_en=self.late_fee_en,
            autopay_available=self.autopay_available,
            autopay_how_zh=self.autopay_how_zh,
            autopay_how_en=self.autopay_how_en,
            official_site=self.official_site,
            provenance=tuple((fact.value, self.provenance(fact)) for fact in Fact),
            pk=self.pk,
            lender_kind=self.lender_kind,
            autopay_time=AutopayTime(
                funded_by=self.autopay_funded_by,
                retry_days=self.autopay_retry_days,
                retry_at=self.autopay_retry_at,
                schedule_zh=self.autopay_schedule_zh,
                schedule_en=self.autopay_schedule_en,
            ),
            minimum_payment=MinimumPaymentRule(
                instalments_in_minimum=self.min_payment_covers_instalments,
                notice_zh=self.min_payment_notice_zh,
                notice_en=self.min_payment_notice_en,
            ),
        )

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for fact in Fact:
            if (
                getattr(self, f"{fact}_certainty") != Certainty.NONE
                and not getattr(self, f"{fact}_source").strip()
            ):
                errors[f"{fact}_source"] = [str(SOURCE_REQUIRED_MESSAGE)]
        if not self.grace_days:
            # No grace period: its end time and conditions mean nothing (staff setting the
            # days to 0 should not have to clear them one by one).
            self.grace_ends_at = None
            self.grace_needs_request = False
            self.grace_uses_per_year = None
        if self.autopay_retry_at is not None and self.autopay_retry_days is None:
            errors["autopay_retry_days"] = [
                str(_("填了最后一次扣款的时间,也请填是还款日后第几天(当天填 0)。"))
            ]
        if self.grace_needs_request and not self.grace_request_how_zh.strip():
            errors["grace_request_how_zh"] = [str(_("宽限期需要申请时,请写明如何申请(中文)。"))]
        if errors:
            raise ValidationError(errors)


class GraceTierRecord(models.Model):
    """A card tier of one provider whose grace period differs (e.g. BOC platinum: 8 days).

    The wizard asks a person's tier only for a provider that has these.
    """

    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="grace_tiers", verbose_name=_("还款机构")
    )
    code = models.SlugField(_("代号"), max_length=30)
    label_zh = models.CharField(_("卡片等级(中文)"), max_length=60)
    label_en = models.CharField(_("卡片等级(英文)"), max_length=80)
    grace_days = models.PositiveSmallIntegerField(
        _("宽限期天数"),
        validators=[MaxValueValidator(MAX_GRACE_DAYS, message=GRACE_DAYS_MESSAGE)],
    )
    grace_ends_at = models.TimeField(
        _("宽限期最后一天的截止时间"),
        null=True,
        blank=True,
        help_text=_("留空表示与还款日当天的截止时间相同。"),
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("卡片等级的宽限期")
        verbose_name_plural = _("卡片等级的宽限期")
        ordering = ["display_order", "grace_days", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "code"],
                name="one_grace_tier_per_code",
                violation_error_message=_("这家机构已经有这个代号的卡片等级了。"),
            ),
            models.CheckConstraint(
                condition=Q(grace_days__gte=0) & Q(grace_days__lte=MAX_GRACE_DAYS),
                name="grace_tier_days_0_to_30",
                violation_error_message=GRACE_DAYS_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label_zh} ({self.grace_days} 天)"

    def facts(self) -> GraceTier:
        return GraceTier(
            code=self.code,
            label_zh=self.label_zh,
            label_en=self.label_en,
            days=self.grace_days,
            ends_at=self.grace_ends_at,
        )


# The provider fields, stated once: what staff edit (admin form, import/export, seed file),
# and the part of them the plan engine sees (ProviderFacts has a field for each).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    field.name
    for field in Provider._meta.concrete_fields
    if field.editable and not field.auto_created and field.name != "updated_at"
)
# Each fact's provenance fields, in the order the admin and the import columns show them.
PROVENANCE_PARTS = ("certainty", "source", "quote", "checked_on", "note")


def provenance_fields(fact: str) -> list[str]:
    return [f"{fact}_{part}" for part in PROVENANCE_PARTS]


def overlap_message(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """The error shown when a window overlaps another of the same provider."""
    return _(
        "和这家机构已有的维护时段(%(start)s 至 %(end)s)重叠了。请修改时间,或直接编辑那一条。"
    ) % {
        "start": timezone.localtime(starts_at).strftime("%Y-%m-%d %H:%M"),
        "end": timezone.localtime(ends_at).strftime("%Y-%m-%d %H:%M"),
    }


class MaintenanceWindowQuerySet(models.QuerySet["MaintenanceWindow"]):
    def for_provider(self, slug: str) -> MaintenanceWindowQuerySet:
        return self.filter(provider__slug=slug)

    def covering_any(self, *moments: dt.datetime) -> MaintenanceWindowQuerySet:
        """Windows in force at any of the given moments (start inclusive, end exclusive)."""
        condition = Q()
        for moment in moments:
            condition |= Q(starts_at__lte=moment, ends_at__gt=moment)
        return self.filter(condition)

    def upcoming_or_current(self, *, now: dt.datetime) -> MaintenanceWindowQuerySet:
        return self.filter(ends_at__gt=now)

    def overlapping(
        self, *, starts_at: dt.datetime, ends_at: dt.datetime
    ) -> MaintenanceWindowQuerySet:
        """Windows sharing any moment with [starts_at, ends_at); touching ends do not overlap."""
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class MaintenanceWindow(models.Model):
    """A planned outage of a provider's repayment channels, as the provider announced it."""

    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        related_name="maintenance_windows",
        verbose_name=_("还款机构"),
    )
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("预计结束时间"))
    channels = models.JSONField(
        _("受影响的还款方式"),
        default=list,
        blank=True,
        help_text=_("留空表示所有还款方式都受影响。"),
    )
    notice_zh = models.TextField(_("公告内容(中文)"), blank=True, help_text=MARKDOWN_HELP)
    notice_en = models.TextField(_("公告内容(英文)"), blank=True, help_text=MARKDOWN_HELP)
    source = models.TextField(_("公告来源"), help_text=_("公告的网址或出处。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = MaintenanceWindowQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("系统维护时段")
        verbose_name_plural = _("系统维护时段")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="maintenance_ends_after_it_starts",
                violation_error_message=_("结束时间必须晚于开始时间。"),
            ),
        ]
        indexes = [models.Index(fields=["provider", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.provider.name_zh} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"

    def facts(self) -> MaintenanceWindowFacts:
        labels = {}
        for language, separator, everything in (
            ("zh-hans", "、", "所有还款方式"),
            ("en", ", ", "all channels"),
        ):
            with translation.override(language):
                names = [str(Channel(code).label) for code in self.channels]
                labels[language] = separator.join(names) if names else str(_(everything))
        return MaintenanceWindowFacts(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            channels_zh=labels["zh-hans"],
            channels_en=labels["en"],
            notice_zh=self.notice_zh,
            notice_en=self.notice_en,
        )

    def clean(self) -> None:
        if not isinstance(self.channels, list) or any(
            c not in Channel.values for c in self.channels
        ):
            raise ValidationError(
                {
                    "channels": _("只能填写这些还款方式:%(choices)s")
                    % {"choices": ", ".join(Channel.values)}
                }
            )
        if self.provider_id and self.starts_at and self.ends_at and self.starts_at < self.ends_at:
            # One provider announces one outage at a time; two overlapping windows are
            # nearly always the same notice entered twice, and the plan shows only one.
            clash = (
                MaintenanceWindow.objects.filter(provider_id=self.provider_id)
                .overlapping(starts_at=self.starts_at, ends_at=self.ends_at)
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(overlap_message(clash.starts_at, clash.ends_at))


RUNG_SOURCE_MESSAGE = _("每一级都要写明来源(网址或出处):没有来源的信息不能给消费者看。")
RUNG_CERTAINTY_MESSAGE = _("可信度只能是:官方、可靠来源、网上资料或没有找到资料。")
RUNG_TIME_LIMIT_MESSAGE = _("期限应在 1 到 365 天之间;没有期限请留空。")
RUNG_TIME_LIMIT_MEANING_MESSAGE = _("填了期限,就要写明这个期限是什么意思(中文)。")
RUNG_PLACEHOLDERS = frozenset({"provider", "hotline"})
RUNG_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# The merchant's complaint line: it takes complaints about what the mall sold, never about
# the loan (市场监督管理投诉举报处理暂行办法 Art. 15), so no rung may send a person there.
MERCHANT_HOTLINE = "12315"
MERCHANT_HOTLINE_MESSAGE = _(
    "12315 只受理对商家的投诉(例如商品和售后),不受理分期贷款本身,不能作为这里的联系方式。"
)


class EscalationRungQuerySet(models.QuerySet["EscalationRung"]):
    def active(self) -> EscalationRungQuerySet:
        return self.filter(is_active=True)

    def in_ladder_order(self) -> EscalationRungQuerySet:
        order = models.Case(
            *(models.When(rung=kind.value, then=kind.order) for kind in RungKind),
            default=len(RungKind),
        )
        return self.order_by(order, "display_order", "pk")


class EscalationRung(models.Model):
    """One step of the way up when a lender does not put a payment right, as staff keep it.

    The ladder (the lender's own complaint channel, then the regulator that covers that
    lender) and the credit-record steps (checking the report, the dispute and its answer,
    what a lender's letter can and cannot change) share this one model: each is a text,
    a contact, a time limit with what it means, who it covers and where it comes from, kept,
    dated, undone and imported the same way. A second model for the credit steps would
    repeat every one of those fields, forms and rules.

    `provider` empty: it applies to any provider whose lender kind is in `covers` (empty:
    any). A provider's own record replaces the general ones of the same rung.
    """

    code = models.SlugField(
        _("代号"),
        max_length=60,
        unique=True,
        help_text=_("导入导出和种子数据用它认出这一条,例如 regulator-12378。"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalation_rungs",
        verbose_name=_("还款机构"),
        help_text=_("留空表示适用于“适用的放贷机构类型”里的所有机构。"),
    )
    rung = models.CharField(_("哪一级"), max_length=20, choices=RungKind.choices)
    covers = models.JSONField(
        _("适用的放贷机构类型"),
        default=list,
        blank=True,
        help_text=_("都不勾选表示适用于所有放贷机构。"),
    )
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)
    title_zh = models.CharField(_("标题(中文)"), max_length=120)
    title_en = models.CharField(_("标题(英文)"), max_length=160)
    text_zh = models.TextField(
        _("内容(中文)"), help_text=_("可以用 {provider}(机构名称)和 {hotline}(机构客服电话)。")
    )
    text_en = models.TextField(_("内容(英文)"))
    phone = models.CharField(_("电话"), max_length=20, blank=True, validators=[hotline_validator])
    url = models.URLField(_("网址"), blank=True)
    time_limit_days = models.PositiveSmallIntegerField(
        _("答复期限(日历日)"),
        null=True,
        blank=True,
        help_text=_("对方最迟多少天内要答复,例如投诉 15 天、征信异议 20 天。没有期限留空。"),
    )
    time_limit_zh = models.TextField(_("期限的含义(中文)"), blank=True)
    time_limit_en = models.TextField(_("期限的含义(英文)"), blank=True)
    certainty = models.CharField(
        _("可信度"), max_length=10, choices=Certainty.choices, default=Certainty.WEAK
    )
    source = models.TextField(_("来源"), help_text=_("网址或出处。必填。"))
    quote = models.TextField(_("依据原文"), blank=True)
    checked_on = models.DateField(_("核对日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True, help_text=_("给同事看的说明。消费者看不到。"))
    is_active = models.BooleanField(_("启用"), default=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EscalationRungQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("投诉与征信步骤")
        verbose_name_plural = _("投诉与征信步骤")
        ordering = ["rung", "display_order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rung__in=RungKind.values), name="rung_kind_known"),
            models.CheckConstraint(
                condition=Q(certainty__in=Certainty.values),
                name="rung_certainty_known",
                violation_error_message=RUNG_CERTAINTY_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(source=""),
                name="rung_sourced",
                violation_error_message=RUNG_SOURCE_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(time_limit_days__isnull=True)
                | (Q(time_limit_days__gte=1) & Q(time_limit_days__lte=365)),
                name="rung_time_limit_1_to_365",
                violation_error_message=RUNG_TIME_LIMIT_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(time_limit_days__isnull=True) | ~Q(time_limit_zh=""),
                name="rung_time_limit_says_what_it_means",
                violation_error_message=RUNG_TIME_LIMIT_MEANING_MESSAGE,
            ),
            models.CheckConstraint(
                condition=~Q(phone=MERCHANT_HOTLINE), name="rung_never_the_merchant_line"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_zh} ({self.code})"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not str(self.source or "").strip():
            errors["source"] = [str(RUNG_SOURCE_MESSAGE)]
        if self.certainty not in Certainty.values:
            errors["certainty"] = [str(RUNG_CERTAINTY_MESSAGE)]
        if not isinstance(self.covers, list) or any(
            kind not in LenderKind.values for kind in self.covers
        ):
            choices = ", ".join(LenderKind.values)
            errors["covers"] = [
                str(_("只能填写这些放贷机构类型:%(choices)s") % {"choices": choices})
            ]
        if self.time_limit_days is not None and not (1 <= self.time_limit_days <= 365):
            errors["time_limit_days"] = [str(RUNG_TIME_LIMIT_MESSAGE)]
        if self.time_limit_days is not None and not self.time_limit_zh.strip():
            errors["time_limit_zh"] = [str(RUNG_TIME_LIMIT_MEANING_MESSAGE)]
        if self.phone.replace("-", "") == MERCHANT_HOTLINE:
            errors["phone"] = [str(MERCHANT_HOTLINE_MESSAGE)]
        for name in ("title_zh", "title_en", "text_zh", "text_en"):
            unknown = set(RUNG_PLACEHOLDER.findall(getattr(self, name))) - RUNG_PLACEHOLDERS
            if unknown:
                errors[name] = [
                    str(_("不认识的占位符:%(names)s") % {"names": ", ".join(sorted(unknown))})
                ]
        if errors:
            raise ValidationError(errors)

    def facts(self) -> RungFacts:
        """A plain, cacheable snapshot for the plan engine (reads the provider's slug:
        select_related("provider"))."""
        return RungFacts(
            rung=self.rung,
            title_zh=self.title_zh,
            title_en=self.title_en,
            text_zh=self.text_zh,
            text_en=self.text_en,
            provenance=Provenance(
                certainty=self.certainty,
                source=self.source,
                quote=self.quote,
                checked_on=self.checked_on,
            ),
            code=self.code,
            provider_slug=self.provider.slug if self.provider is not None else "",
            covers=tuple(self.covers or ()),
            phone=self.phone,
            url=self.url,
            time_limit_days=self.time_limit_days,
            time_limit_zh=self.time_limit_zh,
            time_limit_en=self.time_limit_en,
            order=self.display_order,
        )


RUNG_FIELDS: tuple[str, ...] = tuple(
    field.name
    for field in EscalationRung._meta.concrete_fields
    if field.editable and not field.auto_created and field.name not in ("updated_at", "provider")
)
