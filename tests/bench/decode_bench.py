"""The decoder's cost per message with 2,000 patterns: the shipped ones plus generated
realistic ones (research vocabulary, several providers, codes in every namespace), and the
learned part trained as `retrain_decoder` trains it (the corpus's learn part, the labelled
examples and the shipped patterns' phrases).

Pure: no database or server, so the figure is the decoder's own. `run_bench.py` runs it in a
process of its own and sets it against one floor request measured in the same run; run alone
(`python -m tests.bench.decode_bench`) it prints the JSON.
"""

from __future__ import annotations

import dataclasses
import json
import random
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from wizard.decoder import PatternFacts, PatternSet, decode  # noqa: E402
from wizard.decoder.evaluation import read_jsonl  # noqa: E402
from wizard.decoder.learned import Labelled, LearnedReader, train  # noqa: E402

SEED = BASE_DIR / "wizard" / "decoder" / "seed" / "patterns.json"
EXAMPLES = BASE_DIR / "wizard" / "decoder" / "examples.json"
LEARN = BASE_DIR / "wizard" / "decoder" / "corpus" / "learn.jsonl"
PATTERNS = 2000
ROUNDS = 30

SUBJECTS = [
    *("银行卡", "储蓄卡", "信用卡", "账户", "花呗"),
    *("白条", "借呗", "快捷支付", "代扣", "云闪付"),
]
PROBLEMS = [
    ("余额不足", "insufficient_funds", "failed"),
    ("预留手机号不一致", "info_mismatch", "failed"),
    ("状态异常", "card_problem", "failed"),
    ("超出单日限额", "limit_exceeded", "failed"),
    ("处理中", "timeout", "unknown"),
    ("系统维护", "channel_unavailable", "failed"),
    ("扣款成功", "deducted_not_credited", "deducted"),
    ("存在风险", "risk_control", "failed"),
    ("暂不支持还款", "no_repay_option", "failed"),
    ("验证码失效", "info_mismatch", "failed"),
]
TAILS = ["请稍后再试", "请联系发卡行", "请更换其他付款方式", "次日再发起", "请核实后重新提交", ""]
PROVIDERS = [None, "huabei", "jd-baitiao", "xiaomi-finance", "cmb", "icbc", "ccb"]
NAMESPACES = ["unionpay_f39", "unionpay_online", "vendor"]
MESSAGES = [
    "您尾号8812的储蓄卡余额不足，还款失败",
    "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能(200013)",
    "正在處理中，支付結果未知（有可能已經支付成功）",
    "交易金额超限（61）",
    '【花呗】你的支付宝************花呗***月账单自动还款失败,***元未还,请登录"支付宝-花呗"核对并还款,已还忽略',
    "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH",
    "银行系统维护中,请选择其他银行或稍后再试",
    "今天天气不错,可就是还不上款",
]


def seed_facts() -> list[PatternFacts]:
    names = {f.name for f in dataclasses.fields(PatternFacts)}
    facts = []
    for number, record in enumerate(json.loads(SEED.read_text(encoding="utf-8")), start=1):
        values = {k: v for k, v in record.items() if k in names}
        values.update(
            phrases=tuple(values["phrases"]),
            alternatives=tuple(values["alternatives"]),
            checked_on=None,
        )
        facts.append(PatternFacts(id=number, **values))
    return facts


def generated(start: int, count: int, rng: random.Random) -> list[PatternFacts]:
    """Realistic extra patterns: a subject, a problem and a tail from the research's words."""
    facts = []
    for number in range(start, start + count):
        problem, symptom, outcome = rng.choice(PROBLEMS)
        phrases = [f"{rng.choice(SUBJECTS)}{problem}"]
        if rng.random() < 0.5:
            phrases.append(rng.choice(TAILS) or "失败")
        code = namespace = vendor = ""
        if rng.random() < 0.3:
            namespace = rng.choice(NAMESPACES)
            code = f"{rng.randrange(100):02d}" if namespace != "vendor" else str(number * 7)
            vendor = "某支付公司" if namespace == "vendor" else ""
        facts.append(
            PatternFacts(
                id=number, symptom=symptom, outcome=outcome, phrases=tuple(phrases),
                code=code, code_namespace=namespace, vendor_name=vendor,
                regex=r"第\d+期" if rng.random() < 0.02 else "",
                provider=rng.choice(PROVIDERS), priority=rng.randrange(-20, 21),
                explanation_zh="解释", explanation_en="explanation",
                next_step_zh="下一步", next_step_en="next step",
            )
        )  # fmt: skip
    return facts


def trained(seed: list[PatternFacts]) -> LearnedReader:
    """The learned part as retrain_decoder trains it (its threshold left at the default)."""
    examples = [Labelled(" ".join(f.phrases), f.symptom, f.outcome) for f in seed if f.phrases]
    examples += [
        Labelled(e["text"], e["symptom"], e["outcome"])
        for e in json.loads(EXAMPLES.read_text(encoding="utf-8"))
    ]
    if LEARN.exists():
        lines = LEARN.read_text(encoding="utf-8").splitlines()
        examples += [item.as_labelled() for item in read_jsonl(lines)]
    return train(examples)


def messages() -> list[str]:
    examples = [e["text"] for e in json.loads(EXAMPLES.read_text(encoding="utf-8"))]
    return MESSAGES + examples[::4]


def measure(patterns: int = PATTERNS, rounds: int = ROUNDS) -> dict[str, float | int]:
    seed = seed_facts()
    facts = seed + generated(len(seed) + 1, max(0, patterns - len(seed)), random.Random(14))
    started = time.perf_counter()
    pattern_set = PatternSet.of(facts)
    build_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    model = trained(seed)
    train_ms = (time.perf_counter() - started) * 1000
    texts = messages()
    for text in texts:  # warm up: OpenCC's dictionaries load on first use
        decode(text, patterns=pattern_set, model=model)
    timings = []
    for _ in range(rounds):
        for text in texts:
            begin = time.perf_counter_ns()
            decode(text, patterns=pattern_set, model=model, provider="huabei")
            timings.append(time.perf_counter_ns() - begin)
    long_text = ("您尾号8812的储蓄卡余额不足，还款失败。" * 100)[:2000]
    long_timings = []
    for _ in range(rounds):
        begin = time.perf_counter_ns()
        decode(long_text, patterns=pattern_set, model=model, provider="huabei")
        long_timings.append(time.perf_counter_ns() - begin)
    return {
        "patterns": len(pattern_set),
        "learned": True,
        "model_examples": model.examples,
        "train_ms": round(train_ms, 1),
        "messages": len(texts),
        "p50_2000_chars_us": round(statistics.median(long_timings) / 1000, 1),
        "p50_us": round(statistics.median(timings) / 1000, 1),
        "p95_us": round(statistics.quantiles(timings, n=20)[18] / 1000, 1),
        "build_ms": round(build_ms, 1),
    }


if __name__ == "__main__":
    print(json.dumps(measure()))
