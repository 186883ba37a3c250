"""How many SQL queries each page may cost, however many providers there are.

Budgets are counted with the production set-up for cache and sessions (Redis in
front of PostgreSQL), starting from a cold cache as a freshly started server has.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from providers.models import Provider
from tests.bench.page_costs import Measured
from tests.bench.walk import management_field
from tests.conftest import empty_cache
from tests.factories import MaintenanceWindowFactory, ProviderFactory, RemediationTextFactory

pytestmark = pytest.mark.django_db

# An answer writes the session; the first answer that sends a run to a page also counts
# that page (wizard.funnel: one upsert).
STEP_BUDGET = 2
PLAN_BUDGET = 4
# A plan page once the shared values are warm: the case's row, nothing else.
WARM_PLAN_QUERIES = 1
# Starting the wizard creates the session (one INSERT) and counts the run's start: one more
# than before the funnel counters, because every run is sent to the provider page from here
# and this is the request that writes its session.
START_BUDGET = 2
# Finishing saves the case: a uniqueness check for its code, its row and its steps, in a
# transaction, plus the session write; and counts the finished run, one more than before the
# funnel counters (outside the case's transaction: a counter never holds a case back). From a
# cold cache, building the plan also reads the escalation ladder's records once (one more
# query; none again until staff change a record, providers.catalog.escalation).
DONE_BUDGET = 9
# Session, user, and the page's own few queries (counts, choices for filters).
ADMIN_BUDGET = 10
# The calendar file builds the same plan as the plan page (the case, and with a cold cache
# the provider facts): the plan page's budget, and the same count as the page when cold.
REMINDER_BUDGET = PLAN_BUDGET
# Ticking evidence: the case and one UPDATE of its ticks; no plan is built, and the
# success message travels in a cookie.
EVIDENCE_BUDGET = 2


def add_providers(count: int) -> list[Provider]:
    """Providers with everything a page could be tempted to query one by one."""
    providers = ProviderFactory.create_batch(count)
    for provider in providers:
        RemediationTextFactory(provider=provider, title_zh="请致电 {hotline}")
        MaintenanceWindowFactory(provider=provider)
    return providers


def queries_per_page(provider: str) -> dict[str, int]:
    """Walk the longest path through the wizard, as the benchmark does; count each request's
    queries."""
    measured = Measured()

    def choose(choices: list[str]) -> str:
        assert provider in choices
        return provider

    measured.walk(choose)
    return {name: page["queries"] for name, page in measured.pages.items()}


def over_budget(counts: dict[str, int]) -> dict[str, int]:
    def budget(name: str) -> int:
        budgets = {"GET check": START_BUDGET, "GET done": DONE_BUDGET, "GET plan": PLAN_BUDGET}
        return budgets.get(name, STEP_BUDGET)

    return {name: count for name, count in counts.items() if count > budget(name)}


@pytest.mark.parametrize("provider_count", [5, 60])
def test_every_wizard_step_costs_at_most_two_queries_and_the_plan_four(
    shared_cache, provider_count
):
    providers = add_providers(provider_count)
    counts = queries_per_page(providers[-1].slug)
    assert over_budget(counts) == {}, counts


def test_queries_per_page_do_not_grow_with_the_number_of_providers(shared_cache):
    few = add_providers(5)
    with_few = queries_per_page(few[0].slug)
    add_providers(55)
    empty_cache()
    assert queries_per_page(few[0].slug) == with_few


@pytest.mark.parametrize("provider_count", [5, 60])
def test_the_calendar_file_costs_what_the_plan_page_costs_and_ticking_evidence_two_queries(
    shared_cache, provider_count
):
    providers = add_providers(provider_count)
    measured = Measured()
    plan_url = measured.walk(lambda choices: providers[-1].slug)
    client = measured.client

    def queries(request) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = request()
        assert response.status_code in (200, 302), response
        return len(captured.captured_queries)

    empty_cache()  # as a freshly started server: the provider facts are read again
    cold_page = queries(lambda: client.get(plan_url))
    empty_cache()
    cold_file = queries(lambda: client.get(f"{plan_url}reminder.ics"))
    assert cold_file == cold_page, "the same plan, built the same way"
    counts = {
        "ics": queries(lambda: client.get(f"{plan_url}reminder.ics")),
        "POST evidence": queries(
            lambda: client.post(f"{plan_url}evidence/", {"evidence": ["bill_state"]})
        ),
        "GET plan": queries(lambda: client.get(plan_url)),
    }
    budgets = {"ics": REMINDER_BUDGET, "POST evidence": EVIDENCE_BUDGET, "GET plan": PLAN_BUDGET}
    assert {name: n for name, n in counts.items() if n > budgets[name]} == {}, counts


def test_looking_at_a_page_again_writes_nothing(shared_cache):
    """Only an answer changes the session; reading a page must not rewrite it."""
    provider = add_providers(1)[0]
    client = Client()
    step_url = client.get("/check/")["Location"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(step_url).status_code == 200
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == [], "the new run's first page wrote the session"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(step_url)
    assert response.status_code == 200
    assert queries.captured_queries == []
    assert settings.SESSION_COOKIE_NAME not in response.cookies, "the session was not saved"
    client.post(
        step_url, {management_field(step_url): "provider", "provider-provider": provider.slug}
    )
    with CaptureQueriesContext(connection) as queries:
        client.get(step_url.replace("/provider/", "/message/"))
        client.get(step_url.replace("/provider/", "/message/"))
    assert queries.captured_queries == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/providers/provider/",
        "/admin/providers/maintenancewindow/",
        "/admin/wizard/remediationtext/",
        "/admin/providers/provider/{pk}/change/",
        "/admin/wizard/remediationtext/{text_pk}/change/",
    ],
)
def test_admin_pages_cost_the_same_few_queries_for_5_or_60_providers(admin_client, url):
    def count() -> int:
        provider = Provider.objects.order_by("pk").first()
        text = provider.step_texts.order_by("pk").first()
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url.format(pk=provider.pk, text_pk=text.pk))
        assert response.status_code == 200
        return len(queries.captured_queries)

    add_providers(5)
    count()  # the first request also fills Django's content-type cache
    with_few = count()
    add_providers(55)
    assert count() == with_few <= ADMIN_BUDGET


def message_page_queries(message: str) -> dict[str, int]:
    """Queries of the message page's requests when a message is pasted: read as typed
    (htmx), read by the button, and answered; the patterns, the labels and the live model
    already shared (warm)."""
    from wizard.flow.problem_message import message_digest
    from wizard.triage.learning import current_model, label_for
    from wizard.triage.patterns import current_patterns

    provider = add_providers(1)[0]
    current_patterns()
    current_model()
    label_for(message)
    client = Client()
    step_url = client.get("/check/")["Location"]
    field = management_field(step_url)
    client.post(step_url, {field: "provider", "provider-provider": provider.slug})
    message_url = step_url.replace("/provider/", "/message/")
    counts = {}
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            step_url.replace("/provider/", "/problem/meaning/"),
            {"message-message": message},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200
    counts["typing"] = len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            message_url, {field: "message", "message-message": message, "read_message": "1"}
        )
    assert response.status_code == 200
    counts["button"] = len(queries.captured_queries)
    # Going on after the reading was shown (the page sends back which text it read).
    answer = {field: "message", "message-message": message, "message-read": message_digest(message)}
    with CaptureQueriesContext(connection) as queries:
        assert client.post(message_url, answer).status_code == 302
    counts["answer"] = len(queries.captured_queries)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(message_url, answer).status_code == 302
    counts["answer again"] = len(queries.captured_queries)
    return counts


@pytest.mark.parametrize("message", ["可用余额不足（51）", "一个谁也没见过的提示"])
def test_a_pasted_message_keeps_the_message_page_within_its_budget(
    shared_cache, shipped_patterns, message
):
    counts = message_page_queries(message)
    assert counts["typing"] == 0 and counts["button"] == 0, counts
    assert counts["answer"] <= STEP_BUDGET and counts["answer again"] <= STEP_BUDGET, counts


def test_a_reopened_plan_with_its_ladder_costs_one_query_when_warm(shared_cache):
    """The ladder and the credit record come from the shared escalation records: a reopened
    plan that shows them costs what a plan page cost before them, the case's own row."""
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone

    from tests.wizard.helpers import answers_dict, case_for
    from wizard.engine.answers import SHANGHAI
    from wizard.models import Case

    call_command("load_providers", verbosity=0)
    call_command("load_escalation", verbosity=0)
    moment = (timezone.now() - dt.timedelta(days=16, minutes=30)).astimezone(SHANGHAI)
    case = case_for(
        answers_dict(
            provider="huabei",
            symptom="deducted_not_credited",
            account=None,
            funds=None,
            timing={"due_date": moment.date().isoformat(), "attempted_at": moment.isoformat()},
        )
    )
    Case.objects.filter(pk=case.pk).update(created_at=timezone.now() - dt.timedelta(days=16))
    client = Client()
    url = f"/plan/{case.code}/"
    assert client.get(url).status_code == 200  # warms what a first request fills
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    html = response.content.decode()
    assert 'id="ladder"' in html and 'href="tel:12378"' in html
    assert 'id="credit-record"' in html
    assert len(queries.captured_queries) == WARM_PLAN_QUERIES, [
        q["sql"] for q in queries.captured_queries
    ]


def test_the_benchmark_walks_past_a_card_tier_page_and_never_picks_the_unknown_lender(
    shared_cache,
):
    """The load test picks providers at random: a provider whose grace differs by card tier
    asks for the tier (still within the budget), and "not sure which" is never picked."""
    from providers.facts import UNKNOWN_PROVIDER
    from tests.bench import walk
    from tests.factories import GraceTierFactory

    assert walk.UNKNOWN_PROVIDER == UNKNOWN_PROVIDER
    tiered = add_providers(2)[0]
    GraceTierFactory(provider=tiered)
    GraceTierFactory(provider=tiered)
    empty_cache()
    offered: list[str] = []
    measured = Measured()

    def choose(choices: list[str]) -> str:
        offered.extend(choices)
        return tiered.slug

    measured.walk(choose)
    counts = {name: page["queries"] for name, page in measured.pages.items()}
    assert "POST card_tier" in counts and over_budget(counts) == {}, counts
    assert UNKNOWN_PROVIDER not in offered
