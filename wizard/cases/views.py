"""A case's pages, reached by its reference code: the plan rebuilt for now, the feedback,
the calendar file and the evidence ticks.

Who may open a case is wizard.cases.access; the plan is rebuilt by wizard.planner.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from providers.facts import Fact
from wizard.cases.access import (
    OWNER_TOKEN_FIELD,
    count_miss,
    lookups_refused,
    may_change_case,
    owner_token,
    owns_case,
    remember_own_case,
)
from wizard.cases.fact_display import evidence_rows, fact_rows
from wizard.cases.forms import EvidenceForm, FeedbackForm
from wizard.cases.recording import FeedbackRefused, record_evidence, record_feedback
from wizard.cases.reference_codes import canonical_reference_code
from wizard.cases.reminders import deadline_line, has_upcoming, reminder_calendar, reminders_for
from wizard.engine.answers import AnswersError
from wizard.engine.building import Plan
from wizard.engine.evidence import evidence_for, evidence_summary
from wizard.errors import render_error
from wizard.models import Case, Outcome
from wizard.pages import HtmxHttpRequest, render_screen
from wizard.planner import answers_error_message, plan_for_answers


def too_many_lookups(request: HttpRequest) -> HttpResponse:
    response = render_error(
        request,
        429,
        _("请稍后再试"),
        _(
            "输错参考编号的次数太多了,为了防止有人猜编号,请一小时后再试。"
            "你在这台设备上生成的方案不受影响;也可以重新回答问题生成新的方案。"
        ),
    )
    response["Retry-After"] = "3600"
    return response


def case_from_code(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Precondition: the case the URL's code names, handed to the view in place of the code.

    A case always opens in the session that made it; any other code counts against the
    guessing limits (wizard.cases.access): over them, 429 even for a right code; a code naming no
    case, 404. A code typed in another spelling (lower case, a dash) is redirected to its
    canonical URL on GET.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        canonical = canonical_reference_code(code)
        own = canonical is not None and owns_case(request.session, canonical)
        if not own and lookups_refused(request):
            return too_many_lookups(request)
        case = Case.objects.with_code(canonical).first() if canonical else None
        if case is None:
            response = render_error(
                request,
                404,
                _("找不到这个参考编号"),
                _("请检查编号是否抄对(10 位字母和数字)。方案保存 180 天,过期后需要重新回答问题。"),
            )
            if not own:
                count_miss(request, response)
            return response
        if case.code != code and request.method in ("GET", "HEAD") and request.resolver_match:
            return redirect(request.resolver_match.view_name, code=case.code)
        return view(request, case, *args, **kwargs)

    return wrapper


def owner_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Precondition, after case_from_code: only the case's owner may change it
    (wizard.cases.access.may_change_case); anyone else gets 403 and nothing changes."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, case: Case, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_change_case(request, case.code):
            return render_error(
                request,
                403,
                _("这个方案只能查看"),
                _(
                    "只有生成这个方案的手机或电脑才能填写反馈和勾选证据,你的提交没有保存。"
                    "如果你也遇到了还款问题,请从首页回答问题,生成你自己的方案。"
                ),
            )
        if not owns_case(request.session, case.code):
            # The owner's page, open past the end of its session: theirs again from here.
            remember_own_case(request.session, case.code)
        return view(request, case, *args, **kwargs)

    return wrapper


def plan_url(request: HttpRequest, case: Case) -> str:
    return request.build_absolute_uri(reverse("wizard:plan", kwargs={"code": case.code}))


def in_wechat(request: HttpRequest) -> bool:
    """WeChat's in-app browser (its user agent says MicroMessenger), where downloads fail
    (escalation.md §5): the page tells the person to open it in their phone's browser."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


def plan_for_case(case: Case) -> Plan:
    """A case's plan rebuilt for now, knowing when it was made and what its feedback said;
    the plan page and its calendar file share it, so their times agree."""
    return plan_for_answers(
        case.answers,
        now=timezone.now(),
        language=get_language(),
        case_created_at=case.created_at,
        # A "solved" said later counts as solved, whatever the first answer was.
        feedback=Outcome.SOLVED if case.solved_at is not None else case.outcome,
    )


