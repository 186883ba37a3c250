"""A message as the decoder reads it: one spelling for the many ways a screen or an SMS
writes the same words, with the response codes taken out and named.

Full-width letters and digits become half-width (NFKC), traditional characters simplified
(OpenCC's t2s), case folded, punctuation and spaces unified, masked or long digit runs
(尾号8812, ****1234, 6222********1234, amounts) replaced by one placeholder, and codes
pulled out with the namespace that gives them a meaning. A bare code, such as "(61)", keeps
no namespace: the same two digits mean different things in different tables (the UnionPay
field-39 "61" is an amount limit, the online respCode "61" an invalid card number), so it is
only ever read together with phrases that say which table it comes from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, partial

MAX_MESSAGE = 2000
# Stands for any masked or long run of digits, so that messages differing only in a card
# tail, an amount or a date group together.
PLACEHOLDER = "#"


class Namespace(StrEnum):
    """The tables a response code can come from; a code means nothing outside its table."""

    UNIONPAY_F39 = "unionpay_f39"
    UNIONPAY_ONLINE = "unionpay_online"
    ALIPAY = "alipay"
    WECHAT_PAY = "wechat_pay"
    VENDOR = "vendor"


@dataclass(frozen=True)
class Code:
    """A response code found in a message; `namespace` is None when the text does not say."""

    namespace: str | None
    value: str


@dataclass(frozen=True)
class Normalised:
    text: str
    codes: tuple[Code, ...] = ()


# WeChat Pay's error codes (the micropay and refund tables); upper-case words of their own.
WECHAT_CODES = frozenset(
    {
        "NOTENOUGH",
        "SYSTEMERROR",
        "USERPAYING",
        "BANKERROR",
        "NOTSUPORTCARD",
        "ORDERPAID",
        "ORDERCLOSED",
        "ORDERREVERSED",
        "AUTHCODEEXPIRE",
        "AUTH_CODE_INVALID",
        "AUTH_CODE_ERROR",
        "PAYERROR",
        "BUYER_MISMATCH",
        "TRADE_ERROR",
        "NOAUTH",
        "XML_FORMAT_ERROR",
        "FREQUENCY_LIMITED",
    }
)

# Control and format characters, and lone surrogates (which no encoder takes).
CONTROL = re.compile(
    r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]"
)
WORD_EDGE_BEFORE = r"(?<![A-Za-z0-9_.])"
WORD_EDGE_AFTER = r"(?![A-Za-z0-9_])"
ALIPAY_CODE = re.compile(WORD_EDGE_BEFORE + r"(ACQ\.[A-Za-z][A-Za-z_]{2,60})" + WORD_EDGE_AFTER)
WECHAT_CODE = re.compile(
    WORD_EDGE_BEFORE
    + "("
    + "|".join(sorted(WECHAT_CODES, key=len, reverse=True))
    + ")"
    + WORD_EDGE_AFTER,
    re.IGNORECASE,
)
# The online (全渠道) specification names its field 应答码 / respCode; "39域" / F39 is the
# card network's field 39.
ONLINE_CODE = re.compile(
    r"(?:resp_?code|应答码|返回码|响应码)\s*[:=]?\s*[(\[]?\s*([0-9A-Za-z]{2,8})\s*[)\]]?",
    re.IGNORECASE,
)
F39_CODE = re.compile(
    r"(?:f39|39域|第39域|field\s*39)\s*[:=]?\s*[(\[]?\s*([0-9A-Za-z]{2})(?![0-9A-Za-z])",
    re.IGNORECASE,
)
LABELLED_CODE = re.compile(
    r"(?:错误码|错误代码|错误编号|错误号|代码|err_?code|error_?code|code)\s*[:=]?\s*[(\[]?\s*"
    r"([0-9A-Za-z][0-9A-Za-z_.]{1,39})\s*[)\]]?",
    re.IGNORECASE,
)
# (51), [100018], 【P1】, (51B3): digits with at most a letter or two, in brackets.
BRACKETED_CODE = re.compile(
    r"[(\[【<]\s*((?=[0-9A-Za-z]{2})[A-Za-z]{0,2}\d[0-9A-Za-z]{0,9})\s*[)\]】>]"
)

# Each repetition takes one character, so an unmasked run of digits fails in linear time
# ("(?:[0-9]+\s?)*" would try every way of splitting it: minutes for three long numbers).
MASKED_DIGITS = re.compile(r"(?:[0-9]\s?)*[*•●]{2,}(?:\s?[0-9*•●])*|[0-9]+[xX]{3,}[0-9]*")
TAIL_DIGITS = re.compile(r"(尾号|末四位|末4位|后四位|后4位)\s*[0-9]{3,4}")
# Three digits or more (card and phone numbers, amounts, dates written as 20261201) carry
# nothing the decoder needs once the codes are out.
LONG_NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
# Most specific first: a labelled code is taken before the brackets around it are.
CODE_FORMS: tuple[tuple[re.Pattern[str], str | None], ...] = (
    (ALIPAY_CODE, Namespace.ALIPAY),
    (WECHAT_CODE, Namespace.WECHAT_PAY),
    (ONLINE_CODE, Namespace.UNIONPAY_ONLINE),
    (F39_CODE, Namespace.UNIONPAY_F39),
    (LABELLED_CODE, None),
    (BRACKETED_CODE, None),
)
SPACES = re.compile(r"\s+")
CJK = r"\u3400-\u9fff\uf900-\ufaff"
SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}#])\s+|\s+(?=[{CJK}#])")
REPEATED_PLACEHOLDER = re.compile(r"#(?:\s*#)+")


@cache
def _to_simplified() -> object:
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    converter = _to_simplified()
    return str(converter.convert(text))  # type: ignore[attr-defined]


def clean_input(text: str) -> str:
    """The message cut to MAX_MESSAGE characters, control characters gone, lines joined."""
    text = text[:MAX_MESSAGE].replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return CONTROL.sub("", text)


def normalise(text: str) -> Normalised:
    """The message's words in one spelling, and the codes it quotes."""
    text = unicodedata.normalize("NFKC", clean_input(text))
    text = simplified(text)
    codes: list[Code] = []
    text = _take_codes(text, codes)
    text = TAIL_DIGITS.sub(lambda m: m.group(1) + PLACEHOLDER, text)
    text = MASKED_DIGITS.sub(PLACEHOLDER, text)
    text = LONG_NUMBER.sub(_long_number, text)
    text = text.casefold()
    text = "".join(_unified(ch) for ch in text)
    text = SPACES.sub(" ", text)
    text = REPEATED_PLACEHOLDER.sub(PLACEHOLDER, text)
    text = SPACE_NEXT_TO_CJK.sub("", text).strip()
    unique = tuple(dict.fromkeys(codes))
    return Normalised(text=text, codes=unique)


