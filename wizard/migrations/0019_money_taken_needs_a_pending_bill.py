"""Issue 22: "扣款成功" alone is a successful debit (an autopay success SMS), not money taken
while the bill does not show it. The shipped pattern `deducted-success` now also needs what
says the bill is not settled (销账未知/失败, 但…, 未/没…, 金额不一致), as its quote does.

Only the pattern as shipped is changed; one staff have edited since is left as they wrote it.
The decoder's cached pattern set is rebuilt within the hour (or at once on the next save).
"""

from django.db import migrations

KEY = "deducted-success"
SHIPPED = {"phrases": "扣款成功", "regex": ""}
NOW = {
    "phrases": "扣款成功",
    "regex": "扣款成功.{0,15}(销账|但|未|没|失败|超过|不一致|不符)|扣款成功金额",
}


def _swap(apps, *, old, new):
    MessagePattern = apps.get_model("wizard", "MessagePattern")
    pattern = MessagePattern.objects.filter(key=KEY, provider__isnull=True).first()
    if pattern is None:
        return
    if all(getattr(pattern, name) == value for name, value in old.items()):
        for name, value in new.items():
            setattr(pattern, name, value)
        pattern.save(update_fields=[*new, "updated_at"])


def forwards(apps, schema_editor):
    _swap(apps, old=SHIPPED, new=NOW)


def backwards(apps, schema_editor):
    _swap(apps, old=NOW, new=SHIPPED)


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0018_funnel_message_and_channel_pages"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
