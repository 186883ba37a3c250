"""The plan engine: a person's answers + a provider's facts + now -> an ordered plan.

Pure: no request, session, database, cache or template. The web wizard, the admin preview
and `manage.py plan` all call `building.build_plan`. Read it top to bottom:

- `answers`: what a person told us, as plain values, and how the wizard's pages become them;
- `deadlines`: the deadline arithmetic (due-date cutoff, grace period, status at a moment);
- `steps`: the step codes, each owning its advice, order and the problem it answers;
- `situation`: where one payment stands (deadlines, statuses) for answers at a moment;
- `building`: `build_plan`, the step rules: which steps a plan has and how urgent;
- `plan`: the `Plan` and `Step` values it returns, and their JSON;
- `sentences`: what the steps say (placeholder values, caveats, reasons);
- `wording`: the default words of each step, and how placeholders are filled;
- `summary`: the case summary a person pastes to customer service;
- `evidence`: what to keep as evidence for a plan, and the summary's evidence section.

Provider facts reach it as frozen dataclasses from providers/facts.py; it imports no model
(an import-linter contract in pyproject.toml keeps it so).
"""
