"""Least privilege: support staff can keep provider records current and nothing more."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from providers.models import MaintenanceWindow, Provider
from tests.factories import (
    MaintenanceWindowFactory,
    ProviderFactory,
    RemediationTextFactory,
    UserFactory,
)
from tests.providers.helpers import provider_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    provider = ProviderFactory()
    window = MaintenanceWindowFactory(provider=provider)
    text = RemediationTextFactory(provider=provider)
    return provider, window, text


def console_urls(provider: Provider, window: MaintenanceWindow, text) -> list[str]:
    """Every page of the support console."""
    p, w, t = provider.pk, window.pk, text.pk
    return [
        "/admin/",
        "/admin/providers/",
        "/admin/providers/provider/",
        "/admin/providers/provider/add/",
        f"/admin/providers/provider/{p}/change/",
        f"/admin/providers/provider/{p}/history/",
        f"/admin/providers/provider/{p}/preview/",
        "/admin/providers/provider/recheck/",
        "/admin/providers/provider/import/",
        "/admin/providers/provider/export/",
        "/admin/providers/maintenancewindow/",
        "/admin/providers/maintenancewindow/add/",
        f"/admin/providers/maintenancewindow/{w}/change/",
        f"/admin/providers/maintenancewindow/{w}/history/",
        f"/admin/providers/maintenancewindow/{w}/delete/",
        "/admin/wizard/remediationtext/",
        "/admin/wizard/remediationtext/add/",
        f"/admin/wizard/remediationtext/{t}/change/",
        f"/admin/wizard/remediationtext/{t}/history/",
        f"/admin/wizard/remediationtext/{t}/delete/",
        "/admin/wizard/messagepattern/",
        "/admin/wizard/messagepattern/add/",
        "/admin/wizard/messagepattern/import/",
        "/admin/wizard/messagepattern/export/",
        "/admin/wizard/unmatchedmessage/",
    ]


def user_admin_urls(user_pk: int) -> list[str]:
    """Pages that manage who may do what; never for support staff."""
    return [
        "/admin/auth/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        f"/admin/auth/user/{user_pk}/change/",
        f"/admin/auth/user/{user_pk}/password/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        f"/admin/auth/group/{Group.objects.get(name='support').pk}/change/",
        "/admin/axes/accessattempt/",
    ]


def test_anonymous_visitors_are_sent_to_the_login_page_from_every_admin_page(records):
    anonymous = Client()
    for url in [*console_urls(*records), *user_admin_urls(UserFactory().pk)]:
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url


def test_anonymous_posts_change_nothing(records):
    provider, _window, _text = records
    response = Client().post(
        f"/admin/providers/provider/{provider.pk}/change/",
        provider_form_data(provider, hotline="95566"),
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.hotline == "95500"


def test_support_staff_can_open_every_page_of_the_console(support_client, records):
    for url in console_urls(*records):
        assert support_client.get(url).status_code == 200, url


def test_support_staff_cannot_reach_users_groups_or_login_records(support_client, support_user):
    for url in user_admin_urls(support_user.pk):
        assert support_client.get(url).status_code in (403, 404), url
    index = support_client.get("/admin/").content.decode()
    assert "/admin/auth/" not in index
    assert "/admin/axes/" not in index


def test_support_staff_cannot_make_themselves_superuser(support_client, support_user):
    response = support_client.post(
        f"/admin/auth/user/{support_user.pk}/change/",
        {"username": "support", "is_staff": "on", "is_superuser": "on"},
    )
    assert response.status_code == 403
    support_user.refresh_from_db()
    assert not support_user.is_superuser


def test_support_staff_can_change_a_provider_but_not_delete_it(support_client, records):
    provider, _window, _text = records
    response = support_client.post(
        f"/admin/providers/provider/{provider.pk}/change/",
        provider_form_data(provider, hotline="95566"),
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.hotline == "95566"

    delete = f"/admin/providers/provider/{provider.pk}/delete/"
    assert support_client.get(delete).status_code == 403
    assert support_client.post(delete, {"post": "yes"}).status_code == 403
    assert Provider.objects.filter(pk=provider.pk).exists()


def test_support_staff_can_delete_a_cancelled_window(support_client, records):
    _provider, window, _text = records
    url = f"/admin/providers/maintenancewindow/{window.pk}/delete/"
    assert support_client.post(url, {"post": "yes"}).status_code == 302
    assert not MaintenanceWindow.objects.filter(pk=window.pk).exists()


def test_support_group_holds_exactly_the_console_permissions():
    permissions = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name="support").permissions.select_related("content_type")
    }
    assert permissions == {
        "wizard.view_case",
        "wizard.view_casestep",
        "providers.view_provider",
        "providers.add_provider",
        "providers.change_provider",
        "providers.view_maintenancewindow",
        "providers.add_maintenancewindow",
        "providers.change_maintenancewindow",
        "providers.delete_maintenancewindow",
        "providers.view_historicalprovider",
        "providers.view_historicalmaintenancewindow",
        "providers.view_gracetierrecord",
        "providers.add_gracetierrecord",
        "providers.change_gracetierrecord",
        "providers.delete_gracetierrecord",
        "providers.view_historicalgracetierrecord",
        "providers.view_escalationrung",
        "providers.add_escalationrung",
        "providers.change_escalationrung",
        "providers.delete_escalationrung",
        "providers.view_historicalescalationrung",
        "wizard.view_remediationtext",
        "wizard.add_remediationtext",
        "wizard.change_remediationtext",
        "wizard.delete_remediationtext",
        "wizard.view_historicalremediationtext",
        "wizard.view_messagepattern",
        "wizard.add_messagepattern",
        "wizard.change_messagepattern",
        "wizard.view_historicalmessagepattern",
        "wizard.view_unmatchedmessage",
        "wizard.delete_unmatchedmessage",
        "wizard.view_labelledmessage",
        "wizard.add_labelledmessage",
        "wizard.change_labelledmessage",
        "wizard.delete_labelledmessage",
        "wizard.view_decodermodel",
    }


def test_staff_outside_the_support_group_see_no_provider_records(records):
    client = Client()
    client.force_login(UserFactory(username="newcomer"))
    assert client.get("/admin/providers/provider/").status_code == 403
    provider = records[0]
    assert client.get(f"/admin/providers/provider/{provider.pk}/preview/").status_code == 403


def test_a_user_who_is_not_staff_cannot_use_the_console_even_in_the_group():
    user = UserFactory(username="customer", is_staff=False, groups=["support"])
    client = Client()
    client.force_login(user)
    response = client.get("/admin/providers/provider/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
