"""Which provider facts support staff should check again first.

First the facts with no source at all (`none`) of the providers people use most (runs that
chose the provider in the funnel counts, or cases where larger, in the last 90 days): a
fact nobody could source is the likeliest to be wrong where it hurts most. Then every other
fact, by how much it matters: uses × days since the check × how weak the certainty is.
Three queries, however many providers or cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from providers.facts import Certainty, Fact
from providers.models import Provider
from wizard.models import FunnelCount, FunnelStage

CASE_WINDOW_DAYS = 90
# A fact never checked counts as checked this long ago.
NEVER_CHECKED_DAYS = 3650
WEAKNESS = {Certainty.NONE: 4, Certainty.WEAK: 3, Certainty.SECONDARY: 2, Certainty.OFFICIAL: 1}


@dataclass(frozen=True)
class FactToRecheck:
    provider_pk: int
    provider_name: str
    fact: Fact
    certainty: Certainty
    checked_on: dt.date | None
    cases: int
    days_since_check: int

    # How often the provider was used: runs that chose it, or cases where those are more.
    uses: int = 0

    @property
    def score(self) -> int:
        return (self.uses + 1) * (self.days_since_check + 1) * WEAKNESS[self.certainty]

    @property
    def unsourced_and_used(self) -> bool:
        """A fact with no source of a provider people use: first on the list."""
        return self.certainty is Certainty.NONE and self.uses > 0


def facts_to_recheck(*, today: dt.date, limit: int = 60) -> list[FactToRecheck]:
    """Every active provider's facts, the ones to check first first."""
    since = today - dt.timedelta(days=CASE_WINDOW_DAYS)
    providers = Provider.objects.active().annotate(
        recent_cases=Count("cases", filter=Q(cases__created_at__date__gte=since))
    )
    chosen = dict(
        FunnelCount.objects.between(since, today)
        .filter(stage=FunnelStage.PROVIDER)
        .exclude(provider_slug="")
        .values_list("provider_slug")
        .annotate(runs=Sum("runs"))
    )
    found = []
    for provider in providers:
        cases = getattr(provider, "recent_cases", 0)
        for fact in Fact:
            provenance = provider.provenance(fact)
            checked = provenance.checked_on
            found.append(
                FactToRecheck(
                    provider_pk=provider.pk,
                    provider_name=provider.name_zh,
                    fact=fact,
                    certainty=provenance.level,
                    checked_on=checked,
                    cases=cases,
                    days_since_check=(today - checked).days if checked else NEVER_CHECKED_DAYS,
                    uses=max(cases, chosen.get(provider.slug, 0)),
                )
            )
    return sorted(
        found,
        key=lambda f: (
            not f.unsourced_and_used,
            -f.uses if f.unsourced_and_used else 0,
            -f.score,
            f.provider_name,
            f.fact.value,
        ),
    )[:limit]
