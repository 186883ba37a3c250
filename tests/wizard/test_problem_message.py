"""The message a person saw, on the problem page (wizard.flow.problem_message and the wizard
view): read without JavaScript on submit and with htmx as they type, the problem suggested
and still theirs to change, the follow-up question of an ambiguous message, an unknown
result leading the plan, the message quoted back verbatim (redacted), misses kept for staff.
Real PostgreSQL, the shipped patterns."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession
from wizard.engine.answers import SHANGHAI
from wizard.engine.steps import StepCode
from wizard.models import Case, UnmatchedMessage

pytestmark = pytest.mark.django_db

UNKNOWN = "交易处理中,支付结果未知,请勿重复支付"
MISMATCH_OR_NOT_ENABLED = "持卡人身份信息或手机号与银行预留不一致，或未开通银联在线功能 (200013)"
NOT_ENOUGH = "可用余额不足（51）"
GIBBERISH = "出现了一个奇怪的页面叫我等等"


@pytest.fixture
def wizard(shipped_patterns):
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡", hotline="400-820-5555")
    session = WizardSession(Client())
    session.start()
    session.post("provider", {"provider": "cmb"})
    return session


def checked_symptom(html: str) -> str | None:
    for tag in re.findall(r"<input[^>]*name=\"problem-symptom\"[^>]*>", html):
        if " checked" in tag:
            return re.search(r'value="([a-z_]+)"', tag).group(1)  # type: ignore[union-attr]
    return None


def read(wizard: WizardSession, data: dict[str, str]):  # type: ignore[no-untyped-def]
    """The page's "what does it mean?" button: its name is not one of the form's fields."""
    payload = {wizard.management: "problem", "read_message": "1"}
    payload.update({f"problem-{name}": value for name, value in data.items()})
    return wizard.client.post(wizard.url("problem"), payload)


def stored_problem(wizard: WizardSession) -> dict | None:
    session = wizard.client.session
    run = wizard.base.split("/")[2]
    prefix = next(key for key in session.keys() if key.endswith(run))
    return session[prefix]["step_data"].get("problem")


def finish(wizard: WizardSession, problem: dict[str, str]) -> Case:
    """Answer the rest of the pages this problem leads to, and confirm."""
    when = (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    pages = {
        "account": {
            "card_number": "ok",
            "holder_name": "ok",
            "reserved_phone": "ok",
            "card_status": "normal",
        },
        "funds": {"enough_balance": "yes", "frozen_or_preauth": "no", "limit_reached": "no"},
        "timing": {
            "due_date": when.date().isoformat(),
            "attempted_date": when.date().isoformat(),
            "attempted_time": when.strftime("%H:%M"),
        },
        "situation": {"contacted_provider": "no", "autopay": "on"},
    }
    response = wizard.post("problem", problem)
    while (step := response["Location"].rstrip("/").rsplit("/", 1)[-1]) in pages:
        response = wizard.post(step, pages[step])
    assert step == "review", response["Location"]
    response = wizard.confirm(follow=True)
    assert response.redirect_chain[-1][0].startswith("/plan/"), response.redirect_chain
    return Case.objects.get()


def test_the_problem_page_asks_for_the_message_first_and_optionally(wizard):
    html = wizard.get("problem").content.decode()
    assert html.index('name="problem-message"') < html.index('name="problem-symptom"')
    assert "屏幕或短信上写的是什么?可以直接粘贴" in html
    assert '<label class="label" for="id_problem-message">' in html


def test_without_javascript_the_read_button_shows_the_meaning_and_selects_the_problem(wizard):
    response = read(wizard, {"message": NOT_ENOUGH})
    html = response.content.decode()
    assert response.status_code == 200
    assert "这条提示的意思" in html and "可用的钱不够" in html
    assert checked_symptom(html) == "insufficient_funds"
    assert stored_problem(wizard) is None, "reading a message stores nothing"


def test_a_message_sent_without_a_problem_chosen_is_read_rather_than_refused(wizard):
    html = wizard.post("problem", {"message": NOT_ENOUGH, "channel": "app"}).content.decode()
    assert "请选择遇到的问题" not in html
    assert checked_symptom(html) == "insufficient_funds"
    assert 'value="app" checked' in html or re.search(r'value="app"[^>]*checked', html)


def test_the_person_can_still_choose_another_problem_than_the_one_suggested(wizard):
    html = read(
        wizard,
        {"message": NOT_ENOUGH, "symptom": "limit_exceeded", "suggested": "insufficient_funds"},
    ).content.decode()
    assert checked_symptom(html) == "limit_exceeded"


def test_an_unknown_result_warns_that_money_may_have_left(wizard):
    html = read(wizard, {"message": UNKNOWN}).content.decode()
    assert "钱可能已经扣走了" in html
    assert checked_symptom(html) == "timeout"


def test_an_ambiguous_message_asks_its_follow_up_and_the_answer_picks_the_reading(wizard):
    html = read(wizard, {"message": MISMATCH_OR_NOT_ENABLED}).content.decode()
    assert "预留手机号最近换过吗" in html
    assert checked_symptom(html) == "info_mismatch"
    html = read(
        wizard,
        {
            "message": MISMATCH_OR_NOT_ENABLED,
            "follow_up": "no",
            "symptom": "info_mismatch",
            "suggested": "info_mismatch",
        },
    ).content.decode()
    assert checked_symptom(html) == "channel_unavailable"


def test_with_htmx_the_meaning_comes_as_a_fragment_with_the_problem_swapped_in(wizard):
    url = wizard.base + "problem/meaning/"
    response = wizard.client.post(url, {"problem-message": NOT_ENOUGH}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "可用的钱不够" in html
    assert 'id="symptom-question" data-hx-swap-oob="true"' in html
    assert checked_symptom(html) == "insufficient_funds"
    assert response["Vary"] and "HX-Request" in response["Vary"]
    assert not UnmatchedMessage.objects.exists(), "typing is not a miss"


def test_the_meaning_url_without_htmx_goes_back_to_the_page(wizard):
    response = wizard.client.post(wizard.base + "problem/meaning/", {"problem-message": "x"})
    assert response.status_code == 302 and response["Location"].endswith("/problem/")


def test_an_unknown_result_puts_the_money_check_first_and_the_message_is_quoted_back(wizard):
    message = f"{UNKNOWN} 卡号6222021234567890123"
    case = finish(wizard, {"message": message, "symptom": "timeout", "channel": "app"})
    assert case.answers["message"]["outcome"] == "unknown"
    assert "6222021234567890123" not in case.answers["message"]["text"]
    assert case.answers["message"]["text"].startswith(UNKNOWN)
    assert list(case.steps.values_list("code", flat=True))[0] == StepCode.CHECK_MONEY_LEFT
    html = wizard.client.get(f"/plan/{case.code}/").content.decode()
    assert html.count(UNKNOWN) >= 2, "quoted on the plan and in the case summary"
    assert "6222021234567890123" not in html


def test_a_message_nobody_recognised_is_kept_redacted_and_counted(wizard):
    wizard.post(
        "problem", {"message": f"{GIBBERISH} 13812345678", "symptom": "other", "channel": "app"}
    )
    wizard.post(
        "problem", {"message": f"{GIBBERISH}  13812345678", "symptom": "other", "channel": "app"}
    )
    miss = UnmatchedMessage.objects.get()
    assert miss.count == 2
    assert "13812345678" not in miss.example + miss.normalised


def test_the_stored_answer_holds_the_message_redacted(wizard):
    wizard.post(
        "problem",
        {
            "message": f"{NOT_ENOUGH} 手机13812345678",
            "symptom": "insufficient_funds",
            "channel": "app",
        },
    )
    stored = stored_problem(wizard)
    assert stored is not None
    assert "13812345678" not in repr(stored)


@pytest.mark.parametrize(
    "message",
    [
        "余额不足" * 3000,
        "\x00\x07余额不足\x1b[31m\u202e",
        "<script>alert(1)</script>余额不足",
        "(a+)+$" + "a" * 5000,
        "6222021234567890123 13812345678 110101199003074518 " * 30,
        "（（（（［［［【【" * 100,
    ],
)
def test_hostile_messages_get_a_page_never_a_500(wizard, message):
    for response in (
        read(wizard, {"message": message}),
        wizard.post("problem", {"message": message, "symptom": "other", "channel": "app"}),
    ):
        # 413 is the body limit's own page (config/middleware.py), for the longest.
        assert response.status_code in (200, 302, 413)
        assert "<script>alert(1)</script>" not in response.content.decode()
    response = wizard.client.post(
        wizard.base + "problem/meaning/", {"problem-message": message}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code in (200, 413)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_message_over_the_limit_is_refused_with_a_clear_message(wizard):
    html = wizard.post(
        "problem", {"message": "余额不足" * 600, "symptom": "other", "channel": "app"}
    ).content.decode()
    assert "最多 2000 字" in html
    assert stored_problem(wizard) is None


def test_the_check_answers_page_shows_the_message_but_not_the_bookkeeping(wizard):
    case_message = NOT_ENOUGH
    wizard.post(
        "problem",
        {
            "message": case_message,
            "symptom": "insufficient_funds",
            "suggested": "insufficient_funds",
            "channel": "app",
        },
    )
    when = (timezone.now() - dt.timedelta(hours=1)).astimezone(SHANGHAI)
    wizard.post("funds", {"enough_balance": "no", "frozen_or_preauth": "no", "limit_reached": "no"})
    wizard.post(
        "timing",
        {
            "due_date": when.date().isoformat(),
            "attempted_date": when.date().isoformat(),
            "attempted_time": when.strftime("%H:%M"),
        },
    )
    wizard.post("situation", {"contacted_provider": "no", "autopay": "on"})
    html = wizard.get("review").content.decode()
    assert case_message in html
    assert "insufficient_funds" not in re.sub(r"<[^>]+>", "", html)


def test_reading_a_message_from_an_older_problem_page_shows_that_page(wizard):
    """The run has moved on (another tab, or the back button): the button still answers with
    the problem page, posting back to the problem page."""
    wizard.post("problem", {"symptom": "timeout", "channel": "app"})
    html = read(wizard, {"message": NOT_ENOUGH}).content.decode()
    assert 'action="' + wizard.url("problem") + '"' in html
    assert checked_symptom(html) == "insufficient_funds"
