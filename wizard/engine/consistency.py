"""Contradictions a plan may hold, said in words for the staff who preview it.

A plan must never tell a person both "don't pay again" and "pay now", nor say they are in
time (or in a grace period) at a moment past its own deadline, nor give a grace period that
ends before the due date's own cutoff. The engine's tests hold every plan to these; the
console's preview runs them on the plan an unsaved change would produce.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from wizard.engine.building import Plan
from wizard.engine.deadlines import Status, format_moment
from wizard.engine.steps import StepCode

DONT_PAY_AGAIN = (
    "先别再付",
    "先别重复付款",
    "不要再付一次",
    "don't pay again",
    "do not pay a second time",
)
PAY_AS_SOON_AS_POSSIBLE = (
    "越早还上",
    "尽快还",
    "马上还",
    "现在就还",
    "the sooner you pay",
    "as soon as possible",
    "pay now",
    "pay it now",
)
# "Don't pay again yet" after an unknown result, with every paying step waiting for that check,
# is a condition, not a contradiction.
WAITS_FOR_THE_CHECK = ("先按第一步确认上一笔没有扣款", "first make sure, as in the first step")
ONE_MINUTE = dt.timedelta(minutes=1)


def contradictions(plan: Plan) -> list[str]:
    """What in `plan` contradicts itself or the clock, one sentence each; [] when none."""
    found = []
    steps = [f"{step.title} {step.detail}".lower() for step in plan.steps]
    holds = [phrase for phrase in DONT_PAY_AGAIN if any(phrase in text for text in steps)]
    pays = [
        phrase
        for phrase in PAY_AS_SOON_AS_POSSIBLE
        for step, text in zip(plan.steps, steps, strict=True)
        if phrase in text
        and not (
            plan.codes[:1] == [StepCode.CHECK_MONEY_LEFT]
            and step.detail.lower().startswith(WAITS_FOR_THE_CHECK)
        )
    ]
    if holds and pays:
        found.append(
            _("方案同时说“%(hold)s”和“%(pay)s”:消费者不知道该不该付。")
            % {"hold": holds[0], "pay": pays[0]}
        )
    if plan.grace_deadline is not None and plan.grace_deadline <= plan.due_cutoff:
        found.append(
            _("宽限期的截止(%(grace)s)不晚于还款日当天的截止(%(due)s):宽限期等于没有。")
            % {"grace": plan.grace_deadline_text, "due": _moment(plan, plan.due_cutoff)}
        )
    last = max(plan.deadline, plan.grace_deadline or plan.deadline)
    if (
        plan.status_now in (Status.NOT_DUE, Status.DUE_TODAY)
        and plan.now > plan.due_cutoff + ONE_MINUTE
    ):
        found.append(
            _("页面说“%(status)s”,可是还款日当天的截止时间(%(due)s)已经过了。")
            % {"status": plan.status_now.label, "due": _moment(plan, plan.due_cutoff)}
        )
    if (
        plan.status_now in (Status.IN_GRACE, Status.POSSIBLY_IN_GRACE)
        and plan.now > last + ONE_MINUTE
    ):
        found.append(
            _("页面说“%(status)s”,可是宽限期的截止(%(end)s)已经过了。")
            % {"status": plan.status_now.label, "end": _moment(plan, last)}
        )
    if plan.status_now is Status.OVERDUE and plan.now < plan.deadline:
        found.append(
            _("页面说已经逾期,可是最后期限(%(end)s)还没到。") % {"end": plan.deadline_text}
        )
    return found


def _moment(plan: Plan, moment: dt.datetime) -> str:
    return format_moment(moment, language=plan.language, now=plan.now)
