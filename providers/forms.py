"""Admin forms for provider records: choices as checkboxes, and messages staff can act on."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from providers.fact_fields import changed_without_provenance, value_fields
from providers.facts import Channel, Fact, LenderKind
from providers.models import (
    CUTOFF_MESSAGE,
    EDITABLE_FIELDS,
    RUNG_CERTAINTY_MESSAGE,
    RUNG_FIELDS,
    RUNG_SOURCE_MESSAGE,
    EscalationRung,
    MaintenanceWindow,
    Provider,
    overlap_message,
    provenance_fields,
)


class ProviderAdminForm(forms.ModelForm):
    """A provider's facts, each with its provenance; `official` without a source is refused
    (Provider.clean, and a database constraint behind it), and so is a new value whose
    provenance was left as it was: a new value needs the date it was checked, and its source."""

    official_site = forms.URLField(
        label=_("官方网站"), required=False, max_length=200, assume_scheme="https"
    )
    change_reason = forms.CharField(
        label=_("为什么改?"),
        required=False,
        max_length=100,
        help_text=_("一句话,会写进修改记录,例如“建行 12 月公告:宽限期截止改为 17:00”。"),
    )

    class Meta:
        model = Provider
        fields = EDITABLE_FIELDS
        error_messages = {
            "due_cutoff": {"invalid": CUTOFF_MESSAGE},
            "grace_ends_at": {"invalid": CUTOFF_MESSAGE},
        }
        widgets = {
            f"{fact}_{part}": forms.Textarea(attrs={"rows": 2})
            for fact in Fact
            for part in ("source", "quote")
        }

    # The preview shows unsaved values before their provenance is filled in; saving needs it.
    requires_provenance = True

    def _post_clean(self) -> None:
        # After the model's own validation (its field validators run there), so that a value
        # refused as such is not also refused for its provenance.
        super()._post_clean()  # type: ignore[misc]
        if self.instance.pk is None or not self.requires_provenance:
            return
        changed = self.changed_data
        today = timezone.localdate()
        for fact in Fact:
            values, untouched = changed_without_provenance(
                fact,
                changed,
                checked_today=self.initial.get(f"{fact}_checked_on") == today,
            )
            if not untouched or any(name in self.errors for name in values):
                continue
            message = _(
                "%(fact)s:你改了%(values)s,但%(untouched)s还是原来的。"
                "新值要写明它的来源和依据原文,重新选择可信度,并填写这次的核对日期;"
                "备注里旧的说明请保留或改写。"
            ) % {
                "fact": fact.label,
                "values": "、".join(str(self.fields[name].label) for name in values),
                "untouched": "、".join(str(self.fields[name].label) for name in untouched),
            }
            self.add_error(f"{fact}_checked_on", message)

    def reason(self) -> str:
        """What the history records as the reason: the staff's words, or the facts changed."""
        typed = self.cleaned_data.get("change_reason", "").strip()
        if typed:
            return typed
        facts = [
            str(fact.label)
            for fact in Fact
            if set(self.changed_data) & {*value_fields(fact), *provenance_fields(fact)}
        ]
        return (_("修改了:%(facts)s") % {"facts": "、".join(facts)})[:100] if facts else ""


class MaintenanceWindowAdminForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("受影响的还款方式"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("都不勾选表示所有还款方式都受影响。"),
    )

    class Meta:
        model = MaintenanceWindow
        fields = [
            "provider",
            "starts_at",
            "ends_at",
            "channels",
            "notice_zh",
            "notice_en",
            "source",
        ]


class MaintenanceWindowFormSet(forms.BaseInlineFormSet):
    """Refuses two windows entered together on one provider page that overlap each other.

    Each window's own clean() compares it with the saved ones; only the formset
    sees the other new rows on the same page.
    """

    def clean(self) -> None:
        super().clean()
        windows = sorted(
            (
                (form.cleaned_data["starts_at"], form.cleaned_data["ends_at"])
                for form in self.forms
                if form.cleaned_data
                and not form.cleaned_data.get("DELETE")
                and form.cleaned_data.get("starts_at")
                and form.cleaned_data.get("ends_at")
            ),
        )
        for (_start, end), (next_start, next_end) in zip(windows, windows[1:], strict=False):
            if next_start < end:
                raise ValidationError(overlap_message(next_start, next_end))


class EscalationRungAdminForm(forms.ModelForm):
    """One escalation or credit-record record; without a source, or with a certainty that is
    not one of ours, it is refused (EscalationRung.clean, and database constraints)."""

    covers = forms.MultipleChoiceField(
        label=_("适用的放贷机构类型"),
        choices=LenderKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("都不勾选表示适用于所有放贷机构。"),
    )
    url = forms.URLField(label=_("网址"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = EscalationRung
        fields = ["code", "provider", *(name for name in RUNG_FIELDS if name != "code")]
        error_messages = {
            "source": {"required": RUNG_SOURCE_MESSAGE},
            "certainty": {"invalid_choice": RUNG_CERTAINTY_MESSAGE},
        }
        widgets = {
            "source": forms.Textarea(attrs={"rows": 2}),
            "quote": forms.Textarea(attrs={"rows": 2}),
            "time_limit_zh": forms.Textarea(attrs={"rows": 2}),
            "time_limit_en": forms.Textarea(attrs={"rows": 2}),
        }
