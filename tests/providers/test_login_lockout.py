"""Brute-force protection on the admin login: a lockout after repeated failures, said plainly."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return UserFactory(username="wangfang", groups=["support"])


def log_in(client: Client, password: str, *, username: str = "wangfang", ip: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_the_right_password_signs_in(staff):
    response = log_in(Client(), PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_wrong_password_shows_the_login_form_again(staff):
    response = log_in(Client(), "wrong")
    assert response.status_code == 200
    assert "请输入一个正确的" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=5)
def test_five_failures_lock_the_account_with_a_clear_chinese_message(staff):
    client = Client()
    for _attempt in range(4):
        assert log_in(client, "wrong").status_code == 200
    response = log_in(client, "wrong")
    assert response.status_code == 429
    html = response.content.decode()
    assert "登录已被暂时锁定" in html
    assert "连续 5 次登录失败" in html
    assert "分钟后再试" in html
    # Even the right password is refused until the cool-off ends.
    assert log_in(client, PASSWORD).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_guessing_from_many_addresses_still_locks_the_user_name(staff):
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        log_in(Client(), "wrong", ip=ip)
    assert log_in(Client(), PASSWORD, ip="10.0.0.4").status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_guessing_many_user_names_from_one_address_locks_the_address(staff):
    for name in ("a", "b", "c"):
        log_in(Client(), "wrong", username=name)
    assert log_in(Client(), PASSWORD).status_code == 429
    assert log_in(Client(), PASSWORD, ip="10.0.0.9").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_clears_earlier_failures(staff):
    log_in(Client(), "wrong")
    log_in(Client(), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 302
    log_in(Client(), "wrong")
    log_in(Client(), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 302
