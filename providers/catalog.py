"""Provider data every wizard page or plan needs, shared through the cache, forgotten on change:
the active providers, the maintenance windows a plan may have to mention, and the escalation
ladder's records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _

from config.shared import SharedValue
from providers.facts import (
    UNKNOWN_PROVIDER,
    Certainty,
    Fact,
    GraceRule,
    MaintenanceWindowFacts,
    Provenance,
    ProviderFacts,
    RungFacts,
    rungs_for,
)
from providers.models import EscalationRung, MaintenanceWindow, Provider

CACHE_KEY = "providers:active:v2"
# A safety net only: every save and delete drops the entry at once.
CACHE_SECONDS = 60 * 60


def _active_from_database() -> dict[str, ProviderFacts]:
    return {p.slug: p.facts() for p in Provider.objects.active().with_tiers().in_display_order()}


catalog: SharedValue[dict[str, ProviderFacts]] = SharedValue(
    CACHE_KEY, _active_from_database, seconds=CACHE_SECONDS
)


def active_providers() -> dict[str, ProviderFacts]:
    """Active providers by slug, in display order; one query when the cache is cold.

    The same dict is handed to every request while it is current: treat it as read-only.
    """
    return catalog.get()


def unknown_provider(providers: Mapping[str, ProviderFacts]) -> ProviderFacts:
    """The stand-in for a lender the person has not identified yet.

    No hotline and no grace period; as the due-date cutoff, the earliest of the active
    providers', which is safe whichever lender it turns out to be (paying early costs
    nothing). Its provenance says so: a planning value, not a fact about any lender.
    """
    known = [p.due_cutoff for p in providers.values()] or [dt.time(16, 0)]
    planning = Provenance(
        certainty=Certainty.NONE,
        source=str(_("我们记录中各家机构最早的还款日截止时间")),
    )
    return ProviderFacts(
        slug=UNKNOWN_PROVIDER,
        name_zh="你的分期机构",
        name_en="your lender",
        kind="",
        hotlines=(),
        repay_path_zh="在借钱给你的机构的 App 里找到这笔分期的账单,点“还款”",
        repay_path_en=(
            "in the app of the lender that holds this installment, open its bill and tap Repay"
        ),
        due_cutoff=min(known),
        grace=GraceRule(),
        late_fee_zh="以你的合同为准",
        late_fee_en="as your contract says",
        autopay_available=False,
        autopay_how_zh="",
        autopay_how_en="",
        provenance=tuple((fact.value, planning) for fact in Fact),
    )


def cached_providers() -> dict[str, ProviderFacts] | None:
    """The catalog if it is cached, without ever asking the database (for error pages)."""
    try:
        return catalog.peek()
    except Exception:  # a cache outage must not break an error page
        return None


def forget_providers(**_signal_kwargs: object) -> None:
    """Drop the shared catalog now and again on commit, so the next request reads the rows."""
    catalog.forget()
    windows.forget()  # keyed by slug, which the change may have touched
    escalation.forget()  # likewise


# A plan asks about the moment of the attempt, at most a year ago (the wizard refuses
# older ones), and about now: windows that ended before this horizon can never matter.
# Two days' margin covers the hour a shared copy may live.
WINDOW_HISTORY_DAYS = 368
WINDOWS_KEY = "providers:windows:v1"


def _windows_from_database() -> dict[str, tuple[MaintenanceWindowFacts, ...]]:
    since = timezone.now() - dt.timedelta(days=WINDOW_HISTORY_DAYS)
    by_provider: dict[str, list[MaintenanceWindowFacts]] = {}
    recent = MaintenanceWindow.objects.filter(ends_at__gt=since).select_related("provider")
    for window in recent.order_by("starts_at", "pk"):
        by_provider.setdefault(window.provider.slug, []).append(window.facts())
    return {slug: tuple(found) for slug, found in by_provider.items()}


windows: SharedValue[dict[str, tuple[MaintenanceWindowFacts, ...]]] = SharedValue(
    WINDOWS_KEY, _windows_from_database, seconds=CACHE_SECONDS
)


def windows_covering(slug: str, *moments: dt.datetime) -> list[MaintenanceWindowFacts]:
    """The provider's maintenance windows covering any of the moments, earliest first.

    What MaintenanceWindow.objects.for_provider(slug).covering_any(*moments) returns, for
    moments within the last WINDOW_HISTORY_DAYS; no query while the windows are shared.
    """
    return [
        window
        for window in windows.get().get(slug, ())
        if any(window.covers(moment) for moment in moments)
    ]


ESCALATION_KEY = "providers:escalation:v1"


def _escalation_from_database() -> tuple[RungFacts, ...]:
    active = EscalationRung.objects.active().select_related("provider").in_ladder_order()
    return tuple(rung.facts() for rung in active)


escalation: SharedValue[tuple[RungFacts, ...]] = SharedValue(
    ESCALATION_KEY, _escalation_from_database, seconds=CACHE_SECONDS
)


def ladder_for(provider: ProviderFacts) -> tuple[RungFacts, ...]:
    """The escalation and credit-record records that apply to this provider, in ladder
    order (providers.facts.rungs_for); one query when the cache is cold, none while warm."""
    return rungs_for(provider, escalation.get())
