"""Adding labelled messages to the corpus by its split rule (wizard/decoder/corpus/README.md,
rule 4): a new message never moves an old one; it joins the side of a group it belongs to, or
its new group goes to the held-out part when its hash says so. Pure: records in, records out;
manage.py corpus_add reads and writes the files.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from wizard.decoder.evaluation import DisjointSets, LabelError, item_from

SEED = "issue-22-corpus-v1"
HELD_OUT_SHARE = 0.30
NEAR = 0.75  # bigram Jaccard at which two messages are one group
NEAR_TESTS = 0.6  # ... at which a message is too close to the test held-out set or the seed
TABLE_CHUNK = 6  # consecutive rows of one source table that form one group
LEARN, HELD_OUT = "learn", "heldout"
NOT_FAILURE = "not_failure"
NO_MATCH = "no_match"
PROBLEMS = frozenset(
    {
        "insufficient_funds",
        "limit_exceeded",
        "info_mismatch",
        "card_problem",
        "risk_control",
        "channel_unavailable",
        "timeout",
        "deducted_not_credited",
        "no_repay_option",
        "declined",
    }
)
KINDS = frozenset(
    {
        "transaction_notice",
        "repayment_success",
        "reminder",
        "overdue_notice",
        "otp",
        "marketing",
        "account_notice",
        "statement",
        "success",
        "question",
    }
)


def key(text: str) -> str:
    """What makes two messages the same: NFKC, no whitespace, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def message_id(text: str) -> str:
    return "m" + hashlib.sha1(key(text).encode()).hexdigest()[:10]


def chinese(text: str) -> str:
    """The Chinese characters alone (codes, digits, masks and punctuation removed)."""
    return re.sub(r"[^\u4e00-\u9fff]", "", unicodedata.normalize("NFKC", text))


def bigrams(text: str) -> frozenset[str]:
    characters = chinese(text)
    return frozenset(characters[i : i + 2] for i in range(len(characters) - 1))


def similarity(first: frozenset[str], second: frozenset[str]) -> float:
    return len(first & second) / len(first | second) if first and second else 0.0


def held_out_by_hash(smallest_id: str) -> bool:
    digest = hashlib.sha256(f"{SEED}|{smallest_id}".encode()).hexdigest()
    return int(digest, 16) / 2**256 < HELD_OUT_SHARE


