"""Load the escalation and credit-record records shipped with the code, without touching
staff edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from config.seed_command import USAGE_ERROR, SeedCommand
from providers.models import RUNG_FIELDS, EscalationRung, Provider

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "escalation.json"


class Command(SeedCommand):
    help = (
        "Create the shipped escalation and credit-record records that do not exist yet "
        "(by code). Safe to run repeatedly; run after load_providers."
    )

    seed_file = SEED_FILE
    key = "code"
    expected = "records"
    counted = "escalation"

    def load_records(self, records: list[dict[str, Any]], *, update: bool) -> tuple[int, int, int]:
        return load_escalation(records, update=update)


@transaction.atomic
def load_escalation(records: list[dict[str, Any]], *, update: bool = False) -> tuple[int, int, int]:
    """Create missing records; with `update`, overwrite existing ones. All or nothing."""
    created = updated = kept = 0
    codes = [record["code"] for record in records]
    existing = {r.code: r for r in EscalationRung.objects.filter(code__in=codes)}
    providers = {p.slug: p for p in Provider.objects.all()}
    for record in records:
        record = dict(record)
        slug = record.pop("provider", None)
        unknown = set(record) - set(RUNG_FIELDS)
        if unknown:
            raise CommandError(
                f"escalation {record['code']!r}: unknown fields {', '.join(sorted(unknown))}",
                returncode=USAGE_ERROR,
            )
        if slug is not None and slug not in providers:
            raise CommandError(
                f"escalation {record['code']!r}: no provider {slug!r} (run load_providers first)",
                returncode=USAGE_ERROR,
            )
        rung = existing.get(record["code"])
        if rung is not None and not update:
            kept += 1
            continue
        rung = rung or EscalationRung()
        rung.provider = providers[slug] if slug is not None else None
        for name, value in record.items():
            setattr(rung, name, value)
        try:
            rung.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"escalation {record['code']!r}: {error.message_dict}", returncode=USAGE_ERROR
            ) from error
        is_new = rung.pk is None
        rung.save()
        created += is_new
        updated += not is_new
    return created, updated, kept
