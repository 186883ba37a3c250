"""Fixtures the wizard's tests share."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client


@pytest.fixture
def shipped_providers(db):
    """The provider records the site ships with (Markdown step texts, unverified facts and
    all) and its escalation records, as `make run` loads them, so that pages read and weigh
    what people download."""
    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)


@pytest.fixture
def staff_client(db):
    """A superuser signed in to the console."""
    user = get_user_model().objects.create_superuser("staff", "staff@example.com", "pw-staff-123")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shipped_patterns(db):
    """The message patterns the site ships with (wizard/decoder/seed/patterns.json), live."""
    call_command("load_patterns", verbosity=0)
