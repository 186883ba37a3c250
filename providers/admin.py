"""The support console for provider records: edit, check, undo, import.

The plan preview and the per-provider step wording belong to the wizard; wizard/console/admin.py
adds them to this page (ProviderConsoleAdmin), so that this app never imports the wizard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from import_export.results import Result
from simple_history.admin import SimpleHistoryAdmin

from providers.facts import Fact, LenderKind
from providers.forms import (
    EscalationRungAdminForm,
    MaintenanceWindowAdminForm,
    MaintenanceWindowFormSet,
    ProviderAdminForm,
)
from providers.models import (
    EscalationRung,
    GraceTierRecord,
    MaintenanceWindow,
    MaintenanceWindowQuerySet,
    Provider,
    ProviderQuerySet,
    provenance_fields,
)
from providers.resources import EscalationRungResource, ProviderResource
from providers.spreadsheet import FORMATS, NamedImportErrors


class ReverificationFilter(admin.SimpleListFilter):
    title = _("核实是否过期")
    parameter_name = "reverification"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("due", _("需要重新核实")), ("fresh", _("近期已核实"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Provider]) -> QuerySet[Provider]:
        providers = cast(ProviderQuerySet, queryset)  # the admin's queryset is Provider.objects
        if self.value() == "due":
            return providers.needs_reverification()
        if self.value() == "fresh":
            return providers.verified_recently()
        return queryset


class GraceTierInline(admin.TabularInline):
    model = GraceTierRecord
    extra = 0
    fields = ["code", "label_zh", "label_en", "grace_days", "grace_ends_at", "display_order"]
    verbose_name_plural = _("卡片等级的宽限期(只有宽限期因卡片等级而不同时填写;来源见上面的宽限期)")


class MaintenanceWindowInline(admin.StackedInline):
    model = MaintenanceWindow
    form = MaintenanceWindowAdminForm
    formset = MaintenanceWindowFormSet
    extra = 0
    fields = ["starts_at", "ends_at", "channels", "notice_zh", "notice_en", "source"]
    verbose_name_plural = _("尚未结束的系统维护时段(已结束的在“系统维护时段”列表里)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MaintenanceWindow]:
        # Past windows pile up over the years; they stay editable in their own list.
        windows = cast(MaintenanceWindowQuerySet, super().get_queryset(request))
        return windows.upcoming_or_current(now=timezone.now())


@admin.register(Provider)
class ProviderAdmin(NamedImportErrors, ImportExportModelAdmin, SimpleHistoryAdmin):
    form = ProviderAdminForm
    inlines: list[type[admin.options.InlineModelAdmin]] = [GraceTierInline, MaintenanceWindowInline]
    resource_classes = [ProviderResource]
    formats = FORMATS
    list_display = [
        "name_zh",
        "name_en",
        "slug",
        "kind",
        "hotline",
        "hotline_certainty",
        "due_cutoff",
        "due_cutoff_certainty",
        "grace_days",
        "grace_certainty",
        "oldest_check",
        "reverification_due",
        "is_active",
    ]
    list_filter = [
        ReverificationFilter,
        "kind",
        "is_active",
        "grace_certainty",
        "hotline_certainty",
        "autopay_available",
        "min_payment_certainty",
    ]
    search_fields = ["name_zh", "name_en", "slug", "hotline"]
    readonly_fields = ["updated_at"]
    # One fieldset per fact: its value and, right under it, where it comes from.
    fieldsets = [
        (None, {"fields": ["slug", "name_zh", "name_en", "kind", "display_order", "is_active"]}),
        (
            Fact.HOTLINE.label,
            {
                "fields": [
                    ("hotline", "hotline_label_zh", "hotline_label_en"),
                    ("hotline_alt", "hotline_alt_label_zh", "hotline_alt_label_en"),
                    ("hotline_alt2", "hotline_alt2_label_zh", "hotline_alt2_label_en"),
                    *provenance_fields(Fact.HOTLINE),
                ]
            },
        ),
        (Fact.DUE_CUTOFF.label, {"fields": ["due_cutoff", *provenance_fields(Fact.DUE_CUTOFF)]}),
        (
            Fact.GRACE.label,
            {
                "fields": [
                    ("grace_days", "grace_ends_at"),
                    "grace_needs_request",
                    "grace_request_how_zh",
                    "grace_request_how_en",
                    "grace_uses_per_year",
                    *provenance_fields(Fact.GRACE),
                ],
                "description": _(
                    "卡片等级不同、宽限期也不同时,在页面下方的“卡片等级的宽限期”里分别填写。"
                ),
            },
        ),
        (
            Fact.TOLERANCE.label,
            {"fields": ["grace_tolerance_yuan", *provenance_fields(Fact.TOLERANCE)]},
        ),
        (
            Fact.LATE_FEE.label,
            {"fields": ["late_fee_zh", "late_fee_en", *provenance_fields(Fact.LATE_FEE)]},
        ),
        (
            Fact.AUTOPAY.label,
            {
                "fields": [
                    "autopay_available",
                    "autopay_how_zh",
                    "autopay_how_en",
                    *provenance_fields(Fact.AUTOPAY),
                ]
            },
        ),
        (
            Fact.AUTOPAY_TIME.label,
            {
                "fields": [
                    "autopay_funded_by",
                    ("autopay_retry_days", "autopay_retry_at"),
                    "autopay_schedule_zh",
                    "autopay_schedule_en",
                    *provenance_fields(Fact.AUTOPAY_TIME),
                ],
                "description": _(
                    "自动扣款常常比主动还款的截止时间早(例如建设银行要在还款日 07:00 前存入)。"
                ),
            },
        ),
        (
            Fact.REPAY_PATH.label,
            {
                "fields": [
                    "repay_path_zh",
                    "repay_path_en",
                    "official_site",
                    *provenance_fields(Fact.REPAY_PATH),
                ]
            },
        ),
        (
            Fact.LENDER_KIND.label,
            {
                "fields": ["lender_kind", *provenance_fields(Fact.LENDER_KIND)],
                "description": _("决定方案里的投诉阶梯找哪个监管部门(见“投诉与征信步骤”)。"),
            },
        ),
        (
            Fact.MIN_PAYMENT.label,
            {
                "fields": [
                    "min_payment_covers_instalments",
                    "min_payment_notice_zh",
                    "min_payment_notice_en",
                    *provenance_fields(Fact.MIN_PAYMENT),
                ],
                "description": _(
                    "这家机构自己有没有公告说分期不享受最低还款额。可信度为“没有找到资料”即表示还不知道。"
                ),
            },
        ),
        (_("记录"), {"fields": ["updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provider]:
        return super().get_queryset(request).with_reverification_due()

    @admin.display(description=_("需要重新核实"), boolean=True, ordering="reverification_due")
    def reverification_due(self, provider: Provider) -> bool:
        # Annotated by get_queryset (ProviderQuerySet.with_reverification_due).
        return bool(getattr(provider, "reverification_due"))  # noqa: B009

    @admin.display(description=_("最早的核对日期"))
    def oldest_check(self, provider: Provider) -> dt.date | None:
        dates = [provider.provenance(fact).checked_on for fact in Fact]
        known = [date for date in dates if date is not None]
        return min(known) if len(known) == len(dates) else None

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # The confirmed import re-checks every row; if a row has become invalid since
        # the dry run, nothing at all is saved.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        return refuse_partial_import(
            result, request, "admin:providers_provider_import"
        ) or super().process_result(result, request)


def refuse_partial_import(
    result: Result, request: HttpRequest, import_url_name: str
) -> HttpResponse | None:
    """Back to the import page with a message when any row was invalid (nothing was saved)."""
    if result.has_errors() or result.has_validation_errors():
        messages.error(
            request,
            _("导入没有完成,没有任何记录被修改:文件里有无效的行。请重新导入并先查看预览。"),
        )
        return HttpResponseRedirect(reverse(import_url_name))
    return None


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(SimpleHistoryAdmin):
    form = MaintenanceWindowAdminForm
    list_display = ["provider", "starts_at", "ends_at", "updated_at"]
    list_filter = ["provider"]
    list_select_related = ["provider"]
    search_fields = ["provider__name_zh", "provider__name_en", "provider__slug", "notice_zh"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["provider"]


@admin.register(EscalationRung)
class EscalationRungAdmin(NamedImportErrors, ImportExportModelAdmin, SimpleHistoryAdmin):
    form = EscalationRungAdminForm
    resource_classes = [EscalationRungResource]
    formats = FORMATS
    list_display = [
        "code",
        "rung",
        "provider",
        "covered",
        "phone",
        "time_limit_days",
        "certainty",
        "checked_on",
        "is_active",
    ]
    list_filter = ["rung", "certainty", "is_active"]
    list_select_related = ["provider"]
    search_fields = ["code", "title_zh", "title_en", "phone"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["code", "rung", "provider", "covers", "display_order", "is_active"]}),
        (_("给消费者看的内容"), {"fields": ["title_zh", "title_en", "text_zh", "text_en"]}),
        (_("联系方式"), {"fields": ["phone", "url"]}),
        (_("答复期限"), {"fields": ["time_limit_days", "time_limit_zh", "time_limit_en"]}),
        (_("来源"), {"fields": ["certainty", "source", "quote", "checked_on", "note"]}),
        (_("记录"), {"fields": ["updated_at"]}),
    ]

    @admin.display(description=_("适用的放贷机构类型"))
    def covered(self, rung: EscalationRung) -> str:
        if not rung.covers:
            return str(_("所有"))
        return "、".join(str(LenderKind(kind).label) for kind in rung.covers)

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        return refuse_partial_import(
            result, request, "admin:providers_escalationrung_import"
        ) or super().process_result(result, request)
