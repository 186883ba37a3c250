"""The cache app servers share when REDIS_URL is set: Django's Redis backend, made cheaper,
and failing softly.

Redis is a cache here and a session accelerator, never the only copy of anything (sessions
are written to PostgreSQL first, config/sessions.py; shared values are built from the
database, config/shared.py). So losing it must cost speed, not the service: while Redis
cannot be reached, reads miss, writes are dropped, and the error is logged once per interval
instead of on every request.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse
from collections.abc import Callable
from typing import Any, TypeVar

import redis as redis_py
from django.core.cache.backends import redis

logger = logging.getLogger(__name__)

T = TypeVar("T")

# What "Redis cannot be reached" looks like to redis-py: refused, reset, timed out, still
# loading its data after a restart, or read-only while a replica is promoted.
UNREACHABLE = (
    redis_py.exceptions.ConnectionError,
    redis_py.exceptions.TimeoutError,
    redis_py.exceptions.ReadOnlyError,
    OSError,
)


class RedisCacheClient(redis.RedisCacheClient):
    """Django's Redis client, reusing one redis-py client per connection pool.

    Django builds a new redis.Redis object for every cache call; with redis-py 8
    that constructor (argument checks, callback tables) cost more CPU than the
    round trip it wraps, on every page. A redis.Redis is safe to share: each
    command takes a connection from the pool and gives it back.

    Seam: the cache backend (CACHES["default"]["BACKEND"]). Saves: about 8 % of a worker's
    CPU under `make bench` load (py-spy profile of a gunicorn worker, 2026-11-25).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # A private helper of Django's client (django.core.cache.backends.redis).
        index = self._get_connection_pool_index(write)  # type: ignore[attr-defined]
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class Outage:
    """Whether Redis is down, as this process last found it, and when to try it again.

    While it is down, calls do not even try it for `retry_seconds`, so a page costs no
    connection attempts (a firewalled Redis would cost the connect timeout on every call).
    The first call to find it down logs a warning; later failures log again only after
    `log_seconds`.
    """

    def __init__(self, *, retry_seconds: float, log_seconds: float) -> None:
        self.retry_seconds = retry_seconds
        self.log_seconds = log_seconds
        self.down_since: float | None = None
        self.next_try = 0.0
        self.last_logged = float("-inf")
        self.lock = threading.Lock()

    def skip(self) -> bool:
        """True while Redis was found down and the next try is not yet due."""
        return self.down_since is not None and time.monotonic() < self.next_try

    def failed(self, error: Exception, location: str) -> None:
        now = time.monotonic()
        with self.lock:
            if self.down_since is None:
                self.down_since = now
            self.next_try = now + self.retry_seconds
            if now - self.last_logged < self.log_seconds:
                return
            self.last_logged = now
        logger.warning(
            "cache: Redis at %s cannot be reached (%s: %s); serving without it, reads miss "
            "and writes are dropped; next report in %d s if it stays down",
            location,
            type(error).__name__,
            error,
            self.log_seconds,
        )

    def recovered(self) -> float | None:
        """After a success: how long Redis was down, if this call is the first to find it back."""
        if self.down_since is None:
            return None
        with self.lock:
            if self.down_since is None:
                return None
            lasted = time.monotonic() - self.down_since
            self.down_since = None
            self.last_logged = float("-inf")
            return lasted


_outages: dict[tuple[str, str], Outage] = {}
_outages_lock = threading.Lock()


def process_outage(key: tuple[str, str], *, retry_seconds: float, log_seconds: float) -> Outage:
    """The one Outage of this process for a Redis location and key prefix."""
    with _outages_lock:
        outage = _outages.get(key)
        if outage is None:
            outage = _outages[key] = Outage(retry_seconds=retry_seconds, log_seconds=log_seconds)
        return outage


