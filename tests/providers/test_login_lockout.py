"""Brute-force protection on the admin login: a lockout after repeated failures, said plainly,
per user and address together, with a higher ceiling per address (config/staff_login.py)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return UserFactory(username="wangfang", groups=["support"])


def log_in(
    client: Client,
    password: str,
    *,
    username: str = "wangfang",
    ip: str = "10.0.0.1",
    **headers: str,
):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **headers
    )


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


def test_five_wrong_passwords_for_one_user_leave_another_free_on_the_same_address(staff):
    UserFactory(username="lina", groups=["support"])
    for _attempt in range(5):
        log_in(Client(), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 429, "wangfang is locked on 10.0.0.1"
    response = log_in(Client(), PASSWORD, username="lina")
    assert response.status_code == 302, "lina, behind the same address, signs in"
    assert log_in(Client(), PASSWORD, ip="10.0.0.2").status_code == 302, "and wangfang elsewhere"


def test_a_lockout_page_for_one_user_says_the_others_there_are_not_affected(staff):
    for _attempt in range(5):
        response = log_in(Client(), "wrong")
    assert "同一网络的其他账号不受影响" in response.content.decode()


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=12)
def test_spraying_many_user_names_from_one_address_locks_the_address(staff):
    for number in range(12):
        log_in(Client(), "wrong", username=f"guess{number}")
    response = log_in(Client(), PASSWORD)
    assert response.status_code == 429, "even the right password, from that address"
    assert "暂时不能从这里登录任何账号" in response.content.decode()
    assert log_in(Client(), PASSWORD, ip="10.0.0.9").status_code == 302, "others elsewhere"


@override_settings(AXES_ADDRESS_FAILURE_LIMIT=12)
def test_an_office_of_people_mistyping_stays_under_the_address_ceiling(staff):
    for number in range(11):
        log_in(Client(), "wrong", username=f"colleague{number}")
    assert log_in(Client(), PASSWORD).status_code == 302


def test_the_default_address_ceiling_is_sized_for_an_office_nat(settings):
    # Twenty people each locking themselves out (5 tries) stay within it.
    assert settings.AXES_ADDRESS_FAILURE_LIMIT >= 20 * settings.AXES_FAILURE_LIMIT


def test_axes_reset_ip_lifts_an_address_lockout(staff):
    with override_settings(AXES_ADDRESS_FAILURE_LIMIT=3):
        for name in ("a", "b", "c"):
            log_in(Client(), "wrong", username=name)
        assert log_in(Client(), PASSWORD).status_code == 429
        call_command("axes_reset_ip", "10.0.0.1", stdout=io.StringIO())
        assert log_in(Client(), PASSWORD).status_code == 302


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_each_person_is_counted_at_their_own_address(staff):
    def through_proxy(password: str, client_address: str):
        return Client().post(
            LOGIN,
            {"username": "wangfang", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=client_address,
        )

    for _attempt in range(5):
        through_proxy("wrong", "198.51.100.7")
    assert through_proxy(PASSWORD, "198.51.100.7").status_code == 429
    assert through_proxy(PASSWORD, "198.51.100.8").status_code == 302


def test_a_forwarded_header_from_anyone_else_is_ignored(staff):
    for number in range(5):
        # A client naming a new address each time does not escape its own address's count.
        log_in(Client(), "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert log_in(Client(), PASSWORD).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_clears_earlier_failures(staff):
    log_in(Client(), "wrong")
    log_in(Client(), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 302
    log_in(Client(), "wrong")
    log_in(Client(), "wrong")
    assert log_in(Client(), PASSWORD).status_code == 302
