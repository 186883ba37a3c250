"""The evidence list in a case (wizard/engine/evidence.py, /plan/<code>/evidence/): what to
keep and why, each stated fact with its source and date; the person's ticks kept as codes
only, and the case summary's evidence section."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.wizard.helpers import case_for, owners_browser, recent_answers
from wizard.engine.evidence import EvidenceItem, evidence_for, evidence_summary
from wizard.models import Case
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db


def evidence_url(case: Case) -> str:
    return f"/plan/{case.code}/evidence/"


def summary_text(html: str) -> str:
    match = re.search(r'<textarea id="case-summary-text"[^>]*>(.*?)</textarea>', html, re.S)
    assert match, "the case summary is on the page"
    return match.group(1)


def ticked_boxes(html: str) -> list[str]:
    return re.findall(r'name="evidence" value="(\w+)"[^>]*\bchecked\b', html)


def deducted_answers() -> dict:
    return recent_answers(symptom="deducted_not_credited")


def test_ticking_stores_only_the_codes_in_the_lists_order_and_the_page_shows_them_ticked(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    response = client.post(
        evidence_url(case),
        {"evidence": ["call_records", "failure_screen"], "note": "6222021234567890123"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/plan/{case.code}/#evidence"
    case.refresh_from_db()
    assert case.evidence == ["failure_screen", "call_records"]
    page = client.get(response["Location"]).content.decode()
    assert "已记下你保存了哪些证据" in page
    assert sorted(ticked_boxes(page)) == ["call_records", "failure_screen"]
    assert "6222021234567890123" not in repr(list(Case.objects.values()))


def test_ticking_again_replaces_the_ticks_and_nothing_ticked_clears_them(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    client.post(evidence_url(case), {"evidence": ["bill_state", "provider_sms"]})
    client.post(evidence_url(case), {"evidence": ["provider_sms"]})
    case.refresh_from_db()
    assert case.evidence == ["provider_sms"]
    client.post(evidence_url(case), {})
    case.refresh_from_db()
    assert case.evidence == []


def test_a_forged_code_is_refused_with_a_message_and_nothing_is_stored(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    client.post(evidence_url(case), {"evidence": ["bill_state"]})
    response = client.post(
        evidence_url(case), {"evidence": ["statement_line", "photo_of_my_card"]}, follow=True
    )
    assert response.status_code == 200
    assert "有一项勾选不在列表里,没有保存" in response.content.decode()
    case.refresh_from_db()
    assert case.evidence == ["bill_state"], "the earlier ticks are kept as they were"


@pytest.mark.parametrize(
    "data",
    [
        {"evidence": "x" * 5000},
        {"evidence": ["statement_line"] * 300},
        {"evidence": ["", " ", "\x00"]},
        {"evidence[]": "statement_line", "csrfmiddlewaretoken": "nonsense"},
        {"evidence": "<script>alert(1)</script>"},
    ],
    ids=["long", "repeated", "blank-and-nul", "odd-keys", "markup"],
)
def test_garbage_posts_get_an_answer_never_a_500(bank, quiet_client, data):
    case = case_for(recent_answers())
    response = owners_browser(case, quiet_client).post(evidence_url(case), data)
    assert response.status_code in (302, 400)
    case.refresh_from_db()
    assert set(case.evidence) <= set(EvidenceItem.values)


def test_repeated_ticks_are_kept_once(bank):
    case = case_for(recent_answers())
    owners_browser(case).post(evidence_url(case), {"evidence": ["statement_line"] * 5})
    case.refresh_from_db()
    assert case.evidence == ["statement_line"]


def test_the_evidence_list_only_takes_posts_and_only_for_a_real_case(bank, quiet_client):
    case = case_for(recent_answers())
    assert quiet_client.get(evidence_url(case)).status_code == 405
    assert quiet_client.post("/plan/22222AAAAA/evidence/", {}).status_code == 404


@pytest.mark.parametrize("evidence", [["statement_line", "selfie"], "statement_line", [1]])
def test_a_case_with_evidence_that_is_not_a_list_of_known_codes_does_not_validate(bank, evidence):
    case = case_for(recent_answers())
    case.evidence = evidence
    with pytest.raises(ValidationError) as raised:
        case.full_clean()
    assert set(raised.value.message_dict) == {"evidence"}


def test_with_nothing_ticked_the_summary_says_what_to_keep(bank):
    case = case_for(recent_answers())
    page = Client().get(f"/plan/{case.code}/").content.decode()
    text = summary_text(page)
    assert "证据(建议保存):还款失败时的提示截图(带时间);" in text
    assert ticked_boxes(page) == []


def test_the_summary_lists_what_the_person_ticked(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    client.post(evidence_url(case), {"evidence": ["call_records", "bill_state"]})
    text = summary_text(client.get(f"/plan/{case.code}/").content.decode())
    assert text.rstrip().endswith(
        "证据(已保存):联系客服的时间和工单号;账单页面截图(显示这一期还没还还是已还)"
    )
    assert "建议保存" not in text


def test_the_evidence_list_and_summary_are_in_english_on_english_pages(bank):
    case = case_for(recent_answers())
    client = owners_browser(case)
    client.cookies["django_language"] = "en"
    client.post(evidence_url(case), {"evidence": ["call_records"]})
    page = client.get(f"/plan/{case.code}/").content.decode()
    assert "Evidence to keep" in page
    assert "Evidence kept: When you contacted customer service, and the ticket numbers" in (
        summary_text(page)
    )
    section = page[page.index('id="evidence"') : page.index("</form>", page.index('id="evidence"'))]
    assert not re.search(r"[\u4e00-\u9fff]", section)


def test_when_money_already_left_the_statement_line_comes_first_with_its_sourced_fact(bank):
    case = case_for(deducted_answers())
    page = owners_browser(case).get(f"/plan/{case.code}/").content.decode()
    boxes = re.findall(r'name="evidence" value="(\w+)"', page)
    assert boxes[0] == "statement_line"
    section = page[page.index('id="evidence"') :]
    claim = re.search(r'<p class="evidence__claim small">(.*?)</p>', section, re.S).group(1)
    assert "20 日内" in claim
    assert "法规原文" in claim and "核对于 2026-12-01" in claim
    assert "来源：《征信业管理条例》第二十五条" in claim
    assert 'href="https://github.com/LawRefBook/Laws/' in claim


def test_otherwise_the_failure_message_comes_first_and_the_complaint_clock_is_sourced(bank):
    plan = plan_for_answers(recent_answers(), now=timezone.now(), language="zh-hans")
    items = evidence_for(plan)
    assert items[0].item is EvidenceItem.FAILURE_SCREEN
    assert {item.item for item in items} == set(EvidenceItem)
    calls = next(item for item in items if item.item is EvidenceItem.CALL_RECORDS)
    assert calls.claim is not None and "15 日内" in calls.claim.text
    provenance = calls.claim.provenance
    assert provenance.certainty == "secondary", "press reports of the rule, never upgraded"
    assert provenance.source.startswith("http") and provenance.quote and provenance.checked_on


def test_every_claim_carries_a_source_a_quote_a_certainty_and_a_date(bank):
    for answers in (recent_answers(), deducted_answers()):
        plan = plan_for_answers(answers, now=timezone.now(), language="zh-hans")
        for item in evidence_for(plan):
            if item.claim is None:
                continue
            p = item.claim.provenance
            assert p.source and p.quote and p.checked_on and p.certainty != "none", item
            assert item.claim.source_title, item


def test_ticks_for_items_this_plan_does_not_list_still_count_in_the_summary(bank):
    plan = plan_for_answers(recent_answers(), now=timezone.now(), language="zh-hans")
    listed = evidence_for(plan)[:2]
    text = evidence_summary(listed, ["bill_state", "made_up"], language="zh-hans")
    assert text == "证据(已保存):账单页面截图(显示这一期还没还还是已还)"
