"""Provider records and escalation records as CSV or JSON rows, for bulk export and import in
the admin.

One row per provider, keyed by slug, every fact with its provenance columns (certainty,
source, quote, checked date); grace tiers are edited on the provider's page, not imported.
Every row is checked with the model's full_clean() (the same rules as the admin form and
the database constraints), and the admin imports a file in one transaction: one bad row
and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from providers.models import CUTOFF_MESSAGE, EDITABLE_FIELDS, RUNG_FIELDS, EscalationRung, Provider

COLUMNS = EDITABLE_FIELDS
RUNG_COLUMNS = ("code", "provider", *(name for name in RUNG_FIELDS if name != "code"))


class YesNoWidget(widgets.BooleanWidget):
    """A yes/no column that refuses anything else instead of reading it as "no"."""

    TRUE_VALUES = [*widgets.BooleanWidget.TRUE_VALUES, "yes", "是"]
    FALSE_VALUES = [*widgets.BooleanWidget.FALSE_VALUES, "no", "否"]

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        if isinstance(value, str):
            value = value.strip()
        if value in self.TRUE_VALUES:
            return True
        if value in self.FALSE_VALUES:
            return False
        raise ValueError(_("只能填 1 或 0(是或否),不能是“%(value)s”。") % {"value": value})


class CutoffWidget(widgets.TimeWidget):
    """20:00 or 20:00:00; anything else is refused with the same words as the admin form."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(str(CUTOFF_MESSAGE)) from None


class ProviderResource(resources.ModelResource):
    due_cutoff = fields.Field(
        attribute="due_cutoff", column_name="due_cutoff", widget=CutoffWidget()
    )
    grace_ends_at = fields.Field(
        attribute="grace_ends_at", column_name="grace_ends_at", widget=CutoffWidget()
    )
    grace_needs_request = fields.Field(
        attribute="grace_needs_request", column_name="grace_needs_request", widget=YesNoWidget()
    )
    autopay_available = fields.Field(
        attribute="autopay_available", column_name="autopay_available", widget=YesNoWidget()
    )
    autopay_funded_by = fields.Field(
        attribute="autopay_funded_by", column_name="autopay_funded_by", widget=CutoffWidget()
    )
    autopay_retry_at = fields.Field(
        attribute="autopay_retry_at", column_name="autopay_retry_at", widget=CutoffWidget()
    )
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta:
        model = Provider
        fields = COLUMNS
        export_order = COLUMNS
        import_id_fields = ("slug",)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True


class CoversWidget(widgets.Widget):
    """Lender kinds as "bank,consumer_finance" in CSV (a list in JSON); empty means any."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> list[str]:
        if value in (None, ""):
            return []
        if isinstance(value, list):
            return [str(item).strip() for item in value]
        return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return ",".join(value or [])


class EscalationRungResource(resources.ModelResource):
    """Escalation and credit-record records, one row each, keyed by code; the provider by its
    slug (empty: the record applies to any provider of the lender kinds it covers)."""

    provider = fields.Field(
        attribute="provider",
        column_name="provider",
        widget=widgets.ForeignKeyWidget(Provider, field="slug"),
    )
    covers = fields.Field(attribute="covers", column_name="covers", widget=CoversWidget())
    is_active = fields.Field(attribute="is_active", column_name="is_active", widget=YesNoWidget())

    class Meta:
        model = EscalationRung
        fields = RUNG_COLUMNS
        export_order = RUNG_COLUMNS
        import_id_fields = ("code",)
        clean_model_instances = True
        use_transactions = True
        skip_unchanged = True
        report_skipped = True
