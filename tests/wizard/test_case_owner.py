"""Reading by code, writing by owner: a case code opens the plan for anyone who has it, but
only the person who made the case may give its feedback or tick its evidence."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client

from tests.wizard.helpers import case_for, finish_wizard, owners_browser, recent_answers
from wizard.cases.reference_codes import new_code
from wizard.models import Case, FunnelCount, Outcome

pytestmark = pytest.mark.django_db

OWNER_TOKEN = re.compile(r'name="owner" value="([^"]+)"')


def test_a_strangers_feedback_changes_nothing_and_says_why(bank):
    case = case_for(recent_answers())
    counted_before = list(FunnelCount.objects.values_list("stage", "runs"))
    response = Client().post(f"/plan/{case.code}/feedback/", {"outcome": "solved"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "这个方案只能查看" in page and "你的提交没有保存" in page
    case.refresh_from_db()
    assert (case.outcome, case.comment, case.feedback_at) == ("", "", None)
    assert list(FunnelCount.objects.values_list("stage", "runs")) == counted_before


def test_a_strangers_evidence_ticks_change_nothing(bank):
    case = case_for(recent_answers())
    owners_browser(case).post(f"/plan/{case.code}/evidence/", {"evidence": ["bill_state"]})
    response = Client().post(f"/plan/{case.code}/evidence/", {"evidence": []})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.evidence == ["bill_state"]


def test_the_refusal_is_in_english_on_english_pages(bank):
    case = case_for(recent_answers())
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.post(f"/plan/{case.code}/feedback/", {"outcome": "solved"}).content.decode()
    assert "This plan can only be viewed" in page
    assert not re.search(r"[\u4e00-\u9fff]{4}", page.split("<main")[1].split("</main>")[0])


def test_a_stranger_reads_the_plan_without_the_forms_and_is_told_why(bank):
    case = case_for(recent_answers())
    response = Client().get(f"/plan/{case.code}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="step__title"' in page, "the plan itself is there"
    assert "/feedback/" not in page and "/evidence/" not in page
    assert not OWNER_TOKEN.search(page)
    assert "只有生成这个方案的人可以填写反馈" in page
    assert "勾选只能在生成方案的手机或电脑上保存" in page
    assert "private" in response["Cache-Control"]


def test_the_owner_sees_the_forms_and_the_page_is_not_stored(bank):
    client = Client()
    finish_wizard(client)
    case = Case.objects.get()
    response = client.get(f"/plan/{case.code}/")
    page = response.content.decode()
    assert f"/plan/{case.code}/feedback/" in page and f"/plan/{case.code}/evidence/" in page
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_owners_page_still_saves_after_its_session_ended(bank):
    case = case_for(recent_answers())
    page = owners_browser(case).get(f"/plan/{case.code}/").content.decode()
    token = OWNER_TOKEN.search(page).group(1)
    later = Client()  # the session expired; the page was left open
    response = later.post(f"/plan/{case.code}/feedback/", {"outcome": "partly", "owner": token})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == Outcome.PARTLY
    assert "/feedback/" in later.get(f"/plan/{case.code}/").content.decode(), "theirs again"


def test_one_cases_token_does_not_change_another(bank):
    mine, theirs = case_for(recent_answers()), case_for(recent_answers())
    page = owners_browser(mine).get(f"/plan/{mine.code}/").content.decode()
    token = OWNER_TOKEN.search(page).group(1)
    response = Client().post(
        f"/plan/{theirs.code}/feedback/", {"outcome": "solved", "owner": token}
    )
    assert response.status_code == 403
    theirs.refresh_from_db()
    assert theirs.outcome == ""


def test_wrong_codes_without_a_session_write_no_session_row(bank):
    for _ in range(5):
        assert Client().get(f"/plan/{new_code()}/").status_code == 404
    browser = Client()
    for _ in range(5):
        assert browser.get(f"/plan/{new_code()}/").status_code == 404
    assert Session.objects.count() == 0
