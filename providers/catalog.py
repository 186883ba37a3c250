"""The active providers every wizard page needs, shared through the cache, forgotten on change."""

from __future__ import annotations

from config.shared import SharedValue
from providers.models import Provider, ProviderFacts

CACHE_KEY = "providers:active:v2"
# A safety net only: every save and delete drops the entry at once.
CACHE_SECONDS = 60 * 60


def _active_from_database() -> dict[str, ProviderFacts]:
    return {p.slug: p.facts() for p in Provider.objects.active().in_display_order()}


catalog: SharedValue[dict[str, ProviderFacts]] = SharedValue(
    CACHE_KEY, _active_from_database, seconds=CACHE_SECONDS
)


def active_providers() -> dict[str, ProviderFacts]:
    """Active providers by slug, in display order; one query when the cache is cold.

    The same dict is handed to every request while it is current: treat it as read-only.
    """
    return catalog.get()


def cached_providers() -> dict[str, ProviderFacts] | None:
    """The catalog if it is cached, without ever asking the database (for error pages)."""
    try:
        return catalog.peek()
    except Exception:  # a cache outage must not break an error page
        return None


def forget_providers(**_signal_kwargs: object) -> None:
    """Drop the shared catalog now and again on commit, so the next request reads the rows."""
    catalog.forget()
