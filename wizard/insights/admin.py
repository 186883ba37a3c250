"""The insights page in the support console: where people get stuck and what helps.

It keeps its address beside the cases it counts (admin/wizard/case/insights/, named
`admin:wizard_case_insights`): the case admin registered here is the cases room's own
(wizard.cases.admin.CaseAdmin) with this page added to its URLs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wizard.cases.admin import CaseAdmin
from wizard.engine.answers import Symptom
from wizard.insights.report import (
    as_csv,
    bar_chart,
    funnel_chart,
    insights_for,
    line_chart,
    provider_names,
)
from wizard.models import Case


class CaseInsightsAdmin(CaseAdmin):
    """The case look-up, with the insights page beside it."""

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
        charts = [
            bar_chart(gettext("每天的个案数"), insights.per_day),
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


admin.site.unregister(Case)
admin.site.register(Case, CaseInsightsAdmin)
