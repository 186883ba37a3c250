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
from wizard.engine.answers import SHANGHAI


class Status(enum.StrEnum):
    """Where a moment stands against a due date, its cutoff and any grace period."""

    NOT_DUE = "not_due"
    DUE_TODAY = "due_today"
    IN_GRACE = "in_grace"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.NOT_DUE: gettext_lazy("未到还款日"),
    Status.DUE_TODAY: gettext_lazy("今天到期"),
    Status.IN_GRACE: gettext_lazy("在宽限期内"),
    Status.OVERDUE: gettext_lazy("已逾期"),
}


def due_cutoff_for(due_date: dt.date, provider: ProviderFacts) -> dt.datetime:
    """The last minute a payment counts as on time on the due date itself."""
    return dt.datetime.combine(due_date, provider.cutoff_time, tzinfo=SHANGHAI)


def deadline_for(due_date: dt.date, provider: ProviderFacts) -> dt.datetime:
    """The last minute a payment counts at all: the cutoff time on due date + grace days.

    Banks that grant a grace period still apply their daily cutoff on its last
    day (some end it at 20:00 or 21:00), so the grace period ends at the cutoff,
    not at midnight.
    """
    return due_cutoff_for(due_date + dt.timedelta(days=provider.planning_grace_days), provider)


def _made_by(moment: dt.datetime, limit: dt.datetime) -> bool:
    # Cutoffs are stated to the minute ("before 20:00" is read as "by 20:00"),
    # so any second inside the cutoff minute still counts.
    return moment < limit + dt.timedelta(minutes=1)


def status_at(moment: dt.datetime, *, due_date: dt.date, provider: ProviderFacts) -> Status:
    """Where a payment made at `moment` stands against the due date, cutoff and grace period."""
    local = moment.astimezone(SHANGHAI)
    if local.date() < due_date:
        return Status.NOT_DUE
    if _made_by(local, due_cutoff_for(due_date, provider)):
        return Status.DUE_TODAY
    if provider.planning_grace_days and _made_by(local, deadline_for(due_date, provider)):
        return Status.IN_GRACE
    return Status.OVERDUE


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
