"""`manage.py create_support_user`: a scripted way to give someone the support console."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "ting-yu-zhi-hui-2026"


@pytest.fixture(autouse=True)
def _no_terminal(monkeypatch):
    """As in a deployment script or CI: nobody is there to type a password."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


def create(*args: str) -> str:
    out = io.StringIO()
    call_command("create_support_user", *args, stdout=out)
    return out.getvalue()


def test_creates_a_staff_user_in_the_support_group_without_any_prompt():
    assert "created" in create("lihua", "--password", PASSWORD, "--email", "lihua@example.com")
    user = get_user_model().objects.get(username="lihua")
    assert user.is_staff and user.is_active and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["support"]
    assert user.email == "lihua@example.com"
    assert user.check_password(PASSWORD)


def test_password_can_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SUPPORT_USER_PASSWORD", PASSWORD)
    create("lihua", "--no-input")
    assert get_user_model().objects.get(username="lihua").check_password(PASSWORD)


def test_without_a_password_and_without_a_terminal_it_fails_clearly(monkeypatch):
    monkeypatch.delenv("SUPPORT_USER_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="No password given"):
        create("lihua")
    assert not get_user_model().objects.filter(username="lihua").exists()


def test_a_weak_password_is_refused_with_the_validators_reasons():
    with pytest.raises(CommandError, match="Password refused"):
        create("lihua", "--password", "12345678")
    assert not get_user_model().objects.filter(username="lihua").exists()


def test_running_it_again_resets_the_password_and_keeps_one_account():
    create("lihua", "--password", PASSWORD)
    assert "updated" in create("lihua", "--password", PASSWORD + "-new")
    user = get_user_model().objects.get(username="lihua")
    assert user.check_password(PASSWORD + "-new")
    assert user.groups.count() == 1


def test_refuses_to_touch_a_superuser():
    UserFactory(username="boss", is_superuser=True)
    with pytest.raises(CommandError, match="superuser"):
        create("boss", "--password", PASSWORD)


def test_the_new_user_can_sign_in_to_the_admin_and_open_the_providers():
    create("lihua", "--password", PASSWORD)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "lihua", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/providers/provider/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
