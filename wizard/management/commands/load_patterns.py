"""Load the message patterns shipped with the code, without touching staff edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from config.seed_command import USAGE_ERROR, SeedCommand
from providers.models import Provider
from wizard.models import MessagePattern

SEED_FILE = Path(__file__).resolve().parents[2] / "decoder" / "seed" / "patterns.json"
FIELDS = frozenset(
    f.name
    for f in MessagePattern._meta.get_fields()
    if getattr(f, "editable", False) and f.name not in {"id", "provider", "updated_at"}
) | {"provider"}


class Command(SeedCommand):
    help = (
        "Create the seed message patterns that do not exist yet (by key). "
        "Safe to run repeatedly: a pattern staff have changed is kept as it is."
    )

    seed_file = SEED_FILE
    key = "key"
    expected = "pattern objects"
    counted = "message patterns"
    blank_key_allowed = False

    def load_records(self, records: list[dict[str, Any]], *, update: bool) -> tuple[int, int, int]:
        return load_patterns(records, update=update)


@transaction.atomic
def load_patterns(records: list[dict[str, Any]], *, update: bool = False) -> tuple[int, int, int]:
    """Create missing patterns; with `update`, overwrite existing ones. All or nothing."""
    created = updated = kept = 0
    keys = [record["key"] for record in records]
    existing = {p.key: p for p in MessagePattern.objects.filter(key__in=keys)}
    providers = {p.slug: p for p in Provider.objects.all()}
    for record in records:
        unknown = set(record) - FIELDS
        if unknown:
            raise CommandError(
                f"pattern {record['key']!r}: unknown fields {', '.join(sorted(unknown))}",
                returncode=USAGE_ERROR,
            )
        pattern = existing.get(record["key"])
        if pattern is not None and not update:
            kept += 1
            continue
        pattern = pattern or MessagePattern()
        values = dict(record)
        slug = values.pop("provider", None)
        if slug is not None and slug not in providers:
            raise CommandError(
                f"pattern {record['key']!r}: no provider {slug!r} (run load_providers first)",
                returncode=USAGE_ERROR,
            )
        pattern.provider = providers[slug] if slug is not None else None
        values["phrases"] = "\n".join(values.get("phrases") or [])
        if values.get("checked_on"):
            values["checked_on"] = dt.date.fromisoformat(values["checked_on"])
        for name, value in values.items():
            setattr(pattern, name, value)
        try:
            pattern.full_clean()
        except ValidationError as error:
            raise CommandError(
                f"pattern {record['key']!r}: {error.message_dict}", returncode=USAGE_ERROR
            ) from error
        is_new = pattern.pk is None
        pattern.save()
        created += is_new
        updated += not is_new
    return created, updated, kept
