"""A person walking the wizard with the Django test client, on real PostgreSQL.

The views (wizard/flow/views.py) with their runs and storage: the start page, each run's own
address, skipped and unknown pages, messages, expired sessions and providers gone mid-way,
and what the session keeps."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from providers.catalog import forget_providers
from providers.models import Provider
from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession, page_answers, timing_answers
from wizard.engine.answers import SHANGHAI
from wizard.models import Case

pytestmark = pytest.mark.django_db

FUNDS_OK = page_answers("funds", enough_balance="no")


@pytest.fixture
def provider():
    return ProviderFactory(
        slug="cmb",
        name_zh="招商银行信用卡",
        hotline="400-820-5555",
        due_cutoff=dt.time(23, 59),
        grace_days=3,
    )


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def wizard(client, provider):
    session = WizardSession(client)
    session.start()
    return session


def an_hour_ago() -> dt.datetime:
    return (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)


def timing_data(when: dt.datetime | None = None) -> dict[str, str]:
    return timing_answers(when or an_hour_ago())


def answer_up_to_review(wizard: WizardSession, symptom: str = "timeout") -> None:
    wizard.post("provider", {"provider": "cmb"})
    wizard.post("problem", {"symptom": symptom, "channel": "app"})
    wizard.post("timing", timing_data())
    wizard.answer("situation")


def test_with_a_tolerance_the_total_waits_for_the_due_date_and_then_holds(client, provider):
    # The remainder page depends on the due date, so a lender with a tolerance shows no total
    # before the timing page is answered; the total shown after it counts the remainder page
    # (due two days ago, so past the cutoff) and then stays.
    provider.grace_tolerance_yuan = Decimal("10")
    provider.save()
    forget_providers()
    wizard = WizardSession(client)
    wizard.start()
    wizard.post("provider", {"provider": "cmb"})
    wizard.answer_problem("timeout")

    def counter(step: str) -> str:
        return wizard.get(step).content.decode().split('id="progress"')[1].split("</p>")[0]

    assert "共" not in counter("channel") and "共" not in counter("timing")
    due = an_hour_ago() - dt.timedelta(days=2)
    assert wizard.post("timing", timing_data(due))["Location"] == wizard.url("remainder")
    assert "第 6 步,共 7 步" in counter("remainder")
    wizard.post("remainder", {"remainder": "unsure"})
    assert "第 7 步,共 7 步" in counter("situation")
    assert "共 7 步" in counter("channel"), "and it holds on the way back"


def test_start_page_says_what_the_tool_does_and_links_into_the_wizard(client, provider):
    html = client.get("/").content.decode()
    assert "大约需要 2 分钟" in html
    assert 'href="/check/"' in html


def test_starting_gives_each_run_its_own_address(client, provider):
    first, second = WizardSession(client), WizardSession(client)
    first.start()
    second.start()
    assert re.fullmatch(r"/check/[A-Za-z0-9_-]{8}/", first.base)
    assert first.base != second.base


def test_full_walk_skipping_account_and_funds_for_a_timeout(client, wizard):
    page = wizard.get("provider").content.decode()
    assert "招商银行信用卡" in page
    # No total until it is certain: the problem decides which pages come.
    assert "第 1 步" in page and "共" not in page.split('id="progress"')[1].split("</p>")[0]

    assert wizard.post("provider", {"provider": "cmb"})["Location"] == wizard.url("message")
    response = wizard.answer_problem("timeout")
    assert response["Location"] == wizard.url("timing"), "account and funds cannot matter"
    assert "第 4 步,共 6 步" in wizard.get("channel").content.decode()
    assert "第 5 步,共 6 步" in wizard.get("timing").content.decode()

    assert wizard.post("timing", timing_data())["Location"] == wizard.url("situation")
    response = wizard.post("situation", {"contacted_provider": "no", "autopay": "off"})
    assert response["Location"] == wizard.url("review")

    review = wizard.get("review").content.decode()
    assert "一直转圈、超时或网络错误" in review
    assert "银行卡信息" not in review and "可用余额" not in review
    assert review.count("?change=1") == 8  # one change link per answer shown

    response = wizard.confirm(follow=True)
    case = Case.objects.get()
    assert response.redirect_chain[-1][0] == f"/plan/{case.code}/"
    plan = response.content.decode()
    assert 'href="tel:4008205555"' in plan
    titles = re.findall(r'<h3 class="step__title">([^<]+)</h3>', plan)
    assert titles[0] == "换个渠道还，或恢复后马上还"
    assert any(title.startswith("最后期限") for title in titles[1:])
    assert "给客服的情况说明" in plan


def test_validation_error_is_shown_on_the_page_with_a_summary(wizard):
    wizard.post("provider", {"provider": "cmb"})
    wizard.answer_problem("timeout")
    response = wizard.post(
        "timing", {"due_date": "2026-02-30", "attempted_date": "", "attempted_time": "25:99"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>错误:", html)
    assert 'class="error-summary"' in html
    assert "请填写真实存在的日期" in html
    assert 'href="#id_timing-due_date"' in html
    assert "请填写真实的时间" in html


def test_change_from_check_answers_returns_there_after_any_newly_needed_page(client, wizard):
    answer_up_to_review(wizard)
    client.get(wizard.url("problem") + "?change=1")
    response = wizard.answer_problem("insufficient_funds")
    assert response["Location"] == wizard.url("funds"), "the new answer makes funds matter"
    response = wizard.post("funds", FUNDS_OK)
    assert response["Location"] == wizard.url("review"), "no need to walk the rest again"

    client.get(wizard.url("situation") + "?change=1")
    response = wizard.post("situation", {"contacted_provider": "yes", "autopay": "on"})
    assert response["Location"] == wizard.url("review")

    plan = wizard.confirm(follow=True).content.decode()
    assert "确认扣款账户里的钱够本期应还" in plan


def test_unknown_provider_gets_a_clear_message(wizard):
    response = wizard.post("provider", {"provider": "no-such-bank"})
    assert response.status_code == 200
    assert "你选择的机构不在列表中" in response.content.decode()


def test_missing_fields_get_one_message_each(wizard):
    wizard.post("provider", {"provider": "cmb"})
    wizard.post("message", {"message": ""})
    html = wizard.post("problem", {}).content.decode()
    assert "请选择遇到的问题" in html
    wizard.post("problem", {"symptom": "timeout"})
    html = wizard.post("channel", {}).content.decode()
    assert "请选择还款方式" in html


@pytest.mark.parametrize("step", ["bogus", "", "done", "review<script>"])
def test_tampered_step_name_in_the_management_form_is_not_a_server_error(client, wizard, step):
    response = client.post(
        wizard.url("provider"), {wizard.management: step, "provider-provider": "cmb"}
    )
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "页面已过期或提交的内容不完整" in follow.content.decode()


def test_missing_management_form_is_not_a_server_error(client, wizard):
    response = client.post(wizard.url("provider"), {"provider-provider": "cmb"})
    assert response.status_code == 302


def test_unknown_step_in_the_url_goes_back_to_the_current_page(client, wizard):
    assert client.get(wizard.url("nonsense"))["Location"] == wizard.url("provider")


def test_a_skipped_page_cannot_be_opened(wizard):
    wizard.post("provider", {"provider": "cmb"})
    wizard.answer_problem("timeout")
    assert wizard.get("account")["Location"] == wizard.url("timing")


def test_jumping_ahead_sends_you_to_the_first_unanswered_page(wizard):
    wizard.post("provider", {"provider": "cmb"})
    assert wizard.get("review")["Location"] == wizard.url("message")


def test_expired_session_mid_wizard_restarts_with_a_message(client, wizard):
    wizard.post("provider", {"provider": "cmb"})
    client.cookies.clear()
    response = wizard.get("timing", follow=True)
    assert re.fullmatch(r"/check/[A-Za-z0-9_-]{8}/provider/", response.redirect_chain[-1][0])
    assert "你的回答已过期或已清除" in response.content.decode()


def test_provider_deactivated_mid_wizard_gets_a_message_and_a_way_on(client, wizard):
    answer_up_to_review(wizard)
    Provider.objects.filter(slug="cmb").update(is_active=False)
    forget_providers()
    ProviderFactory(slug="icbc", name_zh="工商银行信用卡")
    response = wizard.confirm(follow=True)
    assert response.redirect_chain[-1][0] == wizard.url("provider")
    html = response.content.decode()
    assert "你选择的机构不在列表中(可能已暂停服务)" in html
    assert "工商银行信用卡" in html, "the person can pick another provider and go on"
    run = wizard.base.split("/")[2]
    stored = client.session[f"wizard_repayment_wizard_{run}"]["step_data"]
    assert "timing" in stored, "their other answers are kept"


def test_provider_deleted_mid_wizard_gets_the_same_way_on(client, wizard):
    answer_up_to_review(wizard)
    Provider.objects.filter(slug="cmb").delete()
    ProviderFactory(slug="icbc", name_zh="工商银行信用卡")
    response = wizard.confirm(follow=True)
    assert response.redirect_chain[-1][0] == wizard.url("provider")
    assert "你选择的机构不在列表中(可能已暂停服务)" in response.content.decode()


def test_an_unknown_reference_code_says_so(client, provider):
    response = client.get("/plan/ABCDEFGHJK/")
    assert response.status_code == 404
    assert "找不到这个参考编号" in response.content.decode()


def test_two_tabs_do_not_mix_their_answers(client, provider):
    ProviderFactory(slug="icbc", name_zh="工商银行信用卡")
    first, second = WizardSession(client), WizardSession(client)
    first.start()
    second.start()
    first.post("provider", {"provider": "cmb"})
    second.post("provider", {"provider": "icbc"})
    for tab in (first, second):
        tab.answer_problem("timeout")
        tab.post("timing", timing_data())
    first.answer("situation")
    second.post("situation", {"contacted_provider": "yes", "autopay": "off"})
    first_plan = first.confirm(follow=True).content.decode()
    second_plan = second.confirm(follow=True).content.decode()
    assert "招商银行信用卡还款处理方案" in first_plan
    assert "工商银行信用卡还款处理方案" in second_plan
    assert "开通自动还款，下次不再错过" not in first_plan
    assert "开通自动还款，下次不再错过" in second_plan


def test_a_session_keeps_only_the_last_few_runs(client, provider):
    runs = []
    for _ in range(7):
        session = WizardSession(client)
        session.start()
        session.post("provider", {"provider": "cmb"})
        runs.append(session)
    keys = [k for k in client.session.keys() if k.startswith("wizard_repayment_wizard_")]
    assert len(keys) == 5
    response = runs[0].get("problem", follow=True)
    assert "你的回答已过期或已清除" in response.content.decode()


def test_no_question_asks_for_a_card_number_name_or_phone_number(wizard):
    pages = [wizard.get("provider").content.decode()]
    wizard.post("provider", {"provider": "cmb"})
    pages.append(wizard.get("problem").content.decode())
    wizard.answer_problem("declined")
    for step in ["account", "funds", "timing", "situation"]:
        pages.append(wizard.get(step).content.decode())
    for html in pages:
        inputs = re.findall(r"<input[^>]*>", html)
        types = {m.group(1) for i in inputs if (m := re.search(r'type="([a-z]+)"', i))}
        assert types <= {"radio", "hidden", "date", "time"}, types


def test_the_session_keeps_only_categorical_answers(client, wizard):
    wizard.post("provider", {"provider": "cmb"})
    wizard.answer_problem("declined")
    account = {
        "card_number": "ok",
        "holder_name": "ok",
        "reserved_phone": "wrong",
        "card_status": "normal",
    }
    wizard.post("account", account)
    wizard.post("funds", FUNDS_OK)
    wizard.post("timing", timing_data())
    wizard.answer("situation")
    wizard.confirm(follow=True)
    stored = Case.objects.get().answers
    assert stored["account"] == account
    assert set(stored) == {
        "provider",
        "symptom",
        "channel",
        "account",
        "funds",
        "timing",
        "contacted_provider",
        "autopay",
        "card_tier",
        "remainder",
        "message",
    }
    assert stored["message"] is None  # none was given
    assert stored["remainder"] == "unsure", "a bracket, and only when asked"


def test_extra_fields_posted_along_with_an_answer_are_not_kept(client, wizard):
    payload = {
        wizard.management: "provider",
        "provider-provider": "cmb",
        "provider-card_number": "6222021234567890123",
        "card_number": "6222021234567890123",
    }
    client.post(wizard.url("provider"), payload)
    run = wizard.base.split("/")[2]
    stored = client.session[f"wizard_repayment_wizard_{run}"]["step_data"]["provider"]
    assert stored == {"provider-provider": ["cmb"]}


def test_a_field_posted_twice_is_stored_as_the_value_that_was_validated(client, wizard):
    # Found by the hostile-input tests: the form validates the last value posted.
    client.post(
        wizard.url("provider"),
        {wizard.management: "provider", "provider-provider": ["no-such-bank", "cmb"]},
    )
    run = wizard.base.split("/")[2]
    stored = client.session[f"wizard_repayment_wizard_{run}"]["step_data"]["provider"]
    assert stored == {"provider-provider": ["cmb"]}
