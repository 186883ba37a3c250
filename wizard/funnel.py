"""Where people get stuck: how many runs reach each wizard page, finish, give feedback and
say "solved", counted per Beijing day, provider and problem.

Only numbers are kept, never a person: no session key, address, run id or row per run. A run
remembers the pages it has reached inside its own wizard storage (a list of page names in the
session, deleted with it: AnswerStorage.mark_reached), so each page counts once per run.

What each counter (`FunnelCount`: day, stage, provider_slug, symptom → runs) means:

- `provider`: runs started. `/check/` sends every new run to the provider page (a HEAD keeps
  no run and counts nothing). Provider and problem are not known yet: both "".
- `message`: runs sent on to the message page (what the screen said) by their answer to the
  provider page (or the card-tier or find-the-lender page after it), under that provider;
  the problem is not known yet: "".
- `problem`: runs sent on to the problem page by the message page, under the provider; the
  problem is not answered yet: "" (a message's suggestion is not an answer).
- `channel`, `account`, `funds`, `timing`, `situation`, `review`: runs sent to that page for
  the first time, under the provider and problem answered by then. `account` and `funds` are
  only asked for some problems (wizard.engine.answers.ACCOUNT_SYMPTOMS, FUNDS_SYMPTOMS).
- `done`: runs that finished: their case was made.
- `feedback`: cases whose "did this solve it?" was answered, on the day it was answered.
- `solved`: those of them that said "solved", then or later; a later "solved" is counted on
  the day of that first answer, so a day's `solved` never exceeds its `feedback`.

A page counts when the run is first sent to it (the valid answer to the page before moves the
run there with a redirect, which the page's GET follows), not on the GET itself: the session
write that the answer makes anyway then also remembers the page. So a counted page costs one
write, this module's upsert, and a page view that does not count (a reload, the back button,
a change made from the check-answers page) costs none.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper

from wizard.engine.ladder import beijing_date
from wizard.models import Case, FunnelCount, FunnelStage
from wizard.storage import AnswerStorage

logger = logging.getLogger(__name__)

PROVIDER_FIELD = ("provider", "provider-provider")
SYMPTOM_FIELD = ("problem", "problem-symptom")


@dataclass(frozen=True)
class Tally:
    """One more run at `stage` on `day`, for this provider and problem ("" = not known)."""

    day: dt.date
    stage: FunnelStage
    provider_slug: str = ""
    symptom: str = ""


@dataclass(frozen=True)
class Along:
    """Another counting statement (an INSERT … ON CONFLICT) the request must make: sent in
    the same round trip as the counters' own, so that a page which counts two things (the
    message page: the next page reached, and a message nobody recognised) costs one query."""

    sql: str
    params: list[str | int | None]


def reach(
    storage: AnswerStorage, page: str, *, now: dt.datetime, along: Along | None = None
) -> bool:
    """Count `page` for this run unless it was reached before; True when it counted.

    Keyed by the provider and problem the run has answered so far, read from its stored
    (already validated) answers. `along` is run with the count, or alone when nothing counts.
    """
    if page not in FunnelStage.values or not storage.mark_reached(page):
        if along is not None:
            count([], along=along)
        return False
    count(
        [
            Tally(
                beijing_date(now),
                FunnelStage(page),
                provider_slug=_stored_answer(storage, *PROVIDER_FIELD),
                symptom=_stored_answer(storage, *SYMPTOM_FIELD),
            )
        ],
        along=along,
    )
    return True


def feedback_tallies(case: Case, *, first: bool, solved: bool, now: dt.datetime) -> list[Tally]:
    """The counters a case's feedback adds: `feedback` on its first answer, `solved` on the
    day of that first answer whenever "solved" is said."""
    key = {"provider_slug": case.provider_slug, "symptom": case.symptom}
    tallies = []
    if first:
        tallies.append(Tally(beijing_date(now), FunnelStage.FEEDBACK, **key))
    if solved:
        tallies.append(Tally(beijing_date(case.feedback_at or now), FunnelStage.SOLVED, **key))
    return tallies


def count(tallies: Iterable[Tally], *, along: Along | None = None) -> None:
    """Add the tallies to their counters in one statement: INSERT … ON CONFLICT DO UPDATE
    (PostgreSQL, and SQLite for `make run`), so two app servers counting the same counter at
    once both count, and nothing is read first.

    Counting is never worth a person's plan: if the statement fails outside a transaction
    (say, the table is missing during a deploy), the failure is logged and the page goes on.
    Inside one, the transaction is already lost, so the error is raised as usual.
    """
    increments = Counter(tallies)
    connection = connections[router.db_for_write(FunnelCount)]
    if not increments:
        if along is not None:
            _execute(connection, along.sql, along.params)
        return
    quote = connection.ops.quote_name
    table = quote(FunnelCount._meta.db_table)
    key = ", ".join(quote(name) for name in ("day", "stage", "provider_slug", "symptom"))
    runs = quote("runs")
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(increments))
    params: list[str | int | None] = []
    for tally, runs_added in increments.items():
        params += [
            connection.ops.adapt_datefield_value(tally.day),
            str(tally.stage),
            tally.provider_slug[:40],
            tally.symptom[:30],
            runs_added,
        ]
    sql = (
        f"INSERT INTO {table} ({key}, {runs}) VALUES {rows} "
        f"ON CONFLICT ({key}) DO UPDATE SET {runs} = {table}.{runs} + EXCLUDED.{runs}"
    )
    if along is not None and connection.vendor == "postgresql":
        # A data-modifying WITH: both statements run, in one round trip.
        sql, params = f"WITH along AS ({along.sql}) {sql}", [*along.params, *params]
    elif along is not None:
        _execute(connection, along.sql, along.params)
    _execute(connection, sql, params)


def _execute(connection: BaseDatabaseWrapper, sql: str, params: list[str | int | None]) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        logger.warning("funnel counters not written", exc_info=True)


def _stored_answer(storage: AnswerStorage, step: str, field: str) -> str:
    # formtools keeps each page's validated answers under "<step>-<field>".
    data = storage.get_step_data(step)
    value = data.get(field) if data else None
    return value if isinstance(value, str) else ""
