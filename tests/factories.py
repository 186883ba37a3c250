"""Factories for the models tests need: a test states only the fields that matter to it."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from providers.facts import Certainty, LenderKind, ProviderKind
from providers.models import Provider


def _certainty(fact: str) -> factory.LazyAttribute:
    return factory.LazyAttribute(
        lambda o: Certainty.WEAK if fact in o.unverified else Certainty.OFFICIAL
    )


class ProviderFactory(DjangoModelFactory):
    """A bank whose every fact its own rules page confirms, unless named in `unverified`
    (those come from a content site: `weak`)."""

    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    class Params:
        unverified: tuple[str, ...] = ()
        checked_on = dt.date(2026, 11, 1)  # every fact's, unless set one by one

    slug = factory.Sequence(lambda n: f"bank-{n}")
    name_zh = factory.Sequence(lambda n: f"测试银行{n}")
    name_en = factory.Sequence(lambda n: f"Test Bank {n}")
    kind = ProviderKind.CREDIT_CARD
    display_order = 50
    hotline = "95500"
    repay_path_zh = "测试银行 App → 信用卡 → 还款"
    repay_path_en = "Test Bank app → Credit card → Repay"
    due_cutoff = dt.time(20, 0)
    grace_days = 3
    grace_ends_at = factory.LazyAttribute(lambda o: o.due_cutoff if o.grace_days else None)
    late_fee_zh = "违约金为未还最低还款额的 5%。"
    late_fee_en = "5% of the unpaid minimum payment."
    autopay_available = True
    autopay_how_zh = "在 App 里开通自动还款。"
    autopay_how_en = "Turn it on in the app."
    official_site = "https://bank.example.com/"
    hotline_certainty = _certainty("hotline")
    due_cutoff_certainty = _certainty("due_cutoff")
    grace_certainty = _certainty("grace")
    late_fee_certainty = _certainty("late_fee")
    autopay_certainty = _certainty("autopay")
    repay_path_certainty = _certainty("repay_path")
    lender_kind = LenderKind.BANK
    lender_kind_certainty = _certainty("lender_kind")
    hotline_source = "https://bank.example.com/rules"
    due_cutoff_source = "https://bank.example.com/rules"
    grace_source = "https://bank.example.com/rules"
    late_fee_source = "https://bank.example.com/rules"
    autopay_source = "https://bank.example.com/rules"
    repay_path_source = "https://bank.example.com/rules"
    lender_kind_source = "https://bank.example.com/rules"
    hotline_checked_on = factory.SelfAttribute("checked_on")
    due_cutoff_checked_on = factory.SelfAttribute("checked_on")
    grace_checked_on = factory.SelfAttribute("checked_on")
    late_fee_checked_on = factory.SelfAttribute("checked_on")
    autopay_checked_on = factory.SelfAttribute("checked_on")
    repay_path_checked_on = factory.SelfAttribute("checked_on")
    lender_kind_checked_on = factory.SelfAttribute("checked_on")
    tolerance_certainty = _certainty("tolerance")
    tolerance_source = "https://bank.example.com/rules"
    tolerance_checked_on = factory.SelfAttribute("checked_on")
    autopay_time_certainty = _certainty("autopay_time")
    autopay_time_source = "https://bank.example.com/rules"
    autopay_time_checked_on = factory.SelfAttribute("checked_on")
    min_payment_certainty = _certainty("min_payment")
    min_payment_source = "https://bank.example.com/rules"
    min_payment_checked_on = factory.SelfAttribute("checked_on")
    is_active = True


class GraceTierFactory(DjangoModelFactory):
    class Meta:
        model = "providers.GraceTierRecord"

    provider = factory.SubFactory(ProviderFactory)
    code = factory.Sequence(lambda n: f"tier{n}")
    label_zh = factory.Sequence(lambda n: f"等级{n}")
    label_en = factory.Sequence(lambda n: f"Tier {n}")
    grace_days = 3
    grace_ends_at = dt.time(20, 0)


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
