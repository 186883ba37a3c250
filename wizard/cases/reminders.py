"""A plan's reminders for the person's own calendar: an iCalendar (.ics) file and a line to copy.

The times are the plan's own (`Plan.deadline`, `Plan.grace_deadline`), so the calendar can
never disagree with the page. Each event is 30 minutes long and ends at the moment it is
about (the deadline, the stated grace end), so the calendar shows it as "due by then".
Alarms: 09:00 Beijing time the day before, and 2 hours before; one already past is left out.

Nothing personal goes in: the provider's name and public hotline, the plan's link (its code
is the person's own reference) and short text. UIDs are made from the case's code and the
event's kind, so a second download updates the same events instead of adding new ones.
Kept minimal (VEVENT and VALARM, times in UTC): MIUI's calendar rejects files with extras
such as REFRESH-INTERVAL (escalation.md §5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from providers.facts import Fact
from wizard.engine.answers import SHANGHAI
from wizard.engine.building import Plan
from wizard.engine.deadlines import Status, format_moment

UID_DOMAIN = "repayhelp"
EVENT_LENGTH = dt.timedelta(minutes=30)
MORNING = dt.time(9, 0)
BEFORE = dt.timedelta(hours=2)


@dataclass(frozen=True)
class Reminder:
    """One calendar event: what it is about, when it ends, and when to be alerted."""

    kind: str
    summary: str
    description: str
    ends_at: dt.datetime
    alarms: tuple[dt.datetime, ...]
    sequence: int = 0

    @property
    def starts_at(self) -> dt.datetime:
        return self.ends_at - EVENT_LENGTH


def morning_before(moment: dt.datetime) -> dt.datetime:
    """09:00 Beijing time on the day before `moment`'s Beijing date."""
    day = moment.astimezone(SHANGHAI).date() - dt.timedelta(days=1)
    return dt.datetime.combine(day, MORNING, tzinfo=SHANGHAI)


def upcoming_alarms(moment: dt.datetime, *, now: dt.datetime) -> tuple[dt.datetime, ...]:
    return tuple(alarm for alarm in (morning_before(moment), moment - BEFORE) if alarm > now)


def may_be_in_grace(plan: Plan) -> bool:
    """A stated grace period nobody has confirmed may still give time (the plan says so)."""
    return plan.grace_deadline is not None and Status.POSSIBLY_IN_GRACE in (
        plan.status_now,
        plan.status,
    )


def bill_check_at(plan: Plan) -> tuple[dt.datetime, int]:
    """When to look at the bill again after money left: 09:00 the day after the payment, or
    the next 09:00 from now once that has passed; and how many days it moved (the event's
    SEQUENCE, so calendars take the later time as an update)."""
    attempt_day = plan.answers.attempted_at.astimezone(SHANGHAI).date()
    first = dt.datetime.combine(attempt_day + dt.timedelta(days=1), MORNING, tzinfo=SHANGHAI)
    if first > plan.now:
        return first, 0
    today = plan.now.astimezone(SHANGHAI).date()
    at = dt.datetime.combine(today, MORNING, tzinfo=SHANGHAI)
    if at <= plan.now:
        at += dt.timedelta(days=1)
    return at, (at.date() - first.date()).days


