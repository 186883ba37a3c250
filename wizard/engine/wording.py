"""The default words of each plan step, in Chinese and English.

Placeholders in braces are filled by the plan engine from the provider's facts
and the person's situation; nothing else in a text is interpreted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from config.language import pick

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# Every name a text may use; the admin refuses any other.
PLACEHOLDERS = frozenset(
    {
        "provider",
        "hotline",
        "repay_path",
        "deadline",
        "grace_deadline",
        "cutoff",
        "grace",
        "late_fee",
        "autopay_how",
        "status_text",
        "attempt_time",
        "attempt_evidence",
        "window_end",
        "window_channels",
        "window_advice",
        "window_notice",
        "regulator_title",
        "regulator_text",
        "complaint_days",
        "complaint_start",
        "complaint_by",
        "case_age",
        "credit_check",
        "dispute_text",
        "dispute_by",
    }
)


@dataclass(frozen=True)
class StepText:
    title_zh: str
    detail_zh: str
    title_en: str
    detail_en: str

    def title(self, language: str) -> str:
        return pick(language, zh=self.title_zh, en=self.title_en)

    def detail(self, language: str) -> str:
        return pick(language, zh=self.detail_zh, en=self.detail_en)


def merge(override: StepText, default: StepText) -> StepText:
    """An override's filled-in fields over the default's; blank means "as the default"."""
    return StepText(
        title_zh=override.title_zh or default.title_zh,
        detail_zh=override.detail_zh or default.detail_zh,
        title_en=override.title_en or default.title_en,
        detail_en=override.detail_en or default.detail_en,
    )


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known {placeholders}; leave anything else exactly as written.

    Deliberately not str.format: a text typed in the admin must never reach
    attributes or indexes of the values it is filled with.
    """
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def unknown_placeholders(template: str) -> set[str]:
    return {name for name in PLACEHOLDER.findall(template) if name not in PLACEHOLDERS}


