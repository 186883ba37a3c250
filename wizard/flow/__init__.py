"""The consumer's question pages: one question a page, from the provider to the check-answers
page, each run of the wizard with its own id; and the reading of a pasted message on the
problem page. A finished walk becomes a plan (wizard.planner) and a case (wizard.cases)."""
