"""The provider admin as support staff use it: find, read, edit, and be told what is wrong."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.utils import timezone

from providers.models import MaintenanceWindow, Provider
from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory
from tests.providers.helpers import inline_management, provider_form_data, window_rows
from tests.wizard.helpers import shanghai
from wizard.models import RemediationText

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/providers/provider/"


def change_url(provider: Provider) -> str:
    return f"/admin/providers/provider/{provider.pk}/change/"


def changelist_rows(html: str) -> list[str]:
    return re.findall(r'<tr[^>]*>\s*<td class="action-checkbox">.*?</tr>', html, re.S)


def name_in(row: str) -> str:
    return re.search(r'field-name_zh"><a[^>]*>([^<]+)<', row)[1]


def test_changelist_shows_the_columns_staff_check(admin_client):
    ProviderFactory(slug="cmb", name_zh="招商银行", name_en="China Merchants Bank", hotline="95555")
    html = admin_client.get(CHANGELIST).content.decode()
    for header in (
        "中文名称",
        "英文名称",
        "类型",
        "客服电话",
        "还款日当天的截止时间",
        "宽限期天数",
    ):
        assert header in html
    assert "宽限期:可信度" in html and "客服电话:可信度" in html
    assert "最早的核对日期" in html and "需要重新核实" in html
    assert "招商银行" in html and "China Merchants Bank" in html and "95555" in html


@pytest.mark.parametrize("query", ["招商", "merchants", "cmb"])
def test_search_finds_a_provider_by_chinese_or_english_name_or_slug(admin_client, query):
    ProviderFactory(slug="cmb", name_zh="招商银行", name_en="China Merchants Bank")
    ProviderFactory(slug="icbc", name_zh="工商银行", name_en="ICBC")
    rows = changelist_rows(admin_client.get(CHANGELIST, {"q": query}).content.decode())
    assert len(rows) == 1
    assert "招商银行" in rows[0]


@override_settings(PROVIDER_REVERIFY_DAYS=90)
def test_records_not_verified_for_longer_than_the_setting_are_marked_and_filtered(admin_client):
    today = timezone.localdate()
    ProviderFactory(slug="fresh", name_zh="甲银行", checked_on=today - dt.timedelta(days=90))
    ProviderFactory(slug="stale", name_zh="乙银行", checked_on=today - dt.timedelta(days=91))
    ProviderFactory(slug="never", name_zh="丙银行", checked_on=None)

    rows = changelist_rows(admin_client.get(CHANGELIST).content.decode())
    marked = {
        name_in(row): 'alt="True"' in re.search(r'field-reverification_due">(.*?)</td>', row)[1]
        for row in rows
    }
    assert marked == {"甲银行": False, "乙银行": True, "丙银行": True}

    due = changelist_rows(admin_client.get(CHANGELIST, {"reverification": "due"}).content.decode())
    assert sorted(name_in(row) for row in due) == ["丙银行", "乙银行"]
    fresh = admin_client.get(CHANGELIST, {"reverification": "fresh"}).content.decode()
    assert [name_in(row) for row in changelist_rows(fresh)] == ["甲银行"]


@override_settings(PROVIDER_REVERIFY_DAYS=10)
def test_the_number_of_days_comes_from_the_setting(admin_client):
    ProviderFactory(slug="x", checked_on=timezone.localdate() - dt.timedelta(days=11))
    due = admin_client.get(CHANGELIST, {"reverification": "due"}).content.decode()
    assert len(changelist_rows(due)) == 1


def test_change_page_has_windows_and_text_overrides_inline(admin_client):
    bank = ProviderFactory()
    MaintenanceWindowFactory(
        provider=bank,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=2),
        notice_zh="周六凌晨升级",
    )
    RemediationTextFactory(provider=bank, code="contact_provider", title_zh="请拨 {hotline} 按 2")
    html = admin_client.get(change_url(bank)).content.decode()
    assert "周六凌晨升级" in html
    assert "请拨 {hotline} 按 2" in html
    assert 'name="grace_certainty"' in html and 'name="grace_source"' in html


def test_saving_a_provider_with_a_new_window_and_override_keeps_all_three(admin_client):
    bank = ProviderFactory()
    data = provider_form_data(
        bank, hotline="95566", **window_rows(("2026-12-01T00:00", "2026-12-01T04:00"))
    )
    data |= inline_management("step_texts", total=1) | {
        "step_texts-0-code": "contact_provider",
        "step_texts-0-title_zh": "请拨 {hotline} 按 2",
    }
    response = admin_client.post(change_url(bank), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    bank.refresh_from_db()
    assert bank.hotline == "95566"
    assert MaintenanceWindow.objects.get(provider=bank).ends_at == shanghai("2026-12-01T04:00")
    assert RemediationText.objects.get(provider=bank).title_zh == "请拨 {hotline} 按 2"


def test_a_fact_is_edited_with_its_provenance_in_one_place(admin_client):
    bank = ProviderFactory()
    data = provider_form_data(
        bank,
        grace_days="3",
        grace_ends_at="16:00",
        grace_certainty="weak",
        grace_source="https://example.com/ccb-grace",
        grace_quote="第三天 16:00 前到账视为按时还款",
        grace_checked_on="2026-12-01",
    )
    assert admin_client.post(change_url(bank), data).status_code == 302
    bank.refresh_from_db()
    assert (bank.grace_ends_at, bank.grace_certainty) == (dt.time(16, 0), "weak")
    assert bank.grace_quote == "第三天 16:00 前到账视为按时还款"


def test_official_without_a_source_is_refused(admin_client):
    bank = ProviderFactory()
    data = provider_form_data(bank, hotline_certainty="official", hotline_source="")
    response = admin_client.post(change_url(bank), data)
    assert response.status_code == 200
    assert "请填写来源" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("hotline", "call 95588", "客服电话格式不对"),
        ("hotline_alt", "12345678901234", "客服电话格式不对"),
        ("hotline_alt2", "1234", "客服电话格式不对"),
        ("due_cutoff", "25:00", "截止时间格式不对"),
        ("due_cutoff", "八点", "截止时间格式不对"),
        ("grace_ends_at", "25:00", "截止时间格式不对"),
        ("grace_days", "31", "宽限期应在 0 到 30 天之间"),
        ("grace_days", "-1", "确保该值大于或等于0"),
    ],
)
def test_a_bad_value_is_refused_with_a_message_next_to_the_field(
    admin_client, field, value, message
):
    bank = ProviderFactory(hotline="95500")
    response = admin_client.post(change_url(bank), provider_form_data(bank, **{field: value}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
    assert message in str(errors[field])
    bank.refresh_from_db()
    assert bank.hotline == "95500"


def test_a_window_overlapping_a_saved_one_is_refused(admin_client):
    bank = ProviderFactory()
    MaintenanceWindowFactory(
        provider=bank, starts_at=shanghai("2026-12-01T00:00"), ends_at=shanghai("2026-12-01T04:00")
    )
    response = admin_client.post(
        "/admin/providers/maintenancewindow/add/",
        {
            "provider": bank.pk,
            "starts_at_0": "2026-12-01",
            "starts_at_1": "03:00",
            "ends_at_0": "2026-12-01",
            "ends_at_1": "06:00",
            "source": "https://bank.example.com/notice",
        },
    )
    assert response.status_code == 200
    assert "和这家机构已有的维护时段(2026-12-01 00:00 至 2026-12-01 04:00)重叠了" in (
        response.content.decode()
    )
    assert MaintenanceWindow.objects.count() == 1


def test_windows_that_only_touch_do_not_overlap():
    bank = ProviderFactory()
    MaintenanceWindowFactory(
        provider=bank, starts_at=shanghai("2026-12-01T00:00"), ends_at=shanghai("2026-12-01T04:00")
    )
    MaintenanceWindowFactory.build(
        provider=bank, starts_at=shanghai("2026-12-01T04:00"), ends_at=shanghai("2026-12-01T06:00")
    ).full_clean()


def test_another_providers_window_at_the_same_time_is_fine():
    MaintenanceWindowFactory(starts_at=shanghai("2026-12-01T00:00"))
    MaintenanceWindowFactory.build(
        provider=ProviderFactory(), starts_at=shanghai("2026-12-01T00:00")
    ).full_clean()


def test_two_new_windows_on_the_provider_page_that_overlap_each_other_are_refused(admin_client):
    bank = ProviderFactory()
    data = provider_form_data(
        bank,
        **window_rows(
            ("2026-12-01T00:00", "2026-12-01T04:00"), ("2026-12-01T02:00", "2026-12-01T05:00")
        ),
    )
    response = admin_client.post(change_url(bank), data)
    assert response.status_code == 200
    assert "重叠了" in response.content.decode()
    assert not MaintenanceWindow.objects.exists()


def test_a_window_that_ends_before_it_starts_is_refused_with_a_message(admin_client):
    bank = ProviderFactory()
    data = provider_form_data(bank, **window_rows(("2026-12-01T04:00", "2026-12-01T01:00")))
    response = admin_client.post(change_url(bank), data)
    assert response.status_code == 200
    assert "结束时间必须晚于开始时间" in response.content.decode()


def test_past_windows_stay_out_of_the_provider_page_but_in_their_own_list(admin_client):
    bank = ProviderFactory()
    MaintenanceWindowFactory(
        provider=bank,
        starts_at=shanghai("2025-01-01T00:00"),
        ends_at=shanghai("2025-01-01T04:00"),
        notice_zh="去年的维护",
    )
    assert "去年的维护" not in admin_client.get(change_url(bank)).content.decode()
    windows = admin_client.get("/admin/providers/maintenancewindow/").content.decode()
    assert bank.name_zh in windows


def test_the_recheck_list_puts_most_cases_oldest_check_weakest_source_first(admin_client):
    from tests.wizard.helpers import case_for, recent_answers

    today = timezone.localdate()
    ProviderFactory(
        slug="busy",
        name_zh="常用银行",
        unverified=["grace"],
        checked_on=today - dt.timedelta(days=200),
    )
    ProviderFactory(slug="quiet", name_zh="少用银行", checked_on=today - dt.timedelta(days=10))
    for _ in range(3):
        case_for(recent_answers(provider="busy"))
    response = admin_client.get("/admin/providers/provider/recheck/")
    assert response.status_code == 200
    rows = re.findall(
        r"<tr>\s*<td><a[^>]*>(.*?)</a></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>",
        response.content.decode(),
    )
    assert rows[0] == ("常用银行", "宽限期", "网上资料,未经官方确认")
    assert rows[-1][0] == "少用银行"
    assert "先重新核实这些信息" in admin_client.get(CHANGELIST).content.decode()


def test_the_recheck_list_puts_unsourced_facts_of_the_most_used_providers_first(admin_client):
    from wizard.models import FunnelCount, FunnelStage

    today = timezone.localdate()
    # Chosen in the wizard 40 times, never finished: funnel counts show the use, not cases.
    ProviderFactory(slug="busy", name_zh="常用银行", checked_on=today, tolerance_certainty="none")
    ProviderFactory(slug="some", name_zh="偶尔用的银行", checked_on=today, unverified=["grace"])
    ProviderFactory(
        slug="idle",
        name_zh="没人用的银行",
        checked_on=today - dt.timedelta(days=900),
        autopay_time_certainty="none",
    )
    FunnelCount.objects.create(
        day=today, stage=FunnelStage.PROVIDER, provider_slug="busy", symptom="", runs=40
    )
    FunnelCount.objects.create(
        day=today, stage=FunnelStage.PROVIDER, provider_slug="some", symptom="", runs=5
    )
    rows = re.findall(
        r"<tr>\s*<td><a[^>]*>(.*?)</a></td>\s*<td>(.*?)</td>\s*<td>(.*?)</td>",
        admin_client.get("/admin/providers/provider/recheck/").content.decode(),
    )
    assert rows[0] == ("常用银行", "容差", "没有找到资料")
    # An unsourced fact of a provider nobody used comes after, first of the rest (it has
    # waited longest, with the weakest source).
    assert rows[1] == ("没人用的银行", "自动还款的扣款时间", "没有找到资料")


def test_the_recheck_list_costs_the_same_few_queries_however_many_providers(
    admin_client, django_assert_max_num_queries
):
    ProviderFactory.create_batch(30)
    with django_assert_max_num_queries(8):
        assert admin_client.get("/admin/providers/provider/recheck/").status_code == 200
