"""The support console for provider records: edit, check, preview, undo, import."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats
from import_export.results import Result
from simple_history.admin import SimpleHistoryAdmin

from providers.forms import MaintenanceWindowForm, MaintenanceWindowFormSet, ProviderForm
from providers.models import MaintenanceWindow, Provider
from providers.resources import ProviderResource
from wizard.models import RemediationText
from wizard.preview import preview_plans
from wizard.wording import step_texts_for

PREVIEW_LANGUAGES = {"zh-hans": "中文", "en": "English"}


class ReverificationFilter(admin.SimpleListFilter):
    title = _("核实是否过期")
    parameter_name = "reverification"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("due", _("需要重新核实")), ("fresh", _("近期已核实"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Provider]) -> QuerySet[Provider]:
        if self.value() == "due":
            return queryset.needs_reverification()
        if self.value() == "fresh":
            return queryset.verified_recently()
        return queryset


class MaintenanceWindowInline(admin.StackedInline):
    model = MaintenanceWindow
    form = MaintenanceWindowForm
    formset = MaintenanceWindowFormSet
    extra = 0
    fields = ["starts_at", "ends_at", "channels", "notice_zh", "notice_en", "source"]
    verbose_name_plural = _("尚未结束的系统维护时段(已结束的在“系统维护时段”列表里)")

    def get_queryset(self, request: HttpRequest) -> QuerySet[MaintenanceWindow]:
        # Past windows pile up over the years; they stay editable in their own list.
        return super().get_queryset(request).upcoming_or_current(now=timezone.now())


class RemediationTextInline(admin.StackedInline):
    model = RemediationText
    extra = 0
    fields = ["code", "title_zh", "detail_zh", "title_en", "detail_en"]
    verbose_name_plural = _("这家机构专用的方案步骤文字(留空的字段沿用默认文字)")


@admin.register(Provider)
class ProviderAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    form = ProviderForm
    inlines = [MaintenanceWindowInline, RemediationTextInline]
    resource_classes = [ProviderResource]
    formats = [base_formats.CSV, base_formats.JSON]
    list_display = [
        "name_zh",
        "name_en",
        "slug",
        "kind",
        "hotline",
        "cutoff_time",
        "grace_days",
        "verified_on",
        "reverification_due",
        "unverified_count",
        "is_active",
    ]
    list_filter = [ReverificationFilter, "kind", "is_active", "autopay_available"]
    search_fields = ["name_zh", "name_en", "slug", "hotline"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["slug", "name_zh", "name_en", "kind", "display_order", "is_active"]}),
        (
            _("联系与还款"),
            {
                "fields": [
                    "hotline",
                    "hotline_alt",
                    "repay_path_zh",
                    "repay_path_en",
                    "official_site",
                ]
            },
        ),
        (_("期限与费用"), {"fields": ["cutoff_time", "grace_days", "late_fee_zh", "late_fee_en"]}),
        (_("自动还款"), {"fields": ["autopay_available", "autopay_how_zh", "autopay_how_en"]}),
        (_("来源与核实"), {"fields": ["source", "verified_on", "unverified_facts", "updated_at"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Provider]:
        return super().get_queryset(request).with_reverification_due()

    @admin.display(description=_("需要重新核实"), boolean=True, ordering="reverification_due")
    def reverification_due(self, provider: Provider) -> bool:
        return provider.reverification_due

    @admin.display(description=_("待核实项"))
    def unverified_count(self, provider: Provider) -> int:
        return len(provider.unverified_facts or [])

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="providers_provider_preview",
        )
        return [preview, *super().get_urls()]

    @method_decorator(require_http_methods(["GET", "POST"]))
    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The plans a consumer would get in typical situations, from the same engine.

        GET previews the saved record. POST (the preview button on the change form)
        previews the edits on the form without saving them; step texts are the saved ones.
        """
        provider = self.get_object(request, unquote(object_id))
        if provider is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, provider):
            raise PermissionDenied
        saved_slug = provider.slug
        form = None
        if request.method == "POST":
            if not self.has_change_permission(request, provider):
                raise PermissionDenied
            form_class = self.get_form(request, provider, change=True)
            # is_valid() copies the edits onto this in-memory `provider`; nothing is saved.
            form = form_class(request.POST, request.FILES, instance=provider)
        language = request.GET.get("language", "zh-hans")
        if language not in PREVIEW_LANGUAGES:
            language = "zh-hans"
        previews = (
            preview_plans(
                provider=provider.facts(),
                texts=step_texts_for(saved_slug),
                due_date=timezone.localdate(),
                language=language,
            )
            if form is None or form.is_valid()
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("方案预览:%(provider)s") % {"provider": provider.name_zh},
            "opts": self.opts,
            "original": provider,
            "previews": previews,
            "form": form,
            "language": language,
            "languages": PREVIEW_LANGUAGES,
        }
        return TemplateResponse(request, "admin/providers/provider/preview.html", context)

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # The confirmed import re-checks every row; if a row has become invalid since
        # the dry run, nothing at all is saved.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _("导入没有完成,没有任何记录被修改:文件里有无效的行。请重新导入并先查看预览。"),
            )
            return HttpResponseRedirect(reverse("admin:providers_provider_import"))
        return super().process_result(result, request)


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(SimpleHistoryAdmin):
    form = MaintenanceWindowForm
    list_display = ["provider", "starts_at", "ends_at", "updated_at"]
    list_filter = ["provider"]
    list_select_related = ["provider"]
    search_fields = ["provider__name_zh", "provider__name_en", "provider__slug", "notice_zh"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["provider"]
