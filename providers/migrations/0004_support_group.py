"""The `support` group: keeps provider records, maintenance windows and plan wording current.

It can never manage users or groups. Providers are not deleted (switch `is_active`
off instead, so history and links stay); windows and step texts may be deleted.
History is read-only: reverting is an ordinary change of the record itself.
"""

from django.db import migrations

SUPPORT_GROUP = "support"

SUPPORT_PERMISSIONS = {
    "providers": {
        "provider": ("view", "add", "change"),
        "maintenancewindow": ("view", "add", "change", "delete"),
        "historicalprovider": ("view",),
        "historicalmaintenancewindow": ("view",),
    },
    "wizard": {
        "remediationtext": ("view", "add", "change", "delete"),
        "historicalremediationtext": ("view",),
    },
}


def create_support_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; this group
    # needs them now, so create them for the two apps from the migration state.
    for app_label in SUPPORT_PERMISSIONS:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SUPPORT_GROUP)
    for app_label, models in SUPPORT_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label=app_label, codename=f"{action}_{model}"
                    )
                )


def remove_support_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SUPPORT_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("providers", "0003_history_and_validation"),
        ("wizard", "0003_history_and_markdown"),
    ]
    operations = [migrations.RunPython(create_support_group, remove_support_group)]
