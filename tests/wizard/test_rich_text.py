"""Staff Markdown becomes a little formatting on the consumer's page, and never markup that runs."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory
from tests.wizard.helpers import consumer_plan_page
from wizard.rich_text import render_rich_text


def test_bold_lists_and_line_breaks_are_kept():
    html = render_rich_text("先看 **可用余额**\n再还款\n\n- 转入\n- 重新还款")
    assert html == (
        "<p>先看 <strong>可用余额</strong><br>\n再还款</p>\n"
        "<ul>\n<li>转入</li>\n<li>重新还款</li>\n</ul>"
    )


def test_web_and_phone_links_work_and_do_not_pass_on_the_page():
    html = render_rich_text("[公告](https://bank.example.com/n) 或拨打 [95588](tel:95588)")
    assert '<a href="https://bank.example.com/n" rel="nofollow noopener noreferrer">' in html
    assert '<a href="tel:95588" rel="nofollow noopener noreferrer">95588</a>' in html


def test_plain_text_is_escaped_not_interpreted():
    assert render_rich_text("余额 < 应还 & 限额") == "<p>余额 &lt; 应还 &amp; 限额</p>"


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[点这里](javascript:alert(1))",
        '<a href="java&#x09;script:alert(1)">点这里</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<iframe src=https://evil.example></iframe>",
    ],
)
def test_html_and_script_links_typed_by_staff_are_removed(source):
    html = render_rich_text(source)
    for banned in ("<script", "onerror", "javascript:", "<img", "<iframe", "style="):
        assert banned not in html.lower()


@pytest.mark.django_db
def test_markdown_in_step_wording_and_a_notice_is_formatted_on_the_plan_page():
    from django.utils import timezone

    bank = ProviderFactory(slug="bank")
    RemediationTextFactory(
        provider=bank, code="ensure_funds", detail_zh="先看**可用余额**:\n\n- 转入\n- 再还款"
    )
    MaintenanceWindowFactory(
        provider=bank,
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() + dt.timedelta(hours=1),
        notice_zh="详见[公告](https://bank.example.com/notice)",
    )
    html = consumer_plan_page()
    assert "先看<strong>可用余额</strong>" in html
    assert "<li>转入</li>" in html
    assert '<a href="https://bank.example.com/notice" rel="nofollow' in html
