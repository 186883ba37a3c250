"""Personal data in a feedback comment is masked before it is stored (wizard/redaction.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.wizard.helpers import case_for, recent_answers
from wizard.models import Case

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
    Client().post(f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": typed})
    assert Case.objects.get().comment == kept
