"""What the decoder reads a message as: outcome first, then the problems, best first."""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.wizard.decoder.conftest import EXAMPLES, HELD_OUT, labelled
from wizard.decoder import (
    PatternError,
    PatternFacts,
    PatternSet,
    decode,
)
from wizard.decoder.matching import compile_regex
from wizard.decoder.normalise import normalise

HELD_OUT_TARGET = 0.9
LEARN = Path(__file__).resolve().parents[3] / "wizard" / "decoder" / "corpus" / "learn.jsonl"


def one(**values) -> PatternSet:  # type: ignore[no-untyped-def]
    values.setdefault("explanation_zh", "解释")
    values.setdefault("explanation_en", "explanation")
    values.setdefault("next_step_zh", "下一步")
    values.setdefault("next_step_en", "next step")
    return PatternSet.of([PatternFacts(id=1, **values)])


@pytest.mark.parametrize("example", labelled(EXAMPLES), ids=lambda e: e["text"][:24])
def test_every_labelled_example_reads_as_its_label(seed_set, example):
    reading = decode(
        example["text"], patterns=seed_set, provider=example["provider"], channel=example["channel"]
    )
    assert (reading.symptom, reading.outcome) == (example["symptom"], example["outcome"])


def test_there_are_at_least_80_labelled_examples_with_sources():
    examples = labelled(EXAMPLES)
    assert len(examples) >= 80
    assert all(example["source"] for example in examples)


def test_held_out_messages_are_read_right_nine_times_in_ten_and_every_unknown_is_flagged(seed_set):
    items = labelled(HELD_OUT)
    assert len(items) >= 40
    results = Counter()
    for item in items:
        reading = decode(
            item["text"], patterns=seed_set, provider=item["provider"], channel=item["channel"]
        )
        results["right"] += (reading.symptom, reading.outcome) == (item["symptom"], item["outcome"])
        if item["outcome"] in ("unknown", "deducted"):
            assert reading.may_have_left, item["text"]
    assert results["right"] / len(items) >= HELD_OUT_TARGET, results


@pytest.mark.parametrize(
    "message",
    [
        "正在处理中,支付结果未知(有可能已经支付成功)",
        "订单支付中，请勿重复支付",
        "交易处理中，请稍后查询",
        "余额不足，交易结果未知",
        "交易已受理，请稍后查询交易结果",
    ],
)
def test_a_message_saying_money_may_have_left_is_flagged_unknown_even_beside_a_failure(
    seed_set, message
):
    reading = decode(message, patterns=seed_set)
    assert reading.outcome == "unknown" and reading.may_have_left


def test_money_taken_outweighs_an_unknown_crediting(seed_set):
    reading = decode("扣款成功，销账未知", patterns=seed_set)
    assert reading.outcome == "deducted" and reading.symptom == "deducted_not_credited"