def reminders_for(plan: Plan, *, plan_url: str) -> tuple[Reminder, ...]:
    """The plan's reminders, in the plan's language.

    Money already charged: no "pay" reminder (the plan says not to pay again), but one to
    check that the bill shows the payment. Otherwise the deadline, and for a grace period
    that may apply but is not confirmed, its stated end as an event that says so.
    """
    p = plan.provider
    with translation.override(plan.language):
        name = p.in_language("name", plan.language)
        hotline = p.hotline or _("账单或扣款短信上的客服电话")
        link = _("你的方案:%(url)s") % {"url": plan_url}
        if plan.money_already_left:
            at, moved = bill_check_at(plan)
            attempt = format_moment(plan.answers.attempted_at, language=plan.language)
            return (
                Reminder(
                    kind="bill-check",
                    summary=_("查看%(provider)s账单是否已入账") % {"provider": name},
                    description="\n".join(
                        [
                            _(
                                "你在 %(attempt)s 付款,钱已经扣了。看一下账单是否已经显示这笔还款;"
                                "还没有显示就打 %(hotline)s,先别再付一次。"
                            )
                            % {"attempt": attempt, "hotline": hotline},
                            link,
                        ]
                    ),
                    ends_at=at + EVENT_LENGTH,
                    alarms=(at,),
                    sequence=moved,
                ),
            )
        deadline_text = format_moment(plan.deadline, language=plan.language)
        reminders = [
            Reminder(
                kind="deadline",
                summary=_("%(provider)s还款最后期限") % {"provider": name},
                description="\n".join(
                    [
                        _("在 %(deadline)s 前把这一期还上。还不上就打 %(hotline)s。")
                        % {"deadline": deadline_text, "hotline": hotline},
                        link,
                    ]
                ),
                ends_at=plan.deadline,
                alarms=upcoming_alarms(plan.deadline, now=plan.now),
            )
        ]
        if may_be_in_grace(plan):
            assert plan.grace_deadline is not None
            certainty = p.provenance_of(Fact.GRACE).label
            reminders.append(
                Reminder(
                    kind="grace",
                    summary=_("%(provider)s宽限期可能到此为止(未经确认)") % {"provider": name},
                    description="\n".join(
                        [
                            _(
                                "公开资料说宽限期到 %(end)s 为止,"
                                "但没有得到官方确认(%(certainty)s)。"
                                "别等到这时才还;请打 %(hotline)s 确认。"
                            )
                            % {
                                "end": format_moment(plan.grace_deadline, language=plan.language),
                                "certainty": certainty,
                                "hotline": hotline,
                            },
                            link,
                        ]
                    ),
                    ends_at=plan.grace_deadline,
                    alarms=upcoming_alarms(plan.grace_deadline, now=plan.now),
                )
            )
        return tuple(reminders)


def has_upcoming(reminders: tuple[Reminder, ...], *, now: dt.datetime) -> bool:
    """Whether a calendar file would still remind of anything: an alarm ahead of now.

    With minutes left, every alarm (the morning before, two hours before) has passed, so the
    page offers no reminder rather than one for times already gone.
    """
    return any(alarm > now for reminder in reminders for alarm in reminder.alarms)


def reminder_calendar(*, plan: Plan, case_code: str, plan_url: str) -> bytes:
    """The plan's reminders as an iCalendar file (RFC 5545), UTF-8."""
    calendar = Calendar()
    calendar.add("prodid", "-//repayhelp//plan reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for reminder in reminders_for(plan, plan_url=plan_url):
        event = Event()
        event.add("uid", f"{case_code}-{reminder.kind}@{UID_DOMAIN}")
        event.add("dtstamp", plan.now.astimezone(dt.UTC))
        event.add("sequence", reminder.sequence)
        event.add("dtstart", reminder.starts_at.astimezone(dt.UTC))
        event.add("dtend", reminder.ends_at.astimezone(dt.UTC))
        event.add("summary", reminder.summary)
        event.add("description", reminder.description)
        event.add("url", plan_url)
        event.add("transp", "TRANSPARENT")
        for at in reminder.alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", reminder.summary)
            # Relative to the start: the form every calendar app understands.
            alarm.add("trigger", at - reminder.starts_at)
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def deadline_line(plan: Plan) -> str:
    """The deadline as one line to copy, for people who keep no calendar."""
    p = plan.provider
    language = plan.language
    with translation.override(language):
        values = {
            "provider": p.in_language("name", language),
            "deadline": format_moment(plan.deadline, language=language),
        }
        if plan.money_already_left:
            return _("%(provider)s:已于 %(attempt)s 付款(钱已扣),还款最后期限 %(deadline)s") % {
                **values,
                "attempt": format_moment(plan.answers.attempted_at, language=language),
            }
        line = _("%(provider)s还款最后期限:%(deadline)s") % values
        if may_be_in_grace(plan):
            assert plan.grace_deadline is not None
            line += _(";宽限期可能到 %(end)s 为止(未经官方确认)") % {
                "end": format_moment(plan.grace_deadline, language=language)
            }
        return line
