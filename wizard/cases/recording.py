"""Finished plans become cases: kept with a reference code, and asked for feedback once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from wizard.cases.reference_codes import new_code
from wizard.engine.building import Plan
from wizard.engine.evidence import known_evidence
from wizard.funnel import count, feedback_tallies
from wizard.models import Case, CaseStep, Outcome
from wizard.redaction import redact_personal_data


def record_case(plan: Plan) -> Case:
    """Save a finished plan as a case with a fresh code: the case and its steps, or nothing.

    Codes are drawn from 30**10; a collision is left to the unique constraint
    and simply retried with another code.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    code=new_code(),
                    provider_id=plan.provider.pk,
                    provider_slug=plan.provider.slug,
                    symptom=plan.answers.symptom,
                    channel=plan.answers.channel,
                    status=str(plan.status),
                    deadline=plan.deadline,
                    answers=plan.answers.to_dict(),
                )
                CaseStep.objects.bulk_create(
                    CaseStep(case=case, position=n, code=step.code, urgency=str(step.urgency))
                    for n, step in enumerate(plan.steps, start=1)
                )
                return case
        except IntegrityError:
            continue
    raise RuntimeError("no free case code after 5 attempts")


class FeedbackRefused(Exception):
    """Feedback this case cannot take (already given)."""


def record_feedback(case: Case, *, outcome: str, comment: str, now: dt.datetime) -> Case:
    """Feedback is taken once; after a "partly" or "not solved", once more to say "solved".

    Either is also counted in the funnel counters (wizard.funnel): feedback, and solved.
    """
    if not case.outcome:
        case.outcome = outcome
        case.comment = redact_personal_data(comment)
        case.feedback_at = now
        case.save(update_fields=["outcome", "comment", "feedback_at"])
        count(feedback_tallies(case, first=True, solved=outcome == Outcome.SOLVED, now=now))
        return case
    if outcome == Outcome.SOLVED and case.outcome != Outcome.SOLVED and case.solved_at is None:
        case.outcome = Outcome.SOLVED
        case.solved_at = now
        case.save(update_fields=["outcome", "solved_at"])
        count(feedback_tallies(case, first=False, solved=True, now=now))
        return case
    raise FeedbackRefused


def record_evidence(case: Case, *, ticked: Iterable[str]) -> Case:
    """Keep which kinds of evidence the person says they have: the codes only, known ones,
    once each; ticking again replaces the earlier ticks."""
    case.evidence = [str(item) for item in known_evidence(ticked)]
    case.save(update_fields=["evidence"])
    return case
