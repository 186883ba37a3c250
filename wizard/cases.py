"""Finished plans become cases: a reference code, feedback, and a guard against guessing."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from wizard.models import Case, CaseStep, Outcome
from wizard.plan import Plan
from wizard.redaction import redact_personal_data

# No 0/O, 1/I/L or U: read aloud over the phone, nothing is confused.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10  # 30**10 ≈ 5.9e14 codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """A code as typed ("k7m2q-9x4pa", with spaces or dashes) in canonical form, or None."""
    code = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return None
    return code


def record_case(plan: Plan, *, answers: dict, provider_id: int | None) -> Case:
    """Save a finished plan as a case with a fresh code: the case and its steps, or nothing.

    Codes are drawn from 30**10; a collision is left to the unique constraint
    and simply retried with another code.
    """
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    code=new_code(),
                    provider_id=provider_id,
                    provider_slug=plan.provider.slug,
                    symptom=plan.answers.symptom,
                    channel=plan.answers.channel,
                    status=str(plan.status),
                    deadline=plan.deadline,
                    answers=answers,
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
    """Feedback is taken once; after a "partly" or "not solved", once more to say "solved"."""
    if not case.outcome:
        case.outcome = outcome
        case.comment = redact_personal_data(comment)
        case.feedback_at = now
        case.save(update_fields=["outcome", "comment", "feedback_at"])
        return case
    if outcome == Outcome.SOLVED and case.outcome != Outcome.SOLVED and case.solved_at is None:
        case.outcome = Outcome.SOLVED
        case.solved_at = now
        case.save(update_fields=["outcome", "solved_at"])
        return case
    raise FeedbackRefused


def client_key(request: HttpRequest) -> str:
    """Who is guessing: the client address (the proxy's X-Forwarded-For entry behind one)."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def _misses_key(request: HttpRequest) -> str:
    return f"case-lookup-misses:{client_key(request)}"


def lookups_blocked(request: HttpRequest) -> bool:
    """True once a client has tried too many wrong codes this hour: then even right ones wait.

    At 10 wrong codes an hour, finding any one of a million live cases among
    30**10 codes takes about 59 million hours from one address.
    """
    return cache.get(_misses_key(request), 0) >= settings.CASE_LOOKUP_MISSES_PER_HOUR


def count_miss(request: HttpRequest) -> None:
    key = _misses_key(request)
    if cache.add(key, 1, timeout=3600):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=3600)
