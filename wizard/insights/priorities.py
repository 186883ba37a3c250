"""What to fix first, for the top of the insights page: where people stop, the messages we did
not recognise that came back this week, and the providers whose plans people say did not
solve their problem; each with the page where staff fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as _

from providers.facts import UNKNOWN_PROVIDER
from wizard.insights.queries import Funnel, Insights, Row, percent
from wizard.models import FunnelStage, Outcome, UnmatchedMessage

SHOWN = 5
RECENT_DAYS = 7


@dataclass(frozen=True)
class Fix:
    """One thing to fix: what, how much it matters (in words and as a number), and where."""

    what: str
    count: int
    why: str
    url: str
    link_text: str


@dataclass(frozen=True)
class Priorities:
    stops: list[Fix]
    unrecognised: list[Fix]
    unsolved: list[Fix]


def stage_fix(stage: FunnelStage) -> tuple[str, str]:
    """Where staff change what a page depends on: the lender list, the message rules, or
    (for a question whose wording lives in the code) the page itself, to walk it."""
    if stage is FunnelStage.PROVIDER:
        return reverse("admin:providers_provider_changelist"), _("核对机构名称和排序")
    if stage is FunnelStage.PROBLEM:
        return reverse("admin:wizard_unmatchedmessage_changelist"), _("给未识别的提示写规则")
    return reverse("wizard:check"), _("自己走一遍这一页")


def stops(funnel: Funnel) -> list[Fix]:
    """The pages people left most, most first; pages nobody left are not listed."""
    left = [step for step in funnel.steps if step.left]
    left.sort(key=lambda step: -(step.left or 0))
    fixes = []
    for step in left[:SHOWN]:
        url, link_text = stage_fix(step.stage)
        fixes.append(
            Fix(
                what=step.label,
                count=step.left or 0,
                why=_("%(left)s 次在这一页离开(到达这一页的 %(reached)s 次里,占 %(share)s)")
                % {
                    "left": step.left,
                    "reached": step.reached,
                    "share": percent((step.left or 0) / step.reached if step.reached else None),
                },
                url=url,
                link_text=link_text,
            )
        )
    return fixes


def unrecognised(*, now: dt.datetime, pattern_url: Callable[[UnmatchedMessage], str]) -> list[Fix]:
    """Messages no rule recognised that came back in the last week, most often seen first."""
    recent = UnmatchedMessage.objects.filter(
        last_seen__gte=now - dt.timedelta(days=RECENT_DAYS)
    ).most_frequent()[:SHOWN]
    return [
        Fix(
            what=message.example[:60],
            count=message.count,
            why=_("一共出现 %(n)s 次,最近一次 %(last)s")
            % {"n": message.count, "last": message.last_seen.date().isoformat()},
            url=pattern_url(message),
            link_text=_("据此新建规则"),
        )
        for message in recent
    ]


def unsolved(rows: list[Row]) -> list[Fix]:
    """Providers whose cases were most often reported not solved (the insights' own rows)."""
    ranked = sorted((row for row in rows if row.unsolved), key=lambda row: -row.unsolved)
    providers = reverse("admin:providers_provider_changelist")
    cases = reverse("admin:wizard_case_changelist")
    fixes = []
    for row in ranked[:SHOWN]:
        known = row.key != UNKNOWN_PROVIDER
        fixes.append(
            Fix(
                what=row.label,
                count=row.unsolved,
                why=_("%(n)s 个个案反馈“没有解决”(共 %(all)s 个个案)")
                % {"n": row.unsolved, "all": row.count},
                url=f"{providers}?q={quote(row.key)}"
                if known
                else f"{cases}?outcome__exact={Outcome.NOT_SOLVED}",
                link_text=_("核对这家机构的资料") if known else _("查看这些个案"),
            )
        )
    return fixes


def priorities_for(
    *,
    insights: Insights,
    now: dt.datetime,
    pattern_url: Callable[[UnmatchedMessage], str],
) -> Priorities:
    """What to fix first, from the page's own numbers and one more query."""
    return Priorities(
        stops=stops(insights.funnel),
        unrecognised=unrecognised(now=now, pattern_url=pattern_url),
        unsolved=unsolved(insights.per_provider),
    )