def normalise_phrase(phrase: str) -> str:
    """A pattern's phrase in the spelling messages are read in (codes are not taken out)."""
    text = unicodedata.normalize("NFKC", clean_input(phrase))
    text = simplified(text)
    text = TAIL_DIGITS.sub(lambda m: m.group(1) + PLACEHOLDER, text)
    text = MASKED_DIGITS.sub(PLACEHOLDER, text)
    text = LONG_NUMBER.sub(_long_number, text)
    text = "".join(_unified(ch) for ch in text.casefold())
    text = REPEATED_PLACEHOLDER.sub(PLACEHOLDER, SPACES.sub(" ", text))
    return SPACE_NEXT_TO_CJK.sub("", text).strip()


def normalise_code(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip().upper()


def _take_codes(text: str, codes: list[Code]) -> str:
    for form, namespace in CODE_FORMS:
        text = form.sub(partial(_take, codes, namespace), text)
    return text


def _take(codes: list[Code], namespace: str | None, match: re.Match[str]) -> str:
    codes.append(Code(str(namespace) if namespace else None, normalise_code(match.group(1))))
    return " "


def _long_number(match: re.Match[str]) -> str:
    digits = sum(ch.isdigit() for ch in match.group(0))
    return PLACEHOLDER if digits >= 3 else match.group(0)


def _unified(ch: str) -> str:
    """Every punctuation mark or symbol is a space, except the placeholder."""
    if ch == PLACEHOLDER:
        return ch
    category = unicodedata.category(ch)
    if category[0] in "PSZ":
        return " "
    return ch