@dataclass
class Addition:
    """What an addition does: the new records for each side, and the messages left out."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {LEARN: [], HELD_OUT: []})
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text, why)

    def families(self, side: str) -> Counter[str]:
        return Counter(row["family"] for row in self.rows[side])


def record_from(raw: Any, *, line: int) -> dict[str, Any]:
    """A corpus record from a labelled line: LabelError (naming the line) when it cannot be
    one. Needs text, symptom or accept, outcome and source; a message that is no payment
    failure needs its kind."""
    item = item_from(raw, line=line)
    where = f"line {line}: "
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise LabelError(f"{where}source: every message needs the source it was found in")
    record: dict[str, Any] = {"id": message_id(item.text), "text": item.text}
    if item.failure:
        unknown = [problem for problem in item.accept if problem not in PROBLEMS]
        if unknown:
            raise LabelError(f"{where}symptom: {unknown[0]!r} is not one of the wizard's problems")
        money_taken = item.accept[0] == "deducted_not_credited"
        if money_taken != (item.outcome == "deducted"):
            raise LabelError(
                f"{where}outcome: money taken is deducted, and deducted is money taken"
            )
        record["symptom"] = item.accept[0]
        if len(item.accept) > 1:
            record["accept"] = list(dict.fromkeys(item.accept))
        record["outcome"] = item.outcome
        record["family"] = item.accept[0]
    else:
        kind = raw.get("kind")
        if kind not in KINDS:
            raise LabelError(
                f"{where}kind: a no_match message needs one of {', '.join(sorted(KINDS))}"
            )
        record.update(symptom=None, outcome=NO_MATCH, family=NOT_FAILURE, kind=kind)
    record["source"] = source.strip()
    record["table"] = str(raw.get("table") or "")
    record["code"] = str(raw.get("code") or "")
    if raw.get("note"):
        record["note"] = str(raw["note"])
    return record


def add(
    records: Iterable[dict[str, Any]],
    existing: dict[str, list[dict[str, Any]]],
    *,
    tests: Iterable[str] = (),
    built_from: Iterable[str] = (),
) -> Addition:
    """Place new records by rule 4. A message the corpus already has (the same text after
    `key`) or that the file repeats is dropped; a near duplicate stays, on the side of the
    group it joins. New messages group by the same Chinese characters, a bigram Jaccard of
    NEAR or more, or (when they name a `table`) the same chunk of TABLE_CHUNK consecutive rows
    of it; a record without a table (a consumer's post) groups by wording only."""
    addition = Addition()
    old = [
        (side, row, bigrams(row["text"])) for side in (LEARN, HELD_OUT) for row in existing[side]
    ]
    old_keys = {key(row["text"]) for _side, row, _grams in old}
    kept: list[dict[str, Any]] = []
    kept_grams: list[frozenset[str]] = []
    kept_keys: set[str] = set()
    for record in records:
        text_key = key(record["text"])
        if text_key in old_keys:
            addition.dropped.append((record["text"], "already in the corpus"))
        elif text_key in kept_keys:
            addition.dropped.append((record["text"], "repeated in the file"))
        else:
            kept.append(dict(record))
            kept_grams.append(bigrams(record["text"]))
            kept_keys.add(text_key)
    rows_of_table: Counter[str] = Counter()
    chunks: list[tuple[str, int] | None] = []
    for record in kept:
        table = record.get("table") or ""
        chunks.append((table, rows_of_table[table] // TABLE_CHUNK) if table else None)
        if table:
            rows_of_table[table] += 1
    sets = DisjointSets()
    for i in range(len(kept)):
        for j in range(i):
            same_words = chinese(kept[i]["text"]) and chinese(kept[i]["text"]) == chinese(
                kept[j]["text"]
            )
            same_chunk = chunks[i] is not None and chunks[i] == chunks[j]
            if same_words or same_chunk or similarity(kept_grams[i], kept_grams[j]) >= NEAR:
                sets.join(i, j)
    groups: dict[int, list[int]] = {}
    for index in range(len(kept)):
        groups.setdefault(sets.find(index), []).append(index)
    tests_grams = [bigrams(text) for text in tests]
    built_grams = [bigrams(text) for text in built_from]
    for members in groups.values():
        side, group = _place([kept[i] for i in members], [kept_grams[i] for i in members], old)
        if side is None:
            smallest = min(kept[i]["id"] for i in members)
            group = "g" + smallest[1:]
            grams = [kept_grams[i] for i in members]
            if any(similarity(g, t) >= NEAR_TESTS for g in grams for t in tests_grams):
                side = HELD_OUT
            elif any(similarity(g, b) >= NEAR_TESTS for g in grams for b in built_grams):
                side = LEARN
            else:
                side = HELD_OUT if held_out_by_hash(smallest) else LEARN
        for i in members:
            addition.rows[side].append({**kept[i], "group": group})
    return addition


def _place(
    members: list[dict[str, Any]],
    grams: list[frozenset[str]],
    old: list[tuple[str, dict[str, Any], frozenset[str]]],
) -> tuple[str | None, str]:
    """The side and group of the existing messages a new group joins (the same Chinese
    characters or a near duplicate); on both sides, the side of the most similar one."""
    best: tuple[float, str, str] | None = None
    sides: set[str] = set()
    for member, member_grams in zip(members, grams, strict=True):
        characters = chinese(member["text"])
        for side, row, row_grams in old:
            score = 1.0 if characters and characters == chinese(row["text"]) else 0.0
            score = max(score, similarity(member_grams, row_grams))
            if score >= NEAR:
                sides.add(side)
                if best is None or score > best[0]:
                    best = (score, side, row["group"])
    if best is None:
        return None, ""
    return (best[1] if len(sides) > 1 else sides.pop()), best[2]
