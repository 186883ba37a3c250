"""The case look-up in the support console (wizard/cases/admin.py): a case found by its code
and shown read-only."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.wizard.helpers import case_for, owners_browser, recent_answers

pytestmark = pytest.mark.django_db


def test_staff_type_a_code_and_see_the_case_read_only(bank, support_client):
    case = case_for(recent_answers(symptom="timeout"))
    owners_browser(case).post(
        f"/plan/{case.code}/feedback/", {"outcome": "partly", "comment": "还在等"}
    )
    typed = f"{case.code[:5].lower()}-{case.code[5:].lower()}"
    response = support_client.get("/admin/wizard/case/", {"q": typed})
    assert response["Location"] == f"/admin/wizard/case/{case.pk}/change/"
    page = support_client.get(response["Location"]).content.decode()
    assert case.display_code in page and "timeout" in page and "还在等" in page
    assert "outage_procedure" in page  # the plan as it was shown
    change = support_client.post(f"/admin/wizard/case/{case.pk}/change/", {"comment": "x"})
    assert change.status_code == 403
    assert support_client.post(f"/admin/wizard/case/{case.pk}/delete/").status_code == 403
    assert Client().get("/admin/wizard/case/")["Location"].startswith("/admin/login/")
