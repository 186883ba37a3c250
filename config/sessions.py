"""Sessions when app servers share Redis: kept in PostgreSQL, read through the cache."""

from __future__ import annotations

import logging

from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.db import connections, router
from django.utils.crypto import get_random_string

logger = logging.getLogger("django.contrib.sessions")


class SessionStore(cached_db.SessionStore):
    """Django's cached_db sessions with one database round trip per change instead of three or four.

    Django wraps every session write in a transaction (BEGIN, INSERT or UPDATE,
    COMMIT) although a single statement is atomic on its own, and asks whether a
    new random key is taken although the INSERT can simply refuse a duplicate
    (create() then draws another key). Reads come from the cache as before, and
    every write still reaches the database first, so a Redis restart loses nothing.

    Seam: the session engine (SESSION_ENGINE). Saves: starting the wizard 3 -> 1 query, each
    answer one UPDATE instead of BEGIN/UPDATE/COMMIT (query counts in
    tests/wizard/test_query_budgets.py; CPU by callgrind over in-process walks, 2026-11-25).
    """

    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            self.create()  # draws a key and comes back with must_create
            return
        # Written as SQL: building the same statements through the ORM cost more CPU than
        # the database spent running them, and they run for every answer a person gives.
        connection = connections[router.db_for_write(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        values = [
            # _get_session, _session and _cache are SessionBase's and cached_db's own
            # attributes, which django-stubs does not declare.
            self.encode(self._get_session(no_load=must_create)),  # type: ignore[attr-defined]
            connection.ops.adapt_datetimefield_value(self.get_expiry_date()),
            self.session_key,
        ]
        with connection.cursor() as cursor:
            if must_create:
                cursor.execute(
                    f"INSERT INTO {table} (session_data, expire_date, session_key) "
                    "VALUES (%s, %s, %s) ON CONFLICT (session_key) DO NOTHING",
                    values,
                )
            else:
                cursor.execute(
                    f"UPDATE {table} SET session_data = %s, expire_date = %s "
                    "WHERE session_key = %s",
                    values,
                )
            written = cursor.rowcount
        if not written and must_create:
            raise CreateError  # the key is taken: create() draws another
        if not written:
            raise UpdateError  # deleted meanwhile, e.g. by a logout in another tab
        cache = self._cache  # type: ignore[attr-defined]  # cached_db's, undeclared in the stubs
        try:
            cache.set(self.cache_key, self._session, self.get_expiry_age())  # type: ignore[attr-defined]
        except Exception:
            logger.exception("Error saving to cache (%s)", cache)
