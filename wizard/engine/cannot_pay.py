"""What a plan may honestly say to someone who cannot pay it all now.

Each claim is said in our own words and carries the source it rests on, the sentence there,
how sure that makes us and when it was read (from /work/shared/research/cannot-pay.md,
compiled 2026-02 from stored copies; nothing here was checked live, so nothing is rated
above what its source is). A bank card gets the minimum payment and the negotiated plan of
Art. 70; a wallet-credit or consumer-finance provider gets only what the sources allow (the
app's own options, unverified); everyone gets the traps to avoid.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from config.language import pick
from providers.facts import Certainty, Provenance, ProviderFacts, ProviderKind

READ_ON = dt.date(2026, 2, 28)


@dataclass(frozen=True)
class Claim:
    """One thing the step says, with where it comes from."""

    code: str
    text_zh: str
    text_en: str
    provenance: Provenance

    def text(self, language: str) -> str:
        return pick(language, zh=self.text_zh, en=self.text_en)

    def to_dict(self, language: str) -> dict[str, str | None]:
        p = self.provenance
        return {
            "code": self.code,
            "text": self.text(language),
            "certainty": p.certainty,
            "source": p.source,
            "quote": p.quote,
            "checked_on": p.checked_on.isoformat() if p.checked_on else None,
        }


def _claim(code: str, zh: str, en: str, certainty: str, source: str, quote: str) -> Claim:
    return Claim(code, zh, en, Provenance(certainty, source, quote, READ_ON))


MINIMUM_PAYMENT = _claim(
    "minimum_payment",
    "能还上账单上的“最低还款额”，这期就不算逾期。但会失去免息期，要付利息，怎么算看你的信用卡合同。",
    "If you can pay the statement's minimum payment, this month is not overdue. But you lose "
    "the interest-free period and pay interest; how it is charged is up to your card contract.",
    Certainty.SECONDARY,
    "http://m.wenzhouzx.com/news/jingji/65079.html",
    "取消信用卡透支消费免息还款期最长期限、最低还款额标准以及附加条件的现行规定，"
    "由发卡机构基于商业原则和持卡人需求自主确定",
)
INSTALMENT_INSIDE_MINIMUM = _claim(
    "instalment_inside_minimum",
    "手机分期每月那一期，全额算在最低还款额里，最低还款不会让它变少。",
    "A phone bought on card instalments: each month's instalment counts in full in the "
    "minimum payment. Paying the minimum does not make it smaller.",
    Certainty.SECONDARY,
    "http://www.news.cn/fortune/2022-07/07/c_1128812429.htm",
    "不得對分期業務提供最低還款額服務。",
)
# The Bank of China says so itself, for 商户分期 too, from 2023-02-02.
INSTALMENT_INSIDE_MINIMUM_BOC = _claim(
    "instalment_inside_minimum",
    "中国银行自 2023 年 2 月 2 日起，分期（包括商户分期）每期全额算在最低还款额里。",
    "Since 2 February 2023 Bank of China counts each instalment (merchant instalments "
    "included) in full in the minimum payment.",
    Certainty.OFFICIAL,
    "https://www.boc.cn/big5/bcservice/bi2/202212/t20221219_22366071.html",
    "我行信用卡賬單分期等業務將于2023年2月2日起不再提供最低還款額服務，"
    "即分期業務每期入賬本金和對應產生的分期利息將100%計入當期最低還款額",
)
NEGOTIATED_PLAN = _claim(
    "negotiated_plan",
    "连最低都还不上，就自己打信用卡中心，申请“个性化分期还款”，说清每月能还多少。"
    "按 2011 年信用卡监管办法第七十条，银行可以同意，最长 5 年，但不是必须同意，也可能照收利息。",
    "If even the minimum is out of reach, call the card centre yourself and ask for a "
    "negotiated repayment plan (个性化分期), saying what you can pay each month. Under Art. 70 "
    "of the 2011 card rules the bank may agree, for up to 5 years; it does not have to, and "
    "interest may go on.",
    Certainty.SECONDARY,
    "http://tbankw.com/zcfg/25047_8.html",
    "发卡银行可以与持卡人平等协商，达成个性化分期还款协议。个性化分期还款协议的最长期限不得超过5年。",
)
WHAT_BANKS_ASK = _claim(
    "what_banks_ask",
    "银行常会要：困难的说明、证明（失业、病历或收入）、每月能还的数目，协议要签字或录音。",
    "Banks often ask for: an account of the hardship, proof (unemployment, medical papers or "
    "income), the amount you can pay each month, and a signed or recorded agreement.",
    Certainty.WEAK,
    "https://26907.com/fangchang/41007.html",
    "持卡人需提供相关证明材料，如失业证明、医疗诊断书等，以证实其确实存在还款困难。",
)
AFTER_AGREEMENT = _claim(
    "after_agreement",
    "签了协议，按约还款期间银行要停止催收；还清前，不能再向任何银行申请信用卡。",
    "Once signed, the bank must stop collection while you keep to it; until it is paid off you "
    "may not apply for a credit card at any bank.",
    Certainty.SECONDARY,
    "http://tbankw.com/zcfg/25047_8.html",
    "持卡人在个性化分期还款协议相关款项未全部结清前，不得向任何银行申领信用卡的承诺",
)
HUABEI_OPTIONS = _claim(
    "app_options",
    "花呗可能有最低还款、账单分期或延期还款，在支付宝 → 花呗 → 还款页里看。能不能用、收多少费，由花呗决定。",  # noqa: E501
    "Huabei may offer a minimum payment, instalments or a one-month deferral: see Alipay → "
    "Huabei → repay. Whether you can use them, and the fees, are Huabei's decision.",
    Certainty.WEAK,
    "http://www.easyfang.com/a/2024/0221/015590843.html",
    "花呗延期还款是支付宝提供给用户在出账日1号至还款日(号或10号)自动扣款前，"
    "可将本月出账金额的全部或部分延期至下月再还的功能",
)
BAITIAO_OPTIONS = _claim(
    "app_options",
    "白条的还款页可能有分期或延期还款，能不能用、费用多少，以京东金融 App 里的页面为准。",
    "Baitiao's repayment page may offer instalments or a deferral; whether you can use them, "
    "and the fees, are as the JD Finance app shows.",
    Certainty.WEAK,
    "https://www.cq1d.com/details/282483.html",
    "用户可以在还款日之前申请延期还款",
)
XIAOMI_OPTIONS = _claim(
    "app_options",
    "没找到天星金融（小米）困难还款的官方说明。看 App 还款页有没有分期或延期，或打客服问。",
    "We found no official word on hardship options from Xiaomi's lender. Look for instalment "
    "or deferral options on the app's repayment page, or ask customer service.",
    Certainty.NONE,
    "",
    "",
)
UNKNOWN_OPTIONS = _claim(
    "app_options",
    "信用卡和花呗、白条等，还款页上可能有最低还款、分期或延期。能不能用、费用多少，以页面为准。",
    "Credit cards, Huabei, Baitiao and the like may offer a minimum payment, instalments or a "
    "deferral on their repayment page; whether you can use them, and the fees, are as it shows.",
    Certainty.WEAK,
    "https://m.3dmxku.com/daquan/zonghe/11418503.html",
    "最低还款额=10%交易本金(本期新增的消费本金-分期转出-退款)+100%账户内所有未结清的分期交易单期",
)
NO_PAID_AGENTS = _claim(
    "no_paid_agents",
    "别找收费的“停息挂账”“债务优化”中介：监管部门说这是违法的代理维权。",
    "Do not pay a 'debt negotiation' or 'interest freeze' agent: regulators call these illegal.",
    Certainty.SECONDARY,
    "http://big5.news.cn/gate/big5/www.news.cn/20260209/c166bbfed11d409b8db8c7ab9dc7079e/c.html",
    "誘導金融消費者、投資者委託其“代理維權”，從而收取高額諮詢費、服務費",
)
NO_NEW_LOAN = _claim(
    "no_new_loan",
    "别借新贷、刷卡套现或找“代还”来还这笔。",
    "Do not take a new loan, a card cash advance or a 'repay-for-you' service to pay this.",
    Certainty.SECONDARY,
    "http://finance.caixin.com/2022-03-14/101855265.html",
    "不把信用卡、小額信貸等消費信貸資金用於購買房產、炒股、理財、償還其他貸款等非消費領域。",
)
NO_CODES = _claim(
    "no_codes",
    "谁来电要验证码、要你共享屏幕，都别给；拿不准就打 96110。",
    "Never give a verification code or share your screen with a caller; if unsure, call 96110.",
    Certainty.OFFICIAL,
    "http://www.haining.gov.cn/art/2023/6/7/art_1688419_168204.html",
    "不要跟陌生人开启手机屏幕共享、聊天软件远程操作等功能，不要下载陌生人推荐的软件，"
    "也不要将短信验证码、密码等告知他人。",
)
STAY_REACHABLE = _claim(
    "stay_reachable",
    "保持电话畅通。还不上本身不是犯罪，躲起来、换号码才会带来法律风险。",
    "Stay reachable. Not being able to pay is not a crime; hiding or changing your number is "
    "what creates legal risk.",
    Certainty.SECONDARY,
    "https://github.com/LawRefBook/Laws",
    "不得单纯依据持卡人未按规定还款的事实认定非法占有目的。",
)

ALWAYS = (NO_PAID_AGENTS, NO_NEW_LOAN, NO_CODES, STAY_REACHABLE)


def claims_for(provider: ProviderFacts) -> tuple[Claim, ...]:
    """What the step says for this provider, in the order it says it: the way forward first,
    then the traps."""
    if provider.kind == ProviderKind.CREDIT_CARD:
        inside = (
            INSTALMENT_INSIDE_MINIMUM_BOC if provider.slug == "boc" else INSTALMENT_INSIDE_MINIMUM
        )
        forward: tuple[Claim, ...] = (
            MINIMUM_PAYMENT,
            inside,
            NEGOTIATED_PLAN,
            WHAT_BANKS_ASK,
            AFTER_AGREEMENT,
        )
    elif provider.slug == "huabei":
        forward = (HUABEI_OPTIONS,)
    elif provider.slug == "jd-baitiao":
        forward = (BAITIAO_OPTIONS,)
    elif provider.slug.startswith("xiaomi"):
        forward = (XIAOMI_OPTIONS,)
    else:
        forward = (UNKNOWN_OPTIONS,)
    return (*forward, *ALWAYS)
