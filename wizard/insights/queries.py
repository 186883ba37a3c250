"""What the cases and the funnel counters say, as plain values: every number aggregated by the
database, so the page costs the same few queries however many cases and counters there are."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.utils.translation import gettext

from providers.facts import UNKNOWN_PROVIDER
from providers.models import Provider
from wizard.engine.answers import ACCOUNT_SYMPTOMS, FUNDS_SYMPTOMS, SHANGHAI, Symptom
from wizard.models import Case, CaseStep, FunnelCount, FunnelStage, Outcome

ANSWERED = Q(outcome__in=Outcome.values)


SOLVED = Q(outcome=Outcome.SOLVED)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int
    answered: int = 0
    solved: int = 0
    # Said "not solved" and never "solved" since.
    unsolved: int = 0

    @property
    def solve_rate(self) -> float | None:
        """Solved among the cases that told us; None when none did."""
        return self.solved / self.answered if self.answered else None


FunnelKey = tuple[str, str, str]


"""A funnel counter's stage, provider slug and symptom ("" where not known yet)."""


SOME_PROBLEMS_ONLY = frozenset({FunnelStage.ACCOUNT, FunnelStage.FUNDS})


# A range up to this long shows solve rates per day; a longer one per week.
DAILY_UP_TO_DAYS = 14


# Lines in a solve-rate chart before the rest are summed into one "others" line.
SERIES_SHOWN = 5


@dataclass(frozen=True)
class FunnelStep:
    """One stage of the funnel: see funnel_for for what each number means."""

    stage: FunnelStage
    reached: int
    of_previous: float | None
    of_start: float | None
    left: int | None
    some_problems_only: bool

    @property
    def label(self) -> str:
        return str(self.stage.label)

    @property
    def of_previous_text(self) -> str:
        return percent(self.of_previous)

    @property
    def of_start_text(self) -> str:
        return percent(self.of_start)


@dataclass(frozen=True)
class Funnel:
    provider: str
    symptom: str
    steps: list[FunnelStep]


@dataclass(frozen=True)
class Period:
    """A day, or a week from Monday to Sunday cut to the range."""

    first: dt.date
    last: dt.date

    @property
    def label(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

    @property
    def short_label(self) -> str:
        return self.first.strftime("%m-%d")


@dataclass(frozen=True)
class RatePoint:
    answered: int
    solved: int

    @property
    def rate(self) -> float | None:
        return self.solved / self.answered if self.answered else None

    @property
    def text(self) -> str:
        """As the tables show it: "2/3 (67%)", or "—" when nobody gave feedback."""
        if not self.answered:
            return "—"
        return f"{self.solved}/{self.answered} ({percent(self.rate)})"


@dataclass(frozen=True)
class RateSeries:
    """One provider's (or problem's) feedback and "solved" per period, aligned with the
    periods of its SolveRates."""

    key: str
    label: str
    points: list[RatePoint]

    @property
    def total(self) -> RatePoint:
        return RatePoint(
            sum(point.answered for point in self.points),
            sum(point.solved for point in self.points),
        )

    @property
    def total_text(self) -> str:
        return self.total.text


@dataclass(frozen=True)
class RateRow:
    period: Period
    cells: list[str]


@dataclass(frozen=True)
class SolveRates:
    periods: list[Period]
    weekly: bool
    by_provider: list[RateSeries]
    by_symptom: list[RateSeries]

    def table(self, series: list[RateSeries]) -> list[RateRow]:
        """A row per period, a cell per series: the numbers the chart draws."""
        return [
            RateRow(period, [line.points[n].text for line in series])
            for n, period in enumerate(self.periods)
        ]


@dataclass(frozen=True)
class Insights:
    start: dt.date
    end: dt.date
    total: int
    per_day: list[Row]
    per_provider: list[Row]
    per_symptom: list[Row]
    per_step: list[Row]
    funnel: Funnel
    solve_rates: SolveRates
    stale_providers: list[Row] = field(default_factory=list)


def bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of `start` to the end of `end`, in Beijing time."""
    return (
        dt.datetime.combine(start, dt.time(), tzinfo=SHANGHAI),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI),
    )


def provider_names() -> dict[str, str]:
    """Every provider's Chinese name by slug, the ones no longer offered too (one query), and
    the stand-in for a lender the person had not identified, in words."""
    names = dict(Provider.objects.order_by("display_order", "slug").values_list("slug", "name_zh"))
    names.setdefault(UNKNOWN_PROVIDER, gettext("还不知道是哪家机构"))
    return names


def insights_for(
    *,
    start: dt.date,
    end: dt.date,
    provider: str = "",
    symptom: str = "",
    names: Mapping[str, str] | None = None,
) -> Insights:
    """Cases per day, provider and symptom; solve rates per provider and step kind (5 queries);
    the funnel and the solve rates over time from the counters, for all runs or for one
    provider and/or problem (2 queries, and one for the providers' names unless given)."""
    names = provider_names() if names is None else names
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
            names.get(row["provider_slug"]) or row["provider_slug"],
            row["count"],
            row["answered"],
            row["solved"],
            row["unsolved"],
        )
        for row in cases.values("provider_slug")
        .annotate(
            **counted,
            unsolved=Count("id", filter=Q(outcome=Outcome.NOT_SOLVED) & Q(solved_at__isnull=True)),
        )
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
        funnel=funnel_for(funnel_counts(start=start, end=end), provider=provider, symptom=symptom),
        solve_rates=solve_rates(
            start=start, end=end, provider=provider, symptom=symptom, names=names
        ),
        stale_providers=stale_providers,
    )


