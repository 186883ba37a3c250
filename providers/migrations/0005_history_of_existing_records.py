"""Give records that existed before history was switched on a first history entry.

Without it, the first edit of a provider, window or default text made before this
release could not be undone from the admin: there would be no earlier version to
revert to. (`manage.py populate_history` does the same by hand.)
"""

from django.db import migrations
from django.utils import timezone

TRACKED = [
    ("providers", "Provider"),
    ("providers", "MaintenanceWindow"),
    ("wizard", "RemediationText"),
]


def record_existing(apps, schema_editor):
    now = timezone.now()
    for app_label, model_name in TRACKED:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model(app_label, f"Historical{model_name}")
        names = [f.attname for f in model._meta.concrete_fields if f.attname != "updated_at"]
        recorded = historical.objects.values_list("id", flat=True)
        historical.objects.bulk_create(
            historical(
                **{name: getattr(row, name) for name in names},
                history_date=now,
                history_type="+",
                history_change_reason="历史记录启用前已有的版本",
            )
            for row in model.objects.exclude(pk__in=recorded)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0004_support_group"),
        ("wizard", "0003_history_and_markdown"),
    ]
    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
