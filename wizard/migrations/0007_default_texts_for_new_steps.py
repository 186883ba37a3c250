"""Default wording for the two new steps: finding the lender, and the payment time as evidence.

Frozen here as shipped (a migration gives the same rows whatever the code says later).
"""

from django.db import migrations

DEFAULT_TEXTS = [{'code': 'identify_provider',
  'title_zh': '先弄清是哪家机构借给你的钱',
  'detail_zh': '打开小米商城 App 里这笔订单,看付款方式:花呗分期、信用卡分期、小米分期还是白条分期,每种对应一家机构。订单里看不出来,就看账单在哪个 App '
               '里、扣款短信是谁发的。找到后重新开始,选这家机构,我们会给你它的截止时间和客服电话。在那之前,按 {deadline} '
               '前还款来准备:这是我们记录里各家最早的截止时间,早还不会多花钱。',
  'title_en': 'First, find out which lender it is',
  'detail_en': 'Open this order in the Xiaomi Mall app and see how it was paid: Huabei, '
               'credit-card, Xiaomi or Baitiao installments; each points to one lender. If the '
               'order does not say, see which app holds the bill and who sent the payment text '
               'message. Then start again and pick that lender for its deadline and hotline. '
               'Until then, plan to pay by {deadline}: the earliest cutoff of any lender we '
               'know. Paying early costs nothing.'},
 {'code': 'prove_payment_time',
  'title_zh': '你付款的时间就是证据:{attempt_time}',
  'detail_zh': '{attempt_evidence}告诉{provider}客服这个时间,请他们按这个时间入账,不要算作逾期;记下他们的答复、工单号和通话时间。在他们确认钱没有到账之前,不要再付一次。',
  'title_en': 'The time you paid is your evidence: {attempt_time}',
  'detail_en': '{attempt_evidence} Tell {provider} this time and ask them to credit the '
               'payment as of then, not as late; note their answer, the ticket number and when '
               'you called. Until they confirm the money did not arrive, do not pay a second '
               'time.'}]


def add_defaults(apps, schema_editor):
    RemediationText = apps.get_model("wizard", "RemediationText")
    existing = set(
        RemediationText.objects.filter(provider__isnull=True).values_list("code", flat=True)
    )
    RemediationText.objects.bulk_create(
        RemediationText(**row) for row in DEFAULT_TEXTS if row["code"] not in existing
    )


def remove_defaults(apps, schema_editor):
    codes = [row["code"] for row in DEFAULT_TEXTS]
    apps.get_model("wizard", "RemediationText").objects.filter(
        provider__isnull=True, code__in=codes
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("wizard", "0006_step_codes_for_unknown_lender_and_payment_time")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
