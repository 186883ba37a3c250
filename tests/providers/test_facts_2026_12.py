"""The shipped provider records against the 2026-12 fact sheet (provider-facts-2026-12.md),
and migration 0014 bringing its corrections to a database from before, staff edits kept.

The table below is the sheet's own rating of each row, typed from the sheet: a shipped fact
may never be more certain than its row, and every fact the sheet corrected carries the
source, the sentence it rests on and the sheet's date.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from providers.facts import Certainty, Fact
from providers.management.commands.load_providers import SEED_FILE

SEED = {record["slug"]: record for record in json.loads(SEED_FILE.read_text(encoding="utf-8"))}
CHECKED = "2026-12-07"
OF, S, W, N = Certainty.OFFICIAL, Certainty.SECONDARY, Certainty.WEAK, Certainty.NONE

# (provider, fact): the certainty the sheet's row supports (§0.2 and §1). Pingan's tolerance
# is rated "W/S" (a press repost cut off mid-sentence): the lower. ABC's tolerance is "S-press,
# indirect only": the press never names ABC's limit, so nothing is recorded.
SHEET_RATINGS = {
    ("icbc", Fact.HOTLINE): OF,
    ("icbc", Fact.GRACE): S,
    ("icbc", Fact.TOLERANCE): S,
    ("ccb", Fact.DUE_CUTOFF): S,
    ("ccb", Fact.GRACE): S,
    ("ccb", Fact.AUTOPAY_TIME): S,
    ("ccb", Fact.TOLERANCE): S,
    ("boc", Fact.HOTLINE): OF,
    ("boc", Fact.GRACE): S,
    ("boc", Fact.LATE_FEE): S,
    ("boc", Fact.TOLERANCE): S,
    ("boc", Fact.MIN_PAYMENT): OF,
    ("citic", Fact.HOTLINE): S,
    ("citic", Fact.LATE_FEE): S,
    ("citic", Fact.TOLERANCE): W,
    ("pingan", Fact.HOTLINE): S,
    ("pingan", Fact.AUTOPAY_TIME): S,
    ("pingan", Fact.TOLERANCE): W,
    ("bocom", Fact.HOTLINE): S,
    ("bocom", Fact.GRACE): S,
    ("cmb", Fact.TOLERANCE): W,
    ("cmbc", Fact.GRACE): W,
    ("spdb", Fact.GRACE): W,
    ("spdb", Fact.TOLERANCE): W,
    ("psbc", Fact.GRACE): W,
    ("psbc", Fact.TOLERANCE): W,
    ("cib", Fact.GRACE): W,
    ("cib", Fact.TOLERANCE): W,
    ("cgb", Fact.GRACE): W,
    ("abc", Fact.TOLERANCE): N,
    ("jd-baitiao", Fact.DUE_CUTOFF): W,
    ("jd-baitiao", Fact.LATE_FEE): W,
    ("jd-baitiao", Fact.AUTOPAY): W,
    ("xiaomi-finance", Fact.DUE_CUTOFF): W,
    ("xiaomi-finance", Fact.AUTOPAY_TIME): W,
    ("huabei", Fact.AUTOPAY): W,
}


def certainty(slug: str, fact: Fact) -> Certainty:
    return Certainty(SEED[slug][f"{fact}_certainty"])


@pytest.mark.parametrize(("slug", "fact"), sorted(SHEET_RATINGS))
def test_each_corrected_fact_is_as_certain_as_its_row_in_the_sheet_and_no_more(slug, fact):
    assert certainty(slug, fact) == SHEET_RATINGS[slug, fact]


@pytest.mark.parametrize(("slug", "fact"), sorted(SHEET_RATINGS))
def test_each_corrected_fact_has_its_source_quote_and_the_sheets_date(slug, fact):
    record = SEED[slug]
    assert record[f"{fact}_checked_on"] == CHECKED
    if SHEET_RATINGS[slug, fact] is not N:
        assert record[f"{fact}_source"].strip() and record[f"{fact}_quote"].strip()


def test_no_fact_outside_the_sheets_rows_was_raised_on_its_date():
    for slug, record in SEED.items():
        for fact in Fact:
            if (slug, fact) in SHEET_RATINGS:
                continue
            assert certainty(slug, fact) is not OF, (slug, fact)
            if record[f"{fact}_checked_on"] == CHECKED and fact in (
                Fact.TOLERANCE,
                Fact.AUTOPAY_TIME,
                Fact.MIN_PAYMENT,
            ):
                assert certainty(slug, fact) is N, "a new fact with no row stays unsourced"


def test_the_banks_own_notices_as_the_issue_states_them():
    assert SEED["icbc"]["grace_days"] == 3 and not SEED["icbc"]["grace_needs_request"]
    for slug in ("icbc", "ccb", "boc"):
        assert Decimal(SEED[slug]["grace_tolerance_yuan"]) == 100, slug
    assert certainty("boc", Fact.HOTLINE) is OF and certainty("icbc", Fact.HOTLINE) is OF
    assert (SEED["boc"]["hotline"], SEED["boc"]["hotline_alt"]) == ("95566", "400-669-5566")
    assert SEED["icbc"]["hotline"] == "95588"
    for slug in ("cmbc", "spdb"):
        assert SEED[slug]["grace_needs_request"] is False, slug
    assert SEED["ccb"]["autopay_funded_by"] == "07:00"
    assert (SEED["ccb"]["autopay_retry_days"], SEED["ccb"]["autopay_retry_at"]) == (3, "07:00")
    assert SEED["boc"]["min_payment_covers_instalments"] is True


def test_conflicts_are_kept_in_the_staff_note_not_resolved_silently():
    jd = SEED["jd-baitiao"]
    assert "0.07%" in jd["late_fee_note"] and "0.015%" in jd["late_fee_note"]
    assert "万分之七" in jd["late_fee_zh"], "the other figure is named to the consumer too"
    assert "kandaohang" in SEED["icbc"]["grace_note"], "the older 'no grace' page is named"
    assert "10 yuan" in SEED["cmb"]["tolerance_note"]
    assert "19:00" in SEED["spdb"]["grace_note"]


# --- migration 0014 -------------------------------------------------------------------------

MIGRATION = "0014_provider_facts_2026_12"
MIGRATION_MODULE = importlib.import_module(f"providers.migrations.{MIGRATION}")
BEFORE = [("providers", "0013_tolerance_autopay_time_and_min_payment_facts")]
FROZEN = json.loads(
    (
        Path(__file__).resolve().parents[2] / "providers" / "migrations" / f"{MIGRATION}.json"
    ).read_text(encoding="utf-8")
)


def test_the_migrations_records_live_in_a_file_beside_it_not_in_its_code():
    folder = Path(__file__).resolve().parents[2] / "providers" / "migrations"
    assert (folder / f"{MIGRATION}.py").stat().st_size <= 40_000
    assert FROZEN["sheet"] == "provider-facts-2026-12.md" and FROZEN["checked_on"] == CHECKED


def test_the_frozen_corrections_are_what_the_seed_ships():
    """A database migrated from the shipped records ends where a new one starts."""
    for slug, facts in FROZEN["providers"].items():
        for fact, change in facts.items():
            for name, value in change["new"].items():
                assert SEED[slug][name] == value, (slug, fact, name)


def as_shipped_before() -> list[dict]:
    """The seed records as they were before the sheet: each corrected fact put back."""
    records = []
    for slug, record in SEED.items():
        record = {**record}
        record.pop("tiers")
        for change in FROZEN["providers"].get(slug, {}).values():
            record.update(change["old"])
        records.append(record)
    return records


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_with_staff_edits_keeps_them_through_the_migration():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    OldProvider = old.get_model("providers", "Provider")
    for record in as_shipped_before():
        OldProvider.objects.create(**record)
    # Staff had called ICBC and set its grace period themselves, and CCB's autopay time.
    OldProvider.objects.filter(slug="icbc").update(
        grace_days=5,
        grace_certainty="official",
        grace_source="2026年12月5日致电 95588",
        grace_quote="客服:容时 5 天。",
    )
    OldProvider.objects.filter(slug="ccb").update(
        autopay_funded_by=dt.time(6, 30),
        autopay_time_certainty="official",
        autopay_time_source="2026年12月5日致电 95533",
    )

    call_command("migrate", verbosity=0)

    from providers.models import Provider

    icbc = Provider.objects.get(slug="icbc")
    assert (icbc.grace_days, icbc.grace_source) == (5, "2026年12月5日致电 95588"), "staff's"
    assert icbc.grace_certainty == "official"
    assert icbc.hotline_certainty == "official" and icbc.grace_tolerance_yuan == 100
    assert icbc.tolerance_checked_on == dt.date(2026, 12, 7)
    ccb = Provider.objects.get(slug="ccb")
    assert ccb.autopay_funded_by == dt.time(6, 30) and ccb.autopay_time_source.startswith("2026")
    assert ccb.grace_certainty == "secondary" and ccb.grace_tolerance_yuan == 100
    # Every fact staff left alone now reads as the sheet says.
    for provider in Provider.objects.all():
        for fact, change in FROZEN["providers"].get(provider.slug, {}).items():
            if (provider.slug, fact) in {("icbc", "grace"), ("ccb", "autopay_time")}:
                continue
            assert MIGRATION_MODULE._holds(provider, change["new"]), (provider.slug, fact)
    # Staff see what changed and why: the history names the sheet, its date and the facts.
    reason = Provider.history.filter(slug="icbc").latest("history_date").history_change_reason
    assert "provider-facts-2026-12.md" in reason and "2026-12-07" in reason
    corrected = set(reason.split(":")[-1].split(","))
    assert {"hotline", "tolerance"} <= corrected and "grace" not in corrected
    boc_reason = Provider.history.filter(slug="boc").latest("history_date").history_change_reason
    assert set(boc_reason.split(":")[-1].split(",")) == set(FROZEN["providers"]["boc"])
