"""The sentences a plan says: placeholder values for the step texts, the caveats a step adds
about how sure we are, the grace-period note, the payment time as evidence, the reasons.

Pure, like the rest of the engine; the step rules (building) decide which steps a plan has,
this module what they say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.language import pick
from providers.facts import Fact, RungKind
from wizard.engine.answers import SHANGHAI
from wizard.engine.deadlines import Status, format_moment
from wizard.engine.ladder import LadderRung, format_day, source_name, sourced
from wizard.engine.situation import Situation
from wizard.engine.steps import StepCode

# The steps that move money: after an unknown outcome each waits for the money check.
PAYING_STEPS = frozenset(
    {
        StepCode.MAINTENANCE_WINDOW,
        StepCode.OUTAGE_PROCEDURE,
        StepCode.FIX_CARD_STATUS,
        StepCode.PASS_RISK_CHECK,
        StepCode.ENSURE_FUNDS,
        StepCode.WAIT_FOR_PREAUTH_RELEASE,
        StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL,
        StepCode.MEET_DEADLINE,
    }
)

FirstRung = Callable[..., LadderRung | None]


class Sentences:
    """What one plan says, in its language (the caller holds translation.override)."""

    def __init__(self, situation: Situation, *, first_rung: FirstRung) -> None:
        self.situation = situation
        self.first_rung = first_rung
        self._values: dict[str, str] | None = None

    def sentences(self, *parts: str) -> str:
        return pick(self.situation.language, zh="", en=" ").join(part for part in parts if part)

    def precondition(self, code: StepCode) -> str:
        """What must be true before the step is taken, said before the step's own words."""
        if (
            self.situation.answers.outcome_unknown
            and code in PAYING_STEPS
            and not self.situation.money_already_left
        ):
            # The message said the result is unknown: no step may send money before the
            # person has seen that the last attempt did not take it.
            return _("先按第一步确认上一笔没有扣款,再做这一步。")
        return ""

    def caveat(self, code: StepCode) -> str:
        """What the step must add about how sure we are of the facts it rests on."""
        s = self.situation
        p = s.provider
        name = p.in_language("name", s.language)
        if code is StepCode.MEET_DEADLINE:
            notes = [self.grace_note()]
            due_cutoff = p.provenance_of(Fact.DUE_CUTOFF)
            if not due_cutoff.is_official and not p.is_unknown:
                notes.append(
                    _(
                        "当天截止时间 %(cutoff)s 尚未得到官方确认(%(certainty)s),请以%(provider)s的通知为准。"  # noqa: E501
                    )
                    % {
                        "cutoff": p.due_cutoff.strftime("%H:%M"),
                        "certainty": due_cutoff.label,
                        "provider": name,
                    }
                )
            return self.sentences(*notes)
        if (
            code in (StepCode.CONTACT_PROVIDER, StepCode.REPORT_DEDUCTED_NOT_CREDITED)
            and not p.is_unknown
            and not p.provenance_of(Fact.HOTLINE).is_official
        ):
            return _("这个号码来自公开资料,尚未得到官方确认;拨打前请在官方 App 或账单上核对一下。")
        rungs = {
            StepCode.ESCALATE_TO_REGULATOR: (
                self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True),
                self.first_rung(RungKind.REGULATOR),
            ),
            StepCode.CHECK_CREDIT_REPORT: (self.first_rung(RungKind.CREDIT_CHECK),),
            StepCode.DISPUTE_CREDIT_RECORD: (self.first_rung(RungKind.CREDIT_DISPUTE),),
        }.get(code, ())
        notes = [
            f"({sourced(rung.provenance, language=s.language)})"
            for rung in rungs
            if rung is not None
        ]
        return self.sentences(*notes)

    def grace_note(self) -> str:
        """What the plan says about a grace period it does not count on.

        Past the due-date cutoff inside a stated but unconfirmed grace period (or one that
        must be asked for): pay now, and here is what the grace would give you, from where,
        and how to confirm or request it.
        """
        s = self.situation
        p = s.provider
        rule = s.grace
        provenance = p.provenance_of(Fact.GRACE)
        if not rule.days or p.grace_is_certain() or s.grace_deadline is None:
            return ""
        values = {
            "provider": p.in_language("name", s.language),
            "n": rule.days,
            "grace_end": format_moment(s.grace_deadline, language=s.language, now=s.now),
            "source": source_name(provenance.source) or provenance.label,
            "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else "—",
            "certainty": provenance.label,
        }
        if s.status_now is Status.POSSIBLY_IN_GRACE:
            note = (
                ngettext(
                    "现在就还,别等。如果%(provider)s的 %(n)d 天宽限期适用于你的卡"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "在 %(grace_end)s 前还上仍算按时。",
                    "现在就还,别等。如果%(provider)s的 %(n)d 天宽限期适用于你的卡"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "在 %(grace_end)s 前还上仍算按时。",
                    rule.days,
                )
                % values
            )
        else:
            note = (
                ngettext(
                    "公开资料称%(provider)s有 %(n)d 天宽限期,到 %(grace_end)s 为止"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "但没有官方确认,这里按没有宽限期计算。",
                    "公开资料称%(provider)s有 %(n)d 天宽限期,到 %(grace_end)s 为止"
                    "(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s),"
                    "但没有官方确认,这里按没有宽限期计算。",
                    rule.days,
                )
                % values
            )
        parts = [note]
        if p.hotline:
            parts.append(
                _("请打 %(hotline)s 向%(provider)s确认。")
                % {"hotline": p.hotline, "provider": values["provider"]}
            )
        if rule.needs_request:
            how = rule.request_how(s.language)
            parts.append(
                _("这个宽限期要先申请才有:%(how)s") % {"how": how}
                if how
                else _("这个宽限期要先向机构申请才有。")
            )
        if rule.uses_per_year:
            parts.append(
                ngettext(
                    "资料称每年只能用 %(n)d 次。", "资料称每年只能用 %(n)d 次。", rule.uses_per_year
                )
                % {"n": rule.uses_per_year}
            )
        return self.sentences(*parts)

    def value(self, name: str) -> str:
        return self.placeholder_values()[name]

    def placeholder_values(self) -> dict[str, str]:
        s = self.situation
        if self._values is not None:
            return self._values
        p = s.provider
        lang = s.language
        rule = s.grace
        if rule.days and p.grace_is_certain():
            grace = ngettext(
                "宽限期 %(n)d 天,到 %(end)s 为止", "宽限期 %(n)d 天,到 %(end)s 为止", rule.days
            ) % {"n": rule.days, "end": self.moment(s.grace_deadline)}
        elif rule.days:
            grace = _("宽限期尚未得到官方确认,这里按没有宽限期计算")
        elif p.provenance_of(Fact.GRACE).is_official:
            grace = _("没有宽限期")
        else:
            grace = _("没有查到可以依靠的宽限期,按没有宽限期计算")
        values = {
            "provider": p.in_language("name", lang),
            "hotline": p.hotline or _("账单或扣款短信上的客服电话"),
            "repay_path": p.in_language("repay_path", lang),
            "deadline": self.moment(s.deadline),
            "grace_deadline": self.moment(s.grace_deadline) if s.grace_deadline else "",
            "cutoff": p.due_cutoff.strftime("%H:%M"),
            "grace": grace,
            "late_fee": p.in_language("late_fee", lang),
            "autopay_how": p.in_language("autopay_how", lang),
            "status_text": self.status_sentence(),
            "attempt_time": self.moment(s.answers.attempted_at),
            "attempt_evidence": self.attempt_evidence(),
            **self.ladder_placeholder_values(),
        }
        if s.window:
            w = s.window
            can_wait = w.ends_at < s.deadline
            if s.money_already_left:
                advice = _("维护结束后,再看一下账单是否已经入账。")
            elif can_wait:
                advice = _("维护结束时仍在还款期限内,可以等结束后马上还。")
            else:
                advice = _("维护要到期限之后才结束,请现在改用其他渠道还款。")
            values.update(
                window_end=self.moment(w.ends_at),
                window_channels=pick(lang, zh=w.channels_zh, en=w.channels_en),
                window_notice=(
                    _("机构公告:“%(notice)s”") % {"notice": notice}
                    if (notice := pick(lang, zh=w.notice_zh, en=w.notice_en))
                    else ""
                ),
                window_advice=advice,
            )
        self._values = values
        return values

    def ladder_placeholder_values(self) -> dict[str, str]:
        """The ladder's words and dates as step texts may name them ("" where none apply)."""
        complaint = self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True)
        regulator = self.first_rung(RungKind.REGULATOR)
        check = self.first_rung(RungKind.CREDIT_CHECK)
        dispute = self.first_rung(RungKind.CREDIT_DISPUTE)
        return {
            "regulator_title": regulator.title if regulator else "",
            "regulator_text": regulator.text if regulator else "",
            "complaint_days": str(complaint.facts.time_limit_days) if complaint else "",
            "complaint_start": self.day(self.situation.case_day),
            "complaint_by": self.day(complaint.answer_by)
            if complaint and complaint.answer_by
            else "",
            "case_age": str(self.situation.case_age),
            "credit_check": check.text if check else "",
            "dispute_text": dispute.text if dispute else "",
            "dispute_by": self.day(dispute.answer_by) if dispute and dispute.answer_by else "",
        }

    def moment(self, moment: dt.datetime | None) -> str:
        return (
            format_moment(moment, language=self.situation.language, now=self.situation.now)
            if moment
            else ""
        )

    def attempt_evidence(self) -> str:
        """The payment's time against the deadline, as the person can say it to the provider."""
        s = self.situation
        attempt = s.answers.attempted_at.astimezone(SHANGHAI).strftime("%H:%M")
        values = {
            "attempt": self.moment(s.answers.attempted_at),
            "attempt_clock": attempt,
            "cutoff": self.moment(s.due_cutoff),
            "grace_end": self.moment(s.grace_deadline),
            "deadline": self.moment(s.deadline),
        }
        if s.status in (Status.NOT_DUE, Status.DUE_TODAY):
            return _("你在 %(attempt)s 付款,早于截止时间 %(cutoff)s,是按时付的。") % values
        if s.status is Status.IN_GRACE:
            return _("你在 %(attempt)s 付款,在宽限期内(%(grace_end)s 前),是按时付的。") % values
        if s.status is Status.POSSIBLY_IN_GRACE:
            return (
                _(
                    "你在 %(attempt)s 付款,晚于还款日当天的截止时间 %(cutoff)s,"
                    "但在公开资料所说的宽限期内(%(grace_end)s 前)。"
                )
                % values
            )
        return (
            _(
                "你在 %(attempt)s 付款,晚于截止时间 %(deadline)s。请客服按实际扣款时间入账,并说明会不会产生费用。"  # noqa: E501
            )
            % values
        )

    def status_sentence(self) -> str:
        return {
            Status.NOT_DUE: _("还没到还款日。"),
            Status.DUE_TODAY: _("今天就是还款日。"),
            Status.IN_GRACE: _("已过还款日,但还在宽限期内。"),
            Status.POSSIBLY_IN_GRACE: _(
                "已过还款日当天的截止时间。可能还在宽限期内,但宽限期没有官方确认,请现在就还。"
            ),
            Status.OVERDUE: _("已经过了最后期限,越早还上,产生的费用越少。"),
        }[self.situation.status_now]

    def because(self, question: str, answer: object) -> str:
        return _("%(question)s:%(answer)s") % {"question": question, "answer": answer}

    def join(self, reasons: list[str]) -> str:
        return _(";").join(reasons)

    def day(self, day: dt.date) -> str:
        return format_day(day, language=self.situation.language, today=self.situation.today)
