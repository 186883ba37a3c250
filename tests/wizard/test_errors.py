"""Failures end in a clear page (wizard/errors.py): what happened and how to go on, in the
person's language, for 400, 403, 404, 413, 500 and 503, without leaking internals."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client

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

    monkeypatch.setattr("wizard.flow.views.active_providers", broken)
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

    monkeypatch.setattr("wizard.flow.views.active_providers", database_down)
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
    response = wizard.post("provider", {f"f{i}": "1" for i in range(300)})
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()
