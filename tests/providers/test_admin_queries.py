"""Admin pages cost a fixed number of queries, however many providers there are."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from providers.models import MaintenanceWindow, Provider
from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory
from wizard.models import RemediationText

pytestmark = pytest.mark.django_db

# The most any console page may cost a support user, with 5 providers or 60 (the
# costliest, the window list, takes 10: session, user, permissions, count, rows, filter).
BUDGET = 12


def add_providers(count: int) -> None:
    """Providers as they look after a while: a window, an override, and an edit in history."""
    soon = timezone.now() + dt.timedelta(days=1)
    for provider in ProviderFactory.create_batch(count):
        MaintenanceWindowFactory(
            provider=provider, starts_at=soon, ends_at=soon + dt.timedelta(hours=2)
        )
        RemediationTextFactory(provider=provider, title_zh="请拨 {hotline}")
        provider.hotline = "95566"
        provider.save()


def pages() -> dict[str, str]:
    """One URL per kind of console page; the objects shown stay the same as providers grow."""
    provider = Provider.objects.order_by("pk").first()
    window = MaintenanceWindow.objects.order_by("pk").first()
    text = RemediationText.objects.filter(provider=provider).get()
    return {
        "provider list": "/admin/providers/provider/",
        "provider list, stale only": "/admin/providers/provider/?reverification=due",
        "provider search": "/admin/providers/provider/?q=Test",
        "provider change": f"/admin/providers/provider/{provider.pk}/change/",
        "provider history": f"/admin/providers/provider/{provider.pk}/history/",
        "provider preview": f"/admin/providers/provider/{provider.pk}/preview/",
        "provider import": "/admin/providers/provider/import/",
        "provider export": "/admin/providers/provider/export/",
        "window list": "/admin/providers/maintenancewindow/",
        "window change": f"/admin/providers/maintenancewindow/{window.pk}/change/",
        "window history": f"/admin/providers/maintenancewindow/{window.pk}/history/",
        "text list": "/admin/wizard/remediationtext/",
        "text change": f"/admin/wizard/remediationtext/{text.pk}/change/",
        "text history": f"/admin/wizard/remediationtext/{text.pk}/history/",
        "admin home": "/admin/",
    }


def queries_per_page(client) -> dict[str, int]:
    counts = {}
    for name, url in pages().items():
        client.get(url)  # warm the process-wide caches (content types, wording)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_every_console_page_costs_the_same_for_5_and_for_60_providers(support_client):
    add_providers(5)
    with_5 = queries_per_page(support_client)
    add_providers(55)
    with_60 = queries_per_page(support_client)
    assert with_60 == with_5
    assert max(with_60.values()) <= BUDGET, with_60


def test_the_provider_list_shows_all_60_rows_within_the_budget(
    support_client, django_assert_max_num_queries
):
    add_providers(60)
    support_client.get("/admin/providers/provider/")
    with django_assert_max_num_queries(BUDGET):
        html = support_client.get("/admin/providers/provider/").content.decode()
    assert html.count('<td class="field-slug">') == 60
