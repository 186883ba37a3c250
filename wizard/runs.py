"""Wizard runs: each start of the wizard gets its own id, carried in the URL.

formtools keeps one storage slot per wizard class in the session, so two tabs
would overwrite each other's answers (jazzband/django-formtools #126). Keying
the storage by a run id from the URL keeps tabs apart.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from formtools.wizard.storage.base import BaseStorage

from wizard.storage import AnswerStorage

RUNS_KEY = "wizard_runs"
# Enough for a few tabs; older runs are forgotten so a session cannot grow without bound.
MAX_RUNS = 5
RUN_PATTERN = r"[A-Za-z0-9_-]{8}"
STORAGE_PREFIX = "wizard_repayment_wizard"


def new_run_id() -> str:
    """A fresh, random run id matching RUN_PATTERN (8 URL-safe characters)."""
    return secrets.token_urlsafe(6)


def start_run(session: SessionBase) -> str:
    """A new run id, remembered in the session; the oldest run beyond MAX_RUNS is dropped."""
    run = new_run_id()
    runs = [*session.get(RUNS_KEY, []), run]
    while len(runs) > MAX_RUNS:
        session.pop(f"{STORAGE_PREFIX}_{runs.pop(0)}", None)
    session[RUNS_KEY] = runs
    # The run's empty storage, made by formtools as on the first page but written with the
    # new run, so that showing the first page changes (and writes) nothing.
    empty = BaseStorage(run)
    empty.init_data()
    session[f"{STORAGE_PREFIX}_{run}"] = empty.data
    return run


def run_is_known(session: SessionBase, run: str) -> bool:
    return run in session.get(RUNS_KEY, [])


class RunSessionStorage(AnswerStorage):
    """The wizard's session storage, one slot per run id in the URL."""

    def __init__(self, prefix: str, request: Any = None, file_storage: Any = None) -> None:
        run = request.resolver_match.kwargs["run"]
        super().__init__(f"{prefix}_{run}", request, file_storage)
