"""Values read from the database on nearly every page, shared through the cache and kept in
each process's memory for as long as they are current.

The provider catalog and the plan wording are built from a few queries, and every page
needs one of them. Fetching the whole value from Redis and unpickling it on each request
cost more CPU than the rest of a question page's data; so each process keeps the value it
last used, together with the version it was built as, and asks the cache only for the
current version (a few bytes). When staff change a record, the version is dropped and every
process, on its next request, sees the change; nothing is kept that the cache has not
confirmed to be current, so app servers stay interchangeable.

Seam: Django's cache API (django.core.cache). Saves: the plan page 20.5 -> 16.6 million
instructions and one query per plan (callgrind over in-process walks and the query budgets,
2026-11-25); tests/config/test_shared.py holds it equal to the queries it replaces.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Generic, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")


class SharedValue(Generic[T]):
    """A value built by `build`, cached under `key` for `seconds`, remembered per process."""

    def __init__(self, key: str, build: Callable[[], T], *, seconds: int) -> None:
        self.key = key
        self.version_key = f"{key}:version"
        self.build = build
        self.seconds = seconds
        self._local: tuple[str, T] | None = None

    def get(self) -> T:
        """The current value: from this process's memory, the cache, or the database."""
        version = self._version()
        found = self._current(version)
        if found is not None:
            return found[1]
        return self._keep(version, self.build())

    def peek(self) -> T | None:
        """The current value if one is cached, without ever asking the database."""
        found = self._current(cache.get(self.version_key))
        return found[1] if found is not None else None

    def put(self, value: T) -> T:
        """Keep `value` as the current version's value (as a request that built it would)."""
        return self._keep(self._version(), value)

    def forget(self, **_signal_kwargs: object) -> None:
        """Drop the value now, and again once the transaction commits.

        Staff save inside a transaction; a request served between the save and the commit
        reads the old rows and keeps them under a version that the commit drops again.
        """
        self._forget()
        transaction.on_commit(self._forget)

    def _forget(self) -> None:
        cache.delete_many([self.version_key, self.key])

    def _version(self) -> str | None:
        """The current version, named by whichever process first finds none.

        A value is only ever stored under the version read before it was built: a request
        that read the rows before a change and stores its copy after `forget` has dropped
        the version stores it under a version nobody asks for any more.
        """
        version = cache.get(self.version_key)
        if version is None:
            cache.add(self.version_key, uuid.uuid4().hex, self.seconds)
            version = cache.get(self.version_key)
        return version

    def _keep(self, version: str | None, value: T) -> T:
        if version is None:  # the cache is down: nothing can be shared or remembered
            return value
        entry = (version, value)
        cache.set(self.key, entry, self.seconds)
        self._local = entry
        return value

    def _current(self, version: str | None) -> tuple[str, T] | None:
        if version is None:
            return None
        local = self._local
        if local is not None and local[0] == version:
            return local
        entry = cache.get(self.key)
        if entry is None or entry[0] != version:
            return None
        self._local = entry
        return entry
