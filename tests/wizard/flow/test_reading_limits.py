"""Reading a pasted message is CPU work: the live reading (htmx as the person types, and the
no-JavaScript button) answers 429 past a client's allowance, a busy shared address does not
lock out the person behind it, and unrecognised messages are kept within limits per client
(wizard/flow/reading_limits.py)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession
from wizard.models import UnmatchedMessage

pytestmark = pytest.mark.django_db

MESSAGE = "可用余额不足（51）"


def new_wizard() -> WizardSession:
    session = WizardSession(Client())
    session.start()
    session.post("provider", {"provider": "cmb"})
    return session


@pytest.fixture
def wizard(shipped_patterns):
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡", hotline="400-820-5555")
    return new_wizard()


def typed(wizard: WizardSession, message: str = MESSAGE):  # type: ignore[no-untyped-def]
    return wizard.client.post(
        wizard.base + "problem/meaning/", {"message-message": message}, HTTP_HX_REQUEST="true"
    )


def pressed(wizard: WizardSession, message: str = MESSAGE):  # type: ignore[no-untyped-def]
    payload = {wizard.management: "message", "read_message": "1", "message-message": message}
    return wizard.client.post(wizard.url("message"), payload)


def test_past_its_allowance_a_session_gets_429_with_a_clear_message_while_typing(wizard, settings):
    settings.MESSAGE_READINGS_PER_SESSION_PER_MINUTE = 3
    for _ in range(3):
        assert typed(wizard).status_code == 200
    response = typed(wizard)
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "这条没有读" in html and "在下一页选最接近的问题" in html
    assert "可用的钱不够" not in html


def test_past_its_allowance_the_read_button_shows_the_page_again_with_429(wizard, settings):
    settings.MESSAGE_READINGS_PER_SESSION_PER_MINUTE = 2
    assert pressed(wizard).status_code == 200
    assert typed(wizard).status_code == 200
    response = pressed(wizard)
    html = response.content.decode()
    assert response.status_code == 429
    assert "这条没有读" in html
    assert 'name="message-message"' in html and ">继续<" in html, "the person can still go on"
    assert MESSAGE in html, "what they pasted is kept in the box"


def test_a_busy_shared_address_does_not_lock_out_the_person_behind_it(wizard, settings):
    settings.MESSAGE_READINGS_PER_ADDRESS_PER_MINUTE = 2
    settings.MESSAGE_READINGS_PER_SESSION_PER_MINUTE = 100
    statuses = [typed(wizard).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[-1] == 429, statuses
    neighbour = new_wizard()
    assert typed(neighbour).status_code == 200, "another person behind the same address"


def test_an_empty_message_costs_no_reading(wizard, settings):
    settings.MESSAGE_READINGS_PER_SESSION_PER_MINUTE = 1
    for _ in range(3):
        assert typed(wizard, "  ").status_code == 200
    assert typed(wizard).status_code == 200


def test_unrecognised_messages_are_kept_within_a_clients_allowance(wizard, settings):
    settings.UNMATCHED_MESSAGES_PER_SESSION_PER_HOUR = 2
    for number in range(4):
        page = {"message": f"出现了一个奇怪的页面第{'一二三四'[number]}种"}
        assert wizard.post("message", page).status_code == 302
    assert UnmatchedMessage.objects.count() == 2