class RedisCache(redis.RedisCache):
    """Django's Redis cache that answers as an empty cache while Redis is down.

    When Redis comes back, whatever it still holds from before the outage may be stale:
    a session answered during the outage was saved only to the database, a provider changed
    by staff could not drop its cached version. So the first call to find Redis back
    deletes this site's keys (KEY_PREFIX) before anything is read: one cold cache, and no
    old copy ever outlives a newer row.

    OPTIONS beyond redis-py's: `retry_seconds` (default 5), how long a process serves
    without trying Redis after a failure; `log_seconds` (default 60), how often an outage
    is reported.
    """

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS") or {})
        retry_seconds = float(options.pop("retry_seconds", 5))
        log_seconds = float(options.pop("log_seconds", 60))
        super().__init__(server, {**params, "OPTIONS": options})
        self.primary = server.split(",")[0].split(";")[0] if isinstance(server, str) else server[0]
        self._class = RedisCacheClient
        # Django gives each thread its own cache object; what is known about Redis is the
        # process's, so that one outage is reported once and one thread drops the old keys.
        self.outage = process_outage(
            (self.primary, self.key_prefix),
            retry_seconds=retry_seconds,
            log_seconds=log_seconds,
        )
        # For the log: where Redis is, without any password the URL carries.
        url = urllib.parse.urlsplit(self.primary)
        self.address = f"{url.hostname}:{url.port or 6379}{url.path}"

    def _softly(self, call: Callable[[], T], fallback: T) -> T:
        if self.outage.down_since is not None and not self._back():
            return fallback
        try:
            return call()
        except UNREACHABLE as error:
            self.outage.failed(error, self.address)
            return fallback

    def _back(self) -> bool:
        """After an outage, when a try is due: whether Redis answers again. The first call
        to find it back drops the keys from before the outage, before anything is read."""
        if self.outage.skip():
            return False
        try:
            dropped = self.forget_all()
        except UNREACHABLE as error:
            self.outage.failed(error, self.address)
            return False
        lasted = self.outage.recovered()
        if lasted is not None:
            logger.warning(
                "cache: Redis is back after about %d s; dropped %d keys cached before the outage",
                lasted,
                dropped,
            )
        return True

    def forget_all(self) -> int:
        """Delete this site's keys (and only those: the Redis server may be shared)."""
        client = self._writer()
        pattern = f"{self.key_prefix}:*" if self.key_prefix else "*"
        dropped = 0
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                dropped += client.delete(*batch)
                batch = []
        if batch:
            dropped += client.delete(*batch)
        return dropped

    def _writer(self) -> Any:
        """redis-py's client for the primary (Django's own, undeclared in the stubs)."""
        return self._cache.get_client(write=True)  # type: ignore[attr-defined]

    def ping(self) -> None:
        """Ask Redis directly, whatever this process last found: raises when it is down."""
        self._writer().ping()

    # --- Django's cache API, each call answered as an empty cache would while Redis is down.

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._softly(lambda: super(RedisCache, self).get(key, default, version), default)

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._softly(lambda: super(RedisCache, self).get_many(keys, version), {})

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._softly(lambda: super(RedisCache, self).has_key(key, version), False)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._softly(lambda: super(RedisCache, self).set(*args, **kwargs), None)

    def set_many(self, *args: Any, **kwargs: Any) -> list[Any]:
        return self._softly(lambda: super(RedisCache, self).set_many(*args, **kwargs), [])

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._softly(lambda: super(RedisCache, self).add(*args, **kwargs), False)

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._softly(lambda: super(RedisCache, self).touch(*args, **kwargs), False)

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return self._softly(lambda: super(RedisCache, self).delete(*args, **kwargs), False)

    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        self._softly(lambda: super(RedisCache, self).delete_many(*args, **kwargs), None)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        missing = object()
        result = self._softly(lambda: super(RedisCache, self).incr(key, delta, version), missing)
        if result is missing:
            # As for a key that is not there: callers already handle that.
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return result  # type: ignore[return-value]

    def clear(self) -> None:
        # Django's clear() empties the whole Redis database, other sites' keys included.
        self._softly(self.forget_all, 0)
