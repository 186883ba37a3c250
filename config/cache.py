"""The cache app servers share when REDIS_URL is set: Django's Redis backend, made cheaper."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis


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


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
