from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from providers.models import MaintenanceWindow, Provider


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = [
        "name_zh",
        "slug",
        "kind",
        "hotline",
        "cutoff_time",
        "grace_days",
        "verified_on",
        "unverified_count",
        "is_active",
    ]
    list_filter = ["kind", "is_active", "autopay_available"]
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

    @admin.display(description=_("待核实项"))
    def unverified_count(self, provider: Provider) -> int:
        return len(provider.unverified_facts or [])


@admin.register(MaintenanceWindow)
class MaintenanceWindowAdmin(admin.ModelAdmin):
    list_display = ["provider", "starts_at", "ends_at", "updated_at"]
    list_filter = ["provider"]
    list_select_related = ["provider"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["provider"]
