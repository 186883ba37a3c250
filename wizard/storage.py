"""Where the wizard keeps a person's answers between pages: their session."""

from __future__ import annotations

import copy
from typing import Any

from django.http import HttpResponse
from formtools.wizard.storage.session import SessionStorage

# The pages this run has reached, by name (wizard.funnel counts each page once per run).
# Kept in the run's own storage, so it goes with the session and says nothing about a person.
REACHED_KEY = "reached"


class AnswerStorage(SessionStorage):
    """formtools' session storage, writing the session only when the answers changed.

    formtools marks the session modified whenever its data is read, so every
    page view rewrote the session row and its cache entry although only a
    submitted answer (or a reset) changes anything. Here a request that reads
    compares what it leaves behind with what it found.

    Seam: formtools' `storage_name`. Saves: a transaction with an UPDATE and a Redis write on
    every page view (a step's GET costs 0 queries: tests/wizard/test_query_budgets.py).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._as_found = copy.deepcopy(self.request.session.get(self.prefix))

    def _get_data(self) -> dict[str, Any]:
        return self.request.session[self.prefix]

    data = property(_get_data, SessionStorage._set_data)

    def mark_reached(self, page: str) -> bool:
        """Remember that this run has reached `page`; False if it had already."""
        reached = self.data.setdefault(REACHED_KEY, [])
        if page in reached:
            return False
        reached.append(page)
        return True

    def reset(self) -> None:
        # formtools resets the storage once the plan is made; the pages reached stay, so that
        # going back into a finished run (the back button) counts nothing twice.
        reached = self.data.get(REACHED_KEY)
        super().reset()
        if reached is not None:
            self.data[REACHED_KEY] = reached

    def update_response(self, response: HttpResponse) -> None:
        if self.request.session.get(self.prefix) != self._as_found:
            self.request.session.modified = True
        super().update_response(response)
