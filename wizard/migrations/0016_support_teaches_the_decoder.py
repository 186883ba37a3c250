"""The `support` group labels messages for the decoder (view, add, change, delete) and reads
the model versions (which is live, and how each read the held-out messages)."""

from django.db import migrations

SUPPORT_GROUP = "support"
PERMISSIONS = {
    "labelledmessage": ("view", "add", "change", "delete"),
    "decodermodel": ("view",),
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("wizard")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SUPPORT_GROUP)
    for model, actions in PERMISSIONS.items():
        for action in actions:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wizard", codename=f"{action}_{model}"
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=SUPPORT_GROUP).first()
    if group is None:
        return
    codenames = [
        f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions
    ]
    group.permissions.remove(
        *Permission.objects.filter(content_type__app_label="wizard", codename__in=codenames)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0015_decoder_models_and_labels"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
