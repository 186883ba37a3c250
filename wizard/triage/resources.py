"""Message patterns as CSV or JSON rows, for bulk export and import in the admin.

One row per pattern, keyed by its `key`; the provider by its slug, the phrases one per line,
the alternatives as problem codes separated by commas. Every row is checked with the
model's full_clean(), the same phrase limits as the admin form, and, for a live pattern,
against the labelled examples (wizard/triage/checks.py): a row that would make the live
set read an example wrong is refused, and the admin imports a file in one transaction, so
one bad row and nothing is saved.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from providers.models import Provider
from wizard.decoder import PatternError, PatternSet
from wizard.models import MessagePattern, PatternStatus
from wizard.triage.checks import (
    examples_broken_by,
    labelled_examples,
    phrase_problems,
    refusal_message,
)
from wizard.triage.patterns import usable

COLUMNS = (
    "key",
    "status",
    "provider",
    "channel",
    "phrases",
    "code",
    "code_namespace",
    "vendor_name",
    "regex",
    "priority",
    "outcome",
    "symptom",
    "alternatives",
    "question_zh",
    "question_en",
    "explanation_zh",
    "explanation_en",
    "next_step_zh",
    "next_step_en",
    "source",
    "quote",
    "certainty",
    "checked_on",
)


class ProviderSlugWidget(widgets.ForeignKeyWidget):
    """A provider by its slug; blank for every provider, an unknown slug refused by name."""

    def __init__(self) -> None:
        super().__init__(Provider, field="slug")

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Provider | None:
        if not value:
            return None
        try:
            provider: Provider = super().clean(str(value).strip(), row, **kwargs)
            return provider
        except Provider.DoesNotExist:
            raise ValueError(_("没有代号为“%(slug)s”的机构。") % {"slug": value}) from None


class CodeListWidget(widgets.Widget):
    """Problem codes separated by commas (a JSON list is read too)."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[str]:
        if isinstance(value, list):
            return [str(code).strip() for code in value if str(code).strip()]
        text = str(value or "").strip()
        if text.startswith("["):
            try:
                return self.clean(json.loads(text))
            except json.JSONDecodeError:
                raise ValueError(_("请写成用逗号分开的问题代码。")) from None
        return [code.strip() for code in text.split(",") if code.strip()]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return ", ".join(value or [])


def examples_problem(pattern: MessagePattern) -> str | None:
    """Why the pattern may not be live, read against the live rows as the database has them
    now (earlier rows of the same import included); None when it may."""
    live = MessagePattern.objects.live().exclude(pk=pattern.pk).select_related("provider")
    try:
        live_set = PatternSet.of(f for f in (p.facts() for p in live) if usable(f))
        broken = examples_broken_by(pattern.facts(), live=live_set, examples=labelled_examples())
    except PatternError as error:
        return error.message
    return refusal_message(broken) if broken else None


class MessagePatternResource(resources.ModelResource):
    provider = fields.Field(
        attribute="provider", column_name="provider", widget=ProviderSlugWidget()
    )
    alternatives = fields.Field(
        attribute="alternatives", column_name="alternatives", widget=CodeListWidget()
    )

    class Meta:
        model = MessagePattern
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("key",)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row: Any, **kwargs: Any) -> None:
        if not str(row.get("key") or "").strip():
            raise ValidationError({"key": _("导入的规则要有代号(key),按它找到要更新的规则。")})

    def validate_instance(
        self,
        instance: MessagePattern,
        import_validation_errors: dict[str, Any] | None = None,
        validate_unique: bool = True,
    ) -> None:
        errors = dict(import_validation_errors or {})
        problems = phrase_problems(instance.phrase_list())
        if problems:
            errors["phrases"] = problems
        super().validate_instance(instance, errors, validate_unique)
        if instance.status == PatternStatus.LIVE:
            problem = examples_problem(instance)
            if problem:
                raise ValidationError({"status": [problem]})