def path_for(symptom: str) -> list[FunnelStage]:
    """The stages a run with this problem meets, in order, as the wizard asks its pages
    (wizard.flow.views condition_dict); for "" (not answered yet), the ones every run meets."""
    stages = [FunnelStage.PROVIDER, FunnelStage.MESSAGE, FunnelStage.PROBLEM, FunnelStage.CHANNEL]
    if symptom in ACCOUNT_SYMPTOMS:
        stages.append(FunnelStage.ACCOUNT)
    if symptom in FUNDS_SYMPTOMS:
        stages.append(FunnelStage.FUNDS)
    return [
        *stages,
        FunnelStage.TIMING,
        FunnelStage.SITUATION,
        FunnelStage.REVIEW,
        FunnelStage.DONE,
        FunnelStage.FEEDBACK,
        FunnelStage.SOLVED,
    ]


# The stages that are wizard pages (the others are outcomes: done, feedback, solved).
PAGES = frozenset(FunnelStage) - {FunnelStage.DONE, FunnelStage.FEEDBACK, FunnelStage.SOLVED}


def funnel_counts(*, start: dt.date, end: dt.date) -> dict[FunnelKey, int]:
    """Every counter of the range summed over its days (one query). At most stages ×
    providers × problems rows, however many runs there were."""
    return {
        (row["stage"], row["provider_slug"], row["symptom"]): row["total"]
        for row in FunnelCount.objects.between(start, end)
        .values("stage", "provider_slug", "symptom")
        .annotate(total=Sum("runs"))
        .order_by()
    }


def funnel_for(counts: Mapping[FunnelKey, int], *, provider: str = "", symptom: str = "") -> Funnel:
    """The funnel for all runs, or for the runs of one provider and/or one problem.

    - `reached`: the runs counted at the stage (wizard/funnel.py says when each counts).
    - `of_start`: reached ÷ the first stage shown. For all runs that is the provider page;
      with a provider chosen, the message page (the first where the provider is known); with
      a problem chosen, the first page after the problem page.
    - `of_previous`: reached ÷ the nearest earlier stage that every run shown meets. Without
      a problem chosen, the account and funds pages (asked for some problems only) and the
      page after them are compared with the payment-method page, so their share also says
      how many were asked them.
    - `left`: the runs that reached the page and went no further: reached, less those
      counted at the next page of their own problem's path. None for done, feedback and
      solved, which are not pages.
    """

    def chosen(slug: str, problem: str) -> bool:
        return (not provider or slug == provider) and (not symptom or problem == symptom)

    reached: Counter[str] = Counter()
    by_problem: Counter[tuple[str, str]] = Counter()
    for (stage, slug, problem), runs in counts.items():
        if chosen(slug, problem):
            reached[stage] += runs
            by_problem[stage, problem] += runs
    if symptom:
        shown = path_for(symptom)[path_for(symptom).index(FunnelStage.PROBLEM) + 1 :]
    elif provider:
        shown = list(FunnelStage)[1:]
    else:
        shown = list(FunnelStage)
    first = reached[shown[0]]
    steps: list[FunnelStep] = []
    anchor: FunnelStage | None = None
    for stage in shown:
        some_only = not symptom and stage in SOME_PROBLEMS_ONLY
        before = reached[anchor] if anchor is not None else 0
        steps.append(
            FunnelStep(
                stage=stage,
                reached=reached[stage],
                of_previous=reached[stage] / before if before else None,
                of_start=reached[stage] / first if first else None,
                left=max(reached[stage] - _went_on(stage, by_problem), 0)
                if stage in PAGES
                else None,
                some_problems_only=some_only,
            )
        )
        if not some_only:
            anchor = stage
    return Funnel(provider=provider, symptom=symptom, steps=steps)


