"""The insights page says what to fix first, with the page that fixes each."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.helpers import case_for, recent_answers
from wizard.engine.answers import SHANGHAI
from wizard.models import Case, FunnelCount, UnmatchedMessage

pytestmark = pytest.mark.django_db


def on(day: dt.date, slug: str, outcome: str) -> None:
    case = case_for(recent_answers(provider=slug, symptom="timeout"))
    created = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI)
    Case.objects.filter(pk=case.pk).update(
        created_at=created, outcome=outcome, feedback_at=created if outcome else None
    )


def test_the_page_opens_with_what_to_fix_first(support_client):
    today = timezone.localdate()
    ProviderFactory(slug="bank", name_zh="测试银行")
    ProviderFactory(slug="other", name_zh="另一家")
    for _ in range(3):
        on(today, "bank", "not_solved")
    on(today, "other", "not_solved")
    on(today, "unknown", "not_solved")
    on(today, "other", "solved")
    for stage, runs in (
        ("provider", 100),
        ("message", 60),
        ("problem", 60),
        ("channel", 55),
        ("timing", 55),
    ):
        FunnelCount.objects.create(day=today, stage=stage, provider_slug="", symptom="", runs=runs)
    now = timezone.now()
    UnmatchedMessage.objects.create(
        digest="new",
        normalised="系统繁忙",
        example="系统繁忙 X9",
        count=12,
        first_seen=now,
        last_seen=now,
    )
    UnmatchedMessage.objects.create(
        digest="old",
        normalised="旧提示",
        example="上个月的旧提示",
        count=50,
        first_seen=now - dt.timedelta(days=40),
        last_seen=now - dt.timedelta(days=20),
    )
    html = support_client.get("/admin/wizard/case/insights/").content.decode()
    top = html.index('id="fix-first"')
    assert top < html.index('id="funnel"')
    stops = html[html.index('id="fix-stops"') : html.index('id="fix-unrecognised"')]
    assert stops.index("选择机构") < stops.index("遇到的问题")  # 40 left there, then 5
    assert "40 次在这一页离开" in stops
    unrecognised = html[html.index('id="fix-unrecognised"') : html.index('id="fix-unsolved"')]
    assert "系统繁忙 X9" in unrecognised and "旧提示" not in unrecognised
    assert "/admin/wizard/messagepattern/add/?" in unrecognised
    unsolved = html[html.index('id="fix-unsolved"') : html.index('id="funnel"')]
    assert unsolved.index("测试银行") < unsolved.index("另一家")
    assert "还不知道是哪家机构" in unsolved
    assert "/admin/providers/provider/?q=bank" in unsolved
    assert ">unknown<" not in html


def test_days_with_nothing_are_folded_away(support_client):
    today = timezone.localdate()
    ProviderFactory(slug="bank")
    on(today, "bank", "")
    html = support_client.get("/admin/wizard/case/insights/").content.decode()
    days = html[html.index("每天</h2>") :]
    assert days.count("<tr><td>") == 1
    assert "另有 29 天没有个案(已折叠)" in days
