"""Cases in the support console: a read-only look-up by the code the person reads out."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wizard.cases.reference_codes import canonical_reference_code
from wizard.models import Case, CaseStep


class CaseStepInline(admin.TabularInline):
    model = CaseStep
    readonly_fields = ("position", "code", "urgency")
    fields = readonly_fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only look-up of a case by the code the person reads out."""

    list_display = ["display_code", "created_at", "provider_slug", "symptom", "status", "outcome"]
    list_filter = ["outcome", "symptom", "status"]
    search_fields = ["code"]
    search_help_text = _("输入消费者报给你的参考编号,例如 K7M2Q-9X4PA(大小写、横线都可以)。")
    date_hierarchy = "created_at"
    inlines = [CaseStepInline]
    readonly_fields = (
        "code",
        "created_at",
        "provider",
        "provider_slug",
        "symptom",
        "channel",
        "status",
        "deadline",
        "answers",
        "outcome",
        "comment",
        "feedback_at",
        "solved_at",
        "evidence",
    )
    fields = readonly_fields
    change_list_template = "admin/wizard/case/change_list.html"

    @admin.display(description=_("参考编号"), ordering="code")
    def display_code(self, case: Case) -> str:
        return case.display_code

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        code = canonical_reference_code(search_term)
        if code is not None:
            return queryset.filter(code=code), False
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request: HttpRequest, extra_context=None):  # type: ignore[no-untyped-def]
        code = canonical_reference_code(request.GET.get("q", ""))
        if code is not None:
            case = Case.objects.filter(code=code).first()
            if case is not None:
                return redirect("admin:wizard_case_change", case.pk)
        return super().changelist_view(request, extra_context)
