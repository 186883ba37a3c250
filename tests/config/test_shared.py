"""Values shared through the cache and remembered per process only while they are current."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from config.shared import SharedValue


class Rows:
    """Stands in for the database: counts how often the value is built."""

    def __init__(self) -> None:
        self.value = {"hotline": "95500"}
        self.builds = 0

    def build(self) -> dict[str, str]:
        self.builds += 1
        return dict(self.value)


@pytest.fixture(params=["locmem", "redis"])
def _cache(request, settings):
    if request.param == "redis":
        request.getfixturevalue("shared_cache")


def process(rows: Rows) -> SharedValue[dict[str, str]]:
    """One app server's view of the value (each process has its own SharedValue)."""
    return SharedValue("test:shared", rows.build, seconds=60)


@pytest.mark.django_db
@pytest.mark.usefixtures("_cache")
class TestSharedValue:
    def test_built_once_then_kept_in_memory_while_current(self):
        rows = Rows()
        value = process(rows)
        assert value.get() == {"hotline": "95500"}
        assert value.get() is value.get()
        assert rows.builds == 1

    def test_reads_only_the_version_while_current(self, monkeypatch):
        value = process(Rows())
        value.get()
        asked: list[str] = []

        class Spy:
            def __getattr__(self, name):
                return getattr(cache, name)

            def get(self, key, *args, **kwargs):
                asked.append(key)
                return cache.get(key, *args, **kwargs)

        monkeypatch.setattr("config.shared.cache", Spy())
        value.get()
        assert asked == [value.version_key]

    def test_another_process_sees_a_change_on_its_next_request(self):
        rows = Rows()
        server_a, server_b = process(rows), process(rows)
        assert server_a.get() == server_b.get() == {"hotline": "95500"}
        rows.value = {"hotline": "95566"}
        server_a.forget()  # staff saved on server A
        assert server_b.get() == {"hotline": "95566"}
        assert server_a.get() == {"hotline": "95566"}
        assert rows.builds == 2, "server A took what server B had just built"

    def test_a_cache_restart_costs_one_rebuild_and_serves_nothing_stale(self):
        rows = Rows()
        value = process(rows)
        value.get()
        rows.value = {"hotline": "95566"}
        cache.delete_many([value.key, value.version_key])  # Redis restarted empty
        assert value.get() == {"hotline": "95566"}
        assert rows.builds == 2

    def test_a_value_evicted_from_the_cache_while_its_version_stays_is_rebuilt(self):
        rows = Rows()
        server_a, server_b = process(rows), process(rows)
        server_a.get()
        cache.delete(server_a.key)
        assert server_b.get() == {"hotline": "95500"}
        assert rows.builds == 2

    def test_peek_never_builds(self):
        rows = Rows()
        value = process(rows)
        assert value.peek() is None
        value.get()
        assert process(rows).peek() == {"hotline": "95500"}
        assert rows.builds == 1

    def test_a_copy_built_from_rows_read_before_a_change_is_never_served_after_it(self):
        rows = Rows()
        server_a, server_b = process(rows), process(rows)

        def build_then_change() -> dict[str, str]:
            old = rows.build()  # server A read the rows ...
            rows.value = {"hotline": "95566"}  # ... staff changed them meanwhile ...
            server_b.forget()
            return old  # ... and server A stores what it read

        server_a.build = build_then_change
        assert server_a.get() == {"hotline": "95500"}  # that request saw the old rows
        assert server_b.get() == {"hotline": "95566"}
        server_a.build = rows.build
        assert server_a.get() == {"hotline": "95566"}
