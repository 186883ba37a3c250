"""Every change to a provider, window or text is recorded, shown as a diff and can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from providers.models import MaintenanceWindow, Provider
from tests.factories import MaintenanceWindowFactory
from tests.providers.helpers import provider_form_data
from tests.wizard.helpers import consumer_plan_page
from wizard.models import RemediationText

pytestmark = pytest.mark.django_db


def change(client, provider: Provider, **changes: object) -> None:
    response = client.post(
        f"/admin/providers/provider/{provider.pk}/change/", provider_form_data(provider, **changes)
    )
    assert response.status_code == 302, response.content.decode()[:3000]


def test_an_edit_records_who_made_it_and_when(support_client, support_user, bank):
    before = timezone.now()
    change(support_client, bank, hotline="95566")
    latest = bank.history.latest()
    assert latest.history_user == support_user
    assert latest.history_type == "~"
    assert latest.history_date >= before
    assert latest.hotline == "95566"


def test_the_history_page_shows_what_changed_from_what_to_what(support_client, bank):
    change(support_client, bank, hotline="95566", grace_days=5)
    html = support_client.get(f"/admin/providers/provider/{bank.pk}/history/").content.decode()
    assert "support" in html  # who
    assert "95500" in html and "95566" in html  # old and new hotline
    assert "宽限期天数" in html


def test_reverting_in_the_admin_restores_the_old_values_and_the_next_plan_uses_them(
    support_client, bank
):
    old_version = bank.history.latest()
    change(support_client, bank, hotline="95566")
    assert "95566" in consumer_plan_page()  # the catalog cache now holds the new number

    revert_url = f"/admin/providers/provider/{bank.pk}/history/{old_version.history_id}/"
    page = support_client.get(revert_url)
    assert page.status_code == 200 and "95500" in page.content.decode()
    response = support_client.post(revert_url, provider_form_data(old_version.instance))
    assert response.status_code == 302

    bank.refresh_from_db()
    assert bank.hotline == "95500"
    html = consumer_plan_page()
    assert "95500" in html and "95566" not in html
    assert bank.history.count() == 3  # created, changed, reverted: the undo is history too


def test_window_changes_from_the_provider_page_are_recorded_with_the_user(
    support_client, support_user, bank
):
    window = MaintenanceWindowFactory(
        provider=bank,
        starts_at=timezone.now() + dt.timedelta(days=1),
        ends_at=timezone.now() + dt.timedelta(days=1, hours=3),
        notice_zh="旧公告",
    )
    start, end = timezone.localtime(window.starts_at), timezone.localtime(window.ends_at)
    data = provider_form_data(bank) | {
        "maintenance_windows-TOTAL_FORMS": 1,
        "maintenance_windows-INITIAL_FORMS": 1,
        "maintenance_windows-0-id": window.pk,
        "maintenance_windows-0-provider": bank.pk,
        "maintenance_windows-0-starts_at_0": start.date().isoformat(),
        "maintenance_windows-0-starts_at_1": start.strftime("%H:%M:%S"),
        "maintenance_windows-0-ends_at_0": end.date().isoformat(),
        "maintenance_windows-0-ends_at_1": end.strftime("%H:%M:%S"),
        "maintenance_windows-0-notice_zh": "新公告",
        "maintenance_windows-0-source": window.source,
    }
    response = support_client.post(f"/admin/providers/provider/{bank.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = window.history.latest()
    assert (latest.notice_zh, latest.history_user) == ("新公告", support_user)
    html = support_client.get(
        f"/admin/providers/maintenancewindow/{window.pk}/history/"
    ).content.decode()
    assert "旧公告" in html and "新公告" in html


def test_deleting_a_window_is_recorded_and_it_can_be_seen_afterwards(support_client, support_user):
    window = MaintenanceWindowFactory(notice_zh="取消的维护")
    pk = window.pk
    support_client.post(f"/admin/providers/maintenancewindow/{pk}/delete/", {"post": "yes"})
    assert not MaintenanceWindow.objects.filter(pk=pk).exists()
    deleted = MaintenanceWindow.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", support_user)
    assert deleted.notice_zh == "取消的维护"


def test_reverting_a_default_text_changes_the_next_plan_at_once(support_client, bank):
    default = RemediationText.objects.get(provider=None, code="contact_provider")
    fields = {
        "code": "contact_provider",
        "provider": "",
        "title_zh": default.title_zh,
        "detail_zh": default.detail_zh,
        "title_en": default.title_en,
        "detail_en": default.detail_en,
    }
    url = f"/admin/wizard/remediationtext/{default.pk}/change/"
    assert support_client.post(url, fields | {"title_zh": "马上打 {hotline}"}).status_code == 302
    assert "马上打 95500" in consumer_plan_page()

    edit = default.history.latest()
    original = edit.prev_record
    revert_url = f"/admin/wizard/remediationtext/{default.pk}/history/{original.history_id}/"
    assert support_client.post(revert_url, fields).status_code == 302
    html = consumer_plan_page()
    assert "马上打 95500" not in html
    assert "联系测试银行客服：95500" in html
