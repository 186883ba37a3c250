"""The message a person saw, on the message page (wizard.flow.problem_message and the wizard
view), and the problem page after it: read without JavaScript on submit and with htmx as
they type, the follow-up question of an ambiguous message, the problem page confirming the
problem the message points to (still theirs to change), an unknown result leading the plan,
the message quoted back verbatim (redacted), misses kept for staff, and the message read
once: its outcome kept with the page, never read again from the redacted copy.
Real PostgreSQL, the shipped patterns."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession
from wizard.engine.answers import Answers
from wizard.engine.steps import StepCode
from wizard.flow.problem_message import message_digest
from wizard.models import Case, UnmatchedMessage
from wizard.triage.patterns import decode as real_decode

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
    payload = {wizard.management: "message", "read_message": "1"}
    payload.update({f"message-{name}": value for name, value in data.items()})
    return wizard.client.post(wizard.url("message"), payload)


def go_on(wizard: WizardSession, message: str, **data: str):  # type: ignore[no-untyped-def]
    """ "Continue" on the message page after its reading was shown."""
    return wizard.post("message", {"message": message, "read": message_digest(message), **data})


def stored(wizard: WizardSession, step: str) -> dict | None:
    session = wizard.client.session
    run = wizard.base.split("/")[2]
    prefix = next(key for key in session.keys() if key.endswith(run))
    return session[prefix]["step_data"].get(step)


def finish(wizard: WizardSession, symptom: str) -> Case:
    """Answer the problem page and the rest of the pages this problem leads to; confirm."""
    when = timezone.now() - dt.timedelta(hours=1)
    response = wizard.answer_until_review(wizard.answer("problem", symptom=symptom), when=when)
    step = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert step == "review", response["Location"]
    response = wizard.confirm(follow=True)
    assert response.redirect_chain[-1][0].startswith("/plan/"), response.redirect_chain
    return Case.objects.get()


def test_the_message_page_asks_only_for_the_message_and_it_is_optional(wizard):
    html = wizard.get("message").content.decode()
    assert '<label class="label" for="id_message-message">' in html
    assert 'name="problem-symptom"' not in html and 'name="channel-channel"' not in html
    assert wizard.post("message", {"message": ""})["Location"] == wizard.url("problem")
    problem = wizard.get("problem").content.decode()
    assert "还款时遇到了什么情况?" in problem and checked_symptom(problem) is None


def test_without_javascript_the_read_button_shows_the_meaning_and_stores_nothing(wizard):
    response = read(wizard, {"message": NOT_ENOUGH})
    html = response.content.decode()
    assert response.status_code == 200
    assert "这条提示的意思" in html and "可用的钱不够" in html
    assert f'name="message-read" value="{message_digest(NOT_ENOUGH)}"' in html
    assert stored(wizard, "message") is None, "reading a message stores nothing"


def test_going_on_before_the_reading_was_seen_shows_the_reading_first(wizard):
    response = wizard.post("message", {"message": NOT_ENOUGH})
    assert response.status_code == 200 and "可用的钱不够" in response.content.decode()
    assert stored(wizard, "message") is None
    assert go_on(wizard, NOT_ENOUGH)["Location"] == wizard.url("problem")


def test_a_message_nobody_recognised_goes_straight_on_to_the_plain_problem_page(wizard):
    assert wizard.post("message", {"message": GIBBERISH})["Location"] == wizard.url("problem")
    html = wizard.get("problem").content.decode()
    assert "还款时遇到了什么情况?" in html and checked_symptom(html) is None


def test_a_message_that_says_the_payment_went_through_is_told_as_such(wizard):
    # Someone who pasted a success message into a tool for failed repayments is told what it
    # says, and what to do if the bill does not show it; nothing is suggested.
    html = read(wizard, {"message": "您已成功还款，感谢您的使用！"}).content.decode()
    assert "这条提示说付款已经成功,不是失败。" in html
    assert "若仍显示未还,先别再付一次" in html
    assert "我们还认不出这条提示" not in html
    assert wizard.post("message", {"message": "您已成功还款，感谢您的使用！"})[
        "Location"
    ] == wizard.url("problem")


def test_the_problem_page_confirms_the_problem_the_message_points_to(wizard):
    go_on(wizard, NOT_ENOUGH)
    html = wizard.get("problem").content.decode()
    assert "<h1" in html and "提示的意思是“提示‘余额不足’”,对吗?" in html  # quotes nest
    assert checked_symptom(html) == "insufficient_funds"
    # Still the person's choice.
    assert wizard.post("problem", {"symptom": "limit_exceeded"})["Location"] == wizard.url(
        "channel"
    )
    assert stored(wizard, "problem")["problem-symptom"] == ["limit_exceeded"]


def test_an_unknown_result_warns_that_money_may_have_left(wizard):
    html = read(wizard, {"message": UNKNOWN}).content.decode()
    assert "钱可能已经扣走了" in html
    assert "一直转圈、超时或网络错误" in html


def test_an_ambiguous_message_asks_its_follow_up_and_the_answer_picks_the_problem(wizard):
    html = read(wizard, {"message": MISMATCH_OR_NOT_ENABLED}).content.decode()
    assert "预留手机号最近换过吗" in html and 'name="message-follow_up"' in html
    go_on(wizard, MISMATCH_OR_NOT_ENABLED, follow_up="no")
    assert checked_symptom(wizard.get("problem").content.decode()) == "channel_unavailable"


def test_a_new_message_asks_to_confirm_its_problem_again(wizard):
    go_on(wizard, NOT_ENOUGH)
    wizard.post("problem", {"symptom": "insufficient_funds"})
    go_on(wizard, UNKNOWN)
    assert stored(wizard, "problem") is None, "the earlier confirmation no longer holds"
    assert checked_symptom(wizard.get("problem").content.decode()) == "timeout"


def test_with_htmx_the_meaning_comes_as_a_fragment_that_says_the_text_was_read(wizard):
    url = wizard.base + "problem/meaning/"
    response = wizard.client.post(url, {"message-message": NOT_ENOUGH}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "可用的钱不够" in html
    assert f'name="message-read" value="{message_digest(NOT_ENOUGH)}"' in html
    assert response["Vary"] and "HX-Request" in response["Vary"]
    assert not UnmatchedMessage.objects.exists(), "typing is not a miss"


def test_the_meaning_url_without_htmx_goes_back_to_the_page(wizard):
    response = wizard.client.post(wizard.base + "problem/meaning/", {"message-message": "x"})
    assert response.status_code == 302 and response["Location"].endswith("/message/")


def test_an_unknown_result_puts_the_money_check_first_and_the_message_is_quoted_back(wizard):
    message = f"{UNKNOWN} 卡号6222021234567890123"
    go_on(wizard, message)
    case = finish(wizard, "timeout")
    assert case.answers["message"]["outcome"] == "unknown"
    assert "6222021234567890123" not in case.answers["message"]["text"]
    assert case.answers["message"]["text"].startswith(UNKNOWN)
    assert list(case.steps.values_list("code", flat=True))[0] == StepCode.CHECK_MONEY_LEFT
    html = wizard.client.get(f"/plan/{case.code}/").content.decode()
    assert html.count(UNKNOWN) >= 2, "quoted on the plan and in the case summary"
    assert "6222021234567890123" not in html


def test_a_walk_reads_the_message_once_when_the_page_is_answered(wizard):
    """The outcome is kept with the message page's answers: finishing the walk (and
    showing the plan) decodes nothing again, least of all the redacted copy."""
    decode = mock.Mock(wraps=real_decode)
    from_dict = mock.Mock(wraps=Answers.from_dict)
    with (
        mock.patch("wizard.triage.patterns.decode", decode),
        mock.patch.object(Answers, "from_dict", from_dict),
    ):
        go_on(wizard, f"{UNKNOWN} 手机13812345678")
        case = finish(wizard, "timeout")
    assert decode.call_count == 1
    assert "13812345678" in decode.call_args.args[0], "read from the text as given"
    # The wizard builds the answers from its typed pages; only the plan page, reading the
    # stored case, goes through the JSON door.
    assert from_dict.call_count == 1
    assert case.answers["message"]["outcome"] == "unknown"


def test_a_message_nobody_recognised_is_kept_redacted_and_counted(wizard):
    wizard.post("message", {"message": f"{GIBBERISH} 13812345678"})
    wizard.post("message", {"message": f"{GIBBERISH}  13812345678"})
    miss = UnmatchedMessage.objects.get()
    assert miss.count == 2
    assert "13812345678" not in miss.example + miss.normalised


def test_the_stored_answer_holds_the_message_redacted_with_its_outcome(wizard):
    go_on(wizard, f"{NOT_ENOUGH} 手机13812345678")
    answer = stored(wizard, "message")
    assert answer is not None
    assert "13812345678" not in repr(answer)
    assert answer["message-outcome"] == ["failed"]
    assert answer["message-suggested"] == ["insufficient_funds"]


def test_an_outcome_posted_by_the_client_is_not_believed(wizard):
    go_on(wizard, GIBBERISH, outcome="deducted", suggested="timeout")
    answer = stored(wizard, "message")
    assert answer["message-outcome"] == ["no_match"] and answer["message-suggested"] == [""]


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
        wizard.post("message", {"message": message}),
        go_on(wizard, message),
    ):
        # 413 is the body limit's own page (config/middleware.py), for the longest.
        assert response.status_code in (200, 302, 413)
        assert "<script>alert(1)</script>" not in response.content.decode()
    response = wizard.client.post(
        wizard.base + "problem/meaning/", {"message-message": message}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code in (200, 413)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_message_over_the_limit_is_refused_with_a_clear_message(wizard):
    message = "余额不足" * 600
    html = go_on(wizard, message).content.decode()
    assert "最多 2000 字" in html
    assert stored(wizard, "message") is None


def test_the_check_answers_page_shows_the_message_but_not_the_bookkeeping(wizard):
    go_on(wizard, NOT_ENOUGH)
    wizard.answer("problem", symptom="insufficient_funds")
    wizard.answer("channel")
    wizard.answer("funds", enough_balance="no")
    wizard.answer("timing", when=timezone.now() - dt.timedelta(hours=1))
    wizard.answer("situation")
    html = wizard.get("review").content.decode()
    assert NOT_ENOUGH in html
    text = re.sub(r"<[^>]+>", "", html)
    assert "insufficient_funds" not in text and "failed" not in text
    assert message_digest(NOT_ENOUGH) not in html


def test_reading_a_message_from_an_older_message_page_shows_that_page(wizard):
    """The run has moved on (another tab, or the back button): the button still answers with
    the message page, posting back to the message page."""
    wizard.post("message", {"message": ""})
    wizard.post("problem", {"symptom": "timeout"})
    html = read(wizard, {"message": NOT_ENOUGH}).content.decode()
    assert 'action="' + wizard.url("message") + '"' in html
    assert "可用的钱不够" in html
