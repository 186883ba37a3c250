"""The wizard's forms (wizard/flow/forms.py) as a person meets them: the messages they give."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.wizard.helpers import case_for, recent_answers
from wizard.models import Case

pytestmark = pytest.mark.django_db


def test_feedback_needs_an_answer_and_a_short_comment(bank):
    case = case_for(recent_answers())
    client = Client()
    html = client.post(f"/plan/{case.code}/feedback/", {"comment": "x"}).content.decode()
    assert "请选择是否解决了" in html and 'id="error-summary"' in html
    html = client.post(
        f"/plan/{case.code}/feedback/", {"outcome": "solved", "comment": "长" * 201}
    ).content.decode()
    assert "最多 200 字" in html
    assert Case.objects.get().outcome == ""
