"""What the cases say, for support staff (wizard/insights.py and its console page): the
numbers for a known set of cases, and a page cost that does not grow with them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import ProviderFactory
from tests.wizard.helpers import case_for, recent_answers
from wizard.engine.answers import SHANGHAI
from wizard.models import Case

pytestmark = pytest.mark.django_db


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
    from wizard.insights import insights_for

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
    assert few <= 12
