"""The plan sweep: every shipped provider × problem × moment, through the same path as
`manage.py plan` (wizard.planner.plan_for_answers), measured on the JSON it prints.

Used by tests/wizard/engine/test_plan_sweep.py (which holds the figures to issue 20's bar)
and runnable on its own against a database holding the shipped records, to print them:

    DATABASE_URL=... DJANGO_SECRET_KEY=x python -m tests.wizard.engine.plan_sweep

The figures read only the JSON (titles, details, the folded `more` where there is one), so
the same code measures any commit's plans.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DUE = "2026-11-10"
# When the person tried to pay, and when they read the plan (half an hour later).
MOMENTS = {
    "before_due_date": "2026-11-09T10:00",
    "due_date_morning": "2026-11-10T10:00",
    "due_date_17_10": "2026-11-10T17:10",
    "day_after": "2026-11-11T10:00",
    "ten_days_late": "2026-11-20T10:00",
}
# What each problem's answers look like (the shape a person's walk gives).
ANSWERS_FOR: dict[str, dict[str, Any]] = {
    "declined": {},
    "insufficient_funds": {"funds": {"enough_balance": "no"}},
    "info_mismatch": {"account": {"reserved_phone": "wrong"}},
    "card_problem": {"account": {"card_status": "frozen"}},
    "limit_exceeded": {"funds": {"limit_reached": "yes"}},
    "timeout": {"account": None, "funds": None},
    "channel_unavailable": {"account": None, "funds": None},
    "risk_control": {"account": None, "funds": None},
    "deducted_not_credited": {"account": None, "funds": None},
    "no_repay_option": {"account": None, "funds": None},
    "other": {},
}
SHIPPED = tuple(
    record["slug"]
    for record in json.loads(
        (Path(__file__).parents[3] / "providers/seed/providers.json").read_text(encoding="utf-8")
    )
)
OUTCOMES = {
    "none": None,
    "failed": {"text": "余额不足,交易失败", "outcome": "failed"},
    "unknown": {"text": "交易处理中,支付结果未知,请勿重复支付", "outcome": "unknown"},
    "deducted": {"text": "扣款成功,账单未更新", "outcome": "deducted"},
    "no_match": {"text": "出错了 E1234", "outcome": "no_match"},
}
AUTOPAY = {
    "on": {"autopay": "on", "channel": "app"},
    "off": {"autopay": "off", "channel": "app"},
    "unsure": {"autopay": "unsure", "channel": "app"},
    "failed": {"autopay": "on", "channel": "autopay"},
}
MONEY_CHECK = ("扣没扣", "确认刚才那笔没扣", "whether the last payment left", "took nothing")
FIRST_CALL = ("说清你在什么时间", "说清楚你在什么时间", "Say when and how you tried to pay")
TURN_ON_AUTOPAY = ("开通自动还款", "Turn on autopay")
AFTER_PAYING = ("还上后", "once you have paid")
ONLY_BY_CUTOFF = ("前的还款才算按时", "counts a payment as on time only if")
HALF_WIDTH_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]")


# Hedges about an unconfirmed fact, as a step says them.
HEDGE = re.compile(
    r"官方确认|未核实|待核实|not (?:been )?officially confirmed|not confirmed|unverified", re.I
)
HALF_WIDTH_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,:;()]|[,:;()][\u4e00-\u9fff]")


def sweep_answers() -> Iterator[tuple[str, str, str, dict[str, Any], dt.datetime]]:
    """(provider, problem, moment, answers, now) for every shipped provider × problem ×
    moment, "unknown" (the person who does not know the lender) included."""
    from providers.catalog import active_providers
    from tests.wizard.helpers import answers_dict, shanghai

    slugs = [*sorted(active_providers()), "unknown"]
    for slug, problem, moment in itertools.product(slugs, ANSWERS_FOR, MOMENTS):
        attempted = shanghai(MOMENTS[moment])
        answers = answers_dict(
            provider=slug,
            symptom=problem,
            autopay="off",
            timing={"due_date": DUE, "attempted_at": attempted.isoformat()},
            **ANSWERS_FOR[problem],
        )
        yield slug, problem, moment, answers, attempted + dt.timedelta(minutes=30)


def sweep(language: str = "zh-hans") -> list[tuple[tuple[str, str, str], dict[str, Any]]]:
    """Every plan of the sweep as `manage.py plan` prints it."""
    from wizard.planner import plan_for_answers

    return [
        ((slug, problem, moment), plan_for_answers(answers, now=now, language=language).to_dict())
        for slug, problem, moment, answers, now in sweep_answers()
    ]


def step_text(step: dict[str, Any]) -> str:
    return f"{step['title']}{step['detail']}"


def figures(plans: list[tuple[tuple[str, str, str], dict[str, Any]]]) -> dict[str, Any]:
    """The sweep's figures: the issue's bar, measured."""
    visible = [sum(len(step_text(s)) for s in plan["steps"]) for _key, plan in plans]
    everything = [
        sum(len(step_text(s)) + len(s.get("more", "")) for s in plan["steps"])
        for _key, plan in plans
    ]
    details = [len(s["detail"]) for _key, plan in plans for s in plan["steps"]]
    nows = [sum(s["urgency"] == "now" for s in plan["steps"]) for _key, plan in plans]
    hedges = [
        sum(len(HEDGE.findall(step_text(s) + s.get("more", ""))) for s in plan["steps"])
        for _key, plan in plans
    ]
    short = [plan for (_slug, problem, _moment), plan in plans if problem == "insufficient_funds"]
    texts = [step_text(s) + s.get("more", "") + s["because"] for _k, p in plans for s in p["steps"]]
    return {
        "plans": len(plans),
        "median_step_chars": statistics.median(visible),
        "max_step_chars": max(visible),
        "median_step_chars_with_more": statistics.median(everything),
        "max_detail_chars": max(details),
        "details_over_220": sum(length > 220 for length in details),
        "max_now_steps": max(nows),
        "plans_over_two_now": sum(n > 2 for n in nows),
        "max_hedges": max(hedges),
        "plans_over_two_hedges": sum(n > 2 for n in hedges),
        "double_full_stops": sum(t.count("。。") + t.count("..") for t in texts),
        "half_width_in_chinese": sum(len(HALF_WIDTH_IN_CHINESE.findall(t)) for t in texts),
        "insufficient_funds_plans": len(short),
        "with_cannot_pay_in_full": sum(
            any(s["code"] == "cannot_pay_in_full" for s in plan["steps"]) for plan in short
        ),
        "with_banner": sum("banner" in plan for _key, plan in plans),
        "with_credit_record": sum("credit_record" in plan for _key, plan in plans),
    }


def contradictions(
    plan: Any,
    *,
    whole: str,
    steps: list[str],
    contacted: bool,
    autopay_failed: bool,
    credit_record_opens: bool,
    now_steps: int,
) -> list[str]:
    """The ways this plan, as read (`whole`: everything shown; `steps`: each step's words),
    speaks against the person's answers or the status: empty when it does not."""
    from wizard.engine.deadlines import Status

    found = []
    said = " ".join(steps)
    money_left = plan.money_already_left
    if plan.status_now in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE) and not money_left:
        for before in (f"赶在 {plan.deadline_text}", f"before {plan.deadline_text}", "期限前还上"):
            if before in said or "before the deadline" in said:
                found.append(f"overdue, yet: {before}")
    if contacted and (
        any(script in said for script in FIRST_CALL) or "contact_provider" in plan.codes
    ):
        found.append("called already, yet the first-call script")
    if autopay_failed and any(phrase in said for phrase in TURN_ON_AUTOPAY):
        found.append("autopay failed, yet: turn it on")
    if plan.answers.outcome_unknown and not money_left:
        checks = [step for step in steps if any(phrase in step for phrase in MONEY_CHECK)]
        if len(checks) > 1:
            found.append(f"{len(checks)} money checks for one unknown result")
    if money_left and any(phrase in said for phrase in AFTER_PAYING):
        found.append("the money left, yet: once you have paid")
    if money_left and "cannot_pay_in_full" in plan.codes:
        found.append("the money left, yet: cannot pay in full")
    if plan.provider.grace_is_certain() and plan.grace_deadline and not money_left:
        if any(phrase in said for phrase in ONLY_BY_CUTOFF):
            found.append("a confirmed grace period, yet: only by the cutoff")
    if not plan.deadline_sourced:
        if "已超过最后期限" in whole or "past the deadline by" in whole.lower():
            found.append("an unverified cutoff as a certain count of hours late")
    if credit_record_opens and not plan.overdue_for_sure:
        found.append("the credit-record section opens for someone not surely overdue")
    if credit_record_opens and plan.banner is not Status.OVERDUE:
        found.append("the credit-record section opens while not overdue")
    if now_steps > 2:
        found.append(f"{now_steps} steps marked now")
    if plan.language == "zh-hans":
        if "。。" in said:
            found.append("。。")
        if match := HALF_WIDTH_IN_CHINESE.search(said):
            found.append(f"half-width punctuation in Chinese: {match.group(0)}")
    short = plan.answers.symptom == "insufficient_funds" or (
        plan.answers.funds is not None and plan.answers.funds.enough_balance == "no"
    )
    if short and not money_left and "cannot_pay_in_full" not in plan.codes:
        found.append("short of money, yet no cannot_pay_in_full step")
    return found


