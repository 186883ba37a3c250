"""What we know about a provider and its maintenance windows (providers/models.py): rules the
database and full_clean hold, and the queryset methods with domain names."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from providers.facts import tel_uri
from providers.models import Provider
from tests.factories import MaintenanceWindowFactory, ProviderFactory
from tests.wizard.helpers import shanghai

pytestmark = pytest.mark.django_db


def test_slug_is_unique_in_the_database():
    ProviderFactory(slug="cmb")
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.bulk_create([ProviderFactory.build(slug="cmb")])


@pytest.mark.parametrize("grace_days", [31, 400])
def test_grace_days_beyond_a_month_are_refused_by_the_database(grace_days):
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.bulk_create([ProviderFactory.build(grace_days=grace_days)])


def test_negative_grace_days_are_refused_by_the_database():
    provider = ProviderFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.filter(pk=provider.pk).update(grace_days=-1)


def test_empty_hotline_and_source_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.bulk_create([ProviderFactory.build(hotline="")])
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.bulk_create(
            [ProviderFactory.build(hotline_certainty="official", hotline_source="")]
        )


def test_unknown_kind_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Provider.objects.bulk_create([ProviderFactory.build(kind="pawnshop")])


@pytest.mark.parametrize(
    "hotline", ["95588", "95511-2", "400-820-5555", "4008205555", "021-12345678"]
)
def test_real_hotline_formats_validate(hotline):
    ProviderFactory.build(hotline=hotline).full_clean(exclude=["slug"])


@pytest.mark.parametrize("hotline", ["call us", "123", "95588; DROP", "+86 95588 ext"])
def test_hotline_that_cannot_be_dialled_fails_validation_with_a_clear_message(hotline):
    with pytest.raises(ValidationError) as error:
        ProviderFactory.build(hotline=hotline).full_clean()
    assert "客服电话格式不对" in str(error.value.message_dict["hotline"])


def test_each_fact_takes_only_the_four_certainties():
    ProviderFactory.build(grace_certainty="weak", hotline_certainty="secondary").full_clean()
    with pytest.raises(ValidationError) as error:
        ProviderFactory.build(grace_certainty="colour").full_clean()
    assert "grace_certainty" in error.value.message_dict


@pytest.mark.parametrize("certainty", ["official", "secondary", "weak"])
def test_a_fact_from_somewhere_needs_its_source(certainty):
    with pytest.raises(ValidationError) as error:
        ProviderFactory.build(grace_certainty=certainty, grace_source=" ").full_clean()
    assert "请填写来源" in str(error.value.message_dict["grace_source"])
    ProviderFactory.build(grace_certainty="none", grace_source="").full_clean()


def test_grace_terms_hold_together():
    no_grace = ProviderFactory.build(grace_days=0, grace_ends_at=dt.time(16, 0))
    no_grace.full_clean()  # the end time of no grace period is dropped
    assert no_grace.grace_ends_at is None
    with pytest.raises(ValidationError):
        ProviderFactory.build(grace_needs_request=True, grace_request_how_zh="").full_clean()
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Provider.objects.bulk_create(
                [ProviderFactory.build(grace_days=0, grace_ends_at=dt.time(16, 0))]
            )


def test_full_clean_reports_grace_days_outside_the_range():
    with pytest.raises(ValidationError) as error:
        ProviderFactory.build(grace_days=45).full_clean()
    assert "宽限期应在 0 到 30 天之间" in str(error.value)


def test_active_leaves_out_deactivated_providers():
    kept = ProviderFactory(is_active=True)
    ProviderFactory(is_active=False)
    assert list(Provider.objects.active()) == [kept]


@override_settings(PROVIDER_REVERIFY_DAYS=90)
def test_needs_reverification_finds_stale_and_never_verified_records():
    today = dt.date(2026, 11, 25)
    fresh = ProviderFactory(checked_on=today - dt.timedelta(days=90))
    stale = ProviderFactory(checked_on=today - dt.timedelta(days=91))
    never = ProviderFactory(checked_on=None)
    found = set(Provider.objects.needs_reverification(today=today))
    assert found == {stale, never}
    assert fresh not in found


@pytest.mark.parametrize(
    ("number", "uri"),
    [
        ("95588", "tel:95588"),
        ("95511-2", "tel:95511,2"),
        ("400-820-5555", "tel:4008205555"),
        ("021-12345678", "tel:02112345678"),
    ],
)
def test_tel_uri_dials_menu_choices_after_a_pause(number, uri):
    assert tel_uri(number) == uri


def test_unverified_grace_period_is_not_relied_on_when_planning():
    assert not ProviderFactory.build(grace_days=3, unverified=["grace"]).facts().grace_is_certain()
    assert ProviderFactory.build(grace_days=3).facts().grace_is_certain()
    requested = ProviderFactory.build(
        grace_days=3, grace_needs_request=True, grace_request_how_zh="打客服申请"
    )
    assert not requested.facts().grace_is_certain()


def test_a_window_must_end_after_it_starts(bank):
    with pytest.raises(IntegrityError), transaction.atomic():
        MaintenanceWindowFactory(
            provider=bank,
            starts_at=shanghai("2026-11-10T03:00"),
            ends_at=shanghai("2026-11-10T01:00"),
        )


def test_a_window_names_only_known_channels(bank):
    window = MaintenanceWindowFactory.build(provider=bank, channels=["carrier pigeon"])
    with pytest.raises(ValidationError) as error:
        window.full_clean()
    assert "channels" in error.value.message_dict
