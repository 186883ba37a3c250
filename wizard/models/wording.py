"""The plan wording support staff can change without a deploy: one step's words, a default or
one provider's override."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.models import MARKDOWN_HELP, Provider
from wizard.engine.steps import StepCode
from wizard.engine.wording import StepText, unknown_placeholders

STEP_CODE_CHOICES = StepCode.choices()


class RemediationText(models.Model):
    """The words of one plan step: a default (no provider) or one provider's override.

    Blank fields in an override fall back to the default, so staff can change
    only the sentence that differs for their provider.
    """

    code = models.CharField(_("步骤代码"), max_length=40, choices=STEP_CODE_CHOICES)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="step_texts",
        verbose_name=_("还款机构"),
        help_text=_("留空表示所有机构的默认文字。"),
    )
    title_zh = models.CharField(_("标题(中文)"), max_length=200, blank=True)
    detail_zh = models.TextField(_("内容(中文)"), blank=True, help_text=MARKDOWN_HELP)
    title_en = models.CharField(_("标题(英文)"), max_length=200, blank=True)
    detail_en = models.TextField(_("内容(英文)"), blank=True, help_text=MARKDOWN_HELP)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("方案步骤文字")
        verbose_name_plural = _("方案步骤文字")
        ordering = ["code", "provider__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(provider__isnull=True),
                name="one_default_text_per_step",
                violation_error_message=_("这个步骤已经有默认文字了。"),
            ),
            models.UniqueConstraint(
                fields=["code", "provider"],
                condition=Q(provider__isnull=False),
                name="one_override_per_step_and_provider",
                violation_error_message=_("这家机构的这个步骤已经有专用文字了。"),
            ),
            models.CheckConstraint(
                condition=Q(provider__isnull=False)
                | (~Q(title_zh="") & ~Q(detail_zh="") & ~Q(title_en="") & ~Q(detail_en="")),
                name="default_text_is_complete",
                violation_error_message=_("默认文字的四个字段都必须填写。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.provider.slug if self.provider is not None else _('默认')})"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not StepCode.known(self.code):
            errors["code"] = [
                _("未知的步骤代码。可用的代码:%(codes)s") % {"codes": ", ".join(StepCode)}
            ]
        for name in ("title_zh", "detail_zh", "title_en", "detail_en"):
            unknown = unknown_placeholders(getattr(self, name))
            if unknown:
                errors[name] = [
                    _("不认识的占位符:%(names)s") % {"names": ", ".join(sorted(unknown))}
                ]
        if errors:
            raise ValidationError(errors)

    def as_step_text(self) -> StepText:
        return StepText(self.title_zh, self.detail_zh, self.title_en, self.detail_en)
