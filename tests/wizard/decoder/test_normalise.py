"""One spelling for the many ways a message is written, and codes with their namespaces."""

from __future__ import annotations

import pytest

from tests.wizard.helpers import finishes_within
from wizard.decoder import MAX_MESSAGE, Code, normalise


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("ＡＢＣ１２　余额不足！", "abc12余额不足"),  # full-width letters, digits, space, mark
        ("銀行卡餘額不足，請稍後再試", "银行卡余额不足请稍后再试"),  # traditional characters
        ("余额   不足\n\t请  充值", "余额不足请充值"),  # whitespace between Chinese words
        ("System   Error", "system error"),  # case and spaces in Latin text
        ("支付失败!!!请重试???", "支付失败请重试"),
        ("「支付」失败——请“重试”", "支付失败请重试"),
    ],
)
def test_width_script_case_spaces_and_punctuation_are_unified(written, read):
    assert normalise(written).text == read


@pytest.mark.parametrize(
    "written",
    [
        "您尾号8812的卡余额不足",
        "您尾号 8812 的卡余额不足",
        "您****1234的卡余额不足",
        "您6222********1234的卡余额不足",
        "您６２２２＊＊＊＊１２３４的卡余额不足",
        "您6222 0212 3456 7890的卡余额不足",
    ],
)
def test_card_numbers_whole_or_masked_become_one_placeholder(written):
    text = normalise(written).text
    assert text in {"您尾号#的卡余额不足", "您#的卡余额不足"}
    assert not any(ch.isdigit() for ch in text)


def test_messages_differing_only_in_amounts_and_tails_read_the_same():
    first = normalise("尾号1234的卡自动还款失败,1,234.50元未还")
    second = normalise("尾号9876的卡自动还款失败,88.00元未还")
    assert first.text == second.text


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("交易金额超限（61）", Code(None, "61")),
        ("交易金额超限(61)", Code(None, "61")),
        ("余额不足交易次数超过单日限制[100018]", Code(None, "100018")),
        ("订单支付中【51B3】", Code(None, "51B3")),
        (
            "ACQ.BUYER_BALANCE_NOT_ENOUGH 买家余额不足",
            Code("alipay", "ACQ.BUYER_BALANCE_NOT_ENOUGH"),
        ),  # noqa: E501
        ("ＡＣＱ．ＰＡＹＭＥＮＴ＿ＦＡＩＬ", Code("alipay", "ACQ.PAYMENT_FAIL")),
        ("respCode=66 验证失败", Code("unionpay_online", "66")),
        ("应答码:05 交易已受理", Code("unionpay_online", "05")),
        ("39域 51", Code("unionpay_f39", "51")),
        ("F39=61", Code("unionpay_f39", "61")),
        ("错误码:8021 银行卡余额不足", Code(None, "8021")),
        ("余额不足 NOTENOUGH", Code("wechat_pay", "NOTENOUGH")),
        ("systemerror", Code("wechat_pay", "SYSTEMERROR")),
        ("用户支付中 USERPAYING", Code("wechat_pay", "USERPAYING")),
    ],
)
def test_each_code_form_is_pulled_out_with_its_namespace(written, code):
    found = normalise(written)
    assert code in found.codes
    assert code.value.lower() not in found.text


def test_a_bare_two_digit_code_keeps_no_namespace():
    (code,) = normalise("交易失败(61)").codes
    assert code.namespace is None


def test_words_that_merely_contain_a_wallet_code_are_not_codes():
    assert normalise("SYSTEMERRORS happen").codes == ()
    assert normalise("<script>alert(1)</script>").codes == ()


def test_control_characters_go_and_long_input_is_cut():
    assert normalise("余额\x00不\x1b足\u200b").text == "余额不足"
    assert len(normalise("余" * (MAX_MESSAGE * 5)).text) == MAX_MESSAGE


def test_markup_is_just_text():
    assert normalise("<b>余额不足</b>").text == "b余额不足b"


@pytest.mark.parametrize(
    "text",
    [
        "交易失败 6222021234567890123 13812345678 110101199003074518 " * 20,
        "1 " * 1000,
        "12 " * 600 + "x",
        "*" * 1000 + "1" * 1000,
    ],
)
def test_long_runs_of_digits_are_normalised_at_once(text):
    """A pattern that could split a run of digits every way would hang here; SIGALRM stops
    the test instead of the suite."""
    with finishes_within(10, "normalising"):
        normalised = normalise(text)
    assert "6222021234567890123" not in normalised.text
