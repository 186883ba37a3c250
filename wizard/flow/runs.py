"""Wizard runs: each start of the wizard gets its own id, carried in the URL.

formtools keeps one storage slot per wizard prefix in the session, so two tabs would
overwrite each other's answers (jazzband/django-formtools #126). The wizard's prefix
includes the run id (formtools' documented `get_prefix` hook, RepaymentWizard.run_prefix),
which keeps tabs apart; this module hands out the ids and remembers which are live.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.contrib.sessions.backends.base import SessionBase
from formtools.wizard.storage.base import BaseStorage

RUNS_KEY = "wizard_runs"
# Enough for a few tabs; older runs are forgotten so a session cannot grow without bound.
MAX_RUNS = 5
RUN_PATTERN = r"[A-Za-z0-9_-]{8}"


def new_run_id() -> str:
    """A fresh, random run id matching RUN_PATTERN (8 URL-safe characters)."""
    return secrets.token_urlsafe(6)


def start_run(session: SessionBase, *, storage_prefix: Callable[[str], str]) -> str:
    """A new run id, remembered in the session; the oldest run beyond MAX_RUNS is dropped.

    `storage_prefix` names a run's wizard storage as the wizard's `get_prefix` does.
    """
    run = new_run_id()
    runs = [*session.get(RUNS_KEY, []), run]
    while len(runs) > MAX_RUNS:
        session.pop(BaseStorage(storage_prefix(runs.pop(0))).prefix, None)
    session[RUNS_KEY] = runs
    # The run's empty storage, as formtools makes it on the first page (its own class names
    # the session key), written with the new run: showing the first page then writes nothing.
    empty = BaseStorage(storage_prefix(run))
    empty.init_data()
    session[empty.prefix] = empty.data
    return run


def run_is_known(session: SessionBase, run: str) -> bool:
    return run in session.get(RUNS_KEY, [])
