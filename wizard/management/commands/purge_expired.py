"""Delete what is past its retention: expired wizard sessions (and, later, old cases)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Delete expired sessions (the wizard's answers) and anything else past its retention."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sessions: {purge_expired_sessions()} expired deleted")


def purge_expired_sessions() -> int:
    """Expired sessions deleted; database-backed engines keep them until someone does this."""
    expired = Session.objects.filter(expire_date__lt=timezone.now())
    count = expired.count()
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
    return count
