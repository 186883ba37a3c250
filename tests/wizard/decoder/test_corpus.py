"""The corpus of real messages: its shape, its labels and a split that measures generalisation."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from wizard.engine.answers import MessageOutcome, Symptom

BASE_DIR = Path(__file__).resolve().parents[3]
CORPUS = BASE_DIR / "wizard" / "decoder" / "corpus"
SIDES = ("learn", "heldout")
HELD_OUT_TESTS = Path(__file__).with_name("held_out.json")
FAMILIES = {s.value for s in Symptom} - {Symptom.OTHER.value} | {"not_failure"}
REQUIRED = {"id", "text", "symptom", "outcome", "family", "source", "table", "group"}


def normalised(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def read(side: str) -> list[dict[str, Any]]:
    lines = (CORPUS / f"{side}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[dict[str, Any]]]:
    return {side: read(side) for side in SIDES}


def every(corpus: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    return corpus["learn"] + corpus["heldout"]


def test_every_line_has_the_fields_and_an_id_made_from_its_text(corpus):
    for message in every(corpus):
        assert REQUIRED <= message.keys(), message
        assert message["text"].strip() and message["source"].strip()
        digest = hashlib.sha1(normalised(message["text"]).encode()).hexdigest()[:10]
        assert message["id"] == "m" + digest


def test_labels_are_the_wizards_problems_and_the_decoders_outcomes(corpus):
    outcomes = {o.value for o in MessageOutcome}
    for message in every(corpus):
        assert message["outcome"] in outcomes, message
        assert message["family"] in FAMILIES, message
        accept = message.get("accept")
        if message["family"] == "not_failure":
            assert message["symptom"] is None and accept is None
            assert message["outcome"] == MessageOutcome.NO_MATCH
            assert message["kind"]
            continue
        assert message["symptom"] == message["family"]
        assert message["outcome"] != MessageOutcome.NO_MATCH
        if accept is not None:
            assert accept[0] == message["symptom"] and len(set(accept)) == len(accept) > 1
            assert set(accept) <= FAMILIES - {"not_failure"}


def test_money_that_left_is_always_deducted(corpus):
    for message in every(corpus):
        deducted = message["symptom"] == Symptom.DEDUCTED_NOT_CREDITED
        assert deducted == (message["outcome"] == MessageOutcome.DEDUCTED), message


def test_the_corpus_is_large_and_covers_every_problem(corpus):
    messages = every(corpus)
    families = Counter(message["family"] for message in messages)
    assert len(messages) >= 600
    assert families["not_failure"] >= 80
    assert set(families) == FAMILIES
    outcomes = Counter(message["outcome"] for message in messages)
    assert outcomes[MessageOutcome.UNKNOWN] >= 30 and outcomes[MessageOutcome.DEDUCTED] >= 15


def test_messages_are_distinct(corpus):
    texts = [normalised(message["text"]) for message in every(corpus)]
    assert len(texts) == len(set(texts))


def test_the_split_is_about_seventy_thirty_within_every_family(corpus):
    held = Counter(message["family"] for message in corpus["heldout"])
    learn = Counter(message["family"] for message in corpus["learn"])
    for family in FAMILIES:
        assert held[family] >= 2 and learn[family] >= 2, family
        assert 0.15 <= held[family] / (held[family] + learn[family]) <= 0.5, family
    share = len(corpus["heldout"]) / len(every(corpus))
    assert 0.25 <= share <= 0.38


def test_no_text_and_no_near_duplicate_group_is_on_both_sides(corpus):
    learn, heldout = corpus["learn"], corpus["heldout"]
    assert not {normalised(m["text"]) for m in learn} & {normalised(m["text"]) for m in heldout}
    assert not {m["group"] for m in learn} & {m["group"] for m in heldout}


def test_the_tests_held_out_messages_are_never_learnt(corpus):
    written = {normalised(e["text"]) for e in json.loads(HELD_OUT_TESTS.read_text("utf-8"))}
    assert not written & {normalised(message["text"]) for message in corpus["learn"]}


def test_no_full_card_number_phone_number_or_name_is_kept(corpus):
    for message in every(corpus):
        text = message["text"]
        assert not re.search(r"\d{11,}", text), text
        assert not re.search(r"(?<!\d)1[3-9]\d{9}(?!\d)", text), text
        assert not re.search(r"\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}", text), text
