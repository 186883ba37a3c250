"""Staff teach the decoder by labelling (manage.py teach, the console's reading page), a
retraining goes live only when it reads the held-out part no worse (retrain_decoder), and
decoder_eval prints the figures. Real PostgreSQL, the shipped patterns."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory
from wizard.decoder.learned import Labelled
from wizard.models import DecoderModel, LabelledMessage, UnmatchedMessage
from wizard.triage import learning

pytestmark = pytest.mark.django_db

READ_URL = "/admin/wizard/labelledmessage/read/"


def run(command: str, *args: str, stdin: str | None = None) -> str:
    out = io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        call_command(command, *args, stdout=out)
    finally:
        sys.stdin = saved
    return out.getvalue()


def refused(command: str, *args: str, stdin: str | None = None) -> str:
    with pytest.raises(CommandError) as caught:
        run(command, *args, stdin=stdin)
    assert caught.value.returncode == 2
    assert "\n" not in str(caught.value)
    return str(caught.value)


def test_teach_then_decode_gives_the_taught_reading_at_once(shipped_patterns):
    message = "您的还款请求未被受理(E0017),请换个时间"
    assert json.loads(run("decode", "--text", message))["outcome"] == "no_match"
    printed = run(
        "teach", "--text", message, "--symptom", "channel_unavailable", "--outcome", "failed"
    )
    assert printed.startswith("labelled: channel_unavailable/failed")
    reading = json.loads(run("decode", "--text", message))
    assert reading["outcome"] == "failed"
    assert reading["candidates"][0]["symptom"] == "channel_unavailable"
    assert reading["decided_by"] == "label"


def test_teach_reads_standard_input_redacts_and_relabels_the_same_message(shipped_patterns):
    run("teach", "--text", "-", "--symptom", "timeout", "--outcome", "unknown",
        stdin="还款结果待确认 手机13812345678\n")  # fmt: skip
    run("teach", "--text", "还款结果待确认 手机13900001111", "--symptom",
        "deducted_not_credited", "--outcome", "deducted")  # fmt: skip
    label = LabelledMessage.objects.get()
    assert "13812345678" not in label.text and "1390000" not in label.text
    assert (label.symptom, label.outcome) == ("deducted_not_credited", "deducted")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--text", "x", "--symptom", "bogus", "--outcome", "failed"], "symptom:"),
        (["--text", "x", "--symptom", "timeout", "--outcome", "maybe"], "outcome:"),
        (["--text", "x", "--symptom", "timeout", "--outcome", "no_match"], "outcome:"),
        (["--text", "x", "--symptom", "not_failure", "--outcome", "failed"], "outcome:"),
        (["--text", "  ", "--symptom", "timeout", "--outcome", "failed"], "text:"),
        (["--text", "余" * 2001, "--symptom", "timeout", "--outcome", "failed"], "text:"),
    ],
)
def test_teach_refuses_bad_input_with_one_line_and_exit_2(shipped_patterns, args, field):
    assert refused("teach", *args).startswith(field)
    assert not LabelledMessage.objects.exists()


def test_decoder_eval_prints_accuracy_per_problem_per_outcome_and_confusions(
    shipped_patterns, tmp_path
):
    path = tmp_path / "labelled.jsonl"
    lines = [
        {"text": "可用余额不足", "symptom": "insufficient_funds", "outcome": "failed"},
        {"text": "交易处理中,请稍后查询", "accept": ["timeout"], "outcome": "unknown"},
        {"text": "预留手机号不一致", "symptom": "card_problem", "outcome": "failed"},
        {"text": "本月账单已出,请按时还款", "symptom": None, "outcome": "no_match"},
    ]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    report = json.loads(run("decoder_eval", "--file", str(path), "--misses"))
    assert report["messages"] == 4
    assert report["failures"]["right_problem"] == 2
    assert report["by_outcome"]["unknown"]["flagged"] == 1
    assert set(report["by_problem"]) == {
        "insufficient_funds", "timeout", "card_problem", "not_failure"
    }  # fmt: skip
    assert {"expected": "card_problem", "read": "info_mismatch", "count": 1} in report["confusions"]
    assert report["misses"][0]["text"] == "预留手机号不一致"


def test_decoder_eval_refuses_a_bad_file_with_one_line_and_exit_2(shipped_patterns, tmp_path):
    assert refused("decoder_eval", "--file", str(tmp_path / "missing.jsonl")).startswith("file:")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "symptom": "timeout", "outcome": "failed"}\nnot json\n')
    assert "line 2" in refused("decoder_eval", "--file", str(bad))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert refused("decoder_eval", "--file", str(empty)).startswith("file:")


def small_learn_part(tmp_path) -> tuple[str, list[dict]]:
    """Eight sources of the corpus's learn part, three messages each: a learn part small
    enough to cross-validate in a test."""
    records = [json.loads(line) for line in learning.LEARN.read_text("utf-8").splitlines()]
    by_source: dict[str, list[dict]] = {}
    for record in records:
        by_source.setdefault(record["source"], []).append(record)
    chosen = [rows[:3] for rows in by_source.values() if len(rows) >= 3][:8]
    kept = [record for rows in chosen for record in rows]
    path = tmp_path / "learn.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept), "utf-8")
    return str(path), kept


def test_decoder_eval_cross_validates_the_learn_part_by_source(
    shipped_patterns, tmp_path, monkeypatch
):
    path, kept = small_learn_part(tmp_path)
    monkeypatch.setattr(learning, "LEARN", type(learning.LEARN)(path))
    report = json.loads(run("decoder_eval", "--cross-validate", "--folds", "4", "--misses"))
    assert report["messages"] == len(kept) == 24
    assert report["failures"]["messages"] + report["non_failures"]["messages"] == 24
    folds = report["cross_validation"]["folds"]
    assert report["cross_validation"]["kind"] == "leave-source-out"
    assert len(folds) == 4 and sum(fold["messages"] for fold in folds) == 24
    assert all(0.1 <= fold["threshold"] <= 0.95 for fold in folds)


def test_decoder_eval_refuses_bad_cross_validation_options_with_one_line_and_exit_2(
    shipped_patterns,
):
    assert "either" in refused("decoder_eval")
    assert "either" in refused("decoder_eval", "--cross-validate", "--file", "x.jsonl")
    assert refused("decoder_eval", "--cross-validate", "--folds", "1").startswith("--folds")
    assert refused("decoder_eval", "--cross-validate", "--folds", "many").startswith("--folds")
    assert refused("decoder_eval", "--cross-validate", "--rules-only").startswith("--rules-only")


@pytest.fixture
def live_model(shipped_patterns):
    run("retrain_decoder")
    return DecoderModel.objects.live().get()


def test_a_first_retraining_goes_live_and_the_live_reading_uses_it(live_model):
    assert live_model.metrics["failures"]["messages"] > 100, "measured on the held-out part"
    assert 0 < live_model.threshold < 1
    reading = json.loads(run("decode", "--text", "持卡人信息有误"))
    assert reading["candidates"][0]["symptom"] == "info_mismatch"
    assert reading["decided_by"] == "model" and reading["because"]


@pytest.mark.parametrize(
    "message", ["小米分期还款失败", "京东白条还款失败了", "天星金融还款失败怎么办"]
)
def test_a_lenders_name_and_a_plain_failure_read_as_a_failure(live_model, message):
    reading = json.loads(run("decode", "--text", message))
    assert reading["outcome"] == "failed", message
    assert reading["candidates"][0]["symptom"] == "declined", message


def test_a_retraining_that_reads_worse_does_not_go_live(live_model, monkeypatch):
    def poor(patterns):
        return [Labelled("余额不足", "insufficient_funds", "failed"),
                Labelled("处理中", "timeout", "unknown"),
                Labelled("账单已还清", "not_failure", "no_match")], 0  # fmt: skip

    monkeypatch.setattr(learning, "training_examples", poor)
    printed = run("retrain_decoder")
    assert "kept, not live" in printed
    assert DecoderModel.objects.live().get() == live_model
    worse = DecoderModel.objects.exclude(pk=live_model.pk).get()
    assert worse.score < live_model.score and not worse.live


def test_retrain_if_none_trains_nothing_when_a_version_is_live(live_model):
    assert "nothing trained" in run("retrain_decoder", "--if-none")
    assert DecoderModel.objects.count() == 1


def test_the_console_reads_a_message_says_what_decided_it_and_labels_it(
    shipped_patterns, support_client, support_user
):
    message = "您的还款请求未被受理(E0017),请换个时间"
    UnmatchedMessage.objects.create(
        digest="d" * 64, normalised=message, example=message, first_seen=timezone.now(),
        last_seen=timezone.now(),
    )  # fmt: skip
    listing = support_client.get("/admin/wizard/unmatchedmessage/").content.decode()
    assert READ_URL in listing and "读一读并标注" in listing
    page = support_client.get(READ_URL, {"text": message}).content.decode()
    assert "没有认出" in page and 'id="label-form"' in page
    response = support_client.post(
        READ_URL,
        {"text": message, "symptom": "channel_unavailable", "outcome": "failed", "channel": ""},
    )
    assert response.status_code == 302
    label = LabelledMessage.objects.get()
    assert label.labelled_by == support_user
    page = support_client.get(response["Location"]).content.decode()
    assert "人工标注" in page and "channel_unavailable" in page


def test_the_console_refuses_a_label_that_contradicts_itself(shipped_patterns, support_client):
    response = support_client.post(
        READ_URL, {"text": "余额不足", "symptom": "not_failure", "outcome": "failed"}
    )
    assert response.status_code == 200 and "不是还款失败" in response.content.decode()
    assert not LabelledMessage.objects.exists()


def test_the_console_names_the_rule_that_decided_a_reading(shipped_patterns, support_client):
    page = support_client.get(READ_URL, {"text": "可用余额不足"}).content.decode()
    assert "规则 #" in page


def test_the_console_says_how_sure_the_model_is_of_a_failure_and_of_its_problem(
    live_model, support_client
):
    page = support_client.get(READ_URL, {"text": "持卡人信息有误"}).content.decode()
    shares = re.search(r"是还款失败的把握 (\d+)%,是这个问题的把握 (\d+)%", page)
    assert shares, "the model's reading names both of its certainties"
    failure, problem = (int(share) for share in shares.groups())
    assert failure >= problem > 0, "a problem cannot be surer than a failure at all"
    assert "“" in page.split("起作用最大的字词")[1][:40], "and the words that weighed most"


def test_staff_outside_the_support_group_cannot_read_or_label(shipped_patterns):
    staff_client = Client()
    staff_client.force_login(UserFactory(username="outsider"))
    assert staff_client.get(READ_URL, {"text": "余额不足"}).status_code == 403
    assert (
        staff_client.post(
            READ_URL, {"text": "余额不足", "symptom": "timeout", "outcome": "unknown"}
        ).status_code
        == 403
    )


def test_model_versions_are_read_only_in_the_console(live_model, support_client):
    listing = support_client.get("/admin/wizard/decodermodel/").content.decode()
    assert "%" in listing
    page = support_client.get(f"/admin/wizard/decodermodel/{live_model.pk}/change/")
    assert page.status_code == 200 and "failures" in page.content.decode()
    assert support_client.get("/admin/wizard/decodermodel/add/").status_code == 403
