"""Issue 20's bar, measured over the sweep of every shipped provider × problem × moment as
`manage.py plan` prints it (plan_sweep.py): short steps, two "now" at most, hedges as tags,
a way forward for everyone short of money, and the banner and credit record in the JSON."""

from __future__ import annotations

import pytest

from tests.wizard.engine.plan_sweep import figures, sweep

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plans(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_providers", verbosity=0)
        call_command("load_escalation", verbosity=0)
        try:
            yield {language: sweep(language) for language in ("zh-hans", "en")}
        finally:
            from providers.catalog import forget_providers
            from providers.models import EscalationRung, Provider

            EscalationRung.objects.all().delete()
            Provider.objects.all().delete()
            forget_providers()


def test_chinese_steps_are_short_enough_to_read_on_a_phone(plans):
    measured = figures(plans["zh-hans"])
    assert measured["plans"] == 18 * 11 * 5
    assert measured["max_detail_chars"] <= 220
    assert measured["median_step_chars"] < 500
    assert measured["double_full_stops"] == 0
    assert measured["half_width_in_chinese"] == 0


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_at_most_two_now_steps_and_two_hedges(plans, language):
    measured = figures(plans[language])
    assert measured["max_now_steps"] <= 2
    assert measured["max_hedges"] <= 2


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_everyone_short_of_money_gets_a_way_forward(plans, language):
    measured = figures(plans[language])
    assert measured["insufficient_funds_plans"] == 18 * 5
    assert measured["with_cannot_pay_in_full"] == measured["insufficient_funds_plans"]


def test_the_json_carries_the_banner_and_the_credit_record(plans):
    for _key, plan in plans["zh-hans"]:
        assert plan["banner"]["text"] and plan["banner"]["action"] == plan["steps"][0]["title"]
        assert isinstance(plan["credit_record"], list)
        assert [step["id"] for step in plan["steps"]] == [
            f"step-{n}" for n in range(1, len(plan["steps"]) + 1)
        ]
