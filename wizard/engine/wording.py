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
        "pay_by",
        "money_check",
        "deadline_title",
        "deadline_rule",
        "credit_ask",
        "follow_up_when",
        "cannot_pay",
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


# Keyed by StepCode value (a StepCode is a str, so either looks a text up). Each step says
# one thing, action first, in sentences of about 40 characters; what the step rests on and
# how sure we are travels beside it (Step.certainty), never as a sentence of hedging.
DEFAULT_TEXTS: dict[str, StepText] = {
    "check_money_left": StepText(
        title_zh="先别再付：确认上一笔钱扣没扣",
        detail_zh=(
            "提示说结果未知，钱可能已经扣了。先看银行卡交易记录或扣款短信，"
            "再看{provider}账单是否显示已还。扣了就别再付，打 {hotline} 请他们按扣款时间入账。"
            "确认没扣，再按下面的步骤还。"
        ),
        title_en="Do not pay again yet: check whether the last payment left your account",
        detail_en=(
            "The message says the result is not known: the money may have left. Check your "
            "card's transactions or the bank's text, then whether your {provider} bill shows it "
            "paid. If it left, do not pay again: call {hotline} and ask them to credit it as of "
            "when it was taken. If nothing left, follow the steps below."
        ),
    ),
    "identify_provider": StepText(
        title_zh="先弄清是哪家机构借给你的钱",
        detail_zh=(
            "打开小米商城 App 里这笔订单，看付款方式：花呗、信用卡、小米分期还是白条。"
            "订单里看不出，就看账单在哪个 App、扣款短信是谁发的。"
            "找到后重新开始，选这家机构，就能看到它的截止时间和客服电话。"
        ),
        title_en="First, find out which lender it is",
        detail_en=(
            "Open this order in the Xiaomi Mall app and see how it was paid: Huabei, a credit "
            "card, Xiaomi or Baitiao. If the order does not say, see which app holds the bill "
            "and who sent the payment text. Then start again and pick that lender for its "
            "deadline and hotline."
        ),
    ),
    "maintenance_window": StepText(
        title_zh="{provider}正在系统维护，预计 {window_end} 结束",
        detail_zh="维护期间，{window_channels}可能无法还款。{window_advice}{window_notice}",
        title_en="{provider} is under maintenance until about {window_end}",
        detail_en=(
            "During maintenance, {window_channels} may not take payments. {window_advice} "
            "{window_notice}"
        ),
    ),
    "outage_procedure": StepText(
        title_zh="换个渠道还，或恢复后马上还",
        detail_zh=(
            "{money_check}没扣就换个渠道再试：{repay_path}。"
            "也可以留意{provider}的公告，恢复后马上还{pay_by}。"
        ),
        title_en="Pay another way, or as soon as it works again",
        detail_en=(
            "{money_check} If nothing was taken, try another channel: {repay_path}. Or watch "
            "{provider}'s notices and pay as soon as it works again{pay_by}."
        ),
    ),
    "report_deducted_not_credited": StepText(
        title_zh="先别再付一次，保存好扣款凭证",
        detail_zh=(
            "把扣款短信或交易明细截图存好：时间、金额、流水号。"
            "再打{provider}客服 {hotline}，说明已付款，请他们查账、补记入账，确认不算逾期。"
            "跨行付款有时不是实时到账，先别重复付。"
        ),
        title_en="Don't pay again yet: keep proof of the deduction",
        detail_en=(
            "Screenshot the debit message or statement line: time, amount, transaction number. "
            "Then call {provider} on {hotline}, say you have paid, and ask them to trace and "
            "credit it and confirm it will not count as late. Payments between banks are not "
            "always instant, so do not pay a second time."
        ),
    ),
    "prove_payment_time": StepText(
        title_zh="你付款的时间就是证据：{attempt_time}",
        detail_zh=(
            "{attempt_evidence}请{provider}按这个时间入账，不算逾期。"
            "记下答复、工单号和通话时间。他们确认钱没到账之前，不要再付一次。"
        ),
        title_en="The time you paid is your evidence: {attempt_time}",
        detail_en=(
            "{attempt_evidence} Ask {provider} to credit the payment as of then, not as late. "
            "Note their answer, the ticket number and when you called. Until they confirm the "
            "money did not arrive, do not pay a second time."
        ),
    ),
    "fix_card_status": StepText(
        title_zh="换一张状态正常的卡来还",
        detail_zh=(
            "过期、冻结或挂失的卡扣不了款。先用另一张正常的卡或账户余额还{pay_by}。"
            "这张卡的问题，之后再找发卡银行处理。"
        ),
        title_en="Pay with a card that works",
        detail_en=(
            "An expired, frozen or reported-lost card cannot be charged. Pay with another card "
            "or your account balance{pay_by}. Sort out this card with its bank afterwards."
        ),
    ),
    "check_account_info": StepText(
        title_zh="核对绑定银行卡的信息",
        detail_zh=(
            "在{provider}的还款页面看绑的是哪张卡：卡号末几位、是不是你本人的、换没换过新卡。"
            "有一处对不上，银行就会拒绝扣款。对不上就重新绑卡再还。"
        ),
        title_en="Check the details of the linked card",
        detail_en=(
            "On {provider}'s repayment page, see which card is linked: its last digits, that it "
            "is in your name, and whether it has been replaced. One mismatch is enough for the "
            "bank to refuse. If anything is off, link the card again and retry."
        ),
    ),
    "update_reserved_phone": StepText(
        title_zh="确认银行预留的手机号",
        detail_zh=(
            "在发卡银行 App 或打银行客服，看这张卡预留的是不是你现在的号码。"
            "号码不一致，验证码收不到，还款会被拦下。换过号就先在银行改好，再回{provider}重新绑卡。"
        ),
        title_en="Check the phone number your bank has on file",
        detail_en=(
            "In your bank's app or by calling the bank, see whether the card's registered "
            "number is the one you use now. If not, the verification code never reaches you and "
            "the payment is blocked: update it at the bank, then link the card again in "
            "{provider}."
        ),
    ),
    "pass_risk_check": StepText(
        title_zh="通过安全验证，或换一张卡",
        detail_zh=(
            "这笔付款被风控拦下了，不是钱不够。按提示完成验证，比如短信或人脸。"
            "没有验证入口，就打发卡银行客服，问清怎样解除。"
            "等不及就换一张卡或账户还：{repay_path}{pay_by}。别连续重试，失败多了卡会被锁更久。"
        ),
        title_en="Pass the security check, or use another card",
        detail_en=(
            "A risk check stopped this payment; it is not about your balance. Complete the check "
            "it asks for, such as a text code or a face scan. If none is offered, call the "
            "card's bank and ask how to lift the block. If you cannot wait, pay with another "
            "card or account: {repay_path}{pay_by}. Do not retry again and again: repeated "
            "failures keep the card blocked longer."
        ),
    ),
    "ensure_funds": StepText(
        title_zh="确认扣款账户里的钱够本期应还",
        detail_zh=(
            "看扣款卡或账户的“可用余额”，不是总余额，要不少于本期应还。"
            "不够就先转入，再重新还：{repay_path}。"
        ),
        title_en="Make sure the paying account holds enough",
        detail_en=(
            "Check the available balance (not the total) of the card or account being charged: "
            "it must cover this period's amount. If it is short, move money in first, then pay "
            "again: {repay_path}."
        ),
    ),
    "cannot_pay_in_full": StepText(
        title_zh="钱不够还全部：先保住不逾期",
        detail_zh="{cannot_pay}",
        title_en="If you cannot pay it all: keep it from going overdue",
        detail_en="{cannot_pay}",
    ),
    "wait_for_preauth_release": StepText(
        title_zh="别指望被冻结或预授权占用的钱",
        detail_zh=(
            "酒店、租车等预授权会暂时占用余额，看得见却用不了。"
            "可以请商户撤销，但更稳妥的是先用其他钱还，不要等它释放。"
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
            "快捷支付和不少银行卡有单笔、单日限额。可以在银行 App 里调高限额，"
            "或分几笔还，或换一个渠道：{repay_path}。"
        ),
        title_en="Get around the payment limit",
        detail_en=(
            "Quick-pay and many cards cap each payment and each day. Raise the limit in your "
            "bank's app, split the payment into several, or pay another way: {repay_path}."
        ),
    ),
    "meet_deadline": StepText(
        title_zh="{deadline_title}",
        detail_zh="{status_text}{deadline_rule}还款路径：{repay_path}",
        title_en="{deadline_title}",
        detail_en="{status_text} {deadline_rule} How to pay: {repay_path}",
    ),
    "contact_provider": StepText(
        title_zh="联系{provider}客服：{hotline}",
        detail_zh=(
            "说清你在什么时间、用什么渠道还款，看到了什么提示。"
            "请他们查明原因，告诉你现在怎样还上。记下工单号和客服工号。"
            "任何人问密码或验证码都不要给。"
        ),
        title_en="Contact {provider}: {hotline}",
        detail_en=(
            "Say when and how you tried to pay and what the screen said. Ask them to find the "
            "cause and how to get the payment through. Note the ticket and agent number. Never "
            "give anyone your password or a verification code."
        ),
    ),
    "follow_up_with_provider": StepText(
        title_zh="再找{provider}跟进：{hotline}",
        detail_zh=(
            "报上次的工单号，问查到了什么、什么时候有结果。没有工单号，就请这次开一个。"
            "请对方说清结论和答复时限，记下客服工号。{follow_up_when}"
        ),
        title_en="Follow up with {provider}: {hotline}",
        detail_en=(
            "Give last time's ticket number and ask what they found and when you will have an "
            "answer. Without a ticket, ask them to open one now. Ask for their conclusion and a "
            "date, and note the agent number. {follow_up_when}"
        ),
    ),
    "protect_credit": StepText(
        title_zh="保护信用记录",
        detail_zh="{credit_ask}证据清单见下面的“要保存的证据”。",
        title_en="Protect your credit record",
        detail_en="{credit_ask} What to keep as evidence is listed below.",
    ),
    "escalate_to_regulator": StepText(
        title_zh="{complaint_days} 天的答复期限已过：{regulator_title}",
        detail_zh=(
            "方案生成于 {complaint_start}，{provider}最晚 {complaint_by} 应答复你的投诉。"
            "没有答复或答复不合理，就往上一级：{regulator_text}"
        ),
        title_en="The {complaint_days}-day limit to answer has passed: {regulator_title}",
        detail_en=(
            "This plan was made on {complaint_start}; {provider} had to answer your complaint "
            "by {complaint_by}. If there is no answer, or it is wrong, go one level up: "
            "{regulator_text}"
        ),
    ),
    "check_credit_report": StepText(
        title_zh="查一次征信报告，看这笔有没有记成逾期",
        detail_zh="{credit_check}",
        title_en="Check your credit report for a late mark on this payment",
        detail_en="{credit_check}",
    ),
    "dispute_credit_record": StepText(
        title_zh="按时付了却记了逾期：提出异议",
        detail_zh="{dispute_text}今天提出的话，最晚 {dispute_by} 应收到书面答复。",
        title_en="Paid on time but marked late: dispute the record",
        detail_en=(
            "{dispute_text} If you file it today, the written answer is due by {dispute_by}."
        ),
    ),
    "enable_autopay": StepText(
        title_zh="开通自动还款，下次不再错过",
        detail_zh="{autopay_how}扣款前一天确认账户里的钱够。",
        title_en="Turn on autopay so this does not happen again",
        detail_en="{autopay_how} Make sure the account holds enough the day before it is charged.",
    ),
    "check_autopay": StepText(
        title_zh="查清自动还款为什么没扣成",
        detail_zh=(
            "在{provider}的自动还款设置里，看绑的是哪张卡、几号扣、先扣哪个账户。"
            "常见原因：钱不够、卡过期或换过、超出限额。改好后，扣款前一天确认钱够。"
        ),
        title_en="Find out why autopay did not take the payment",
        detail_en=(
            "In {provider}'s autopay settings, see which card is linked, on which day it is "
            "charged and which account goes first. Common causes: not enough money, an expired "
            "or replaced card, a payment limit. Once fixed, check the balance the day before."
        ),
    ),
}
