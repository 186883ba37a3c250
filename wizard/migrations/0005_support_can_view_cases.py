"""Support staff may look cases up and read the insights, never change or delete them."""

from django.db import migrations

VIEW_ONLY = ("case", "casestep")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("wizard")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="support")
    for model in VIEW_ONLY:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wizard", codename=f"view_{model}")
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="support"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wizard", codename__in=[f"view_{m}" for m in VIEW_ONLY]
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0004_cases"),
        ("providers", "0004_support_group"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
