"""manage.py corpus_add: labelled messages join the corpus by its split rule (rule 4 of
wizard/decoder/corpus/README.md), never moving an old message. Pure files: no database."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from wizard.decoder.corpus import HELD_OUT, LEARN, add, held_out_by_hash, message_id

OLD = {
    "id": message_id("您尾号8812的储蓄卡余额不足，还款失败"),
    "text": "您尾号8812的储蓄卡余额不足，还款失败",
    "symptom": "insufficient_funds",
    "outcome": "failed",
    "family": "insufficient_funds",
    "source": "a test",
    "table": "t",
    "code": "",
    "group": "gold",
}


def corpus(tmp_path: Path, *, side: str = HELD_OUT) -> Path:
    tmp_path.mkdir()
    (tmp_path / "learn.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "heldout.jsonl").write_text("", encoding="utf-8")
    (tmp_path / f"{side}.jsonl").write_text(json.dumps(OLD, ensure_ascii=False) + "\n")
    return tmp_path


def labelled(tmp_path: Path, *lines: dict[str, Any] | str) -> Path:
    path = tmp_path / "new.jsonl"
    path.write_text(
        "".join(
            (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
            for line in lines
        ),
        encoding="utf-8",
    )
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("corpus_add", *args, stdout=out)
    return out.getvalue()


def rows(folder: Path, side: str) -> list[dict[str, Any]]:
    text = (folder / f"{side}.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def failure(text: str, symptom: str = "card_problem", **more: Any) -> dict[str, Any]:
    outcome = "deducted" if symptom == "deducted_not_credited" else "failed"
    return {"text": text, "symptom": symptom, "outcome": outcome, "source": "a page", **more}


def test_a_near_duplicate_joins_the_side_of_its_group_and_the_same_text_is_left_out(tmp_path):
    folder = corpus(tmp_path / "c", side=HELD_OUT)
    new = labelled(
        tmp_path,
        failure("您尾号8812的储蓄卡余额不足，还款失败", "insufficient_funds"),
        failure("您尾号0001的储蓄卡余额不足,还款失败!", "insufficient_funds"),
    )
    said = run("--file", str(new), "--corpus", str(folder), "--note", "set 99")
    held_out = rows(folder, HELD_OUT)
    assert [row["text"] for row in held_out][1:] == ["您尾号0001的储蓄卡余额不足,还款失败!"]
    assert held_out[1]["group"] == "gold" and held_out[1]["note"] == "set 99"
    assert rows(folder, LEARN) == [] and held_out[0] == OLD
    assert "left out 1 (already in the corpus)" in said


def test_a_new_group_goes_where_its_hash_says_and_rows_of_one_table_chunk_stay_together(
    tmp_path,
):
    folder = corpus(tmp_path / "c")
    texts = [f"卡片第{n}种状态异常{'甲乙丙丁戊己庚辛'[n]}" for n in range(8)]
    new = labelled(tmp_path, *(failure(t, table="one table") for t in texts))
    run("--file", str(new), "--corpus", str(folder))
    placed = {
        row["text"]: (side, row["group"])
        for side in (LEARN, HELD_OUT)
        for row in rows(folder, side)
        if row["text"] in texts
    }
    first_chunk = {placed[t] for t in texts[:6]}
    assert len(first_chunk) == 1  # six consecutive rows of one table: one group, one side
    side, group = first_chunk.pop()
    smallest = min(message_id(t) for t in texts[:6])
    assert group == "g" + smallest[1:]
    assert side == (HELD_OUT if held_out_by_hash(smallest) else LEARN)


def test_consumers_posts_without_a_table_group_by_wording_only():
    records = [
        {**failure(text), "id": message_id(text), "family": "card_problem", "table": ""}
        for text in ("我的卡被冻结了怎么办", "信用卡为什么突然不能刷了")
    ]
    addition = add(records, {LEARN: [], HELD_OUT: []})
    groups = {row["group"] for side in (LEARN, HELD_OUT) for row in addition.rows[side]}
    assert len(groups) == 2


def test_a_message_near_the_tests_held_out_set_goes_to_the_held_out_part():
    text = "您尾号6688的储蓄卡余额不足，还款失败"
    record = {**failure(text, "insufficient_funds"), "id": message_id(text), "family": "x"}
    addition = add(
        [record], {LEARN: [], HELD_OUT: []}, tests=["您尾号1234的储蓄卡余额不足，还款失败"]
    )
    assert len(addition.rows[HELD_OUT]) == 1


def test_a_dry_run_writes_nothing(tmp_path):
    folder = corpus(tmp_path / "c")
    before = {side: (folder / f"{side}.jsonl").read_text() for side in (LEARN, HELD_OUT)}
    said = run(
        "--file",
        str(labelled(tmp_path, failure("该卡已被注销"))),
        "--corpus",
        str(folder),
        "--dry-run",
    )
    assert "would add 1" in said
    assert {side: (folder / f"{side}.jsonl").read_text() for side in (LEARN, HELD_OUT)} == before


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("not json", "line 2: not JSON"),
        ({"text": "该卡已被注销", "symptom": "card_problem", "outcome": "failed"}, "source"),
        ({"text": "还款成功", "outcome": "no_match", "source": "a page"}, "kind"),
        (failure("余额不足", "broke"), "'broke'"),
        (failure("扣了两次", "card_problem", outcome="deducted"), "money taken"),
    ],
)
def test_a_bad_line_is_one_line_exit_status_2_and_nothing_written(tmp_path, line, says):
    folder = corpus(tmp_path / "c")
    before = (folder / "learn.jsonl").read_text() + (folder / "heldout.jsonl").read_text()
    new = labelled(tmp_path, failure("该卡已被注销"), line)
    with pytest.raises(CommandError) as caught:
        run("--file", str(new), "--corpus", str(folder))
    assert caught.value.returncode == 2
    assert says in str(caught.value) and "\n" not in str(caught.value)
    assert (folder / "learn.jsonl").read_text() + (folder / "heldout.jsonl").read_text() == before


def test_the_shipped_corpus_reads_as_already_there(tmp_path):
    # Every held-out message given again is left out: the command never adds a message twice.
    shipped = Path(__file__).resolve().parents[3] / "wizard" / "decoder" / "corpus"
    said = run("--file", str(shipped / "heldout.jsonl"), "--dry-run")
    assert "would add 0 to the learn part" in said and "would add 0 to the held-out part" in said
