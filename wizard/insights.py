"""What the cases say, for support staff: where people get stuck and what helps.

Every number is aggregated by PostgreSQL; the page costs the same few queries
however many cases there are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from providers.models import Provider
from wizard.engine.answers import SHANGHAI, Symptom
from wizard.models import Case, CaseStep, Outcome

ANSWERED = Q(outcome__in=Outcome.values)
SOLVED = Q(outcome=Outcome.SOLVED)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    answered: int = 0
    solved: int = 0

    @property
    def solve_rate(self) -> float | None:
        """Solved among the cases that told us; None when none did."""
        return self.solved / self.answered if self.answered else None


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    y: int
    width: int


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, laid out here so the template only draws them."""

    title: str
    bars: list[Bar]
    height: int
    width: int = 480
    label_width: int = 190
    bar_space: int = 220


@dataclass(frozen=True)
class Insights:
    start: dt.date
    end: dt.date
    total: int
    per_day: list[Row]
    per_provider: list[Row]
    per_symptom: list[Row]
    per_step: list[Row]
    stale_providers: list[Row] = field(default_factory=list)


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the end of `end`, in Beijing time."""
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=SHANGHAI),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI),
    )


def insights_for(*, start: dt.date, end: dt.date) -> Insights:
    """Cases per day, provider and symptom; solve rates per provider and step kind (5 queries)."""
    since, until = bounds(start, end)
    cases = Case.objects.created_between(since, until)
    counted = {
        "count": Count("id"),
        "answered": Count("id", filter=ANSWERED),
        "solved": Count("id", filter=SOLVED),
    }

    days = {
        row["day"]: row["count"]
        for row in cases.annotate(day=TruncDate("created_at", tzinfo=SHANGHAI))
        .values("day")
        .annotate(count=Count("id"))
    }
    per_day = [
        Row(key=day.isoformat(), label=day.isoformat(), count=days.get(day, 0))
        for day in (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
    ]
    per_provider = [
        Row(
            row["provider_slug"],
            row["provider__name_zh"] or row["provider_slug"],
            row["count"],
            row["answered"],
            row["solved"],
        )
        for row in cases.values("provider_slug", "provider__name_zh")
        .annotate(**counted)
        .order_by("-count", "provider_slug")
    ]
    per_symptom = [
        Row(
            row["symptom"],
            _symptom_label(row["symptom"]),
            row["count"],
            row["answered"],
            row["solved"],
        )
        for row in cases.values("symptom").annotate(**counted).order_by("-count", "symptom")
    ]
    per_step = [
        Row(row["code"], row["code"], row["count"], row["answered"], row["solved"])
        for row in CaseStep.objects.filter(case__created_at__gte=since, case__created_at__lt=until)
        .values("code")
        .annotate(
            count=Count("case", distinct=True),
            answered=Count("case", filter=Q(case__outcome__in=Outcome.values), distinct=True),
            solved=Count("case", filter=Q(case__outcome=Outcome.SOLVED), distinct=True),
        )
        .order_by("-count", "code")
    ]
    stale_providers = [
        Row(provider["slug"], provider["name_zh"], provider["case_count"])
        for provider in Provider.objects.needs_reverification()
        .values("slug", "name_zh")
        .annotate(
            case_count=Count(
                "cases", filter=Q(cases__created_at__gte=since, cases__created_at__lt=until)
            )
        )
        .filter(case_count__gt=0)
        .order_by("-case_count", "slug")[:10]
    ]
    return Insights(
        start=start,
        end=end,
        total=sum(row.count for row in per_day),
        per_day=per_day,
        per_provider=per_provider,
        per_symptom=per_symptom,
        per_step=per_step,
        stale_providers=stale_providers,
    )


def _symptom_label(code: str) -> str:
    return str(Symptom(code).label) if code in Symptom.values else code


def bar_chart(title: str, rows: list[Row], *, rate: bool = False) -> BarChart:
    """Bars for counts, or for solve rates (rows nobody answered for are left out)."""
    if rate:
        values = [(row.label, row.solve_rate) for row in rows if row.solve_rate is not None]
        biggest = 1.0
        text = [f"{value:.0%}" for _label, value in values]
    else:
        values = [(row.label, row.count) for row in rows]
        biggest = max((value for _label, value in values), default=0) or 1
        text = [str(value) for _label, value in values]
    chart = BarChart(title=title, bars=[], height=max(len(values), 1) * 26 + 8)
    chart.bars.extend(
        Bar(
            label=label[:14],
            value=shown,
            y=n * 26 + 4,
            width=round(chart.bar_space * float(value) / biggest),
        )
        for n, ((label, value), shown) in enumerate(zip(values, text, strict=True))
    )
    return chart


def as_csv(insights: Insights) -> str:
    """Every table on the page, one after the other, with the same numbers."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "key", "label", "cases", "answered", "solved", "solve_rate"])
    for section, rows in (
        ("per_day", insights.per_day),
        ("per_provider", insights.per_provider),
        ("per_symptom", insights.per_symptom),
        ("per_step", insights.per_step),
        ("stale_providers", insights.stale_providers),
    ):
        for row in rows:
            rate = "" if row.solve_rate is None else f"{row.solve_rate:.4f}"
            writer.writerow(
                [section, row.key, row.label, row.count, row.answered, row.solved, rate]
            )
    return out.getvalue()