def every_combination() -> Iterator[tuple[dict[str, Any], dt.datetime, bool, bool]]:
    """(answers, now, contacted, autopay failed) for every shipped provider and "unknown" ×
    problem × moment × contacted × autopay × message outcome."""
    from tests.wizard.helpers import answers_dict, shanghai

    for slug, problem, moment, contacted, autopay, outcome in itertools.product(
        [*SHIPPED, "unknown"], ANSWERS_FOR, MOMENTS, ("yes", "no"), AUTOPAY, OUTCOMES
    ):
        attempted = shanghai(MOMENTS[moment])
        answers = answers_dict(
            provider=slug,
            symptom=problem,
            contacted_provider=contacted,
            message=OUTCOMES[outcome],
            timing={"due_date": DUE, "attempted_at": attempted.isoformat()},
            **AUTOPAY[autopay],
            **ANSWERS_FOR[problem],
        )
        yield answers, attempted + dt.timedelta(minutes=30), contacted == "yes", autopay == "failed"


def engine_contradictions(language: str) -> tuple[int, list[str]]:
    """Every combination through the engine (the page's steps as the plan holds them)."""
    from wizard.planner import plan_for_answers

    count = 0
    found = []
    for answers, now, contacted, failed in every_combination():
        plan = plan_for_answers(answers, now=now, language=language)
        steps = [f"{s.title} {s.detail} {s.more} {s.because}" for s in plan.steps]
        whole = " ".join([plan.banner_label, plan.time_left_text, *steps])
        count += 1
        for problem in contradictions(
            plan,
            whole=whole,
            steps=steps,
            contacted=contacted,
            autopay_failed=failed,
            credit_record_opens=plan.credit_record_open,
            now_steps=sum(s.urgency == "now" for s in plan.steps),
        ):
            found.append(f"{answers['provider']} {answers['symptom']} {now:%m-%d %H:%M}: {problem}")
    return count, found


def main() -> None:
    import sys

    import django

    django.setup()
    for language in ("zh-hans", "en"):
        print(language)
        for name, value in figures(sweep(language)).items():
            print(f"  {name}: {value}")
        if "--every" in sys.argv:
            count, found = engine_contradictions(language)
            print(f"  every combination: {count} plans, {len(found)} contradictions")
            for line in found[:20]:
                print(f"    {line}")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    main()
