"""Personal data in a feedback comment is masked before it is stored (wizard/redaction.py)."""

from __future__ import annotations

import pytest

from tests.wizard.helpers import case_for, finishes_within, owners_browser, recent_answers
from wizard.models import Case
from wizard.redaction import redact_message

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("卡号6222 0212 3456 7890 123扣了两次", "卡号***扣了两次"),
        ("身份证110101199003074518", "身份证***"),
        ("打13812345678找我", "打***找我"),
        ("我叫张伟,还是不行", "我叫***,还是不行"),
        ("张伟", "***"),
        ("邮箱 a.b@example.com", "邮箱 ***"),
        ("已经还上了,谢谢", "已经还上了,谢谢"),
        ("余额不足", "余额不足"),
        ("白条,还上了", "白条,还上了"),
        ("等了3天才到账", "等了3天才到账"),
    ],
)
def test_personal_data_in_a_comment_is_masked_before_it_is_stored(bank, typed, kept):
    case = case_for(recent_answers())
    owners_browser(case).post(
        f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": typed}
    )
    assert Case.objects.get().comment == kept


@pytest.mark.parametrize(
    ("message", "kept"),
    [
        ("尾号8812的储蓄卡余额不足", "尾号***的储蓄卡余额不足"),
        ("6222********1234 支付失败", "*** 支付失败"),
        ("您****1234的卡余额不足", "您***的卡余额不足"),
        ("卡号6222021234567890123扣款失败", "卡号***扣款失败"),
        ("预留手机138 1234 5678不一致", "预留手机***不一致"),
        ("身份证11010119900307451X校验失败", "身份证***校验失败"),
        ("户名：张三丰 与银行预留不符", "户名:*** 与银行预留不符"),
        ("持卡人: 李四,认证失败", "持卡人:***,认证失败"),
        ("还款500.00元失败", "还款***元失败"),
        ("￥1,234 未还", "*** 未还"),
        ("邮箱 a.b@example.com 通知", "邮箱 *** 通知"),
    ],
)
def test_personal_data_in_a_payment_message_is_masked(message, kept):
    from wizard.redaction import redact_message

    assert redact_message(message) == kept


@pytest.mark.parametrize(
    "message",
    [
        "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能(200013)",
        "姓名与证件号码不一致",
        "交易存在风险 (90000000)",
        "余额不足交易次数超过单日限制[100018]",
        "ACQ.BUYER_BALANCE_NOT_ENOUGH",
        "respCode=61",
    ],
)
def test_the_words_and_codes_of_a_payment_message_stay_readable(message):
    from wizard.redaction import redact_message

    assert redact_message(message) == message


def test_a_payment_message_loses_control_characters_and_stops_at_2000_characters():
    from wizard.redaction import redact_message

    assert redact_message("余额\x00不足\x1b") == "余额 不足"
    assert len(redact_message("余" * 5000)) == 2000


@pytest.mark.parametrize(
    "text",
    [
        "6222021234567890123 13812345678 110101199003074518 " * 30,
        "1 " * 1000,
        "12 " * 600 + "x",
        "1" * 2000,
        "*" * 1000 + "1" * 1000,
    ],
)
def test_redacting_a_long_run_of_digits_finishes_at_once(text):
    """A regular expression that could try every way of splitting a run of digits would hang
    here (a person's paste, or a script's); SIGALRM stops the test instead of the suite."""
    with finishes_within(10, "redaction"):
        redacted = redact_message(text)
    assert not any(run in redacted for run in ("6222021234567890123", "13812345678", "1111111"))
