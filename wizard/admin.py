"""The support console's wizard side: step wording, the plan preview, cases and insights.

The provider page itself is providers.admin.ProviderAdmin; this app extends it with what
only the wizard knows (the step wording per provider, the preview of consumer plans), so
the imports run one way: wizard -> providers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from providers.admin import ProviderAdmin
from providers.facts import Fact
from providers.history import WordedHistoryAdmin
from providers.models import Provider
from wizard import pattern_admin  # noqa: F401  (registers the message patterns' pages)
from wizard.engine.answers import Symptom
from wizard.insights import (
    as_csv,
    bar_chart,
    funnel_chart,
    insights_for,
    line_chart,
    provider_names,
)
from wizard.insights.priorities import priorities_for
from wizard.models import Case, CaseStep, RemediationText
from wizard.pattern_admin import new_pattern_url
from wizard.plan_page import plan_page_context
from wizard.preview import Preview, preview_plans, situations_for
from wizard.provider_wording import step_texts_for
from wizard.recheck import CASE_WINDOW_DAYS, facts_to_recheck
from wizard.reference_codes import normalise_code

PREVIEW_LANGUAGES = {"zh-hans": "中文", "en": "English"}


class RemediationTextInline(admin.StackedInline):
    model = RemediationText
    extra = 0
    fields = ["code", "title_zh", "detail_zh", "title_en", "detail_en"]
    verbose_name_plural = _("这家机构专用的方案步骤文字(留空的字段沿用默认文字)")


class ProviderConsoleAdmin(ProviderAdmin):
    """The provider page staff use: ProviderAdmin plus the provider's own step wording and a
    preview of the plans a consumer would get, saved or with the form's unsaved edits."""

    inlines = [*ProviderAdmin.inlines, RemediationTextInline]
    change_form_template = "admin/wizard/provider_change_form.html"

    change_list_template = "admin/wizard/provider_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="providers_provider_preview",
        )
        recheck = path(
            "recheck/",
            self.admin_site.admin_view(self.recheck_view),
            name="providers_provider_recheck",
        )
        return [preview, recheck, *super().get_urls()]

    @method_decorator(require_http_methods(["GET"]))
    def recheck_view(self, request: HttpRequest) -> HttpResponse:
        """The facts to check again first: most cases × oldest check × weakest certainty."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("先重新核实这些信息"),
            "opts": self.opts,
            "facts": facts_to_recheck(today=timezone.localdate()),
            "case_window_days": CASE_WINDOW_DAYS,
        }
        return TemplateResponse(request, "admin/wizard/provider_recheck.html", context)

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
            form.requires_provenance = False
        language = request.GET.get("language", "zh-hans")
        if language not in PREVIEW_LANGUAGES:
            language = "zh-hans"
        fact = request.GET.get("fact", "")
        fact = fact if fact in Fact.values else ""
        previews = (
            preview_plans(
                provider=provider.facts(),
                texts=step_texts_for(saved_slug),
                due_date=timezone.localdate(),
                language=language,
                situations=situations_for(fact),
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
            "shown": [
                (preview, phone_page(request, preview, language=language)) for preview in previews
            ],
            "form": form,
            "fact": Fact(fact).label if fact else "",
            "language": language,
            "languages": PREVIEW_LANGUAGES,
        }
        return TemplateResponse(request, "admin/providers/provider/preview.html", context)


PREVIEW_CASE_CODE = "PREVIEW234"


def phone_page(request: HttpRequest, preview: Preview, *, language: str) -> str:
    """The consumer's plan page for a preview, as its own document (an iframe's srcdoc)."""
    plan = preview.plan
    case = Case(code=PREVIEW_CASE_CODE, created_at=plan.now, answers={})
    with translation.override(language):
        return render_to_string(
            "wizard/plan.html",
            plan_page_context(
                plan=plan,
                case=case,
                plan_url=request.build_absolute_uri(
                    reverse("wizard:plan", kwargs={"code": case.code})
                ),
            ),
            request=request,
        )


admin.site.unregister(Provider)
admin.site.register(Provider, ProviderConsoleAdmin)


@admin.register(RemediationText)
class RemediationTextAdmin(WordedHistoryAdmin):
    list_display = ["code", "provider", "title_zh", "updated_at"]
    list_filter = ["code", ("provider", admin.EmptyFieldListFilter)]
    list_select_related = ["provider"]
    search_fields = [
        "code",
        "title_zh",
        "title_en",
        "detail_zh",
        "provider__slug",
        "provider__name_zh",
    ]
    autocomplete_fields = ["provider"]


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
    """Read-only look-up of a case by the code the person reads out, and the insights page."""

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
        code = normalise_code(search_term)
        if code is not None:
            return queryset.filter(code=code), False
        return super().get_search_results(request, queryset, search_term)

    def changelist_view(self, request: HttpRequest, extra_context=None):  # type: ignore[no-untyped-def]
        code = normalise_code(request.GET.get("q", ""))
        if code is not None:
            case = Case.objects.filter(code=code).first()
            if case is not None:
                return redirect("admin:wizard_case_change", case.pk)
        return super().changelist_view(request, extra_context)

    def get_urls(self):  # type: ignore[no-untyped-def]
        insights = self.admin_site.admin_view(self.insights_view)
        return [path("insights/", insights, name="wizard_case_insights"), *super().get_urls()]

    def insights_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        names = provider_names()
        form = InsightsRangeForm(request.GET or None, providers=names)
        start, end = form.range(today=timezone.localdate())
        provider, symptom = form.chosen()
        insights = insights_for(
            start=start, end=end, provider=provider, symptom=symptom, names=names
        )
        query = {"start": start.isoformat(), "end": end.isoformat()}
        query.update({"provider": provider} if provider else {})
        query.update({"symptom": symptom} if symptom else {})
        if request.GET.get("format") == "csv":
            response = HttpResponse(as_csv(insights), content_type="text/csv; charset=utf-8")
            name = "-".join(["insights", start.isoformat(), end.isoformat(), provider, symptom])
            response["Content-Disposition"] = f'attachment; filename="{name.rstrip("-")}.csv"'
            return response
        rates = insights.solve_rates
        busy_days = [row for row in insights.per_day if row.count]
        charts = [
            bar_chart(gettext("有个案的日子,每天的个案数"), busy_days),
            bar_chart(gettext("各机构的个案数"), insights.per_provider),
            bar_chart(gettext("各问题的个案数"), insights.per_symptom),
            bar_chart(gettext("各机构的解决率"), insights.per_provider, rate=True),
            bar_chart(gettext("各步骤的解决率"), insights.per_step, rate=True),
        ]
        funnel = funnel_chart(insights.funnel, title=gettext("每一步还剩多少次"))
        rate_charts = [
            line_chart(
                rates,
                rates.by_provider,
                chart_id="chart-rate-provider",
                title=gettext("各机构的解决率变化"),
            ),
            line_chart(
                rates,
                rates.by_symptom,
                chart_id="chart-rate-symptom",
                title=gettext("各问题的解决率变化"),
            ),
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("个案洞察"),
            "opts": self.model._meta,
            "form": form,
            "insights": insights,
            "charts": charts,
            "funnel_chart": funnel,
            "priorities": priorities_for(
                insights=insights, now=timezone.now(), pattern_url=new_pattern_url
            ),
            "busy_days": busy_days,
            "quiet_days": [row for row in insights.per_day if not row.count],
            "rate_sections": [
                (chart, series, rates.table(series))
                for chart, series in zip(
                    rate_charts, [rates.by_provider, rates.by_symptom], strict=True
                )
            ],
            "chosen_provider": names.get(provider, provider),
            "chosen_symptom": str(Symptom(symptom).label) if symptom else "",
            "csv_query": "?" + urlencode({**query, "format": "csv"}),
        }
        return TemplateResponse(request, "admin/wizard/case/insights.html", context)


class InsightsRangeForm(forms.Form):
    """The insights page's period, and the provider and problem the funnel is for."""

    start = forms.DateField(
        label=_("从"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("到"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    provider = forms.ChoiceField(label=_("机构"), required=False)
    symptom = forms.ChoiceField(
        label=_("问题"), required=False, choices=[("", _("全部问题")), *Symptom.choices]
    )

    def __init__(self, *args: Any, providers: Mapping[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ChoiceField)  # declared above
        field.choices = [("", _("全部机构")), *providers.items()]

    def valid_data(self) -> dict[str, Any]:
        """The fields that are valid: a bad date or an unknown provider is ignored alone."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.cleaned_data

    def chosen(self) -> tuple[str, str]:
        """The provider's slug and the problem chosen, "" for all."""
        data = self.valid_data()
        return data.get("provider") or "", data.get("symptom") or ""

    def range(self, *, today: dt.date) -> tuple[dt.date, dt.date]:
        """The chosen dates, defaulting to the last 30 days; at most a year, never reversed."""
        data = self.valid_data()
        end = data.get("end") or today
        start = data.get("start") or end - dt.timedelta(days=29)
        if start > end:
            start, end = end, start
        return max(start, end - dt.timedelta(days=365)), end
