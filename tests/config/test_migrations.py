"""Migrations: every model change has one, and a database from before keeps its records.

The "before" state is the one main had when the plan engine moved into wizard/engine
(providers 0005, wizard 0005): a database created then is migrated to today's models on
real PostgreSQL, and every provider, window, step text and case it held is still there.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.apps.registry import Apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from providers.facts import Fact
from providers.management.commands.load_providers import SEED_FILE

BEFORE = [
    ("providers", "0005_history_of_existing_records"),
    ("wizard", "0005_support_can_view_cases"),
]
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def migrate(targets: list[tuple[str, str]]) -> Apps:
    """Migrate the test database to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_from_before_the_move_keeps_every_record():
    old = migrate(BEFORE)
    Provider = old.get_model("providers", "Provider")
    provider = Provider.objects.create(
        slug="oldbank",
        name_zh="旧银行",
        name_en="Old Bank",
        kind="credit_card",
        hotline="95500",
        repay_path_zh="App → 还款",
        repay_path_en="App → Repay",
        cutoff_time=dt.time(20, 0),
        grace_days=3,
        late_fee_zh="以合同为准。",
        late_fee_en="As the contract says.",
        source="https://bank.example.com/",
        verified_on=dt.date(2026, 11, 1),
        unverified_facts=["grace_days"],
    )
    old.get_model("providers", "MaintenanceWindow").objects.create(
        provider=provider,
        starts_at=dt.datetime(2026, 11, 10, 0, 0, tzinfo=SHANGHAI),
        ends_at=dt.datetime(2026, 11, 10, 4, 0, tzinfo=SHANGHAI),
        source="https://bank.example.com/notice",
    )
    defaults_before = (
        old.get_model("wizard", "RemediationText").objects.filter(provider__isnull=True).count()
    )
    old.get_model("wizard", "RemediationText").objects.create(
        code="contact_provider", provider=provider, title_zh="请致电 {hotline}"
    )
    case = old.get_model("wizard", "Case").objects.create(
        code="K7M2Q9X4PA",
        provider=provider,
        provider_slug="oldbank",
        symptom="timeout",
        channel="app",
        status="due_today",
        deadline=dt.datetime(2026, 11, 10, 20, 0, tzinfo=SHANGHAI),
        answers={"provider": "oldbank", "symptom": "timeout"},
    )
    old.get_model("wizard", "CaseStep").objects.create(
        case=case, position=1, code="outage_procedure", urgency="now"
    )

    call_command("migrate", verbosity=0)

    from providers.models import MaintenanceWindow, Provider
    from wizard.models import Case, RemediationText

    kept = Provider.objects.get(slug="oldbank")
    assert (kept.hotline, kept.due_cutoff, kept.grace_days) == ("95500", dt.time(20, 0), 3)
    # The old single cutoff was also the grace period's end; the old lists become certainties.
    assert kept.grace_ends_at == dt.time(20, 0)
    assert kept.grace_certainty == "weak" and kept.hotline_certainty == "official"
    # The facts that existed then (later ones: lender kind, tolerance, autopay time, ...).
    old_facts = [
        Fact.HOTLINE,
        Fact.DUE_CUTOFF,
        Fact.GRACE,
        Fact.LATE_FEE,
        Fact.AUTOPAY,
        Fact.REPAY_PATH,
    ]
    assert {kept.provenance(fact).source for fact in old_facts} == {"https://bank.example.com/"}
    assert {kept.provenance(fact).checked_on for fact in old_facts} == {dt.date(2026, 11, 1)}
    # providers 0012 names the lenders of shipped providers only; this one is for staff to say.
    assert kept.lender_kind == "" and kept.lender_kind_certainty == "none"
    assert MaintenanceWindow.objects.filter(provider=kept).count() == 1
    assert RemediationText.objects.get(provider=kept).title_zh == "请致电 {hotline}"
    case = Case.objects.get(code="K7M2Q9X4PA")
    assert case.provider == kept and list(case.steps.values_list("code", flat=True)) == [
        "outage_procedure"
    ]
    # Later migrations (0007 and on) add the default wording of each step added since,
    # beside the defaults that were there: issue 13's two, the decoder's two, the
    # escalation ladder's and the credit record's three, and issue 20's three.
    added = {
        "identify_provider",
        "prove_payment_time",
        "check_money_left",
        "pass_risk_check",
        "escalate_to_regulator",
        "check_credit_report",
        "dispute_credit_record",
        "cannot_pay_in_full",
        "follow_up_with_provider",
        "check_autopay",
    }
    defaults_after = RemediationText.objects.filter(provider__isnull=True)
    assert defaults_after.count() == defaults_before + len(added)
    assert added <= set(defaults_after.values_list("code", flat=True))


SHIPPED_BEFORE = Path(__file__).resolve().parents[1] / "providers" / "data"
SHIPPED_BEFORE_FILE = SHIPPED_BEFORE / "providers-shipped-before-provenance.json"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_shipped_records_are_corrected_fact_by_fact_and_staff_edits_are_kept():
    old = migrate([("providers", "0005_history_of_existing_records")])
    OldProvider = old.get_model("providers", "Provider")
    for record in json.loads(SHIPPED_BEFORE_FILE.read_text(encoding="utf-8")):
        OldProvider.objects.create(**record)
    # Staff had changed two facts in the admin before this release.
    OldProvider.objects.filter(slug="huabei").update(late_fee_zh="客服说:按合同计算。")
    OldProvider.objects.filter(slug="icbc").update(hotline="95588-1")

    call_command("migrate", verbosity=0)

    from providers.models import Provider

    shipped = {p["slug"]: p for p in json.loads(SEED_FILE.read_text(encoding="utf-8"))}
    assert Provider.objects.count() == len(shipped) == 17, "every provider kept"
    xiaomi = Provider.objects.get(slug="xiaomi-finance")
    assert xiaomi.hotline == "400-100-3399", "the finance line, not the phone after-sales line"
    ccb = Provider.objects.get(slug="ccb")
    assert (ccb.due_cutoff, ccb.grace_days, ccb.grace_ends_at) == (
        dt.time(16, 0),
        3,
        dt.time(16, 0),
    )
    # 0010 made it weak; the bank's own notice, copied verbatim, makes it secondary (0014).
    assert ccb.grace_certainty == "secondary" and "16:00" in ccb.grace_quote
    assert ccb.autopay_funded_by == dt.time(7, 0)
    assert Provider.objects.get(slug="boc").grace_tiers.count() == 5
    # What staff changed is theirs: that fact keeps its value and carried-over provenance.
    huabei = Provider.objects.get(slug="huabei")
    assert huabei.late_fee_zh == "客服说:按合同计算。"
    assert huabei.late_fee_source == shipped["huabei"]["late_fee_source"] or (
        huabei.late_fee_certainty in ("weak", "official")
    )
    assert Provider.objects.get(slug="icbc").hotline == "95588-1"
    # Every other fact of every provider now reads as the fact sheet says.
    for slug, record in shipped.items():
        provider = Provider.objects.get(slug=slug)
        for fact in Fact:
            if (slug, fact) in {("huabei", Fact.LATE_FEE), ("icbc", Fact.HOTLINE)}:
                continue
            assert provider.provenance(fact).certainty == record[f"{fact}_certainty"], (slug, fact)
            assert provider.provenance(fact).source == record[f"{fact}_source"], (slug, fact)
