"""What the cases and the funnel counters say, for support staff: queries, charts, the CSV
export and the insights page in the admin."""
