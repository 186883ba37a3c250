"""The insights' charts laid out as plain values (positions, widths, labels), so that the
templates only draw the SVG."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext

from wizard.insights.queries import Funnel, RateSeries, Row, SolveRates, percent


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


@dataclass(frozen=True)
class FunnelBar:
    label: str
    value: str
    y: int
    width: int
    value_x: int
    some_problems_only: bool


@dataclass(frozen=True)
class FunnelChart:
    """The funnel as horizontal bars, one per stage, their length the runs that reached it."""

    id: str
    title: str
    desc: str
    bars: list[FunnelBar]
    height: int
    axis_y: int
    width: int = 720
    label_width: int = 200
    bar_space: int = 400

    @property
    def label_x(self) -> int:
        return self.label_width - 8

    @property
    def axis_end(self) -> int:
        return self.label_width + self.bar_space

    @property
    def legend_y(self) -> int:
        return self.axis_y + 36

    @property
    def legend_text_x(self) -> int:
        return self.label_width + 22

    @property
    def second_legend_x(self) -> int:
        return self.label_width + 240

    @property
    def second_legend_text_x(self) -> int:
        return self.second_legend_x + 22


def funnel_chart(funnel: Funnel, *, title: str) -> FunnelChart:
    """A bar per stage, as long as the runs that reached it, labelled with the number and
    its share of the start; pages asked for some problems only are drawn lighter."""
    label_width, bar_space, row = FunnelChart.label_width, FunnelChart.bar_space, 28
    biggest = max((step.reached for step in funnel.steps), default=0) or 1
    bars = []
    for n, step in enumerate(funnel.steps):
        width = round(bar_space * step.reached / biggest)
        bars.append(
            FunnelBar(
                label=step.label,
                value=f"{step.reached} · {percent(step.of_start)}",
                y=8 + n * row,
                width=width,
                value_x=label_width + width + 6,
                some_problems_only=step.some_problems_only,
            )
        )
    listed = ";".join(
        f"{step.label} {step.reached}({percent(step.of_start)})" for step in funnel.steps
    )
    desc = gettext(
        "每一栏是到达这一阶段的次数,后面的百分比是占开始的比例:%(steps)s。同样的数字见下表。"
    ) % {"steps": listed}
    axis_y = 8 + len(bars) * row
    return FunnelChart(
        id="chart-funnel", title=title, desc=desc, bars=bars, height=axis_y + 52, axis_y=axis_y
    )


# Okabe–Ito colours, told apart with colour blindness too, each line also with its own dash.
LINE_STYLES = [
    ("#0072B2", ""),
    ("#D55E00", "7 3"),
    ("#009E73", "2 3"),
    ("#CC79A7", "9 3 2 3"),
    ("#E69F00", "4 4"),
    ("#666666", "1 3"),
]


@dataclass(frozen=True)
class Tick:
    at: float
    text: str


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class ChartLine:
    label: str
    colour: str
    dash: str
    segments: list[str]
    points: list[ChartPoint]
    legend_y: int


@dataclass(frozen=True)
class LineChart:
    """Solve rates over time: a line per series, 0–100 % upwards, periods left to right."""

    id: str
    title: str
    desc: str
    x_label: str
    y_label: str
    lines: list[ChartLine]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    empty: str
    width: int = 720
    height: int = 300
    left: int = 64
    right: int = 700
    top: int = 16
    bottom: int = 236
    legend_x: int = 64

    @property
    def tick_end(self) -> int:
        return self.bottom + 5

    @property
    def centre_x(self) -> int:
        return (self.left + self.right) // 2

    @property
    def middle_y(self) -> int:
        return (self.top + self.bottom) // 2

    @property
    def x_label_y(self) -> int:
        return self.bottom + 40

    @property
    def legend_line_end(self) -> int:
        return self.legend_x + 28

    @property
    def legend_text_x(self) -> int:
        return self.legend_x + 34


def line_chart(
    rates: SolveRates, series: list[RateSeries], *, chart_id: str, title: str
) -> LineChart:
    """A line per series (the first len(LINE_STYLES)); a period nobody gave feedback in
    leaves a gap rather than a made-up zero."""
    layout = LineChart(
        id=chart_id,
        title=title,
        desc="",
        x_label=gettext("每周(从周一起)") if rates.weekly else gettext("每天"),
        y_label=gettext("解决率"),
        lines=[],
        x_ticks=[],
        y_ticks=[],
        empty=gettext("这段时间没有人给反馈。"),
    )
    count = len(rates.periods)
    span = layout.right - layout.left

    def x_at(n: int) -> float:
        return round(layout.left + (span * n / (count - 1) if count > 1 else span / 2), 1)

    def y_at(rate: float) -> float:
        return round(layout.bottom - (layout.bottom - layout.top) * rate, 1)

    every = max(1, -(-count // 8))  # at most eight dates under the axis
    lines, totals = [], []
    for number, (line, (colour, dash)) in enumerate(zip(series, LINE_STYLES, strict=False)):
        points: list[ChartPoint] = []
        segments: list[list[str]] = [[]]
        for n, (period, point) in enumerate(zip(rates.periods, line.points, strict=True)):
            if point.rate is None:
                segments.append([])
                continue
            x, y = x_at(n), y_at(point.rate)
            said = f"{point.solved}/{point.answered} = {percent(point.rate)}"
            points.append(ChartPoint(x, y, f"{line.label} {period.label}: {said}"))
            segments[-1].append(f"{x},{y}")
        total = line.total
        totals.append(f"{line.label} {total.solved}/{total.answered}({percent(total.rate)})")
        lines.append(
            ChartLine(
                label=f"{_shortened(line.label, 60)} {percent(total.rate)}",
                colour=colour,
                dash=dash,
                # A lone point has no line; its dot shows it.
                segments=[" ".join(segment) for segment in segments if len(segment) > 1],
                points=points,
                legend_y=layout.bottom + 66 + number * 22,
            )
        )
    desc = layout.empty
    if totals:
        desc = gettext("整个期间各条线的解决率:%(totals)s。同样的数字见下表。") % {
            "totals": ";".join(totals)
        }
    return dataclasses.replace(
        layout,
        desc=desc,
        height=layout.bottom + 56 + 22 * max(len(lines), 1) + 8,
        lines=lines,
        x_ticks=[
            Tick(x_at(n), period.short_label)
            for n, period in enumerate(rates.periods)
            if n % every == 0
        ],
        y_ticks=[Tick(y_at(share), f"{share:.0%}") for share in (0, 0.25, 0.5, 0.75, 1)],
    )


def _shortened(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