def _went_on(stage: FunnelStage, by_problem: Mapping[tuple[str, str], int]) -> int:
    """Runs counted at the stage after `stage` on their own problem's path."""
    total = 0
    for (later, problem), runs in by_problem.items():
        path = path_for(problem)
        if stage in path and path.index(stage) + 1 < len(path):
            if path[path.index(stage) + 1] == later:
                total += runs
    return total


def periods_for(start: dt.date, end: dt.date) -> tuple[list[Period], bool]:
    """Days for a short range, else weeks from Monday (the first and last cut to the range);
    and whether they are weeks."""
    if (end - start).days + 1 <= DAILY_UP_TO_DAYS:
        days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        return [Period(day, day) for day in days], False
    periods = []
    monday = start - dt.timedelta(days=start.weekday())
    while monday <= end:
        periods.append(Period(max(monday, start), min(monday + dt.timedelta(days=6), end)))
        monday += dt.timedelta(days=7)
    return periods, True


def _period_key(day: dt.date, *, weekly: bool) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if weekly else day


def solve_rates(
    *,
    start: dt.date,
    end: dt.date,
    provider: str = "",
    symptom: str = "",
    names: Mapping[str, str],
) -> SolveRates:
    """Solve rate per period by provider and by problem, from the counters (one query).

    A period's rate is solved ÷ feedback among the cases whose feedback was given in it (a
    later "solved" counts on the day of the feedback), so it never passes 100 %. The
    SERIES_SHOWN providers (or problems) with the most feedback get a series each; the
    others are summed into one.
    """
    periods, weekly = periods_for(start, end)
    rows = FunnelCount.objects.between(start, end).filter(
        stage__in=[FunnelStage.FEEDBACK, FunnelStage.SOLVED]
    )
    if provider:
        rows = rows.filter(provider_slug=provider)
    if symptom:
        rows = rows.filter(symptom=symptom)
    grouped = list(
        rows.values("provider_slug", "symptom", period=TruncWeek("day") if weekly else F("day"))
        .annotate(
            answered=Sum("runs", filter=Q(stage=FunnelStage.FEEDBACK)),
            solved=Sum("runs", filter=Q(stage=FunnelStage.SOLVED)),
        )
        .order_by()
    )
    # Each row's period as the database names it (the day, or its week's Monday) → position.
    index = {_period_key(period.first, weekly=weekly): n for n, period in enumerate(periods)}

    def series(key_name: str, label: dict[str, str]) -> list[RateSeries]:
        totals: dict[str, list[list[int]]] = {}
        for row in grouped:
            points = totals.setdefault(row[key_name], [[0, 0] for _period in periods])
            point = points[index[row["period"]]]
            point[0] += row["answered"] or 0
            point[1] += row["solved"] or 0
        ranked = sorted(totals, key=lambda key: (-sum(p[0] for p in totals[key]), key))
        made = [
            RateSeries(key, label.get(key, key), [RatePoint(a, s) for a, s in totals[key]])
            for key in ranked[:SERIES_SHOWN]
        ]
        rest = ranked[SERIES_SHOWN:]
        if rest:
            summed = [
                RatePoint(
                    sum(totals[key][n][0] for key in rest), sum(totals[key][n][1] for key in rest)
                )
                for n in range(len(periods))
            ]
            others = gettext("其他 %(count)d 项") % {"count": len(rest)}
            made.append(RateSeries("_others", others, summed))
        return made

    symptoms = {code: _symptom_label(code) for code in {row["symptom"] for row in grouped}}
    return SolveRates(
        periods=periods,
        weekly=weekly,
        by_provider=series("provider_slug", dict(names)),
        by_symptom=series("symptom", symptoms),
    )


def _symptom_label(code: str) -> str:
    return str(Symptom(code).label) if code in Symptom.values else code


def percent(share: float | None) -> str:
    """A share as the page shows it: "67%", or "—" when there is nothing to divide by."""
    return "—" if share is None else f"{share:.0%}"
