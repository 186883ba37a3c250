"""The admin home is a support desk: what needs doing first, with counts and links, then the
records; technical tables out of a support person's sight; Chinese throughout."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from providers.facts import Fact
from tests.factories import ProviderFactory, UserFactory
from tests.wizard.helpers import case_for, recent_answers
from wizard.models import Case, UnmatchedMessage

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    body = html[html.index('id="content-main"') :]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_the_desk_lists_what_needs_doing_first_with_counts_and_links(support_client, bank):
    bank.delete()
    ProviderFactory(slug="bank", checked_on=None)  # never checked: every fact is due
    now = timezone.now()
    UnmatchedMessage.objects.create(
        digest="d1",
        normalised="奇怪的提示",
        example="奇怪的提示 E123",
        count=7,
        first_seen=now,
        last_seen=now,
    )
    case = case_for(recent_answers(provider="bank", symptom="timeout"))
    Case.objects.filter(pk=case.pk).update(outcome="not_solved", feedback_at=now)
    html = support_client.get("/admin/").content.decode()
    tasks = html.index('class="desk-tasks"')
    records = html.index('class="app-providers module')
    assert tasks < records
    recheck = html.index("/admin/providers/provider/recheck/")
    unlabelled = html.index("/admin/wizard/unmatchedmessage/")
    unsolved = html.index("/admin/wizard/case/?outcome__exact=not_solved")
    assert recheck < unlabelled < unsolved < records
    counts = re.findall(r'<span class="desk-task__count">(\d+)</span>', html)
    # Every fact of one provider (each carries its own provenance), one message, one case.
    assert counts == [str(len(Fact)), "1", "1"]
    assert "奇怪的提示 E123(7 次)" in html
    assert "?fact=" in html  # the first facts link to their own row


def test_a_support_person_never_sees_the_technical_tables(support_client):
    html = support_client.get("/admin/").content.decode()
    for technical in ("/admin/axes/", "/admin/auth/", "/admin/sessions/", "desk-technical"):
        assert technical not in html


def test_a_superuser_finds_them_folded_below_and_in_chinese():
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert html.index('class="desk-tasks"') < html.index("desk-technical")
    assert html.index('class="app-wizard module') < html.index("desk-technical")
    assert "登录防护" in html and "登录尝试" in html
    text = visible_text(html)
    for english in ("Axes", "Access attempts", "access attempts", "Model name", "AXES"):
        assert english not in text, english


@pytest.mark.parametrize("path", ["/admin/", "/admin/providers/provider/"])
def test_no_english_table_names_in_a_chinese_session(support_client, path):
    html = support_client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    names = re.findall(r'<th scope="row"[^>]*>\s*<a [^>]*>([^<]+)</a>', html)
    for name in names:
        assert not re.search(r"[A-Za-z]{3,}", name), name


def test_the_desk_costs_a_few_queries(support_client, django_assert_max_num_queries):
    ProviderFactory.create_batch(5, checked_on=dt.date(2020, 1, 1))
    with django_assert_max_num_queries(12):
        support_client.get("/admin/")
