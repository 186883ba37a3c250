"""Delete what is past its retention: expired wizard sessions, old cases, old funnel counters,
unrecognised messages nobody has sent for a while."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from wizard.engine.ladder import beijing_date
from wizard.models import Case, FunnelCount, UnmatchedMessage


class Command(BaseCommand):
    help = "Delete expired sessions (the wizard's answers) and anything else past its retention."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sessions: {purge_expired_sessions()} expired deleted")
        self.stdout.write(f"cases: {purge_old_cases()} older than retention deleted")
        self.stdout.write(f"funnel counters: {purge_old_counters()} older than retention deleted")
        self.stdout.write(
            f"unrecognised messages: {purge_old_unmatched()} not seen within retention deleted"
        )


def purge_old_cases() -> int:
    """Cases past CASE_RETENTION_DAYS, with their steps."""
    deleted, by_model = Case.objects.past_retention(now=timezone.now()).delete()
    return by_model.get("wizard.Case", 0)


def purge_old_counters() -> int:
    """Funnel counters of days more than FUNNEL_RETENTION_DAYS ago (Beijing dates)."""
    today = beijing_date(timezone.now())
    deleted, _by_model = FunnelCount.objects.past_retention(today=today).delete()
    return deleted


def purge_old_unmatched() -> int:
    """Unrecognised messages last seen more than UNMATCHED_RETENTION_DAYS ago."""
    deleted, _by_model = UnmatchedMessage.objects.past_retention(now=timezone.now()).delete()
    return deleted


def purge_expired_sessions() -> int:
    """Expired sessions deleted; database-backed engines keep them until someone does this."""
    expired = Session.objects.filter(expire_date__lt=timezone.now())
    count = expired.count()
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return count
