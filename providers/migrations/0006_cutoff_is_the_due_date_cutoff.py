"""The one cutoff time becomes the cutoff on the due date itself (issue 13): the grace
period's own end time is added by the next migration, from the same value."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("providers", "0005_history_of_existing_records")]
    operations = [
        migrations.RenameField("provider", "cutoff_time", "due_cutoff"),
        migrations.RenameField("historicalprovider", "cutoff_time", "due_cutoff"),
    ]
