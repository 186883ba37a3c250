"""What we know about the lenders a Xiaomi Mall buyer repays, and how sure we are of it."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.facts import Channel, Fact, MaintenanceWindowFacts, ProviderFacts, ProviderKind

# Re-exported for the migrations that name them and for callers that know the model module.
__all__ = ["Channel", "Fact", "MaintenanceWindow", "Provider", "ProviderKind"]

MARKDOWN_HELP = _(
    "可以用简单的 Markdown:**加粗**、*斜体*、列表、[链接文字](https://…)。HTML 标签和脚本会被去掉。"
)

hotline_validator = RegexValidator(
    regex=r"^(?:\d{5}(?:-\d{1,2})?|400-?\d{3}-?\d{4}|0\d{2,3}-?\d{7,8})$",
    message=_("客服电话格式不对:应为 95588、95511-2、400-820-5555 或 021-12345678 这样的号码。"),
)


def validate_fact_list(value: object) -> None:
    if not isinstance(value, list) or any(item not in Fact.values for item in value):
        raise ValidationError(
            _("待核实的信息只能从这些项中选择:%(choices)s"),
            params={"choices": ", ".join(Fact.values)},
        )


MAX_GRACE_DAYS = 30
GRACE_DAYS_MESSAGE = _("宽限期应在 0 到 30 天之间。")
CUTOFF_MESSAGE = _("截止时间格式不对:请按 24 小时制填写,例如 20:00;24 点截止填 23:59。")


def _reverification_due(today: dt.date | None) -> Q:
    """Never verified, or not verified within the configured number of days."""
    today = today or timezone.localdate()
    oldest_fresh = today - dt.timedelta(days=settings.PROVIDER_REVERIFY_DAYS)
    return Q(verified_on__isnull=True) | Q(verified_on__lt=oldest_fresh)


class ProviderQuerySet(models.QuerySet["Provider"]):
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


class Provider(models.Model):
    slug = models.SlugField(_("代号"), max_length=40, unique=True)
    name_zh = models.CharField(_("中文名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=80)
    kind = models.CharField(_("类型"), max_length=20, choices=ProviderKind.choices)
    display_order = models.PositiveSmallIntegerField(_("显示顺序"), default=100)

    hotline = models.CharField(_("客服电话"), max_length=20, validators=[hotline_validator])
    hotline_alt = models.CharField(
        _("备用客服电话"), max_length=20, blank=True, validators=[hotline_validator]
    )
    repay_path_zh = models.TextField(_("App 内还款路径(中文)"))
    repay_path_en = models.TextField(_("App 内还款路径(英文)"))
    cutoff_time = models.TimeField(
        _("当日还款截止时间"),
        help_text=_("到期日当天最晚几点前还款才算按时(24 点截止填 23:59)。"),
    )
    grace_days = models.PositiveSmallIntegerField(
        _("宽限期天数"),
        default=0,
        # The field-level check names the field in forms and imports; the database
        # constraint below is the guarantee.
        validators=[MaxValueValidator(MAX_GRACE_DAYS, message=GRACE_DAYS_MESSAGE)],
        help_text=_("没有宽限期填 0。不确定时填 0 并标记为待核实。"),
    )
    late_fee_zh = models.TextField(_("逾期费用规则(中文)"))
    late_fee_en = models.TextField(_("逾期费用规则(英文)"))
    autopay_available = models.BooleanField(_("支持自动还款"), default=False)
    autopay_how_zh = models.TextField(_("如何开通自动还款(中文)"), blank=True)
    autopay_how_en = models.TextField(_("如何开通自动还款(英文)"), blank=True)
    official_site = models.URLField(_("官方网站"), blank=True)

    source = models.TextField(_("信息来源"), help_text=_("网址或说明:这些信息是从哪里核实的。"))
    verified_on = models.DateField(_("最后核实日期"), null=True, blank=True)
    unverified_facts = models.JSONField(
        _("待核实的信息"),
        default=list,
        blank=True,
        validators=[validate_fact_list],
        help_text=_("列出尚未向官方确认的信息;消费者会看到“待核实”提示。"),
    )
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
            models.CheckConstraint(condition=~Q(hotline=""), name="provider_hotline_required"),
            models.CheckConstraint(
                condition=~Q(name_zh="") & ~Q(name_en=""), name="provider_names_required"
            ),
            models.CheckConstraint(condition=~Q(source=""), name="provider_source_required"),
            models.CheckConstraint(
                condition=Q(kind__in=ProviderKind.values), name="provider_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name_zh} ({self.slug})"

    def facts(self) -> ProviderFacts:
        """A plain, cacheable snapshot of this record for the plan engine."""
        values = {name: getattr(self, name) for name in FACT_FIELDS}
        values["unverified_facts"] = frozenset(self.unverified_facts or ())
        return ProviderFacts(**values, pk=self.pk)


# The provider fields, stated once: what staff edit (admin form, import/export, seed file),
# and the part of them the plan engine sees (ProviderFacts has a field for each).
EDITABLE_FIELDS: tuple[str, ...] = tuple(
    field.name
    for field in Provider._meta.concrete_fields
    if field.editable and not field.auto_created and field.name != "updated_at"
)
FACT_FIELDS: tuple[str, ...] = tuple(
    field.name for field in dataclasses.fields(ProviderFacts) if field.name != "pk"
)


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
