"""What the cases and the funnel counters say, for support staff: `queries` counts (in the
database), `charts` lays the numbers out for SVG, `csv_export` writes them for a spreadsheet,
`priorities` says what to fix first, and `admin` is the insights page in the console."""
