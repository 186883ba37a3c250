"""Take personal data out of a short comment before it is stored.

People are asked not to type personal data; some will anyway. Numbers long
enough to be a card, ID, phone or account number, e-mail addresses, and names
(after "我叫" and the like, or a short stand-alone name) are masked. Masking a
harmless word now and then is the price of never keeping a name.
"""

from __future__ import annotations

import re

MASK = "***"
MAX_COMMENT = 200

# Runs of 4+ digits, allowing the spaces and dashes people type inside numbers;
# also an ID number's final X.
NUMBER = re.compile(r"(?:\d[\s\-—]*){3,}\d[Xx]?")
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
NAME_CUE = re.compile(r"(我叫|我是|本人|姓名|名字|叫我|持卡人|户名)[::\s]*[\u4e00-\u9fff·]{1,4}")
# The most common Chinese surnames; a short stand-alone segment starting with one is
# taken to be a name.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Everyday and repayment words that begin with a surname character: never names.
NOT_NAMES = {
    "万一",
    "严格",
    "严重",
    "于是",
    "付了",
    "付款",
    "付钱",
    "任何",
    "何必",
    "何时",
    "余额",
    "余额不足",
    "史上",
    "叶子",
    "向前",
    "周一",
    "周三",
    "周二",
    "周五",
    "周六",
    "周四",
    "周日",
    "周末",
    "夏天",
    "多谢",
    "孔子",
    "安全",
    "康复",
    "很高兴",
    "方便",
    "方式",
    "方法",
    "时间",
    "曾经",
    "毛病",
    "江湖",
    "田地",
    "白条",
    "石头",
    "程序",
    "程度",
    "苏醒",
    "范围",
    "董事",
    "谢谢",
    "谢谢你",
    "谢谢您",
    "还是",
    "金融",
    "金额",
    "钟头",
    "钱包",
    "钱款",
    "陆续",
    "雷同",
    "马上",
    "马上就",
    "高兴",
    "高速",
    "黄金",
    "龙卡",
}
SEGMENT = re.compile(r"[\u4e00-\u9fff·]+")
SEPARATORS = re.compile(r"[\s,,。.!!??;;::、()()\"“”'‘’]+")


def redact_personal_data(text: str) -> str:
    """The comment with anything that could identify a person masked, control characters gone."""
    text = "".join(ch for ch in text if ch.isprintable() or ch == " ")
    text = text.translate(FULLWIDTH_DIGITS)[:MAX_COMMENT]
    text = NUMBER.sub(MASK, text)
    text = EMAIL.sub(MASK, text)
    text = NAME_CUE.sub(lambda m: m.group(1) + MASK, text)
    parts = []
    for segment in SEPARATORS.split(text):
        if (
            SEGMENT.fullmatch(segment)
            and 2 <= len(segment) <= 4
            and segment[0] in SURNAMES
            and segment not in NOT_NAMES
        ):
            parts.append(segment)
    for name in parts:
        text = re.sub(rf"(?<![\u4e00-\u9fff]){re.escape(name)}(?![\u4e00-\u9fff])", MASK, text)
    return text.strip()


MAX_MESSAGE = 2000
# What a payment screen or an SMS may carry about the person: card numbers whole or masked
# (6222********1234, ****1234, 尾号8812), phone and ID numbers (nine digits or more; codes such
# as 100018 or 90000000 are shorter and kept, since staff need them), amounts, and names
# after a label with a colon ("户名:张三"; "持卡人身份信息" is no name).
# Each repetition takes exactly one character, so a long run of digits that is not masked
# after all fails in linear time: "(?:[0-9]+\s?)*" would try every way of splitting it.
MASKED_NUMBER = re.compile(r"(?:[0-9]\s?)*[*•●＊]{2,}(?:\s?[0-9*•●＊])*|[0-9]+[xX]{3,}[0-9]*")
CARD_TAIL = re.compile(r"(尾号|末四位|末4位|后四位|后4位|卡号)\s*[:：]?\s*[0-9]{3,}")
LONG_DIGITS = re.compile(r"(?<![0-9])[0-9](?:[\s\-]?[0-9]){8,}[Xx]?")
AMOUNT = re.compile(r"[¥￥]\s*[0-9][0-9,]*(?:\.[0-9]+)?|[0-9][0-9,]*(?:\.[0-9]+)?\s*(?=元|块)")
LABELLED_NAME = re.compile(
    r"(姓名|户名|持卡人|收款人|付款人|账户名|开户名)\s*[:：]\s*[\u4e00-\u9fff·A-Za-z]{1,20}"
)
NAME_INTRO = re.compile(r"(我叫|名字叫)\s*[\u4e00-\u9fff·]{1,4}")


def redact_message(text: str) -> str:
    """A payment message with card, phone and ID numbers, amounts and labelled names masked;
    control characters gone, at most MAX_MESSAGE characters. The words and codes stay, so
    staff can still read what the screen said."""
    text = "".join(ch if ch.isprintable() else " " for ch in text[:MAX_MESSAGE])
    text = text.translate(FULLWIDTH_DIGITS)
    text = EMAIL.sub(MASK, text)
    text = CARD_TAIL.sub(lambda m: m.group(1) + MASK, text)
    text = MASKED_NUMBER.sub(MASK, text)
    text = LONG_DIGITS.sub(MASK, text)
    text = AMOUNT.sub(MASK, text)
    text = LABELLED_NAME.sub(lambda m: m.group(1) + ":" + MASK, text)
    text = NAME_INTRO.sub(lambda m: m.group(1) + MASK, text)
    return re.sub(r"\s+", " ", text).strip()
