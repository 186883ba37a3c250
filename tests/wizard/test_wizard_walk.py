"""A person walking the wizard with the Django test client, on real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from providers.models import Provider
from tests.factories import ProviderFactory
from wizard.answers import SHANGHAI
from wizard.views import PLAN_SESSION_KEY

pytestmark = pytest.mark.django_db

MANAGEMENT = "repayment_wizard-current_step"


@pytest.fixture
def provider():
    return ProviderFactory(
        slug="cmb",
        name_zh="招商银行信用卡",
        hotline="400-820-5555",
        cutoff_time=dt.time(23, 59),
        grace_days=3,
    )


@pytest.fixture
def client():
    return Client()


def an_hour_ago() -> dt.datetime:
    return (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)


def post_step(client: Client, step: str, data: dict[str, str]):
    payload = {MANAGEMENT: step, **{f"{step}-{name}": value for name, value in data.items()}}
    return client.post(f"/check/{step}/", payload)


def timing_data(when: dt.datetime | None = None) -> dict[str, str]:
    when = when or an_hour_ago()
    return {
        "due_date": when.date().isoformat(),
        "attempted_date": when.date().isoformat(),
        "attempted_time": when.strftime("%H:%M"),
    }


def start(client: Client) -> None:
    response = client.get("/check/?reset=1")
    assert response.status_code == 302
    assert response["Location"] == "/check/provider/"


def test_start_page_says_what_the_tool_does_and_links_into_the_wizard(client, provider):
    response = client.get("/")
    html = response.content.decode()
    assert "大约需要 2 分钟" in html
    assert 'href="/check/?reset=1"' in html


def test_full_walk_skipping_account_and_funds_for_a_timeout(client, provider):
    start(client)
    page = client.get("/check/provider/").content.decode()
    assert "招商银行信用卡" in page
    assert "第 1 步,共 6 步" in page

    assert post_step(client, "provider", {"provider": "cmb"})["Location"] == "/check/problem/"
    response = post_step(client, "problem", {"symptom": "timeout", "channel": "app"})
    assert response["Location"] == "/check/timing/", "account and funds cannot matter for a timeout"
    assert "第 3 步,共 4 步" in client.get("/check/timing/").content.decode()

    assert post_step(client, "timing", timing_data())["Location"] == "/check/situation/"
    response = post_step(client, "situation", {"contacted_provider": "no", "autopay": "off"})
    assert response["Location"] == "/check/review/"

    review = client.get("/check/review/").content.decode()
    assert "一直转圈、超时或网络错误" in review
    assert "银行卡信息" not in review and "可用余额" not in review
    assert review.count("?change=1") == 8  # one change link per answer shown

    response = client.post("/check/review/", {MANAGEMENT: "review"}, follow=True)
    assert response.redirect_chain[-1][0] == "/plan/"
    plan = response.content.decode()
    assert 'href="tel:4008205555"' in plan
    titles = re.findall(r'<h3 class="step__title">([^<]+)</h3>', plan)
    assert titles[0] == "先查钱有没有扣走,再换个渠道还"
    assert any(title.startswith("最后期限") for title in titles[1:])
    assert "给客服的情况说明" in plan


def test_validation_error_is_shown_on_the_page_with_a_summary(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    post_step(client, "problem", {"symptom": "timeout", "channel": "app"})
    response = post_step(
        client,
        "timing",
        {"due_date": "2026-02-30", "attempted_date": "", "attempted_time": "25:99"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>错误:", html)
    assert 'class="error-summary"' in html
    assert "请填写真实存在的日期" in html
    assert 'href="#id_timing-due_date"' in html
    assert "请填写真实的时间" in html


def test_change_from_check_answers_returns_there_after_any_newly_needed_page(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    post_step(client, "problem", {"symptom": "timeout", "channel": "app"})
    post_step(client, "timing", timing_data())
    post_step(client, "situation", {"contacted_provider": "no", "autopay": "on"})

    client.get("/check/problem/?change=1")
    response = post_step(client, "problem", {"symptom": "insufficient_funds", "channel": "app"})
    assert response["Location"] == "/check/funds/", "the new answer makes the funds page matter"
    response = post_step(
        client, "funds", {"enough_balance": "no", "frozen_or_preauth": "no", "limit_reached": "no"}
    )
    assert response["Location"] == "/check/review/", "no need to walk timing and situation again"

    client.get("/check/situation/?change=1")
    response = post_step(client, "situation", {"contacted_provider": "yes", "autopay": "on"})
    assert response["Location"] == "/check/review/"

    plan = client.post("/check/review/", {MANAGEMENT: "review"}, follow=True).content.decode()
    assert "确认扣款账户里的钱够本期应还" in plan


def test_unknown_provider_gets_a_clear_message(client, provider):
    start(client)
    response = post_step(client, "provider", {"provider": "no-such-bank"})
    assert response.status_code == 200
    assert "你选择的机构不在列表中" in response.content.decode()


def test_missing_fields_get_one_message_each(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    html = post_step(client, "problem", {}).content.decode()
    assert "请选择遇到的问题" in html
    assert "请选择还款方式" in html


@pytest.mark.parametrize("step", ["bogus", "", "done", "review<script>"])
def test_tampered_step_name_in_the_management_form_is_not_a_server_error(client, provider, step):
    start(client)
    response = client.post("/check/provider/", {MANAGEMENT: step, "provider-provider": "cmb"})
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "页面已过期或提交的内容不完整" in follow.content.decode()


def test_missing_management_form_is_not_a_server_error(client, provider):
    start(client)
    response = client.post("/check/provider/", {"provider-provider": "cmb"})
    assert response.status_code == 302


def test_unknown_step_in_the_url_goes_back_to_the_current_page(client, provider):
    start(client)
    assert client.get("/check/nonsense/")["Location"] == "/check/provider/"


def test_a_skipped_page_cannot_be_opened(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    post_step(client, "problem", {"symptom": "timeout", "channel": "app"})
    assert client.get("/check/account/")["Location"] == "/check/timing/"


def test_jumping_ahead_sends_you_to_the_first_unanswered_page(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    assert client.get("/check/review/")["Location"] == "/check/problem/"


def test_expired_session_mid_wizard_restarts_with_a_message(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    client.cookies.clear()
    response = client.get("/check/timing/", follow=True)
    assert response.redirect_chain[-1][0] == "/check/provider/"
    assert "你的回答已过期或已清除" in response.content.decode()


def test_provider_deactivated_mid_wizard_gets_a_message_and_a_way_on(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    post_step(client, "problem", {"symptom": "timeout", "channel": "app"})
    post_step(client, "timing", timing_data())
    post_step(client, "situation", {"contacted_provider": "no", "autopay": "on"})
    Provider.objects.filter(slug="cmb").update(is_active=False)
    from providers.catalog import forget_providers

    forget_providers()
    ProviderFactory(slug="icbc", name_zh="工商银行信用卡")
    response = client.post("/check/review/", {MANAGEMENT: "review"}, follow=True)
    assert response.redirect_chain[-1][0] == "/check/provider/"
    html = response.content.decode()
    assert "你选择的机构不在列表中(可能已暂停服务)" in html
    assert "工商银行信用卡" in html, "the person can pick another provider and go on"
    stored = client.session["wizard_repayment_wizard"]["step_data"]
    assert "timing" in stored, "their other answers are kept"


def test_plan_without_answers_sends_you_to_the_start(client, provider):
    response = client.get("/plan/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "还没有可以显示的方案" in response.content.decode()


def test_no_question_asks_for_a_card_number_name_or_phone_number(client, provider):
    start(client)
    pages = [client.get("/check/provider/").content.decode()]
    post_step(client, "provider", {"provider": "cmb"})
    pages.append(client.get("/check/problem/").content.decode())
    post_step(client, "problem", {"symptom": "declined", "channel": "app"})
    for step in ["account", "funds", "timing", "situation"]:
        pages.append(client.get(f"/check/{step}/").content.decode())
    for html in pages:
        inputs = re.findall(r"<input[^>]*>", html)
        types = {m.group(1) for i in inputs if (m := re.search(r'type="([a-z]+)"', i))}
        assert types <= {"radio", "hidden", "date", "time"}, types


def test_the_session_keeps_only_categorical_answers(client, provider):
    start(client)
    post_step(client, "provider", {"provider": "cmb"})
    post_step(client, "problem", {"symptom": "declined", "channel": "app"})
    post_step(
        client,
        "account",
        {
            "card_number": "ok",
            "holder_name": "ok",
            "reserved_phone": "wrong",
            "card_status": "normal",
        },
    )
    post_step(
        client, "funds", {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"}
    )
    post_step(client, "timing", timing_data())
    post_step(client, "situation", {"contacted_provider": "no", "autopay": "on"})
    client.post("/check/review/", {MANAGEMENT: "review"}, follow=True)
    stored = client.session[PLAN_SESSION_KEY]
    assert stored["account"] == {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "wrong",
        "card_status": "normal",
    }
    assert set(stored) == {
        "provider",
        "symptom",
        "channel",
        "account",
        "funds",
        "timing",
        "contacted_provider",
        "autopay",
    }
