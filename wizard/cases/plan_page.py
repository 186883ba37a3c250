"""What the plan page shows for a plan: one context for the consumer's page and for the
console's phone-sized preview of it, so the preview is the page and not a likeness.

The console sits beside this room, not above it, so it never imports this module: the
composition root (wizard/admin.py) hands `phone_page` to the console's provider page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from providers.facts import Fact
from wizard.cases.access import OWNER_TOKEN_FIELD
from wizard.cases.fact_display import evidence_rows, fact_rows
from wizard.cases.forms import FeedbackForm
from wizard.cases.reminders import deadline_line, has_upcoming, reminders_for
from wizard.engine.building import Plan
from wizard.engine.evidence import evidence_for, evidence_summary
from wizard.models import Case


def plan_page_context(
    *,
    plan: Plan,
    case: Case,
    plan_url: str,
    evidence: Iterable[str] = (),
    feedback_form: FeedbackForm | None = None,
    can_mark_solved: bool = False,
    in_wechat: bool = False,
    can_change: bool = False,
    owner_token: str = "",
) -> dict[str, Any]:
    """The context `wizard/plan.html` renders for `plan`, read by the holder of `case`;
    `can_change` (the owner's page) shows the forms, with the token that lets them save."""
    ticked = list(evidence)
    return {
        "can_change": can_change,
        "owner_field": OWNER_TOKEN_FIELD,
        "owner_token": owner_token,
        "page_title": _("你的处理方案"),
        "plan": plan,
        "facts": fact_rows(plan),
        "hotline_confirmed": plan.provider.provenance_of(Fact.HOTLINE).is_official,
        "case": case,
        "plan_url": plan_url,
        "feedback_form": feedback_form or FeedbackForm(),
        "can_mark_solved": can_mark_solved,
        "reminder_upcoming": has_upcoming(reminders_for(plan, plan_url=plan_url), now=plan.now),
        "deadline_line": deadline_line(plan),
        "in_wechat": in_wechat,
        "evidence": evidence_rows(plan, ticked),
        "evidence_summary": evidence_summary(evidence_for(plan), ticked, language=plan.language),
    }


PREVIEW_CASE_CODE = "PREVIEW234"


def phone_page(request: HttpRequest, plan: Plan) -> str:
    """The consumer's plan page for `plan`, as its own document (an iframe's srcdoc), under a
    placeholder reference code; nothing is saved."""
    case = Case(code=PREVIEW_CASE_CODE, created_at=plan.now, answers={})
    with translation.override(plan.language):
        return render_to_string(
            "wizard/plan.html",
            plan_page_context(
                plan=plan,
                case=case,
                plan_url=request.build_absolute_uri(
                    reverse("wizard:plan", kwargs={"code": case.code})
                ),
                # As the person who made the case sees it (the frame saves nothing).
                can_change=True,
            ),
            request=request,
        )
