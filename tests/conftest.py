from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with a cold cache, as a freshly started process would."""
    cache.clear()
    yield
    cache.clear()
