"""The insights as one CSV file: the same numbers the page shows, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from wizard.insights.queries import Insights


def as_csv(insights: Insights) -> str:
    """Every table on the page, one after the other, with the same numbers."""
    out = io.StringIO()
    header = [
        "section",
        "key",
        "label",
        "cases",
        "answered",
        "solved",
        "solve_rate",
        "period",
        "reached",
        "of_previous",
        "of_start",
        "left_here",
    ]
    table: list[list[object]] = []
    for section, rows in (
        ("per_day", insights.per_day),
        ("per_provider", insights.per_provider),
        ("per_symptom", insights.per_symptom),
        ("per_step", insights.per_step),
        ("stale_providers", insights.stale_providers),
    ):
        for row in rows:
            rate = "" if row.solve_rate is None else f"{row.solve_rate:.4f}"
            table.append([section, row.key, row.label, row.count, row.answered, row.solved, rate])
    for step in insights.funnel.steps:
        table.append(
            ["funnel", step.stage, step.label, "", "", "", "", ""]
            + [step.reached, _share(step.of_previous), _share(step.of_start)]
            + ["" if step.left is None else step.left]
        )
    rates = insights.solve_rates
    for section, series in (
        ("solve_rate_by_provider", rates.by_provider),
        ("solve_rate_by_symptom", rates.by_symptom),
    ):
        for line in series:
            for period, point in zip(rates.periods, line.points, strict=True):
                table.append(
                    [section, line.key, line.label, "", point.answered, point.solved]
                    + [_share(point.rate), period.first.isoformat()]
                )
    writer = csv.writer(out)
    writer.writerow(header)
    # Every row as wide as the header, so that spreadsheets line the columns up.
    writer.writerows(row + [""] * (len(header) - len(row)) for row in table)
    return out.getvalue()


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"
