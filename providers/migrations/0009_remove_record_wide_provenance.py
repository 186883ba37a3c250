"""The old record-wide source, verified date and unverified list, now carried by each fact."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("providers", "0008_carry_over_provenance")]
    operations = [
        migrations.RemoveConstraint(
            model_name='provider',
            name='provider_source_required',
        ),
        migrations.RemoveField(
            model_name='historicalprovider',
            name='source',
        ),
        migrations.RemoveField(
            model_name='historicalprovider',
            name='unverified_facts',
        ),
        migrations.RemoveField(
            model_name='historicalprovider',
            name='verified_on',
        ),
        migrations.RemoveField(
            model_name='provider',
            name='source',
        ),
        migrations.RemoveField(
            model_name='provider',
            name='unverified_facts',
        ),
        migrations.RemoveField(
            model_name='provider',
            name='verified_on',
        ),
    ]
