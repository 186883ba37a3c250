"""Load the escalation and credit-record records shipped with the code, without touching
staff edits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from providers.models import RUNG_FIELDS, EscalationRung, Provider

# Bad input to a command: one line on standard error, exit status 2.
USAGE_ERROR = 2

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "escalation.json"


class Command(BaseCommand):
    help = (
        "Create the shipped escalation and credit-record records that do not exist yet "
        "(by code). Safe to run repeatedly; run after load_providers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=SEED_FILE, help="JSON list of records")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also overwrite existing records with the file's values (discards staff edits).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            records = json.loads(options["file"].read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(
                f"Cannot read {options['file']}: {error}", returncode=USAGE_ERROR
            ) from error
        if not isinstance(records, list) or not all(
            isinstance(record, dict) and isinstance(record.get("code"), str) for record in records
        ):
            raise CommandError(
                f"{options['file']}: expected a JSON list of records, each with a code",
                returncode=USAGE_ERROR,
            )
        created, updated, kept = load_escalation(records, update=options["update"])
        self.stdout.write(
            f"escalation: {created} created, {updated} updated, {kept} kept as they were"
        )


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
