"""Correct the shipped provider records from the 2026-12 fact sheet, where staff left them.

The second pass over public sources (provider-facts-2026-12.md, checked 2026-12-07) found
the banks' own notices: ICBC's 3-day grace, the 100-yuan tolerance, CCB's 07:00 autopay
time, BOC's and ICBC's hotlines on their own domains. Each fact in the frozen file beside
this migration names the values it had as shipped ("old") and its corrected values ("new").
A fact is corrected only while every one of its fields still holds the shipped value: what
staff changed in the admin is kept as they left it. Each corrected provider gets a history
entry naming the sheet, its date and the facts corrected.

Frozen: the file gives the same result whatever the seed file says later.
"""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.db import migrations
from django.utils import timezone

CORRECTIONS = Path(__file__).with_suffix(".json")
# django-simple-history's change reason column holds 100 characters.
REASON_LENGTH = 100


def _as_field(name, value):
    """A value of the frozen JSON as the model field holds it."""
    if value is None:
        return None
    if name.endswith("_checked_on"):
        return dt.date.fromisoformat(value)
    if name in ("due_cutoff", "grace_ends_at", "autopay_funded_by", "autopay_retry_at"):
        return dt.time.fromisoformat(value)
    if name == "grace_tolerance_yuan":
        return Decimal(value)
    return value


def _holds(provider, values):
    """Whether every field but the staff note holds these values (a note is not a fact's
    value, and its wording may differ from the seed's: 0010's file words some differently)."""
    return all(
        getattr(provider, name) == _as_field(name, value)
        for name, value in values.items()
        if not name.endswith("_note")
    )


def correct(apps, schema_editor):
    frozen = json.loads(CORRECTIONS.read_text(encoding="utf-8"))
    Provider = apps.get_model("providers", "Provider")
    HistoricalProvider = apps.get_model("providers", "HistoricalProvider")
    names = [f.attname for f in Provider._meta.concrete_fields if f.attname != "updated_at"]
    now = timezone.now()
    for provider in Provider.objects.filter(slug__in=frozen["providers"]):
        corrected = []
        for fact, change in sorted(frozen["providers"][provider.slug].items()):
            if not _holds(provider, change["old"]):
                continue
            for name, value in change["new"].items():
                current = getattr(provider, name)
                if name.endswith("_note") and current and current != change["old"].get(name):
                    # A note someone wrote is kept, after the sheet's.
                    value = f"{value}\n\n{current}"
                setattr(provider, name, _as_field(name, value))
            corrected.append(fact)
        if not corrected:
            continue
        provider.save()
        reason = f"{frozen['sheet']} {frozen['checked_on']}:{','.join(corrected)}"
        HistoricalProvider.objects.create(
            **{name: getattr(provider, name) for name in names},
            history_date=now,
            history_type="~",
            history_change_reason=reason[:REASON_LENGTH],
        )


class Migration(migrations.Migration):
    dependencies = [("providers", "0013_tolerance_autopay_time_and_min_payment_facts")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
