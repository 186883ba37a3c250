"""What the cases and the funnel counters say, for support staff: where people get stuck, what
to fix first and what helps. `queries` counts (in the database), `charts` lays the numbers
out for SVG, `csv_export` writes them for a spreadsheet, `priorities` says what to fix first."""

from __future__ import annotations

from wizard.insights.charts import bar_chart, funnel_chart, line_chart
from wizard.insights.csv_export import as_csv
from wizard.insights.queries import funnel_counts, funnel_for, insights_for, provider_names

__all__ = [
    "as_csv",
    "bar_chart",
    "funnel_chart",
    "funnel_counts",
    "funnel_for",
    "insights_for",
    "line_chart",
    "provider_names",
]
