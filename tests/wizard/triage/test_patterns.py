"""Patterns as staff keep them (wizard/models/), loaded and shared per version
(wizard/triage/patterns.py), and the messages none of them recognised."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from tests.factories import ProviderFactory
from tests.wizard.decoder.conftest import SEED
from wizard.models import MessagePattern, PatternStatus, UnmatchedMessage
from wizard.triage import patterns as shared
from wizard.triage.patterns import current_patterns, note_unmatched, read_message, record_miss

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)


def pattern(**values) -> MessagePattern:  # type: ignore[no-untyped-def]
    defaults = {
        "phrases": "余额不足",
        "symptom": "insufficient_funds",
        "explanation_zh": "钱不够。",
        "explanation_en": "Not enough money.",
        "next_step_zh": "存钱再试。",
        "next_step_en": "Top up and retry.",
        "source": "https://example.com/table",
        "status": PatternStatus.LIVE,
    }
    return MessagePattern(**{**defaults, **values})


def messages_of(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def test_a_code_needs_its_namespace_and_a_namespace_its_code():
    with pytest.raises(ValidationError) as caught:
        pattern(phrases="", code="61").full_clean()
    assert "码表" in messages_of(caught.value)
    with pytest.raises(ValidationError):
        pattern(code_namespace="unionpay_f39").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        pattern(phrases="", code="61").save()


def test_a_pattern_must_match_something_and_a_vendor_table_must_be_named():
    with pytest.raises(ValidationError) as caught:
        pattern(phrases="").full_clean()
    assert "至少要填一项" in messages_of(caught.value)
    with pytest.raises(ValidationError) as caught:
        pattern(code="90000000", code_namespace="vendor").full_clean()
    assert "哪家公司" in messages_of(caught.value)
    pattern(code="90000000", code_namespace="vendor", vendor_name="汇付").full_clean()


def test_a_regex_re2_refuses_is_refused_in_chinese():
    with pytest.raises(ValidationError) as caught:
        pattern(regex=r"(余额)\1").full_clean()
    assert "RE2" in caught.value.message_dict["regex"][0]
    pattern(regex=r"(a+)+$").full_clean()


def test_alternatives_must_be_known_problem_codes_other_than_the_problem_itself():
    with pytest.raises(ValidationError) as caught:
        pattern(alternatives=["no_such_problem"]).full_clean()
    assert "no_such_problem" in caught.value.message_dict["alternatives"][0]
    with pytest.raises(ValidationError):
        pattern(alternatives="card_problem").full_clean()
    with pytest.raises(ValidationError):
        pattern(alternatives=["insufficient_funds"]).full_clean()
    pattern(alternatives=["limit_exceeded", "risk_control"]).full_clean()


def test_a_question_comes_in_both_languages_or_not_at_all():
    with pytest.raises(ValidationError):
        pattern(question_zh="换过手机号吗?").full_clean()


def test_facts_carry_the_provider_slug_and_the_phrases_one_per_line():
    huabei = ProviderFactory(slug="huabei")
    saved = pattern(
        provider=huabei, phrases="余额不足\n\n  请充值 \n", code="acq.x", code_namespace="alipay"
    )
    saved.full_clean()
    saved.save()
    facts = saved.facts()
    assert facts.provider == "huabei"
    assert (facts.phrases, facts.code) == (("余额不足", "请充值"), "ACQ.X")


def test_the_seed_patterns_load_once_and_staff_edits_are_kept():
    call_command("load_patterns", verbosity=0)
    total = len(json.loads(SEED.read_text(encoding="utf-8")))
    assert MessagePattern.objects.live().count() == total
    edited = MessagePattern.objects.get(key="funds-balance-short")
    edited.explanation_zh = "员工改过的解释。"
    edited.save()
    call_command("load_patterns", verbosity=0)
    assert MessagePattern.objects.count() == total
    edited.refresh_from_db()
    assert edited.explanation_zh == "员工改过的解释。"
    call_command("load_patterns", "--update", verbosity=0)
    edited.refresh_from_db()
    assert edited.explanation_zh != "员工改过的解释。"


def test_every_seed_pattern_is_honest_about_where_it_comes_from():
    for record in json.loads(SEED.read_text(encoding="utf-8")):
        assert record["source"] and record["certainty"] in {"official", "secondary", "weak"}
        assert record["checked_on"] and record["explanation_en"] and record["next_step_en"]


def test_the_pattern_set_is_built_once_per_version(monkeypatch, shipped_patterns):
    builds = []
    real = shared.shared_patterns.build

    def counting():  # type: ignore[no-untyped-def]
        builds.append(1)
        return real()

    monkeypatch.setattr(shared.shared_patterns, "build", counting)
    for _ in range(5):
        assert read_message("买家余额不足", provider=None, channel=None, language="zh-hans").matched
    assert len(builds) == 1
    new = pattern(phrases="还款通道拥堵", symptom="channel_unavailable")
    new.save()  # a new version
    reading = read_message("还款通道拥堵", provider=None, channel=None, language="zh-hans")
    assert reading.symptom == "channel_unavailable" and len(builds) == 2
    read_message("还款通道拥堵", provider=None, channel=None, language="zh-hans")
    assert len(builds) == 2
    new.delete()
    assert not read_message("还款通道拥堵", provider=None, channel=None, language="en").matched
    assert len(builds) == 3


def test_drafts_are_not_read_and_a_broken_regex_row_is_left_out():
    pattern(phrases="草稿里的词", status=PatternStatus.DRAFT).save()
    MessagePattern.objects.bulk_create([pattern(phrases="坏的规则", regex=r"(x)\1")])
    pattern(phrases="好的规则").save()
    assert not read_message("草稿里的词", provider=None, channel=None, language="zh-hans").matched
    assert not read_message("坏的规则", provider=None, channel=None, language="zh-hans").matched
    assert read_message("好的规则", provider=None, channel=None, language="zh-hans").matched
    assert len(current_patterns()) == 1


def test_unmatched_messages_are_grouped_by_their_normalised_text_and_counted():
    for text, provider in (
        ("您尾号8812的卡：神秘错误ＸＹ", "huabei"),
        ("您尾号1234的卡:神秘错误xy", "huabei"),
        ("您尾號5678的卡：神秘錯誤XY", "cmb"),
        ("另一种没见过的提示", "huabei"),
    ):
        assert note_unmatched(text=text, provider=provider, channel="app", now=NOW)
    later = NOW + dt.timedelta(hours=1)
    note_unmatched(text="另一种没见过的提示", provider="huabei", channel="app", now=later)
    note_unmatched(text="另一种没见过的提示", provider="huabei", channel="app", now=later)
    first, second = UnmatchedMessage.objects.most_frequent()
    assert (first.count, first.normalised) == (3, "另一种没见过的提示")
    assert first.provider_slug == "huabei"
    assert (first.first_seen, first.last_seen) == (NOW, later)
    assert second.count == 3 and second.provider_slug == ""  # seen under two providers
    assert "8812" not in second.example and second.example.startswith("您尾号***")


def test_an_unmatched_message_is_redacted_before_it_is_kept():
    note_unmatched(
        text="户名：张三 手机13812345678 卡号6222021234567890123 扣款500.00元 怪提示",
        provider=None, channel=None, now=NOW,
    )  # fmt: skip
    kept = UnmatchedMessage.objects.get()
    for secret in ("张三", "13812345678", "6222021234567890123", "500.00"):
        assert secret not in kept.example and secret not in kept.normalised


def test_only_a_reading_that_matched_nothing_is_recorded(shipped_patterns):
    matched = read_message("买家余额不足", provider=None, channel=None, language="zh-hans")
    assert not record_miss(matched, text="买家余额不足", provider=None, channel=None, now=NOW)
    missed = read_message("前所未见的提示", provider=None, channel=None, language="zh-hans")
    assert record_miss(missed, text="前所未见的提示", provider=None, channel=None, now=NOW)
    assert UnmatchedMessage.objects.get().example == "前所未见的提示"


def test_an_empty_message_is_not_kept():
    assert not note_unmatched(text=" \x00 ", provider=None, channel=None, now=NOW)
    assert not UnmatchedMessage.objects.exists()
