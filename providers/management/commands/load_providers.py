"""Load the provider records shipped with the code, without touching staff edits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from config.seed_command import USAGE_ERROR, SeedCommand
from providers.models import EDITABLE_FIELDS, GraceTierRecord, Provider

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "providers.json"


class Command(SeedCommand):
    help = "Create the seed providers that do not exist yet (by slug). Safe to run repeatedly."

    seed_file = SEED_FILE
    key = "slug"
    expected = "provider objects"
    counted = "providers"

    def load_records(self, records: list[dict[str, Any]], *, update: bool) -> tuple[int, int, int]:
        return load_providers(records, update=update)


@transaction.atomic
def load_providers(records: list[dict[str, Any]], *, update: bool = False) -> tuple[int, int, int]:
    """Create missing providers; with `update`, overwrite existing ones. All or nothing."""
    created = updated = kept = 0
    existing = {p.slug: p for p in Provider.objects.filter(slug__in=[r["slug"] for r in records])}
    for record in records:
        record = dict(record)
        tiers = record.pop("tiers", [])
        unknown = set(record) - set(EDITABLE_FIELDS)
        if unknown:
            raise CommandError(
                f"provider {record['slug']!r}: unknown fields {', '.join(sorted(unknown))}",
                returncode=USAGE_ERROR,
            )
        provider = existing.get(record["slug"])
        if provider is not None and not update:
            kept += 1
            continue
        provider = provider or Provider()
        for name, value in record.items():
            setattr(provider, name, value)
        try:
            provider.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"provider {record['slug']!r}: {error.message_dict}", returncode=USAGE_ERROR
            ) from error
        is_new = provider.pk is None
        provider.save()
        replace_tiers(provider, tiers)
        created += is_new
        updated += not is_new
    return created, updated, kept


def replace_tiers(provider: Provider, tiers: list[dict[str, Any]]) -> None:
    """The provider's grace tiers as the file states them (none when it lists none)."""
    provider.grace_tiers.all().delete()
    for number, values in enumerate(tiers, start=1):
        try:
            tier = GraceTierRecord(provider=provider, display_order=number, **values)
            tier.full_clean()
        except (ValidationError, TypeError) as error:
            raise CommandError(
                f"provider {provider.slug!r}, tier {values.get('code')!r}: {error}",
                returncode=USAGE_ERROR,
            ) from error
        tier.save()
