"""Default wording for the decoder's two steps: checking whether money left after an unknown
result, and getting past a risk check.

Frozen here as shipped (a migration gives the same rows whatever the code says later).
"""

from django.db import migrations

DEFAULT_TEXTS = [{'code': 'check_money_left',
  'detail_en': "The message you saw says the payment's result is not known: the money may already "
               "have left. Look at your card's transactions or the bank's text messages, then at "
               'your {provider} bill. If the money left, do not pay a second time: call {hotline}, '
               'ask them to trace it and credit it as of when it was taken, and note the time of '
               'the call and the ticket number. Only once you are sure nothing was taken, follow '
               'the steps below, before {deadline}.',
  'detail_zh': '你看到的提示说付款结果还不确定,钱可能已经扣了。先看银行卡的交易记录或扣款短信,再看{provider}的账单是否显示已还。钱已经扣走的,不要再付一次,打 '
               '{hotline} 请他们查这笔款的去向,并按扣款时间入账;记下通话时间和工单号。确认没有扣款,再按下面的步骤还,赶在 {deadline} 之前。',
  'title_en': 'Do not pay again yet: check whether the last payment left your account',
  'title_zh': '先别再付:确认上一笔钱有没有扣走'},
 {'code': 'pass_risk_check',
  'detail_en': 'A risk check at the bank or payment platform stopped this payment; it is not about '
               'your balance. Complete the check it asks for (a text code, a face scan). If none '
               "is offered, call the card's bank, ask why it was blocked and how to lift it. If "
               'you cannot wait, pay with another card or account: {repay_path}, before '
               '{deadline}. Do not retry again and again: repeated failures can keep the card '
               'blocked longer.',
  'detail_zh': '这笔付款被银行或支付平台的风控拦下了,不是你的钱不够。按提示完成验证(短信、人脸等);没有验证入口的,打发卡银行的客服,问清为什么拦截、怎样解除。等不及的话,先换另一张卡或账户还款:{repay_path},赶在 '
               '{deadline} 之前。不要连续重试,多次失败可能让卡被锁得更久。',
  'title_en': 'Pass the security check, or use another card',
  'title_zh': '通过安全验证,或换一张卡'}]


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
    dependencies = [("wizard", "0010_decoder_step_codes")]
    operations = [migrations.RunPython(add_defaults, remove_defaults)]
