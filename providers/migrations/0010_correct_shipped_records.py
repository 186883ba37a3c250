"""Correct the shipped provider records from the fact sheet, fact by fact, where untouched.

The records the project shipped before (providers/seed/providers.json as it was) are
corrected to what public sources say, each fact with its own source, quote, certainty and
date (docs/provider-facts.md). A fact is corrected only while it still holds exactly the
shipped values and the shipped source: what staff changed in the admin is kept as they left
it. The records are frozen in 0010_correct_shipped_records.json beside this file: a migration
gives the same result whatever the seed file says later.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations

# Each provider's slug → the shipped source ("old_source"), the shipped values of each fact
# ("old"), what the fact sheet says instead ("new"), and the card tiers of its grace period.
SHIPPED_FILE = Path(__file__).with_suffix(".json")


def _shipped():
    return json.loads(SHIPPED_FILE.read_text(encoding="utf-8"))


def _time(value):
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _stored(value):
    """The shipped JSON value as the database field holds it."""
    if isinstance(value, str) and len(value) == 5 and value[2] == ":":
        return _time(value)
    return value


def _as_field(name, value):
    if value is None:
        return None
    if name.endswith("_checked_on"):
        return dt.date.fromisoformat(value)
    if name in ("due_cutoff", "grace_ends_at"):
        return _time(value)
    if name == "grace_tolerance_yuan":
        return Decimal(value)
    return value


def correct(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    GraceTierRecord = apps.get_model("providers", "GraceTierRecord")
    records = _shipped()
    for provider in Provider.objects.filter(slug__in=records):
        shipped = records[provider.slug]
        changed = False
        for fact, old_values in shipped["old"].items():
            untouched = getattr(provider, f"{fact}_source") == shipped["old_source"] and all(
                getattr(provider, name) == _stored(value) for name, value in old_values.items()
            )
            if not untouched:
                continue
            for name, value in shipped["new"][fact].items():
                setattr(provider, name, _as_field(name, value))
            changed = True
            if fact == "grace":
                GraceTierRecord.objects.filter(provider=provider).delete()
                for number, tier in enumerate(shipped["tiers"], start=1):
                    GraceTierRecord.objects.create(
                        provider=provider,
                        display_order=number,
                        code=tier["code"],
                        label_zh=tier["label_zh"],
                        label_en=tier["label_en"],
                        grace_days=tier["grace_days"],
                        grace_ends_at=_as_field("grace_ends_at", tier["grace_ends_at"]),
                    )
        if changed:
            provider.save()


class Migration(migrations.Migration):
    dependencies = [("providers", "0009_remove_record_wide_provenance")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
