"""Store the shipped default wording in the database, where support staff can edit it."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from wizard.texts import DEFAULT_TEXTS

    RemediationText = apps.get_model("wizard", "RemediationText")
    existing = set(
        RemediationText.objects.filter(provider__isnull=True).values_list("code", flat=True)
    )
    RemediationText.objects.bulk_create(
        RemediationText(
            code=code,
            title_zh=text.title_zh,
            detail_zh=text.detail_zh,
            title_en=text.title_en,
            detail_en=text.detail_en,
        )
        for code, text in DEFAULT_TEXTS.items()
        if code not in existing
    )


def remove_defaults(apps, schema_editor):
    apps.get_model("wizard", "RemediationText").objects.filter(provider__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("wizard", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
