"""Factories for the models tests need: a test states only the fields that matter to it."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from providers.facts import ProviderKind
from providers.models import Provider


class ProviderFactory(DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"bank-{n}")
    name_zh = factory.Sequence(lambda n: f"测试银行{n}")
    name_en = factory.Sequence(lambda n: f"Test Bank {n}")
    kind = ProviderKind.CREDIT_CARD
    display_order = 50
    hotline = "95500"
    repay_path_zh = "测试银行 App → 信用卡 → 还款"
    repay_path_en = "Test Bank app → Credit card → Repay"
    cutoff_time = dt.time(20, 0)
    grace_days = 3
    late_fee_zh = "违约金为未还最低还款额的 5%。"
    late_fee_en = "5% of the unpaid minimum payment."
    autopay_available = True
    autopay_how_zh = "在 App 里开通自动还款。"
    autopay_how_en = "Turn it on in the app."
    official_site = "https://bank.example.com/"
    source = "https://bank.example.com/rules"
    verified_on = dt.date(2026, 11, 1)
    unverified_facts = factory.LazyFunction(list)
    is_active = True


class MaintenanceWindowFactory(DjangoModelFactory):
    class Meta:
        model = "providers.MaintenanceWindow"

    provider = factory.SubFactory(ProviderFactory)
    starts_at = dt.datetime(2026, 11, 10, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    ends_at = factory.LazyAttribute(lambda w: w.starts_at + dt.timedelta(hours=4))
    channels = factory.LazyFunction(list)
    notice_zh = "系统升级,暂停还款。"
    notice_en = "System upgrade; repayments paused."
    source = "https://bank.example.com/notice"


class RemediationTextFactory(DjangoModelFactory):
    class Meta:
        model = "wizard.RemediationText"

    code = "contact_provider"
    provider = factory.SubFactory(ProviderFactory)
    title_zh = ""
    detail_zh = ""
    title_en = ""
    detail_en = ""


class UserFactory(DjangoModelFactory):
    """A staff member who can sign in to the admin; give it groups for permissions."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    is_staff = True
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def groups(self, create: bool, names: list[str] | None, **_kwargs: object) -> None:
        if create and names:
            from django.contrib.auth.models import Group

            self.groups.add(*Group.objects.filter(name__in=names))
