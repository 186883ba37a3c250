"""A person types personal data into every field: none of it is stored or logged."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession, case_for, owners_browser, recent_answers
from wizard.flow.problem_message import message_digest
from wizard.flow.views import RepaymentWizard
from wizard.models import Case, UnmatchedMessage

pytestmark = pytest.mark.django_db

PERSONAL = {
    "card number": "6222021234567890123",
    "ID number": "110101199003074518",
    "name": "张伟",
    "phone number": "13812345678",
}


def everything_stored() -> str:
    """Every row of every table, with session data decoded, as one searchable text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names from introspection
            chunks.extend(repr(row) for row in cursor.fetchall())
    chunks.extend(json.dumps(s.get_decoded(), ensure_ascii=False) for s in Session.objects.all())
    return "\n".join(chunks)


def test_personal_data_typed_anywhere_is_neither_stored_nor_logged(caplog):
    caplog.set_level(logging.DEBUG)
    ProviderFactory(slug="cmb")
    client = Client(raise_request_exception=False)
    wizard = WizardSession(client)
    wizard.start()
    for step, form_class in RepaymentWizard.form_list:
        for value in PERSONAL.values():
            fields = {f"{step}-{name}": value for name in form_class.base_fields}
            extras = {"comment": value, f"{step}-note": value, "name": value}
            client.post(wizard.url(step), {wizard.management: step, **fields, **extras})
            client.get(wizard.url(step), {"q": value})
        # Then answer the page properly, with the personal data posted alongside.
        if step == "provider":
            client.post(
                wizard.url(step),
                {
                    wizard.management: step,
                    "provider-provider": "cmb",
                    "card": PERSONAL["card number"],
                },
            )
    # The message page: read as typed, read by its button, answered
    # (recognised and not: a miss is kept for staff), and carried into the case.
    call_command("load_patterns", verbosity=0)
    for message in (
        f"户名:{PERSONAL['name']} 持卡人身份信息或手机号{PERSONAL['phone number']}与银行预留"
        f"不一致,卡号{PERSONAL['card number']},身份证{PERSONAL['ID number']}",
        f"一条谁也没见过的提示 姓名:{PERSONAL['name']} {PERSONAL['card number']} "
        f"{PERSONAL['phone number']} {PERSONAL['ID number']}",
    ):
        run = WizardSession(client)
        run.start()
        run.post("provider", {"provider": "cmb"})
        client.post(run.url("problem") + "meaning/", {"message-message": message},
                    HTTP_HX_REQUEST="true")  # fmt: skip
        read = {run.management: "message", "message-message": message, "read_message": "1"}
        client.post(run.url("message"), read)
        run.post("message", {"message": message, "read": message_digest(message)})
        run.answer("problem", symptom="info_mismatch")
        run.answer("channel")
        run.answer("account", reserved_phone="wrong")
        run.answer("timing", when=timezone.now() - dt.timedelta(hours=1))
        run.answer("situation")
        run.confirm(follow=True)
    assert Case.objects.exclude(answers__message=None).count() == 2
    assert UnmatchedMessage.objects.count() == 1
    # The one free-text field: the comment under "did this solve it?".
    for value in PERSONAL.values():
        case = case_for(recent_answers(provider="cmb"))
        owners_browser(case, client).post(
            f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": value}
        )
    # Names hide best inside sentences; one introduced the usual way is caught with the numbers.
    # (A bare name in the middle of a sentence cannot be told from words: the comment field
    # asks people not to type any.)
    for value in (PERSONAL["card number"], PERSONAL["ID number"], PERSONAL["phone number"]):
        case = case_for(recent_answers(provider="cmb"))
        owners_browser(case, client).post(
            f"/plan/{case.code}/feedback/",
            {"outcome": "partly", "comment": f"我叫{PERSONAL['name']},号码{value}仍然不行"},
        )
    stored = everything_stored()
    logged = caplog.text
    for kind, value in PERSONAL.items():
        assert value not in stored, f"{kind} found in the database"
        assert value not in logged, f"{kind} found in the logs"
    assert "cmb" in stored, "the search does see what the wizard legitimately keeps"
