"""Which of a provider's fields state which fact, so that the console can show and edit one
fact at a time (its value fields, then its provenance) for every fact in `Fact`, including
ones added later: a field belongs to the fact whose name is its longest prefix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _

from providers.facts import Certainty, Fact
from providers.models import EDITABLE_FIELDS, PROVENANCE_PARTS, Provider, provenance_fields

# Fields whose names do not start with their fact's.
BELONGS_TO = {
    "official_site": Fact.REPAY_PATH,
    "grace_tolerance_yuan": Fact.TOLERANCE,
    "autopay_funded_by": Fact.AUTOPAY_TIME,
    "autopay_retry_days": Fact.AUTOPAY_TIME,
    "autopay_retry_at": Fact.AUTOPAY_TIME,
    "autopay_schedule_zh": Fact.AUTOPAY_TIME,
    "autopay_schedule_en": Fact.AUTOPAY_TIME,
}
# How a fact's value fields sit on the page, where a row of several reads better than a column;
# any field of the fact not named here follows on its own row.
LAYOUT: dict[str, list[str | tuple[str, ...]]] = {
    Fact.HOTLINE: [
        ("hotline", "hotline_label_zh", "hotline_label_en"),
        ("hotline_alt", "hotline_alt_label_zh", "hotline_alt_label_en"),
        ("hotline_alt2", "hotline_alt2_label_zh", "hotline_alt2_label_en"),
    ],
    Fact.GRACE: [
        ("grace_days", "grace_ends_at"),
        "grace_needs_request",
        "grace_request_how_zh",
        "grace_request_how_en",
        "grace_uses_per_year",
    ],
    Fact.AUTOPAY_TIME: [
        "autopay_funded_by",
        ("autopay_retry_days", "autopay_retry_at"),
        "autopay_schedule_zh",
        "autopay_schedule_en",
    ],
}
ALL_PROVENANCE_FIELDS = frozenset(name for fact in Fact for name in provenance_fields(fact))


def owner_of(name: str) -> Fact | None:
    """The fact a value field states, or None for the record's own fields (name, kind, …)."""
    if name in BELONGS_TO:
        return BELONGS_TO[name]
    owners = [fact for fact in Fact if name == fact or name.startswith(f"{fact}_")]
    return max(owners, key=len) if owners else None


def value_fields(fact: str) -> tuple[str, ...]:
    """The fields that hold a fact's value (not its provenance), in model order."""
    return tuple(
        name
        for name in EDITABLE_FIELDS
        if name not in ALL_PROVENANCE_FIELDS and owner_of(name) == fact
    )


def record_fields() -> list[str]:
    """The fields that belong to no fact: what the record is (slug, names, kind, order)."""
    return [
        name
        for name in EDITABLE_FIELDS
        if name not in ALL_PROVENANCE_FIELDS and owner_of(name) is None
    ]


def value_layout(fact: str) -> list[str | tuple[str, ...]]:
    """A fact's value fields as the admin lays them out: LAYOUT's rows, then the rest."""
    laid_out = list(LAYOUT.get(fact, []))
    placed = {name for row in laid_out for name in ((row,) if isinstance(row, str) else row)}
    fields = value_fields(fact)
    laid_out = [
        row
        for row in laid_out
        if all(name in fields for name in ((row,) if isinstance(row, str) else row))
    ]
    return laid_out + [name for name in fields if name not in placed]


def changed_without_provenance(
    fact: str, changed: Sequence[str], *, checked_today: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """For a form's changed fields: the fact's changed value fields and, if its checked date
    was left as it was, the provenance fields left alone (else nothing: the change is sourced).

    A fact already checked today keeps its date when checked again the same day: then a new
    source, quote or certainty is what shows the new value was looked up.
    """
    values = tuple(name for name in value_fields(fact) if name in changed)
    if not values or f"{fact}_checked_on" in changed:
        return values, ()
    if checked_today and any(
        f"{fact}_{part}" in changed for part in PROVENANCE_PARTS if part != "note"
    ):
        return values, ()
    untouched = tuple(
        f"{fact}_{part}"
        for part in PROVENANCE_PARTS
        if part != "note" and f"{fact}_{part}" not in changed
    )
    return values, untouched


@dataclass(frozen=True)
class FactRow:
    """One fact as a short row: what it says, how sure we are, when it was checked."""

    fact: Fact
    value: str
    certainty: Certainty
    checked_on: dt.date | None

    @property
    def label(self) -> str:
        return str(self.fact.label)

    @property
    def certainty_label(self) -> str:
        return str(self.certainty.label)


def shown(field: models.Field, value: object) -> str:
    """A field's value in words: times as 16:00, choices by their label, yes/no as words."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(field.verbose_name) if value else ""
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    text = " ".join(str(value).split())
    return text if len(text) <= 24 else text[:23] + "…"


def fact_row(provider: Provider, fact: Fact) -> FactRow:
    """The short row for one fact of `provider` (its Chinese value fields, days as days)."""
    parts = []
    for name in value_fields(fact):
        if name.endswith("_en"):
            continue
        field = Provider._meta.get_field(name)
        assert isinstance(field, models.Field)  # a concrete, editable column
        text = shown(field, getattr(provider, name))
        if text and name.endswith("_days"):
            text = _("%(days)s 天") % {"days": text}
        if text:
            parts.append(text)
    provenance = provider.provenance(fact)
    return FactRow(
        fact=fact,
        value=" · ".join(parts[:3]) or _("(未填)"),
        certainty=provenance.level,
        checked_on=provenance.checked_on,
    )
