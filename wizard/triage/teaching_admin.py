"""The support console for the decoder's learned part: read any message and see what decided
its reading, label it with one choice of problem and outcome, and see the model versions.

A label is read at once (exactly, after redacting and normalising) and learned from on the
next retraining (manage.py retrain_decoder); the versions are read-only here, since only a
retraining that reads no worse on the held-out messages goes live.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from providers.facts import Channel
from wizard.decoder import MAX_MESSAGE, Reading
from wizard.models import (
    LABEL_OUTCOME_CHOICES,
    LABEL_SYMPTOM_CHOICES,
    NOT_FAILURE,
    DecoderModel,
    LabelledMessage,
)
from wizard.triage.learning import LabelRefused, fits_together, label_fields, teach
from wizard.triage.patterns import read_message


def reading_url(text: str, *, provider: str | None = None, channel: str | None = None) -> str:
    """The console's reading page for a message (one click from any list of messages)."""
    query = {"text": text[:MAX_MESSAGE]}
    if provider:
        query["provider"] = provider
    if channel:
        query["channel"] = channel
    return reverse("admin:wizard_labelledmessage_read") + "?" + urlencode(query)


def decided_by(reading: Reading) -> str:
    """Which reader decided a reading, and on what: the words staff read in the console."""
    if reading.source == "label":
        return gettext("人工标注(完全相同的提示)")
    if reading.source == "rule" and reading.pattern is None:
        # A rule on the words (wizard/decoder/reading.py), not a phrase pattern staff keep.
        return gettext("字词规则:%(rule)s") % {"rule": "、".join(reading.because) or "-"}
    if reading.source == "rule":
        return gettext("规则 #%(pattern)s") % {"pattern": reading.pattern}
    if reading.source == "model":
        words = "、".join(f"“{gram}”" for gram in reading.because)
        return gettext(
            "学习模型(是还款失败的把握 %(failure).0f%%,是这个问题的把握 %(confidence).0f%%),"
            "起作用最大的字词:%(words)s"
        ) % {
            "failure": reading.failure_share * 100,
            "confidence": reading.confidence * 100,
            "words": words or "-",
        }
    return gettext("没有认出")


def refuse_a_pair_that_does_not_fit(data: dict[str, Any]) -> None:
    """A form's check that its problem and outcome can label one message together."""
    symptom, outcome = data.get("symptom"), data.get("outcome")
    if symptom and outcome and not fits_together(symptom, outcome):
        raise forms.ValidationError(
            _("“不是还款失败”的提示,钱的去向选“不是还款失败”;其他问题不能选它。")
        )


