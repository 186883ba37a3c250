"""Carry the old record-wide source, date and unverified list over to each fact.

A fact that was not listed as unverified had, by the old record's own definition, been
confirmed through the provider's own channels: it becomes `official`; one listed as
unverified becomes `weak` (the shipped records took those from content sites). Both keep
the record's source and its verified date. Where a grace period existed, the old single
cutoff was also its end time on the last day (the engine applied it there): it becomes the
grace end, so that every plan reads exactly as before until staff refine the facts.
"""

from django.db import migrations

OLD_TO_NEW = {
    "hotline": "hotline",
    "repay_path": "repay_path",
    "cutoff_time": "due_cutoff",
    "grace_days": "grace",
    "late_fee": "late_fee",
    "autopay": "autopay",
}


def carry_over(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    for provider in Provider.objects.all():
        unverified = set(provider.unverified_facts or [])
        for old, new in OLD_TO_NEW.items():
            setattr(provider, f"{new}_certainty", "weak" if old in unverified else "official")
            setattr(provider, f"{new}_source", provider.source)
            setattr(provider, f"{new}_checked_on", provider.verified_on)
        if provider.grace_days:
            provider.grace_ends_at = provider.due_cutoff
        provider.save()


def carry_back(apps, schema_editor):
    Provider = apps.get_model("providers", "Provider")
    for provider in Provider.objects.all():
        provider.unverified_facts = [
            old
            for old, new in OLD_TO_NEW.items()
            if getattr(provider, f"{new}_certainty") != "official"
        ]
        provider.source = provider.hotline_source or "—"
        provider.verified_on = provider.hotline_checked_on
        provider.save()


class Migration(migrations.Migration):
    dependencies = [("providers", "0007_facts_with_provenance")]
    operations = [migrations.RunPython(carry_over, carry_back)]
