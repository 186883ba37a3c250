"""Which provider facts support staff should check again first.

A fact matters more the more people meet it, the longer ago it was checked and the weaker
its source: the list is ordered by cases in the last 90 days × days since the check × how
weak the certainty is. Two queries, however many providers or cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from providers.facts import Certainty, Fact
from providers.models import Provider

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

    @property
    def score(self) -> int:
        return (self.cases + 1) * (self.days_since_check + 1) * WEAKNESS[self.certainty]


def facts_to_recheck(*, today: dt.date, limit: int = 60) -> list[FactToRecheck]:
    """Every active provider's facts, the ones to check first first."""
    since = today - dt.timedelta(days=CASE_WINDOW_DAYS)
    providers = Provider.objects.active().annotate(
        recent_cases=Count("cases", filter=Q(cases__created_at__date__gte=since))
    )
    found = []
    for provider in providers:
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
                    cases=getattr(provider, "recent_cases", 0),
                    days_since_check=(today - checked).days if checked else NEVER_CHECKED_DAYS,
                )
            )
    return sorted(found, key=lambda f: (-f.score, f.provider_name, f.fact.value))[:limit]