# Keyed by StepCode value (a StepCode is a str, so either looks a text up).
DEFAULT_TEXTS: dict[str, StepText] = {
    "check_money_left": StepText(
        title_zh="先别再付:确认上一笔钱有没有扣走",
        detail_zh=(
            "你看到的提示说付款结果还不确定,钱可能已经扣了。先看银行卡的交易记录或扣款短信,"
            "再看{provider}的账单是否显示已还。钱已经扣走的,不要再付一次,"
            "打 {hotline} 请他们查这笔款的去向,并按扣款时间入账;记下通话时间和工单号。"
            "确认没有扣款,再按下面的步骤还,赶在 {deadline} 之前。"
        ),
        title_en="Do not pay again yet: check whether the last payment left your account",
        detail_en=(
            "The message you saw says the payment's result is not known: the money may already "
            "have left. Look at your card's transactions or the bank's text messages, then at "
            "your {provider} bill. If the money left, do not pay a second time: call {hotline}, "
            "ask them to trace it and credit it as of when it was taken, and note the time of "
            "the call and the ticket number. Only once you are sure nothing was taken, follow "
            "the steps below, before {deadline}."
        ),
    ),
    "identify_provider": StepText(
        title_zh="先弄清是哪家机构借给你的钱",
        detail_zh=(
            "打开小米商城 App 里这笔订单,看付款方式:花呗分期、信用卡分期、小米分期还是白条分期,"
            "每种对应一家机构。订单里看不出来,就看账单在哪个 App 里、扣款短信是谁发的。"
            "找到后重新开始,选这家机构,我们会给你它的截止时间和客服电话。"
            "在那之前,按 {deadline} 前还款来准备:这是我们记录里各家最早的截止时间,早还不会多花钱。"
        ),
        title_en="First, find out which lender it is",
        detail_en=(
            "Open this order in the Xiaomi Mall app and see how it was paid: Huabei, credit-card, "
            "Xiaomi or Baitiao installments; each points to one lender. If the order does not "
            "say, see which app holds the bill and who sent the payment text message. Then start "
            "again and pick that lender for its deadline and hotline. Until then, plan to pay by "
            "{deadline}: the earliest cutoff of any lender we know. Paying early costs nothing."
        ),
    ),
    "maintenance_window": StepText(
        title_zh="{provider}正在系统维护,预计 {window_end} 结束",
        detail_zh="维护期间,{window_channels}可能无法还款。{window_advice}{window_notice}",
        title_en="{provider} is under maintenance until about {window_end}",
        detail_en=(
            "During maintenance, {window_channels} may not take payments. {window_advice} "
            "{window_notice}"
        ),
    ),
    "outage_procedure": StepText(
        title_zh="先查钱有没有扣走,再换个渠道还",
        detail_zh=(
            "看一下银行扣款短信和{provider}的账单,确认刚才那笔是否已经扣款,避免重复还款。"
            "没有扣款的话,换一个渠道再试(例如:{repay_path}),或留意{provider}的公告,"
            "等故障恢复后马上还,务必赶在 {deadline} 之前。"
        ),
        title_en="Check whether money left your account, then try another way",
        detail_en=(
            "Look at your bank's text messages and your {provider} bill to see whether the last "
            "attempt was charged, so you do not pay twice. If it was not, try another channel "
            "(for example: {repay_path}) or watch {provider}'s notices and pay as soon as it "
            "works again, before {deadline}."
        ),
    ),
    "report_deducted_not_credited": StepText(
        title_zh="先别再付一次,保存好扣款凭证",
        detail_zh=(
            "把银行扣款短信或交易明细截图保存(时间、金额、交易流水号)。"
            "然后拨打{provider}客服 {hotline},说明你已按时付款,请他们查账、补记入账,"
            "并确认不会算作逾期。跨行付款有时不是实时到账,先别重复付款。"
        ),
        title_en="Don't pay again yet: keep proof of the deduction",
        detail_en=(
            "Screenshot the bank's debit message or statement line (time, amount, transaction "
            "number). Then call {provider} on {hotline}, say you paid on time, and ask them to "
            "trace and credit the payment and confirm it will not count as late. Payments "
            "between banks are not always instant, so do not pay a second time."
        ),
    ),
    "prove_payment_time": StepText(
        title_zh="你付款的时间就是证据:{attempt_time}",
        detail_zh=(
            "{attempt_evidence}告诉{provider}客服这个时间,请他们按这个时间入账,不要算作逾期;"
            "记下他们的答复、工单号和通话时间。在他们确认钱没有到账之前,不要再付一次。"
        ),
        title_en="The time you paid is your evidence: {attempt_time}",
        detail_en=(
            "{attempt_evidence} Tell {provider} this time and ask them to credit the payment as "
            "of then, not as late; note their answer, the ticket number and when you called. "
            "Until they confirm the money did not arrive, do not pay a second time."
        ),
    ),
    "fix_card_status": StepText(
        title_zh="换一张状态正常的卡来还",
        detail_zh=(
            "过期、冻结或挂失的卡扣不了款。先用另一张正常的卡或账户余额还款,"
            "赶在 {deadline} 之前;这张卡的问题再找发卡银行处理。"
        ),
        title_en="Pay with a card that works",
        detail_en=(
            "An expired, frozen or reported-lost card cannot be charged. Pay with another card "
            "or your account balance before {deadline}, and sort out this card with the bank "
            "that issued it afterwards."
        ),
    ),
    "check_account_info": StepText(
        title_zh="核对绑定银行卡的信息",
        detail_zh=(
            "在{provider}的还款页面看一下绑定的是哪张卡:卡号末几位、持卡人是否是你本人、"
            "卡是否已经换过新卡。有一处对不上,银行就会拒绝扣款。对不上就重新绑卡再还。"
        ),
        title_en="Check the details of the linked card",
        detail_en=(
            "On {provider}'s repayment page, see which card is linked: its last digits, that it "
            "is in your name, and whether the card has been replaced. One mismatch is enough for "
            "the bank to refuse the payment. If anything is off, link the card again and retry."
        ),
    ),
    "update_reserved_phone": StepText(
        title_zh="确认银行预留的手机号",
        detail_zh=(
            "打开发卡银行的 App 或拨打银行客服,查看这张卡预留的手机号是不是你现在用的号码;"
            "换过号就先在银行改好,再回到{provider}重新绑卡。号码不一致时,验证码收不到,还款会被拦下。"
        ),
        title_en="Check the phone number your bank has on file",
        detail_en=(
            "Open your bank's app or call the bank and see which phone number is registered for "
            "this card. If you have changed numbers, update it at the bank first, then link the "
            "card again in {provider}. When the numbers differ, the verification code never "
            "reaches you and the payment is blocked."
        ),
    ),
    "pass_risk_check": StepText(
        title_zh="通过安全验证,或换一张卡",
        detail_zh=(
            "这笔付款被银行或支付平台的风控拦下了,不是你的钱不够。按提示完成验证(短信、人脸等);"
            "没有验证入口的,打发卡银行的客服,问清为什么拦截、怎样解除。等不及的话,"
            "先换另一张卡或账户还款:{repay_path},赶在 {deadline} 之前。"
            "不要连续重试,多次失败可能让卡被锁得更久。"
        ),
        title_en="Pass the security check, or use another card",
        detail_en=(
            "A risk check at the bank or payment platform stopped this payment; it is not about "
            "your balance. Complete the check it asks for (a text code, a face scan). If none is "
            "offered, call the card's bank, ask why it was blocked and how to lift it. If you "
            "cannot wait, pay with another card or account: {repay_path}, before {deadline}. Do "
            "not retry again and again: repeated failures can keep the card blocked longer."
        ),
    ),
    "ensure_funds": StepText(
        title_zh="确认扣款账户里的钱够本期应还",
        detail_zh=(
            "看扣款银行卡或账户的“可用余额”(不是总余额),要不少于本期应还金额。"
            "不够就先转入,再重新还款:{repay_path}。"
        ),
        title_en="Make sure the paying account holds enough",
        detail_en=(
            "Check the available balance (not the total) of the card or account being charged: "
            "it must cover this period's amount. If it is short, move money in first, then pay "
            "again: {repay_path}."
        ),
    ),
    "wait_for_preauth_release": StepText(
        title_zh="别指望被冻结或预授权占用的钱",
        detail_zh=(
            "酒店、租车等预授权会暂时占用余额,看得见却用不了。可以请商户撤销预授权,"
            "但更稳妥的是先用其他资金还款,不要等它释放。"
        ),
        title_en="Don't count on frozen or pre-authorised money",
        detail_en=(
            "A pre-authorisation (a hotel, car hire and so on) holds part of your balance: you can "
            "see it but cannot spend it. You can ask the merchant to release it, but it is safer "
            "to pay with other money now rather than wait."
        ),
    ),
    "raise_limit_or_switch_channel": StepText(
        title_zh="绕开支付限额",
        detail_zh=(
            "快捷支付和不少银行卡有单笔、单日限额。可以在银行 App 里调高限额,"
            "或分几笔还,或换一个渠道还款:{repay_path}。"
        ),
        title_en="Get around the payment limit",
        detail_en=(
            "Quick-pay and many cards cap each payment and each day. Raise the limit in your "
            "bank's app, split the payment into several, or pay another way: {repay_path}."
        ),
    ),
    "meet_deadline": StepText(
        title_zh="最后期限:{deadline}",
        detail_zh=(
            "{status_text}{provider}当天 {cutoff} 前的还款才算按时,{grace}。"
            "还款路径:{repay_path}。逾期规则:{late_fee}"
        ),
        title_en="Deadline: {deadline}",
        detail_en=(
            "{status_text} {provider} counts a payment only if it is made by {cutoff} on the day; "
            "{grace}. How to pay: {repay_path}. If late: {late_fee}"
        ),
    ),
    "contact_provider": StepText(
        title_zh="联系{provider}客服:{hotline}",
        detail_zh=(
            "说清楚你在什么时间、用什么渠道还款,看到了什么提示,请他们查明原因,"
            "并告诉你怎样赶在期限前还上。记下工单号或客服工号。任何人问密码或短信验证码都不要给。"
        ),
        title_en="Contact {provider}: {hotline}",
        detail_en=(
            "Say when and how you tried to pay and what the screen said. Ask them to find the "
            "cause and how to pay before the deadline. Note the ticket or agent number. Never "
            "give anyone your password or a verification code."
        ),
    ),
    "protect_credit": StepText(
        title_zh="保护信用记录,留好证据",
        detail_zh=(
            "保存还款失败的截图、扣款短信、通话时间和工单号。如果是系统故障或银行原因导致没能按时还,"
            "还上后请{provider}核实并说明情况,避免记为逾期;之后可以查一次个人征信报告确认。"
        ),
        title_en="Protect your credit record: keep the evidence",
        detail_en=(
            "Keep screenshots of the failed payment, debit messages, call times and ticket "
            "numbers. If a system fault or the bank made you late, once you have paid ask "
            "{provider} to look into it so it is not recorded as late, and check your credit "
            "report afterwards."
        ),
    ),
    "escalate_to_regulator": StepText(
        title_zh="{complaint_days} 天的答复期限已过:{regulator_title}",
        detail_zh=(
            "这个方案是 {complaint_start} 生成的,"
            "按规定{provider}最晚 {complaint_by} 应该答复你的投诉。"
            "还没有答复,或答复不合理,就往上一级投诉:{regulator_text}"
            "投诉时报上你向{provider}投诉的日期、工单号和参考编号。"
        ),
        title_en="The {complaint_days}-day limit to answer has passed: {regulator_title}",
        detail_en=(
            "This plan was made on {complaint_start}; under the rules {provider} had to answer "
            "your complaint by {complaint_by}. If there is no answer, or the answer is wrong, "
            "take it one level up: {regulator_text} Give the date you complained to "
            "{provider}, the ticket number and this plan's reference code."
        ),
    ),
    "check_credit_report": StepText(
        title_zh="查一次征信报告,看这笔有没有记成逾期",
        detail_zh="{credit_check}",
        title_en="Check your credit report for a late mark on this payment",
        detail_en="{credit_check}",
    ),
    "dispute_credit_record": StepText(
        title_zh="按时付了却记了逾期:提出异议",
        detail_zh="{dispute_text}如果你今天提出,最晚 {dispute_by} 应该收到书面答复。",
        title_en="Paid on time but marked late: dispute the record",
        detail_en=(
            "{dispute_text} If you file it today, the written answer is due by {dispute_by}."
        ),
    ),
    "enable_autopay": StepText(
        title_zh="开通自动还款,下次不再错过",
        detail_zh="{autopay_how}扣款前一天确认账户里的钱够。",
        title_en="Turn on autopay so this does not happen again",
        detail_en="{autopay_how} Make sure the account holds enough the day before it is charged.",
    ),
}