class LabelForm(forms.Form):
    """One message and the problem and outcome it means."""

    text = forms.CharField(
        label=_("提示原文"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("保存前会去除卡号、手机号、证件号和姓名。"),
    )
    provider = forms.CharField(required=False, widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("还款渠道"), required=False, choices=[("", "-"), *Channel.choices]
    )
    symptom = forms.ChoiceField(label=_("问题"), choices=LABEL_SYMPTOM_CHOICES)
    outcome = forms.ChoiceField(label=_("钱的去向"), choices=LABEL_OUTCOME_CHOICES)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_a_pair_that_does_not_fit(data)
        return data


class LabelledMessageForm(forms.ModelForm):
    """A label as staff add or change it: the text is redacted and must be new."""

    class Meta:
        model = LabelledMessage
        fields = ["text", "symptom", "outcome"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        refuse_a_pair_that_does_not_fit(data)
        text = data.get("text")
        if text:
            try:
                redacted, normalised, digest = label_fields(text)
            except LabelRefused:
                raise forms.ValidationError({"text": _("去除个人信息后什么也不剩了。")}) from None
            same = LabelledMessage.objects.filter(digest=digest).exclude(pk=self.instance.pk)
            if same.exists():
                raise forms.ValidationError({"text": _("这条提示已经标注过了。")})
            self.instance.text, self.instance.normalised = redacted, normalised
            self.instance.digest = digest
        return data


@admin.register(LabelledMessage)
class LabelledMessageAdmin(admin.ModelAdmin):
    """Messages staff labelled, newest first, and the reading page (read any message, see
    what decided it, label it)."""

    form = LabelledMessageForm
    list_display = ["short_text", "symptom", "outcome", "labelled_by", "labelled_at"]
    list_filter = ["symptom", "outcome"]
    search_fields = ["normalised", "text"]
    readonly_fields = ["normalised", "labelled_by", "labelled_at"]
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[LabelledMessage]:
        return super().get_queryset(request).select_related("labelled_by")

    @admin.display(description=_("提示原文(已去除个人信息)"))
    def short_text(self, message: LabelledMessage) -> str:
        return Truncator(message.text).chars(80)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.labelled_by = request.user
        obj.labelled_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_urls(self) -> list[URLPattern]:
        read = self.admin_site.admin_view(self.read_view)
        return [
            path("read/", read, name="wizard_labelledmessage_read"),
            *super().get_urls(),
        ]

    @method_decorator(require_http_methods(["GET", "POST"]))
    def read_view(self, request: HttpRequest) -> HttpResponse:
        """Read a message with the live labels, patterns and model, say what decided the
        reading, and (with permission to add labels) label it in one step."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        may_label = self.has_add_permission(request)
        if request.method == "POST":
            if not may_label:
                raise PermissionDenied
            form = LabelForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    teach(
                        text=data["text"],
                        symptom=data["symptom"],
                        outcome=data["outcome"],
                        by=request.user,
                        now=timezone.now(),
                    )
                except LabelRefused:
                    form.add_error("text", gettext("去除个人信息后什么也不剩了。"))
                else:
                    self.message_user(
                        request,
                        gettext("已标注:这条提示现在就按标注来读,下次重新训练时模型也会学到。"),
                        messages.SUCCESS,
                    )
                    query = {"text": data["text"], "channel": data["channel"] or ""}
                    if data["provider"]:
                        query["provider"] = data["provider"]
                    url = reverse("admin:wizard_labelledmessage_read") + "?" + urlencode(query)
                    return HttpResponseRedirect(url)
            text = form.data.get("text", "")
        else:
            text = request.GET.get("text", "")[:MAX_MESSAGE]
            form = None
        provider = request.GET.get("provider") or request.POST.get("provider") or None
        channel = request.GET.get("channel") or request.POST.get("channel") or None
        if channel not in Channel.values:
            channel = None
        reading = None
        if text.strip():
            reading = read_message(text, provider=provider, channel=channel, language="zh-hans")
            if form is None:
                form = LabelForm(
                    initial={
                        "text": text,
                        "provider": provider or "",
                        "channel": channel or "",
                        "symptom": reading.symptom if reading.matched else NOT_FAILURE,
                        "outcome": reading.outcome,
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("读一条提示"),
            "opts": self.opts,
            "text": text,
            "reading": reading,
            "decided_by": decided_by(reading) if reading else "",
            "candidates": json.dumps(
                [c.to_dict() for c in reading.candidates] if reading else [], ensure_ascii=False
            ),
            "form": form,
            "may_label": may_label,
        }
        return TemplateResponse(request, "admin/wizard/labelledmessage/read.html", context)


@admin.register(DecoderModel)
class DecoderModelAdmin(admin.ModelAdmin):
    """The trained versions, newest first; read-only (retrain_decoder makes them)."""

    list_display = [
        "pk",
        "trained_at",
        "live",
        "score",
        "threshold",
        "examples",
        "labelled_examples",
        "failures_read_right",
        "non_failures_unrecognised",
        "note",
    ]
    list_filter = ["live"]
    readonly_fields = (
        "trained_at",
        "live",
        "score",
        "threshold",
        "examples",
        "labelled_examples",
        "digest",
        "note",
        "held_out_figures",
    )
    fields = readonly_fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[DecoderModel]:
        return super().get_queryset(request).defer("model")

    @admin.display(description=_("失败提示读对问题"))
    def failures_read_right(self, version: DecoderModel) -> str:
        return _share(version.metrics.get("failures", {}).get("share"))

    @admin.display(description=_("非失败提示不认"))
    def non_failures_unrecognised(self, version: DecoderModel) -> str:
        return _share(version.metrics.get("non_failures", {}).get("share"))

    @admin.display(description=_("留出集指标"))
    def held_out_figures(self, version: DecoderModel) -> str:
        return format_html(
            "<pre>{}</pre>", json.dumps(version.metrics, ensure_ascii=False, indent=2)
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"