@pytest.mark.parametrize(
    ("message", "namespace"),
    [
        ("ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "alipay"),
        ("NOTENOUGH", "wechat_pay"),
        ("respCode=64", "unionpay_online"),
        ("39域:51", "unionpay_f39"),
    ],
)
def test_a_code_with_its_namespace_is_read_alone(seed_set, message, namespace):
    reading = decode(message, patterns=seed_set)
    assert reading.symptom == "insufficient_funds"
    assert seed_set.facts[reading.pattern - 1].code_namespace == namespace


def test_a_vendor_code_is_read_only_with_its_phrases():
    patterns = one(
        symptom="risk_control", phrases=("交易存在风险",), code="90000000",
        code_namespace="vendor", vendor_name="汇付",
    )  # fmt: skip
    assert decode("交易存在风险(90000000)", patterns=patterns).symptom == "risk_control"
    assert decode("(90000000)", patterns=patterns).outcome == "no_match"
    assert decode("交易存在风险", patterns=patterns).outcome == "no_match"


def test_the_same_two_digits_mean_different_things_in_each_table(seed_set):
    assert decode("respCode=61", patterns=seed_set).symptom == "info_mismatch"
    assert decode("F39=61", patterns=seed_set).symptom == "limit_exceeded"


def test_a_bare_two_digit_code_is_never_read_without_its_namespace(seed_set):
    for code in ("61", "51", "05", "68", "64"):
        reading = decode(f"({code})", patterns=seed_set)
        assert reading.outcome == "no_match", code
    patterns = one(symptom="limit_exceeded", code="61", code_namespace="unionpay_f39")
    assert decode("失败(61)", patterns=patterns).outcome == "no_match"
    assert decode("F39:61", patterns=patterns).symptom == "limit_exceeded"


def test_a_bare_code_supports_a_pattern_whose_phrases_say_its_table():
    patterns = one(
        symptom="limit_exceeded", phrases=("交易金额超限",), code="61",
        code_namespace="unionpay_f39",
    )  # fmt: skip
    assert decode("交易金额超限(61)", patterns=patterns).symptom == "limit_exceeded"
    assert decode("交易金额超限(33)", patterns=patterns).outcome == "no_match"


def test_the_mismatch_or_not_enabled_message_asks_whether_the_phone_changed(seed_set):
    reading = decode(
        "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能(200013)", patterns=seed_set
    )
    assert reading.symptom == "info_mismatch"
    assert [c.symptom for c in reading.candidates][:2] == ["info_mismatch", "channel_unavailable"]
    assert "预留手机号" in reading.question and "换" in reading.question
    english = decode(
        "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能", patterns=seed_set,
        language="en",
    )  # fmt: skip
    assert "phone number" in english.question and "change" in english.question


def test_a_limit_without_its_kind_asks_which_limit(seed_set):
    assert "单笔" in decode("交易金额超限", patterns=seed_set).question


def test_candidates_are_best_first_one_per_problem_with_alternatives_lower(seed_set):
    message = "余额不足交易次数超过单日限制，请确认账户余额充足后次日再发起"
    reading = decode(message, patterns=seed_set)
    symptoms = [c.symptom for c in reading.candidates]
    assert symptoms[0] == "insufficient_funds"
    assert len(symptoms) == len(set(symptoms))
    assert "limit_exceeded" in symptoms
    assert all(0 < c.score <= 1 for c in reading.candidates)


def test_provider_and_channel_narrow_the_patterns():
    patterns = one(symptom="no_repay_option", phrases=("还款失败",), provider="huabei")
    assert decode("还款失败", patterns=patterns, provider="huabei").matched
    assert decode("还款失败", patterns=patterns).matched  # not said: every pattern may apply
    assert not decode("还款失败", patterns=patterns, provider="cmb").matched
    by_channel = one(symptom="declined", phrases=("扣款失败",), channel="autopay")
    assert decode("扣款失败", patterns=by_channel, channel="autopay").matched
    assert not decode("扣款失败", patterns=by_channel, channel="app").matched


def test_an_unrecognised_message_says_what_is_safe_in_each_language(seed_set):
    reading = decode("今天天气不错", patterns=seed_set)
    assert (reading.outcome, reading.candidates, reading.pattern) == ("no_match", (), None)
    assert reading.to_dict()["candidates"] == [] and reading.explanation
    english = decode("今天天气不错", patterns=seed_set, language="en")
    assert english.next_step.startswith("First check")


def test_the_json_has_exactly_the_documented_shape(seed_set):
    data = decode("交易金额超限(61)", patterns=seed_set).to_dict()
    assert list(data) == [
        "outcome",
        "candidates",
        "question",
        "explanation",
        "next_step",
        "decided_by",
        "because",
    ]
    assert set(data["candidates"][0]) == {"symptom", "score", "pattern"}
    assert data["candidates"][0]["score"] == round(data["candidates"][0]["score"], 2)


def test_an_unknown_language_is_refused(seed_set):
    with pytest.raises(ValueError):
        decode("余额不足", patterns=seed_set, language="fr")


def test_a_regex_re2_refuses_is_a_pattern_error_and_one_that_would_backtrack_is_fine():
    with pytest.raises(PatternError):
        one(symptom="timeout", regex=r"(a)\1")  # a back-reference: RE2 refuses it
    patterns = one(symptom="timeout", regex=r"(a+)+$")
    started = time.perf_counter()
    reading = decode("a" * 1999 + "b", patterns=patterns)
    assert time.perf_counter() - started < 0.05
    assert reading.outcome == "no_match"
    assert decode("aaaa", patterns=patterns).symptom == "timeout"


@pytest.mark.parametrize(
    "hostile",
    [
        "余额不足" * 2500,  # 10,000 characters
        "\x00\x01\x02余额\x1b[31m不足\x7f",
        "<script>alert('余额不足')</script>",
        "'; DROP TABLE wizard_messagepattern; --",
        "a" * 5000 + "(" * 3000,
        "",
        "   ",
        "\ud800",  # a lone surrogate
    ],
    ids=[
        *("10000 chars", "control", "markup", "sql"),
        *("backtracking-looking", "empty", "blank", "surrogate"),
    ],
)
def test_hostile_input_is_read_quickly_without_an_error(seed_set, hostile):
    started = time.perf_counter()
    reading = decode(hostile, patterns=seed_set)
    assert time.perf_counter() - started < 0.05
    assert reading.outcome in ("failed", "unknown", "deducted", "no_match")
    assert "<script>" not in reading.normalised


def test_a_pattern_set_survives_pickling_as_its_facts(seed_set):
    import pickle

    copy = pickle.loads(pickle.dumps(seed_set))
    assert copy.facts == seed_set.facts
    assert decode("买家余额不足", patterns=copy).symptom == "insufficient_funds"


def test_patterns_that_are_a_regex_alone_match_exactly_where_their_regex_does(seed_set):
    """They are scanned together (one RE2 set); each must still match where, and only where,
    its own expression does, as it would alone."""
    regex_only = [f for f in seed_set.facts if f.regex and not f.phrases and not f.code]
    assert len(regex_only) >= 5
    texts = [json.loads(line)["text"] for line in LEARN.read_text(encoding="utf-8").splitlines()]
    texts += ["", "还款失败了，可是银行卡被扣了钱", "请先还清逾期账单", "花呗没有自动扣款"]
    matched_somewhere = set()
    for text in texts:
        message = normalise(text)
        found = {m.pattern.id for m in seed_set.matches(message)}
        for facts in regex_only:
            alone = compile_regex(facts.regex).search(message.text) is not None
            assert (facts.id in found) == alone, (facts.id, text)
            if alone:
                matched_somewhere.add(facts.id)
    assert matched_somewhere == {f.id for f in regex_only}, "every one is exercised"
