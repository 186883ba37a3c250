"""Failures end in a clear page; the deployment is hardened."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "title", "way_on"),
    [("zh-hans", "找不到这个页面", "回到首页"), ("en", "Page not found", "Back to the start")],
)
def test_404_page_is_in_the_layout_and_language_with_a_way_on(client, language, title, way_on):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert title in html and way_on in html
    assert 'class="site-header"' in html and 'href="/"' in html


def test_500_page_says_what_happened_without_leaking_internals(quiet_client, monkeypatch):
    def broken():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("wizard.views.active_providers", broken)
    response = quiet_client.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "出错了" in html and "回到首页" in html
    assert "secret internal detail" not in html and "Traceback" not in html


def test_database_error_gives_a_503_page_that_points_to_the_hotlines(quiet_client, monkeypatch):
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡", hotline="400-820-5555")
    Client().get("/")  # the provider catalog is now cached

    def database_down():
        raise OperationalError("connection refused")

    monkeypatch.setattr("wizard.views.active_providers", database_down)
    response = quiet_client.get("/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "服务暂时不可用" in html
    assert 'href="tel:4008205555"' in html
    assert "connection refused" not in html


def test_a_post_without_csrf_token_gets_a_friendly_403(provider_cmb):
    client = Client(enforce_csrf_checks=True)
    wizard = WizardSession(client)
    wizard.start()
    response = wizard.post("provider", {"provider": "cmb"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()


def test_an_oversized_post_gets_413(provider_cmb, quiet_client):
    wizard = WizardSession(quiet_client)
    wizard.start()
    response = wizard.post("provider", {"provider": "cmb", "padding": "x" * 40_000})
    assert response.status_code == 413
    assert "提交的内容太大了" in response.content.decode()


def test_too_many_fields_get_400(provider_cmb, quiet_client):
    wizard = WizardSession(quiet_client)
    wizard.start()
    response = wizard.post("provider", {f"f{i}": "1" for i in range(100)})
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@override_settings(
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_over_https_hsts_is_sent_and_cookies_are_secure_and_http_only(provider_cmb):
    client = Client()
    response = client.get("/check/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    response = client.get(response["Location"], secure=True)
    assert response.status_code == 200
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    csrf_cookie = client.cookies[settings.CSRF_COOKIE_NAME]
    for cookie in (session_cookie, csrf_cookie):
        assert cookie["secure"] and cookie["httponly"]


def production_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="repay.example.com",
        DATABASE_URL=os.environ.get("DATABASE_URL", ""),
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v != ""}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_check_deploy_reports_nothing_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_refuses_to_start_without_a_secret_key_or_allowed_hosts(missing):
    result = manage("check", env=production_env(**{missing: ""}))
    assert result.returncode != 0
    assert missing in result.stderr
