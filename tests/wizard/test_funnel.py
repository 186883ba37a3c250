"""Where people get stuck (wizard/funnel.py): counters from real walks with the test client,
each page once per run, keyed by what the run had answered, at one write per counted page."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.wizard.funnel_walks import answer, counters, walk
from tests.wizard.helpers import WizardSession, owners_browser
from wizard.cases.recording import record_feedback
from wizard.engine.answers import SHANGHAI
from wizard.engine.ladder import beijing_date
from wizard.funnel import Tally, count
from wizard.models import FunnelCount, FunnelStage

pytestmark = pytest.mark.django_db


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]


def funnel_writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "wizard_funnelcount" in q["sql"]]


def test_walks_count_each_page_once_per_run_under_the_provider_and_problem_answered(
    bank, provider_cmb
):
    walk(Client(), provider="bank", symptom="declined")
    walk(Client(), provider="bank", symptom="declined")
    walk(Client(), provider="cmb", symptom="timeout")
    # Gives up on the timing page, having seen it; and one who never chose a provider.
    walk(Client(), provider="bank", symptom="insufficient_funds", stop_at="timing")
    walk(Client(), provider="cmb", symptom="timeout", stop_at="provider")

    assert counters() == {
        ("provider", "", ""): 5,
        ("message", "bank", ""): 3,
        ("message", "cmb", ""): 1,
        ("problem", "bank", ""): 3,
        ("problem", "cmb", ""): 1,
        ("channel", "bank", "declined"): 2,
        ("channel", "bank", "insufficient_funds"): 1,
        ("channel", "cmb", "timeout"): 1,
        ("account", "bank", "declined"): 2,
        ("funds", "bank", "declined"): 2,
        ("funds", "bank", "insufficient_funds"): 1,
        ("timing", "bank", "declined"): 2,
        ("timing", "bank", "insufficient_funds"): 1,
        ("timing", "cmb", "timeout"): 1,
        ("situation", "bank", "declined"): 2,
        ("situation", "cmb", "timeout"): 1,
        ("review", "bank", "declined"): 2,
        ("review", "cmb", "timeout"): 1,
        ("done", "bank", "declined"): 2,
        ("done", "cmb", "timeout"): 1,
    }
    assert set(FunnelCount.objects.values_list("day", flat=True)) <= {
        beijing_date(timezone.now() - dt.timedelta(minutes=5)),
        beijing_date(timezone.now()),
    }


def test_a_reload_and_the_back_button_count_nothing(bank, shared_cache):
    client = Client()
    wizard = WizardSession(client)
    wizard.start()
    answer(wizard, "provider", provider="bank")
    wizard.answer_problem("timeout")
    before = counters()
    with CaptureQueriesContext(connection) as queries:
        assert wizard.get("timing").status_code == 200  # shown, as the redirect leads
        assert wizard.get("timing").status_code == 200  # reloaded
    assert writes(queries) == []
    with CaptureQueriesContext(connection) as queries:
        assert wizard.get("problem").status_code == 200  # the back link
        assert wizard.get("provider").status_code == 200  # and back once more
    # formtools notes the page the run is on, as it always has; no counter moves.
    assert funnel_writes(queries) == []
    # Back on the problem page, the same answer again sends the run to a page it has reached.
    with CaptureQueriesContext(connection) as queries:
        wizard.answer_problem("timeout")
    assert funnel_writes(queries) == []
    assert counters() == before


def test_a_page_counted_costs_one_write_the_upsert(bank, shared_cache):
    wizard = WizardSession(Client())
    wizard.start()
    wizard.get("provider")
    with CaptureQueriesContext(connection) as queries:
        answer(wizard, "provider", provider="bank")
    counted = funnel_writes(queries)
    assert len(counted) == 1 and "ON CONFLICT" in counted[0]
    # The counter, and the answer's session write: sessions as app servers have them.
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["INSERT", "UPDATE"]


def test_going_back_into_a_finished_run_counts_nothing_again(bank):
    client = Client()
    walk(client, provider="bank", symptom="timeout")
    before = counters()
    wizard = WizardSession(client)
    wizard.base = f"/check/{client.session['wizard_runs'][-1]}/"
    # The finished run's storage is empty: its pages lead back to the first question.
    response = wizard.get("review", follow=True)
    assert response.status_code == 200 and response.redirect_chain
    answer(wizard, "provider", provider="bank")
    assert counters() == before


def test_a_change_from_the_check_answers_page_counts_only_pages_newly_reached(bank):
    client = Client()
    wizard = WizardSession(client)
    wizard.start()
    answer(wizard, "provider", provider="bank")
    wizard.answer_problem("timeout")
    answer(wizard, "timing")
    answer(wizard, "situation")
    assert wizard.get("problem", data={"change": "1"}).status_code == 200
    # Now a declined repayment: the account and funds pages are asked for the first time.
    wizard.answer_problem("declined")
    answer(wizard, "account")
    answer(wizard, "funds")
    reached = {stage: (p, s) for (stage, p, s) in counters()}
    assert reached["account"] == reached["funds"] == ("bank", "declined")
    assert reached["review"] == ("bank", "timeout")
    # provider, message, problem, channel, timing, situation, review + account, funds
    assert sum(counters().values()) == 9


def test_a_new_run_in_another_tab_counts_as_a_run_of_its_own(bank):
    client = Client()
    first, second = WizardSession(client), WizardSession(client)
    first.start()
    second.start()
    answer(first, "provider", provider="bank")
    answer(second, "provider", provider="bank")
    assert counters() == {("provider", "", ""): 2, ("message", "bank", ""): 2}


def test_a_head_request_starts_no_run_and_counts_nothing(bank):
    assert Client().head("/check/").status_code == 302
    assert counters() == {}


def test_feedback_and_solved_are_counted_and_a_later_solved_goes_to_the_day_of_the_feedback(
    bank,
):
    case = walk(Client(), provider="bank", symptom="timeout")
    assert case is not None
    evening = dt.datetime(2026, 11, 16, 23, 50, tzinfo=SHANGHAI)  # 15:50 UTC, same Beijing day
    record_feedback(case, outcome="not_solved", comment="", now=evening)
    record_feedback(case, outcome="solved", comment="", now=evening + dt.timedelta(days=2))
    other = walk(Client(), provider="bank", symptom="timeout")
    assert other is not None
    record_feedback(other, outcome="solved", comment="", now=evening + dt.timedelta(days=2))

    rows = {
        (row.day, row.stage): row.runs
        for row in FunnelCount.objects.filter(stage__in=["feedback", "solved"])
    }
    assert rows == {
        (dt.date(2026, 11, 16), "feedback"): 1,
        (dt.date(2026, 11, 16), "solved"): 1,
        (dt.date(2026, 11, 18), "feedback"): 1,
        (dt.date(2026, 11, 18), "solved"): 1,
    }
    assert set(
        FunnelCount.objects.filter(stage="solved").values_list("provider_slug", "symptom")
    ) == {("bank", "timeout")}


def test_feedback_through_the_plan_page_counts_once(bank):
    case = walk(Client(), provider="bank", symptom="timeout")
    client = owners_browser(case)
    url = f"/plan/{case.code}/feedback/"
    with CaptureQueriesContext(connection) as queries:
        client.post(url, {"outcome": "partly"})
    assert len(funnel_writes(queries)) == 1
    client.post(url, {"outcome": "not_solved"})  # refused: feedback is taken once
    client.post(url, {"outcome": "solved"})
    client.post(url, {"outcome": "solved"})  # already solved
    totals = counters()
    assert (totals[("feedback", "bank", "timeout")], totals[("solved", "bank", "timeout")]) == (
        1,
        1,
    )


def test_the_beijing_date_decides_the_day():
    late_utc = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)
    assert beijing_date(late_utc) == dt.date(2026, 12, 1)


def test_counting_the_same_counter_twice_adds_up_in_one_statement():
    tally = Tally(dt.date(2026, 11, 16), FunnelStage.REVIEW, "bank", "timeout")
    with CaptureQueriesContext(connection) as queries:
        count([tally, tally, Tally(dt.date(2026, 11, 16), FunnelStage.DONE, "bank", "timeout")])
    assert len(queries.captured_queries) == 1
    count([tally])
    assert FunnelCount.objects.get(stage="review").runs == 3
    assert FunnelCount.objects.get(stage="done").runs == 1


@pytest.mark.django_db(transaction=True)
def test_a_counter_that_cannot_be_written_never_costs_a_person_their_page(monkeypatch, caplog):
    from tests.factories import ProviderFactory

    ProviderFactory(slug="bank")
    wizard = WizardSession(Client())
    with monkeypatch.context() as patched, caplog.at_level(logging.WARNING, "wizard.funnel"):
        patched.setattr(FunnelCount._meta, "db_table", "wizard_no_such_table")
        wizard.start()
        answer(wizard, "provider", provider="bank")
        assert wizard.get("message").status_code == 200
    assert "funnel counters not written" in caplog.text


def test_a_page_reached_half_past_midnight_in_beijing_counts_on_that_beijing_day(bank, monkeypatch):
    wizard = WizardSession(Client())
    wizard.start()
    half_past_midnight = dt.datetime(2026, 11, 30, 16, 30, tzinfo=dt.UTC)  # 00:30 on 1 Dec
    monkeypatch.setattr(
        "wizard.flow.views.timezone", SimpleNamespace(now=lambda: half_past_midnight)
    )
    answer(wizard, "provider", provider="bank")
    assert FunnelCount.objects.get(stage="message").day == dt.date(2026, 12, 1)
