"""The deadline arithmetic: when a payment still counts, and where a moment stands.

All times are Beijing time (Asia/Shanghai), as every provider states its cutoffs.
"""

from __future__ import annotations

import datetime as dt
import enum

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.language import is_english
from providers.facts import ProviderFacts
from wizard.engine.answers import SHANGHAI, Remainder


class Status(enum.StrEnum):
    """Where a moment stands against a due date, its cutoff and any grace period, and how
    sure we are of it: `in_grace` only inside a grace period the provider itself states and
    that needs no request; `possibly_in_grace` inside one that is stated elsewhere, or must
    be asked for. In this order, a moment later never stands earlier.

    The last two are not about time: past the cutoff, a remainder under the lender's
    tolerance (容差) counts as paid in full (`within_tolerance` where the lender itself
    states the tolerance, `maybe_tolerance` where only others do)."""

    NOT_DUE = "not_due"
    DUE_TODAY = "due_today"
    IN_GRACE = "in_grace"
    POSSIBLY_IN_GRACE = "possibly_in_grace"
    OVERDUE = "overdue"
    WITHIN_TOLERANCE = "within_tolerance"
    MAYBE_WITHIN_TOLERANCE = "maybe_tolerance"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.NOT_DUE: gettext_lazy("未到还款日"),
    Status.DUE_TODAY: gettext_lazy("今天到期"),
    Status.IN_GRACE: gettext_lazy("在宽限期内"),
    Status.POSSIBLY_IN_GRACE: gettext_lazy("可能还在宽限期内(待核实)"),
    Status.OVERDUE: gettext_lazy("已逾期"),
    Status.WITHIN_TOLERANCE: gettext_lazy("差额在容差内,不算逾期"),
    Status.MAYBE_WITHIN_TOLERANCE: gettext_lazy("差额可能在容差内,不算逾期(待核实)"),
}


def due_cutoff_for(due_date: dt.date, provider: ProviderFacts) -> dt.datetime:
    """The last minute a payment counts as on time on the due date itself."""
    return dt.datetime.combine(due_date, provider.due_cutoff, tzinfo=SHANGHAI)


def grace_deadline_for(
    due_date: dt.date, provider: ProviderFacts, *, tier: str | None = None
) -> dt.datetime | None:
    """The end of the stated grace period, however sure we are of it; None without one.

    It ends at the time the lender states for its last day ("16:00 on the third day");
    where no time is stated, at the due-date cutoff time, which never gives more time than
    the lender does.
    """
    rule = provider.grace.for_tier(tier)
    if not rule.days:
        return None
    last_day = due_date + dt.timedelta(days=rule.days)
    return dt.datetime.combine(last_day, rule.ends_at or provider.due_cutoff, tzinfo=SHANGHAI)


def deadline_for(
    due_date: dt.date, provider: ProviderFacts, *, tier: str | None = None
) -> dt.datetime:
    """The last minute that certainly counts: the grace end for a grace period the provider
    itself states and that needs no request, else the due-date cutoff.

    Telling a worried person they have three more days when the lender gives none would
    cost them a late fee; planning early costs them nothing.
    """
    grace_end = grace_deadline_for(due_date, provider, tier=tier)
    if grace_end is not None and provider.grace_is_certain():
        return grace_end
    return due_cutoff_for(due_date, provider)


def _made_by(moment: dt.datetime, limit: dt.datetime) -> bool:
    # Cutoffs are stated to the minute ("before 20:00" is read as "by 20:00"),
    # so any second inside the cutoff minute still counts.
    return moment < limit + dt.timedelta(minutes=1)


def status_at(
    moment: dt.datetime, *, due_date: dt.date, provider: ProviderFacts, tier: str | None = None
) -> Status:
    """Where a payment made at `moment` stands against the due date, cutoff and grace period."""
    local = moment.astimezone(SHANGHAI)
    if local.date() < due_date:
        return Status.NOT_DUE
    if _made_by(local, due_cutoff_for(due_date, provider)):
        return Status.DUE_TODAY
    grace_end = grace_deadline_for(due_date, provider, tier=tier)
    if grace_end is not None and _made_by(local, grace_end):
        return Status.IN_GRACE if provider.grace_is_certain() else Status.POSSIBLY_IN_GRACE
    return Status.OVERDUE


def remainder_within_tolerance(remainder: str, provider: ProviderFacts) -> bool:
    """Whether the unpaid remainder's bracket lies wholly under the lender's tolerance.

    "Under 100 yuan" is within a 100-yuan tolerance (ICBC: "未归还部分小于100元"; CMB: "100元
    及以下"), never within a 10-yuan one; an unsure or whole-bill answer never is.
    """
    tolerance = provider.tolerance_yuan
    below = Remainder(remainder).below if remainder in Remainder.values else None
    return tolerance is not None and below is not None and below <= tolerance


def with_tolerance(status: Status, *, remainder: str, provider: ProviderFacts) -> Status:
    """The status once the tolerance is counted: past the cutoff, a remainder under the
    tolerance counts as paid in full, so it is not overdue (nor waiting on a grace period)."""
    past_cutoff = status in (Status.IN_GRACE, Status.POSSIBLY_IN_GRACE, Status.OVERDUE)
    if not past_cutoff or not remainder_within_tolerance(remainder, provider):
        return status
    if provider.tolerance_is_certain():
        return Status.WITHIN_TOLERANCE
    return Status.MAYBE_WITHIN_TOLERANCE


def format_moment(moment: dt.datetime, *, language: str, now: dt.datetime | None = None) -> str:
    """A deadline as people say it: 11月10日 23:59, or 10 Nov 23:59 (year only when it differs)."""
    local = moment.astimezone(SHANGHAI)
    show_year = now is None or now.astimezone(SHANGHAI).year != local.year
    if is_english(language):
        text = f"{local.day} {local.strftime('%b')}"
        return f"{text} {local.year} {local:%H:%M}" if show_year else f"{text} {local:%H:%M}"
    text = f"{local.month}月{local.day}日 {local:%H:%M}"
    return f"{local.year}年{text}" if show_year else text


def describe_time_left(delta: dt.timedelta, *, language: str) -> str:
    """Plain words for the time until (or since) the deadline."""
    with translation.override(language):
        seconds = int(delta.total_seconds())
        past = seconds < 0
        minutes = abs(seconds) // 60
        days, minutes = divmod(minutes, 24 * 60)
        hours, minutes = divmod(minutes, 60)
        parts = []
        if days:
            parts.append(ngettext("%(n)d 天", "%(n)d 天", days) % {"n": days})
        if hours:
            parts.append(ngettext("%(n)d 小时", "%(n)d 小时", hours) % {"n": hours})
        if minutes and not days:
            parts.append(ngettext("%(n)d 分钟", "%(n)d 分钟", minutes) % {"n": minutes})
        amount = " ".join(parts) or _("不到 1 分钟")
        if past:
            return _("已超过最后期限 %(amount)s") % {"amount": amount}
        return _("还剩 %(amount)s") % {"amount": amount}
