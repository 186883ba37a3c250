"""`manage.py decode`: the JSON it prints, standard input, and its one-line refusals."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def decode(*args: str, stdin: str | None = None) -> dict:
    out = io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        call_command("decode", *args, stdout=out)
    finally:
        sys.stdin = saved
    return json.loads(out.getvalue())


def refusal(*args: str, stdin: str | None = None) -> CommandError:
    with pytest.raises(CommandError) as caught:
        decode(*args, stdin=stdin)
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)
    return caught.value


def test_a_message_prints_the_documented_json(shipped_patterns):
    result = decode("--text", "交易金额超限(61)")
    assert list(result) == [
        "outcome",
        "candidates",
        "question",
        "explanation",
        "next_step",
        "decided_by",
        "because",
    ]
    assert result["outcome"] == "failed"
    assert result["candidates"][0]["symptom"] == "limit_exceeded"
    assert isinstance(result["candidates"][0]["pattern"], int)


def test_standard_input_and_english(shipped_patterns):
    result = decode("--text", "-", "--language", "en", stdin="正在處理中，支付結果未知\n")
    assert result["outcome"] == "unknown"
    assert result["next_step"].startswith("Do not pay again")


def test_any_text_is_answered_even_when_nothing_matches(shipped_patterns):
    for text in ("<script>alert(1)</script>", "\x1b[31m红字", "a" * 2000, "(61)"):
        result = decode("--text", text)
        assert result["outcome"] == "no_match" and result["candidates"] == []


def test_a_provider_narrows_the_patterns(shipped_patterns, bank):
    assert decode("--text", "买家余额不足", "--provider", "bank")["outcome"] == "failed"


@pytest.mark.parametrize(
    ("args", "stdin", "says"),
    [
        (("--text", ""), None, "empty"),
        (("--text", "   "), None, "empty"),
        (("--text", "-"), "", "empty"),
        (("--text", "余" * 2001), None, "2000"),
        (("--text", "-"), "余" * 2001, "2000"),
        (("--text", "余额不足", "--provider", "nobody"), None, "provider"),
        (("--text", "余额不足", "--language", "fr"), None, "language"),
        (("--text", "余额不足", "--channel", "pigeon"), None, "channel"),
    ],
)
def test_input_it_cannot_take_is_one_line_and_exit_status_2(args, stdin, says):
    assert says in str(refusal(*args, stdin=stdin))