def show_plan(
    request: HtmxHttpRequest, case: Case, *, feedback_form: FeedbackForm | None = None
) -> HttpResponse:
    try:
        result = plan_for_case(case)
    except AnswersError as error:
        messages.error(request, answers_error_message(error))
        return redirect("wizard:start")
    url = plan_url(request, case)
    can_change = may_change_case(request, case.code)
    context = {
        # Only the owner's page offers the forms, and carries the token they need.
        "can_change": can_change,
        "owner_field": OWNER_TOKEN_FIELD,
        "owner_token": owner_token(case.code) if can_change else "",
        "page_title": _("你的处理方案"),
        "plan": result,
        "facts": fact_rows(result),
        "hotline_confirmed": result.provider.provenance_of(Fact.HOTLINE).is_official,
        "case": case,
        "plan_url": url,
        "feedback_form": feedback_form or FeedbackForm(),
        "can_mark_solved": case.outcome in (Outcome.PARTLY, Outcome.NOT_SOLVED)
        and case.solved_at is None,
        "reminder_upcoming": has_upcoming(reminders_for(result, plan_url=url), now=result.now),
        "deadline_line": deadline_line(result),
        "in_wechat": in_wechat(request),
        "evidence": evidence_rows(result, case.evidence),
        "evidence_summary": evidence_summary(
            evidence_for(result), case.evidence, language=result.language
        ),
    }
    response = render_screen(request, "wizard/plan.html", context, push_url=request.method == "GET")
    # The reminder block differs inside WeChat's browser.
    patch_vary_headers(response, ("User-Agent",))
    # One person's plan, rebuilt for now: never kept by a shared cache; the owner's page also
    # holds the token that changes the case, so it is not stored at all.
    if can_change:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


@require_safe
@case_from_code
def case_plan(request: HtmxHttpRequest, case: Case) -> HttpResponse:
    """A case's plan, rebuilt for now: read-only, reachable by its reference code."""
    return show_plan(request, case)


@require_POST
@case_from_code
@owner_only
def case_feedback(request: HtmxHttpRequest, case: Case) -> HttpResponse:
    """ "Did this solve it?" — taken once, and once more later to say it is solved."""
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return show_plan(request, case, feedback_form=form)
    try:
        record_feedback(
            case,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
            now=timezone.now(),
        )
    except FeedbackRefused:
        messages.info(request, _("我们已经收到你对这个方案的反馈了,谢谢。"))
    else:
        messages.success(request, _("谢谢你的反馈!它会帮助我们改进建议。"))
    return redirect(reverse("wizard:plan", kwargs={"code": case.code}) + "#feedback")


@require_safe
@case_from_code
def case_reminder(request: HttpRequest, case: Case) -> HttpResponse:
    """The case's reminders as a calendar file, with the same times as its plan page."""
    try:
        plan = plan_for_case(case)
    except AnswersError as error:
        messages.error(request, answers_error_message(error))
        return redirect("wizard:start")
    response = HttpResponse(
        reminder_calendar(plan=plan, case_code=case.code, plan_url=plan_url(request, case)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="repayment-{case.code}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@case_from_code
@owner_only
def case_evidence(request: HtmxHttpRequest, case: Case) -> HttpResponse:
    """The person's ticks of the evidence they keep: stored as codes, then back to the list."""
    form = EvidenceForm(request.POST)
    if form.is_valid():
        record_evidence(case, ticked=form.cleaned_data["evidence"])
        messages.success(request, _("已记下你保存了哪些证据。"))
    else:
        messages.error(request, _("有一项勾选不在列表里,没有保存。请重新勾选后再提交。"))
    return redirect(reverse("wizard:plan", kwargs={"code": case.code}) + "#evidence")
