"""Provider data shared through the cache (providers/catalog.py): an admin edit shows in the
very next consumer plan, and the shared windows are exactly what the database holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from providers import catalog
from providers.catalog import active_providers
from tests.factories import MaintenanceWindowFactory, ProviderFactory
from tests.providers.helpers import provider_form_data, window_rows
from tests.wizard.helpers import WizardSession, consumer_plan_page
from wizard.engine.answers import SHANGHAI

pytestmark = pytest.mark.django_db


def test_changed_hotline_and_name_show_in_the_next_plan(support_client, bank):
    assert "95500" in consumer_plan_page()  # caches are warm from here on
    response = support_client.post(
        f"/admin/providers/provider/{bank.pk}/change/",
        provider_form_data(
            bank, hotline="95566", hotline_checked_on="2026-12-07", name_zh="新名字银行"
        ),
    )
    assert response.status_code == 302
    html = consumer_plan_page()
    assert "95566" in html and "新名字银行" in html
    assert "95500" not in html


def test_a_provider_switched_off_disappears_from_the_wizard_at_once(support_client, client, bank):
    wizard = WizardSession(client)
    wizard.start()
    assert "测试银行" in wizard.get("provider").content.decode()
    support_client.post(
        f"/admin/providers/provider/{bank.pk}/change/",
        provider_form_data(bank, is_active=""),
    )
    bank.refresh_from_db()
    assert not bank.is_active
    assert "测试银行" not in wizard.get("provider").content.decode()


def test_a_window_added_in_the_admin_is_in_the_next_plan(support_client, bank):
    assert "正在系统维护" not in consumer_plan_page()
    now = timezone.now().astimezone(SHANGHAI)
    start = (now - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    end = (now + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = support_client.post(
        f"/admin/providers/provider/{bank.pk}/change/",
        provider_form_data(bank, **window_rows((start, end))),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "正在系统维护" in consumer_plan_page()


def test_a_copy_cached_before_the_admin_transaction_commits_is_dropped_on_commit(
    bank, django_capture_on_commit_callbacks
):
    old = active_providers()["bank"]
    with django_capture_on_commit_callbacks(execute=True):
        bank.hotline = "95566"
        bank.save()
        # Another request, served before the commit, still reads the old row and caches it.
        catalog.catalog.put({"bank": old})
    assert active_providers()["bank"].hotline == "95566"


def test_shared_windows_are_exactly_what_the_database_query_finds(bank):
    """The plan's windows come from the shared copy; the query they replace is the reference."""
    from providers.catalog import windows_covering
    from providers.models import MaintenanceWindow

    now = timezone.now()
    other = ProviderFactory(slug="other")
    for provider, start_hours_ago, hours in [
        (bank, 30 * 24, 5),  # a month ago
        (bank, 3, 2),  # ended an hour ago
        (bank, 1, 4),  # under way now
        (bank, -5, 1),  # later today
        (other, 1, 4),
    ]:
        starts_at = now - dt.timedelta(hours=start_hours_ago)
        MaintenanceWindowFactory(
            provider=provider, starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=hours)
        )
    windows = MaintenanceWindow.objects.filter(provider=bank).order_by("starts_at")
    moments = [w.starts_at for w in windows] + [w.ends_at for w in windows]
    moments += [now, now - dt.timedelta(days=30, hours=-2), now - dt.timedelta(days=365)]
    for attempt in moments:
        expected = [
            w.facts()
            for w in MaintenanceWindow.objects.for_provider("bank").covering_any(attempt, now)
        ]
        assert windows_covering("bank", attempt, now) == expected, attempt


def test_a_window_changed_or_deleted_is_in_the_next_plan(bank):
    now = timezone.now()
    window = MaintenanceWindowFactory(
        provider=bank, starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=2)
    )
    assert "正在系统维护" in consumer_plan_page()  # the windows are shared from here on
    window.ends_at = now - dt.timedelta(minutes=30)
    window.save()
    assert "正在系统维护" not in consumer_plan_page()
    window.ends_at = now + dt.timedelta(hours=2)
    window.save()
    assert "正在系统维护" in consumer_plan_page()
    window.delete()
    assert "正在系统维护" not in consumer_plan_page()


def test_windows_are_kept_for_as_far_back_as_an_attempt_may_lie():
    from providers.catalog import WINDOW_HISTORY_DAYS
    from wizard.engine.answers import OLDEST_DUE_DATE_DAYS

    assert WINDOW_HISTORY_DAYS > OLDEST_DUE_DATE_DAYS + 1
