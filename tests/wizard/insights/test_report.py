"""What the cases say, for support staff (wizard.insights.queries.py and its console page): the
numbers for a known set of cases, and a page cost that does not grow with them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.funnel_walks import walk
from tests.wizard.helpers import case_for, recent_answers
from wizard.engine.answers import SHANGHAI
from wizard.engine.ladder import beijing_date
from wizard.insights.queries import funnel_counts, funnel_for, insights_for
from wizard.models import Case, CaseStep, FunnelCount, FunnelStage

pytestmark = pytest.mark.django_db
NS = "{http://www.w3.org/2000/svg}"


def make_cases(spec, *, day: dt.date):
    """Cases on a given day: (provider slug, symptom, outcome) each."""
    made = []
    for slug, symptom, outcome in spec:
        case = case_for(recent_answers(provider=slug, symptom=symptom))
        created = dt.datetime.combine(day, dt.time(12), tzinfo=SHANGHAI)
        Case.objects.filter(pk=case.pk).update(
            created_at=created, outcome=outcome, feedback_at=created if outcome else None
        )
        made.append(case)
    return made


def test_insights_numbers_match_a_known_set_of_cases(bank, support_client):
    ProviderFactory(slug="other", name_zh="另一家", checked_on=None)
    monday, tuesday = dt.date(2026, 11, 16), dt.date(2026, 11, 17)
    make_cases(
        [
            ("bank", "timeout", "solved"),
            ("bank", "timeout", "not_solved"),
            ("other", "declined", ""),
        ],
        day=monday,
    )
    make_cases(
        [("bank", "insufficient_funds", "solved"), ("other", "timeout", "partly")], day=tuesday
    )
    make_cases([("bank", "timeout", "solved")], day=dt.date(2026, 10, 1))  # outside the range
    from wizard.insights.queries import insights_for

    insights = insights_for(start=monday, end=tuesday)
    assert insights.total == 5
    assert [(r.key, r.count) for r in insights.per_day] == [("2026-11-16", 3), ("2026-11-17", 2)]
    providers = {r.key: (r.count, r.answered, r.solved) for r in insights.per_provider}
    assert providers == {"bank": (3, 3, 2), "other": (2, 1, 0)}
    symptoms = {r.key: r.count for r in insights.per_symptom}
    assert symptoms == {"timeout": 3, "declined": 1, "insufficient_funds": 1}
    steps = {r.key: (r.count, r.answered, r.solved) for r in insights.per_step}
    assert steps["outage_procedure"] == (3, 3, 1)  # the three timeouts
    assert steps["meet_deadline"] == (5, 4, 2)
    assert [(r.key, r.count) for r in insights.stale_providers] == [("other", 2)]

    page = support_client.get(
        "/admin/wizard/case/insights/", {"start": "2026-11-16", "end": "2026-11-17"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('<figure class="insight-chart">') == 5 and "共 5 个个案" in html
    assert "<td>测试银行</td><td>3</td><td>3</td><td>2</td><td>67%</td>" in html
    csv_text = support_client.get(
        "/admin/wizard/case/insights/",
        {"start": "2026-11-16", "end": "2026-11-17", "format": "csv"},
    ).content.decode()
    assert "per_provider,bank,测试银行,3,3,2,0.6667" in csv_text
    assert "per_day,2026-11-16,2026-11-16,3,0,0," in csv_text


def test_insights_cost_a_fixed_number_of_queries_whatever_the_number_of_cases(
    bank, support_client, django_assert_num_queries
):
    day = timezone.localdate()

    def queries_for_page() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert support_client.get("/admin/wizard/case/insights/").status_code == 200
        return len(captured)

    make_cases([("bank", "timeout", "solved")] * 3, day=day)
    few = queries_for_page()
    make_cases([("bank", "declined", "partly"), ("bank", "timeout", "")] * 25, day=day)
    ProviderFactory.create_batch(10)
    assert queries_for_page() == few
    assert few <= 13  # and one for the unrecognised messages of the week


# The funnel and the solve rates over time, from the funnel counters (wizard/funnel.py).

# The page's charts (not the admin's own icons).
SVG = re.compile(r'<figure class="insight-chart[^"]*">\s*(<svg\b.*?</svg>)', re.S)


def count_on(day: dt.date, **runs_by_key: int) -> None:
    """Counters for one day: stage__provider__symptom=runs ("x" for "not known yet")."""
    for key, runs in runs_by_key.items():
        stage, provider, symptom = (part if part != "x" else "" for part in key.split("__"))
        FunnelCount.objects.create(
            day=day, stage=stage, provider_slug=provider, symptom=symptom, runs=runs
        )


def steps_of(funnel) -> dict[str, tuple]:
    return {
        step.stage: (step.reached, step.of_previous_text, step.of_start_text, step.left)
        for step in funnel.steps
    }


def test_the_funnel_of_real_walks_shows_who_reached_each_page_and_who_left_there(
    bank, provider_cmb, support_client
):
    walk(Client(), provider="bank", symptom="declined")
    walk(Client(), provider="bank", symptom="declined", stop_at="funds")
    walk(Client(), provider="cmb", symptom="timeout")
    walk(Client(), provider="cmb", symptom="timeout", stop_at="problem")
    walk(Client(), provider="bank", symptom="timeout", stop_at="provider")
    today = beijing_date(timezone.now())
    funnel = insights_for(start=today - dt.timedelta(days=1), end=today).funnel
    assert steps_of(funnel) == {
        "provider": (5, "—", "100%", 1),
        "message": (4, "80%", "80%", 0),
        "problem": (4, "100%", "80%", 1),
        "channel": (3, "75%", "60%", 0),
        "account": (2, "67%", "40%", 0),  # asked for declined repayments only
        "funds": (2, "67%", "40%", 1),
        "timing": (2, "67%", "40%", 0),  # compared with the payment-method page
        "situation": (2, "100%", "40%", 0),
        "review": (2, "100%", "40%", 0),
        "done": (2, "100%", "40%", None),
        "feedback": (0, "0%", "0%", None),
        "solved": (0, "—", "0%", None),
    }
    assert [step.some_problems_only for step in funnel.steps].count(True) == 2

    page = support_client.get("/admin/wizard/case/insights/")
    html = page.content.decode()
    assert page.status_code == 200
    assert (
        '<tr><th scope="row">银行卡信息 <small>(只问部分问题)</small></th>'
        "<td>2</td><td>67%</td><td>40%</td><td>0</td></tr>"
    ) in html
    assert (
        '<tr><th scope="row">遇到的问题</th><td>4</td><td>100%</td><td>80%</td><td>1</td></tr>'
        in html
    )


def test_the_funnel_for_one_provider_starts_at_the_message_page_and_for_one_problem_after_it():
    day = dt.date(2026, 11, 16)
    count_on(
        day,
        provider__x__x=10,
        message__bank__x=6,
        message__cmb__x=3,
        problem__bank__x=6,
        problem__cmb__x=3,
        channel__bank__insufficient_funds=2,
        channel__bank__timeout=3,
        channel__cmb__timeout=2,
        funds__bank__insufficient_funds=2,
        timing__bank__insufficient_funds=2,
        timing__bank__timeout=3,
        timing__cmb__timeout=2,
        situation__bank__timeout=2,
        situation__cmb__timeout=2,
        review__cmb__timeout=1,
        done__cmb__timeout=1,
        feedback__cmb__timeout=1,
        solved__cmb__timeout=1,
    )
    counts = funnel_counts(start=day, end=day)
    bank = funnel_for(counts, provider="bank")
    assert [step.stage for step in bank.steps][0] == "message"
    assert steps_of(bank)["message"] == (6, "—", "100%", 0)
    assert steps_of(bank)["problem"] == (6, "100%", "100%", 1)  # 2 + 3 went on, one left
    assert steps_of(bank)["timing"] == (5, "100%", "83%", 3)
    timeout = funnel_for(counts, symptom="timeout")
    assert [step.stage for step in timeout.steps] == [
        "channel",
        "timing",
        "situation",
        "review",
        "done",
        "feedback",
        "solved",
    ]
    assert steps_of(timeout)["channel"] == (5, "—", "100%", 0)
    assert steps_of(timeout)["timing"] == (5, "100%", "100%", 1)
    assert steps_of(timeout)["review"] == (1, "25%", "20%", 0)
    assert not any(step.some_problems_only for step in timeout.steps)
    both = funnel_for(counts, provider="cmb", symptom="timeout")
    assert [step.reached for step in both.steps] == [2, 2, 2, 1, 1, 1, 1]
    assert steps_of(both)["solved"] == (1, "100%", "50%", None)
    funds_only = funnel_for(counts, symptom="insufficient_funds")
    assert [step.stage for step in funds_only.steps][:3] == ["channel", "funds", "timing"]


def test_solve_rates_per_week_by_provider_and_problem_equal_the_counters(bank):
    ProviderFactory(slug="cmb", name_zh="招商")
    monday = dt.date(2026, 11, 2)
    count_on(monday, feedback__bank__timeout=4, solved__bank__timeout=3)
    count_on(monday + dt.timedelta(days=3), feedback__cmb__declined=2, solved__cmb__declined=0)
    count_on(monday + dt.timedelta(days=14), feedback__bank__declined=5, solved__bank__declined=1)
    rates = insights_for(start=monday, end=monday + dt.timedelta(days=20)).solve_rates
    assert rates.weekly
    assert [period.label for period in rates.periods] == [
        "2026-11-02 – 2026-11-08",
        "2026-11-09 – 2026-11-15",
        "2026-11-16 – 2026-11-22",
    ]
    by_provider = {line.key: [p.text for p in line.points] for line in rates.by_provider}
    assert by_provider == {
        "bank": ["3/4 (75%)", "—", "1/5 (20%)"],
        "cmb": ["0/2 (0%)", "—", "—"],
    }
    assert [line.label for line in rates.by_provider] == ["测试银行", "招商"]
    by_symptom = {line.key: [p.text for p in line.points] for line in rates.by_symptom}
    assert by_symptom == {
        "declined": ["0/2 (0%)", "—", "1/5 (20%)"],
        "timeout": ["3/4 (75%)", "—", "—"],
    }
    short = insights_for(start=monday, end=monday + dt.timedelta(days=6)).solve_rates
    assert not short.weekly and len(short.periods) == 7
    assert [p.text for p in short.by_provider[0].points][:4] == ["3/4 (75%)", "—", "—", "—"]


def test_a_week_cut_by_the_range_starts_on_the_first_day_asked_for():
    wednesday = dt.date(2026, 11, 4)
    count_on(wednesday, feedback__bank__timeout=2, solved__bank__timeout=1)
    rates = insights_for(start=wednesday, end=wednesday + dt.timedelta(days=20)).solve_rates
    assert rates.periods[0].label == "2026-11-04 – 2026-11-08"
    assert rates.by_provider[0].points[0].text == "1/2 (50%)"


def test_beyond_five_providers_the_rest_are_one_line():
    day = dt.date(2026, 11, 16)
    for n in range(8):
        count_on(day, **{f"feedback__p{n}__timeout": 10 - n, f"solved__p{n}__timeout": 1})
    rates = insights_for(start=day, end=day).solve_rates
    assert [line.key for line in rates.by_provider] == ["p0", "p1", "p2", "p3", "p4", "_others"]
    assert rates.by_provider[-1].total.text == "3/12 (25%)"  # 5 + 4 + 3 answered, 3 solved
    assert rates.by_provider[-1].label == "其他 3 项"


def test_the_charts_are_well_formed_svg_with_titles_and_the_numbers_of_the_tables(
    bank, support_client
):
    monday = dt.date(2026, 11, 2)
    count_on(
        monday,
        provider__x__x=40,
        problem__bank__x=30,
        timing__bank__timeout=20,
        situation__bank__timeout=18,
        review__bank__timeout=15,
        done__bank__timeout=12,
        feedback__bank__timeout=8,
        solved__bank__timeout=6,
    )
    count_on(monday + dt.timedelta(days=7), feedback__bank__timeout=4, solved__bank__timeout=2)
    html = support_client.get(
        "/admin/wizard/case/insights/", {"start": "2026-11-02", "end": "2026-11-22"}
    ).content.decode()
    charts = {}
    for markup in SVG.findall(html):
        svg = ET.fromstring(markup)  # raises if it is not well-formed XML
        title = svg.find(f"{NS}title")
        if title is not None:
            charts[title.text] = svg
    funnel, by_provider = charts["每一步还剩多少次"], charts["各机构的解决率变化"]
    assert "各问题的解决率变化" in charts
    for svg in (funnel, by_provider):
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        assert [svg.find(f"{NS}title").get("id"), svg.find(f"{NS}desc").get("id")] == labelled
    funnel_text = [text.text for text in funnel.iter(f"{NS}text")]
    assert {"选择机构", "40 · 100%", "遇到的问题", "30 · 75%", "说解决了", "8 · 20%"} <= set(
        funnel_text
    )
    assert "得到方案 12(30%)" in funnel.find(f"{NS}desc").text
    points = [circle.find(f"{NS}title").text for circle in by_provider.iter(f"{NS}circle")]
    assert points == [
        "测试银行 2026-11-02 – 2026-11-08: 6/8 = 75%",
        "测试银行 2026-11-09 – 2026-11-15: 2/4 = 50%",
    ]
    assert "测试银行 8/12(67%)" in by_provider.find(f"{NS}desc").text
    texts = [text.text for text in by_provider.iter(f"{NS}text")]
    assert {"0%", "50%", "100%", "11-02", "11-09", "11-16", "解决率", "测试银行 67%"} <= set(texts)
    assert len(list(by_provider.iter(f"{NS}polyline"))) == 1
    # The same numbers in the tables under the charts.
    assert "<td>6/8 (75%)</td>" in html and "<td>2/4 (50%)</td>" in html
    assert "<td>8/12 (67%)</td>" in html


def test_the_insights_page_filters_the_funnel_and_the_rates_by_provider_and_problem(
    bank, support_client
):
    ProviderFactory(slug="cmb", name_zh="招商")
    day = timezone.localdate()
    count_on(
        day,
        message__bank__x=5,
        message__cmb__x=7,
        problem__bank__x=5,
        problem__cmb__x=7,
        channel__cmb__timeout=6,
        timing__cmb__timeout=6,
        feedback__cmb__timeout=2,
        solved__cmb__timeout=2,
        feedback__bank__timeout=3,
        solved__bank__timeout=0,
    )
    page = support_client.get("/admin/wizard/case/insights/", {"provider": "cmb"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "在哪一步离开:招商" in html
    assert (
        '<tr><th scope="row">遇到的问题</th><td>7</td><td>100%</td><td>100%</td><td>1</td></tr>'
        in html
    )
    assert "选择机构</th>" not in html  # the provider page knows no provider yet
    assert '<option value="cmb" selected>招商</option>' in html
    assert "<td>2/2 (100%)</td>" in html and "0/3" not in html
    unknown = support_client.get("/admin/wizard/case/insights/", {"provider": "nobody"})
    assert unknown.status_code == 200  # an unknown provider is ignored, not an error


def test_the_csv_holds_the_funnel_and_the_solve_rates_with_the_page_numbers(bank, support_client):
    monday = dt.date(2026, 11, 2)
    count_on(
        monday, provider__x__x=4, message__bank__x=3, problem__bank__x=3, feedback__bank__timeout=2
    )
    count_on(monday, solved__bank__timeout=1)
    response = support_client.get(
        "/admin/wizard/case/insights/",
        {"start": "2026-11-02", "end": "2026-11-22", "provider": "bank", "format": "csv"},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="insights-2026-11-02-2026-11-22-bank.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-5:] == ["period", "reached", "of_previous", "of_start", "left_here"]
    assert {len(row) for row in rows} == {12}  # every row as wide as the header
    funnel = {row[1]: row[8:] for row in rows if row[0] == "funnel"}
    assert funnel["problem"] == ["3", "1.0000", "1.0000", "3"]
    assert funnel["feedback"] == ["2", "", "0.6667", ""]  # nothing at done in between
    assert funnel["solved"] == ["1", "0.5000", "0.3333", ""]
    rates = [row for row in rows if row[0] == "solve_rate_by_provider"]
    assert rates[0][:8] == [
        "solve_rate_by_provider",
        "bank",
        "测试银行",
        "",
        "2",
        "1",
        "0.5000",
        "2026-11-02",
    ]
    assert [row[7] for row in rates] == ["2026-11-02", "2026-11-09", "2026-11-16"]


def test_insights_cost_the_same_queries_for_10_and_for_1000_counters_and_cases(
    bank, support_client
):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = support_client.get(
                "/admin/wizard/case/insights/", {"provider": "bank", "symptom": "timeout"}
            )
        assert response.status_code == 200
        return len(captured)

    today = timezone.localdate()
    add_counters_and_cases(10, today=today)
    support_client.get("/admin/wizard/case/insights/")  # warm the content-type cache
    few = queries_for_page()
    add_counters_and_cases(990, today=today)
    assert FunnelCount.objects.count() == Case.objects.count() == 1000
    assert queries_for_page() == few
    assert few <= 13  # and one for the unrecognised messages of the week


def add_counters_and_cases(number: int, *, today: dt.date) -> None:
    """Counters spread over a month, providers and stages, and as many cases with steps."""
    offset = FunnelCount.objects.count()
    stages = [stage for stage in FunnelStage if stage not in ("provider", "message", "problem")]
    providers = [ProviderFactory(slug=f"p{n}").slug for n in range(8)] + ["bank"]
    symptoms = ["timeout", "declined", "other", "insufficient_funds"]
    FunnelCount.objects.bulk_create(
        FunnelCount(
            day=today - dt.timedelta(days=(offset + n) % 30),
            stage=stages[(offset + n) % len(stages)],
            provider_slug=providers[(offset + n) // 30 % len(providers)],
            symptom=symptoms[(offset + n) // 270 % len(symptoms)],
            runs=1 + n % 7,
        )
        for n in range(number)
    )
    made = Case.objects.bulk_create(
        Case(
            code=f"{offset + n:010d}".translate(str.maketrans("0123456789", "23456789AB")),
            created_at=timezone.now() - dt.timedelta(days=n % 30),
            provider_slug="bank",
            symptom=symptoms[n % len(symptoms)],
            channel="app",
            status="due_today",
            deadline=timezone.now(),
            answers={},
            outcome="solved" if n % 3 else "",
            feedback_at=timezone.now() if n % 3 else None,
        )
        for n in range(number)
    )
    CaseStep.objects.bulk_create(
        CaseStep(case=case, position=1, code="meet_deadline", urgency="now") for case in made
    )
