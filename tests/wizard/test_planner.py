"""From stored answers to a plan (wizard/planner.py): the provider's facts, windows and
wording from PostgreSQL, in at most three queries."""

from __future__ import annotations

import pytest

from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory
from tests.wizard.helpers import answers_dict, shanghai
from wizard.engine.answers import AnswersError
from wizard.planner import plan_for_answers

pytestmark = pytest.mark.django_db

NOW = shanghai("2026-11-10T21:40")


def test_building_a_plan_costs_at_most_five_queries_however_much_data(
    bank, django_assert_max_num_queries
):
    for provider in ProviderFactory.create_batch(60):
        RemediationTextFactory(provider=provider, title_zh="打给 {hotline}")
        MaintenanceWindowFactory(provider=provider)
    RemediationTextFactory(provider=bank, code="protect_credit", title_zh="别忘了留证据")
    # Cold caches: the providers and their card tiers, the wording, the windows, the ladder.
    with django_assert_max_num_queries(5):
        plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert "别忘了留证据" in [s.title for s in plan.steps]
    with django_assert_max_num_queries(1):  # catalogs cached: only the maintenance windows
        plan_for_answers(answers_dict(), now=NOW, language="zh-hans")


def test_maintenance_window_in_the_database_comes_first_in_the_plan(bank):
    MaintenanceWindowFactory(
        provider=bank,
        starts_at=shanghai("2026-11-10T21:00"),
        ends_at=shanghai("2026-11-10T23:00"),
        channels=["app"],
    )
    plan = plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    first = plan.steps[0]
    assert first.code == "maintenance_window"
    assert "11月10日 23:00" in first.title
    assert "机构自己的 App" in first.detail
    assert "系统升级，暂停还款。" in first.detail


def test_a_window_that_is_over_is_ignored(bank):
    MaintenanceWindowFactory(
        provider=bank, starts_at=shanghai("2026-11-09T01:00"), ends_at=shanghai("2026-11-09T03:00")
    )
    assert (
        "maintenance_window"
        not in plan_for_answers(answers_dict(), now=NOW, language="zh-hans").codes
    )


def test_deactivated_provider_is_unknown_to_the_plan(bank):
    bank.is_active = False
    bank.save()
    with pytest.raises(AnswersError) as error:
        plan_for_answers(answers_dict(), now=NOW, language="zh-hans")
    assert error.value.field == "provider"
