"""The active providers every wizard page needs, cached and forgotten on any change."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from providers.models import Provider, ProviderFacts

CACHE_KEY = "providers:active:v1"
# A safety net only: every save and delete clears the entry at once.
CACHE_SECONDS = 60 * 60


def active_providers() -> dict[str, ProviderFacts]:
    """Active providers by slug, in display order; one query when the cache is cold."""
    providers = cache.get(CACHE_KEY)
    if providers is None:
        providers = {p.slug: p.facts() for p in Provider.objects.active().in_display_order()}
        cache.set(CACHE_KEY, providers, CACHE_SECONDS)
    return providers


def cached_providers() -> dict[str, ProviderFacts] | None:
    """The catalog if it is cached, without ever asking the database (for error pages)."""
    try:
        return cache.get(CACHE_KEY)
    except Exception:  # a cache outage must not break an error page
        return None


def forget_providers(**_signal_kwargs: object) -> None:
    """Drop the cached catalog so the next request reads the database again.

    Dropped again once the transaction commits: the admin saves inside a
    transaction, and a request served between the save and the commit would
    otherwise cache the old values for an hour.
    """
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))
