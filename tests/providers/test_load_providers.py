"""`manage.py load_providers` (providers/management/commands/load_providers.py): the shipped
records, sourced and dated, loaded once, staff edits kept unless --update, all or nothing."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from providers.facts import Certainty, Fact, ProviderKind
from providers.management.commands.load_providers import SEED_FILE
from providers.models import Provider

pytestmark = pytest.mark.django_db

SEED = json.loads(SEED_FILE.read_text(encoding="utf-8"))
OFFICIAL_IN_THE_SHEET = {
    ("icbc", Fact.HOTLINE),
    ("boc", Fact.HOTLINE),
    ("boc", Fact.MIN_PAYMENT),
}


def test_seed_loads_every_provider_once_even_when_run_twice():
    call_command("load_providers")
    call_command("load_providers")
    assert Provider.objects.count() == len(SEED)
    assert Provider.objects.values("slug").distinct().count() == len(SEED)


def test_seed_covers_the_providers_a_xiaomi_mall_buyer_meets():
    call_command("load_providers")
    slugs = set(Provider.objects.values_list("slug", flat=True))
    assert {"huabei", "xiaomi-finance", "jd-baitiao"} <= slugs
    banks = Provider.objects.filter(kind=ProviderKind.CREDIT_CARD)
    assert banks.count() >= 11
    assert len(slugs) >= 14


def test_every_seed_record_is_sourced_dated_and_valid():
    call_command("load_providers")
    for provider in Provider.objects.all():
        provider.full_clean()
        for fact in Fact:
            provenance = provider.provenance(fact)
            assert provenance.checked_on is not None, (provider.slug, fact)
            if provenance.certainty != Certainty.NONE:
                assert provenance.source.strip() and provenance.quote.strip(), (provider.slug, fact)
            # Official only where the 2026-12 sheet has an official row (its ratings, fact
            # by fact: tests/providers/test_facts_2026_12.py).
            if provenance.certainty == Certainty.OFFICIAL:
                assert (provider.slug, fact) in OFFICIAL_IN_THE_SHEET, (provider.slug, fact)


def test_rerunning_the_seed_keeps_staff_edits():
    call_command("load_providers")
    Provider.objects.filter(slug="cmb").update(hotline="95555")
    call_command("load_providers")
    assert Provider.objects.get(slug="cmb").hotline == "95555"


def test_update_flag_restores_the_shipped_values():
    call_command("load_providers")
    Provider.objects.filter(slug="cmb").update(hotline="95555")
    call_command("load_providers", "--update")
    shipped = next(r for r in SEED if r["slug"] == "cmb")
    assert Provider.objects.get(slug="cmb").hotline == shipped["hotline"]


def test_a_bad_record_loads_nothing(tmp_path):
    records = [dict(SEED[0]), dict(SEED[1], hotline="not a number")]
    path = tmp_path / "providers.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    with pytest.raises(CommandError, match="hotline"):
        call_command("load_providers", "--file", str(path))
    assert Provider.objects.count() == 0
