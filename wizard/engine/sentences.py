"""The sentences a plan says: placeholder values for the step texts, the caveats a step adds
about how sure we are, the grace-period note, the payment time as evidence, the reasons.

Pure, like the rest of the engine; the step rules (building) decide which steps a plan has,
this module what they say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from config.language import pick
from providers.facts import Channel, Fact, Provenance, RungKind, yuan_text
from wizard.engine import cannot_pay
from wizard.engine.answers import SHANGHAI, Autopay, CardStatus, Check, Symptom, YesNoUnsure
from wizard.engine.deadlines import Status, format_moment
from wizard.engine.ladder import LadderRung, format_day, source_name
from wizard.engine.plan import SourcedClaim
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

# The steps that name the provider's hotline: they rest on it.
CALLING_STEPS = frozenset(
    {
        StepCode.CHECK_MONEY_LEFT,
        StepCode.REPORT_DEDUCTED_NOT_CREDITED,
        StepCode.CONTACT_PROVIDER,
        StepCode.FOLLOW_UP_WITH_PROVIDER,
    }
)
LADDER_STEPS = frozenset(
    {
        StepCode.ESCALATE_TO_REGULATOR,
        StepCode.CHECK_CREDIT_REPORT,
        StepCode.DISPUTE_CREDIT_RECORD,
    }
)
PROBLEM_REASONS = {
    Symptom.DECLINED: gettext_lazy("你的还款被拒绝了，钱没有扣走。"),
    Symptom.INSUFFICIENT_FUNDS: gettext_lazy("提示说余额不足。"),
    Symptom.INFO_MISMATCH: gettext_lazy("提示说信息不符，或预留手机号不一致。"),
    Symptom.CARD_PROBLEM: gettext_lazy("你说银行卡过期、冻结或挂失了。"),
    Symptom.LIMIT_EXCEEDED: gettext_lazy("提示说超出了限额。"),
    Symptom.TIMEOUT: gettext_lazy("付款时一直转圈或超时，结果不明。"),
    Symptom.CHANNEL_UNAVAILABLE: gettext_lazy("还款渠道不可用或正在维护。"),
    Symptom.RISK_CONTROL: gettext_lazy("这笔付款被风控或安全验证拦下了。"),
    Symptom.DEDUCTED_NOT_CREDITED: gettext_lazy("钱已经扣了，账单却还显示未还。"),
    Symptom.NO_REPAY_OPTION: gettext_lazy("你找不到还款的入口。"),
    Symptom.OTHER: gettext_lazy("还款没有成功，原因还不清楚。"),
}


class Sentences:
    """What one plan says, in its language (the caller holds translation.override)."""

    def __init__(self, situation: Situation, *, first_rung: FirstRung) -> None:
        self.situation = situation
        self.first_rung = first_rung
        self._values: dict[str, str] | None = None
        self.autopay_time_said = False

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
        if code is StepCode.MEET_DEADLINE and self.situation.tolerance_applies:
            return self.tolerance_note()
        return ""

    def addendum(self, code: StepCode) -> str:
        """What a step adds after its own words: when autopay takes the money, said once, in
        the deadline step for someone who pays by autopay, else where it is turned on."""
        a = self.situation.answers
        if code is StepCode.MEET_DEADLINE and (
            a.channel == Channel.AUTOPAY or a.autopay == Autopay.ON
        ):
            return self.autopay_time_note()
        if code is StepCode.ENABLE_AUTOPAY and not self.autopay_time_said:
            return self.autopay_time_note(turning_on=True)
        return ""

    def fact_for(self, code: StepCode) -> Fact | None:
        """The provider fact a step rests on (None for general advice and the ladder's
        steps, which rest on a record)."""
        if self.situation.provider.is_unknown:
            return None
        if code is StepCode.MEET_DEADLINE:
            return Fact.DUE_CUTOFF
        if code in CALLING_STEPS:
            return Fact.HOTLINE
        if code in (StepCode.ENABLE_AUTOPAY, StepCode.CHECK_AUTOPAY):
            return Fact.AUTOPAY
        return None

    def provenance_for(self, code: StepCode) -> Provenance | None:
        """The one fact or record a step rests on, shown beside it as a certainty tag (None
        where the step is general advice). A fact said in a step is tagged there, never
        hedged in a sentence."""
        s = self.situation
        p = s.provider
        if p.is_unknown and code not in LADDER_STEPS:
            return None
        if fact := self.fact_for(code):
            return p.provenance_of(fact)
        rung = {
            StepCode.ESCALATE_TO_REGULATOR: self.first_rung(RungKind.REGULATOR),
            StepCode.CHECK_CREDIT_REPORT: self.first_rung(RungKind.CREDIT_CHECK),
            StepCode.DISPUTE_CREDIT_RECORD: self.first_rung(RungKind.CREDIT_DISPUTE),
        }.get(code)
        return rung.provenance if rung else None

    def claims_for(self, code: StepCode) -> tuple[SourcedClaim, ...]:
        """The sourced sentences of a step built from several facts, each with its tag."""
        s = self.situation
        if code is StepCode.CANNOT_PAY_IN_FULL:
            return tuple(
                SourcedClaim(claim.code, claim.text(s.language), claim.provenance)
                for claim in cannot_pay.claims_for(s.provider)
            )
        if code is StepCode.MEET_DEADLINE and (note := self.grace_note()):
            # (grace_note is empty where a tolerance applies)
            return (SourcedClaim("grace", note, s.provider.provenance_of(Fact.GRACE)),)
        if code is StepCode.ESCALATE_TO_REGULATOR:
            # The lender's time to answer, and who hears the complaint next.
            rungs = (
                self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True),
                self.first_rung(RungKind.REGULATOR),
            )
            return tuple(
                SourcedClaim(rung.code, rung.title, rung.provenance)
                for rung in rungs
                if rung is not None
            )
        return ()

    def more_for(self, code: StepCode) -> str:
        """What a step says beyond its short detail, folded behind "more" on the page."""
        s = self.situation
        if code is StepCode.MEET_DEADLINE:
            late_fee = s.provider.in_language("late_fee", s.language)
            parts = [self.grace_extras()]
            if late_fee:
                parts.append(_("逾期的费用：%(late_fee)s") % {"late_fee": late_fee})
            return self.sentences(*parts)
        return ""

    def grace_note(self) -> str:
        """What the plan says of a grace period it does not count on (stated elsewhere than
        by the provider, or one that must be asked for); its source is the claim's tag."""
        s = self.situation
        p = s.provider
        rule = s.grace
        if not rule.days or p.grace_is_certain() or s.grace_deadline is None:
            return ""
        if s.tolerance_applies:
            return ""
        values = {
            "provider": p.in_language("name", s.language),
            "n": rule.days,
            "grace_end": self.moment(s.grace_deadline),
        }
        if s.status_now is Status.POSSIBLY_IN_GRACE:
            return (
                ngettext(
                    "如果%(provider)s的 %(n)d 天宽限期适用于你，%(grace_end)s 前还上仍算按时。",
                    "如果%(provider)s的 %(n)d 天宽限期适用于你，%(grace_end)s 前还上仍算按时。",
                    rule.days,
                )
                % values
            )
        if s.status_now is Status.OVERDUE:
            return ""
        return (
            ngettext(
                "有资料说%(provider)s有 %(n)d 天宽限期，到 %(grace_end)s；期限没有算上它。",
                "有资料说%(provider)s有 %(n)d 天宽限期，到 %(grace_end)s；期限没有算上它。",
                rule.days,
            )
            % values
        )

    def grace_extras(self) -> str:
        """How an unconfirmed grace period is had: asked for, how often."""
        s = self.situation
        rule = s.grace
        if not self.grace_note():
            return ""
        parts = []
        if rule.needs_request:
            how = rule.request_how(s.language)
            parts.append(
                _("这个宽限期要先申请才有：%(how)s") % {"how": how}
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

    def sourced(self, fact: Fact) -> str:
        """Where a fact comes from, as the plan names it after the sentence it supports."""
        provenance = self.situation.provider.provenance_of(fact)
        return _("(来源:%(source)s,核对于 %(checked_on)s,%(certainty)s。)") % {
            "source": source_name(provenance.source) or provenance.label,
            "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else "—",
            "certainty": provenance.label,
        }

    def tolerance_note(self) -> str:
        """What the plan says to a person whose unpaid remainder is under the tolerance:
        not overdue, clear the rest before the next statement, and how sure that is."""
        p = self.situation.provider
        values = {
            "provider": p.in_language("name", self.situation.language),
            "amount": yuan_text(p.tolerance_yuan or Decimal(0)),
            "hotline": p.hotline or _("账单上的客服电话"),
        }
        if p.tolerance_is_certain():
            parts = [_("差的钱在%(provider)s的容差 %(amount)s 元以内,不算逾期。") % values]
        else:
            parts = [
                _("差的钱可能在%(provider)s的容差 %(amount)s 元以内,不算逾期。") % values,
                _("容差没有官方确认,请打 %(hotline)s 问一下。") % values,
            ]
        parts += [
            _("下一期账单出来前,把差的钱还上。前提是已还的部分按时到了账。"),
            self.sourced(Fact.TOLERANCE),
        ]
        return self.sentences(*parts)

    def autopay_time_note(self, *, turning_on: bool = False) -> str:
        """When automatic repayment takes the money, where the lender states it: it runs on
        its own clock (CCB: by 07:00 on the due date, not its 16:00 cutoff)."""
        p = self.situation.provider
        timing = p.autopay_time
        if timing.funded_by is None:
            return ""
        self.autopay_time_said = True
        values = {
            "provider": p.in_language("name", self.situation.language),
            "time": timing.funded_by.strftime("%H:%M"),
            "cutoff": p.due_cutoff.strftime("%H:%M"),
        }
        if turning_on:
            parts = [_("开通后,每期都要在还款日 %(time)s 前把钱存进扣款账户。") % values]
        elif timing.funded_by < p.due_cutoff:
            parts = [
                _(
                    "自动扣款的钱要在还款日 %(time)s 前存进扣款账户,"
                    "比主动还款的截止时间 %(cutoff)s 早。"
                )
                % values
            ]
        else:
            parts = [_("自动扣款的钱要在还款日 %(time)s 前存进扣款账户。") % values]
        if not turning_on and timing.retry_days is not None and timing.retry_at is not None:
            retry = dt.datetime.combine(
                self.situation.answers.due_date + dt.timedelta(days=timing.retry_days),
                timing.retry_at,
                tzinfo=SHANGHAI,
            )
            if retry > self.situation.now:
                parts.append(
                    _("%(provider)s会在 %(retry)s 再扣一次,在那之前存够钱。")
                    % {**values, "retry": self.moment(retry)}
                )
        parts.append(self.sourced(Fact.AUTOPAY_TIME))
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
            "pay_by": self.pay_by(),
            "money_check": self.money_check(),
            "deadline_title": self.deadline_title(),
            "deadline_rule": self.deadline_rule(),
            "credit_ask": self.credit_ask(),
            "follow_up_when": self.follow_up_when(),
            "cannot_pay": self.sentences(
                *(claim.text for claim in self.claims_for(StepCode.CANNOT_PAY_IN_FULL))
            ),
            **self.ladder_placeholder_values(),
        }
        if s.window:
            w = s.window
            can_wait = w.ends_at < s.deadline
            if s.money_already_left:
                advice = _("维护结束后,再看一下账单是否已经入账。")
            elif s.status_now is Status.OVERDUE:
                advice = _("已经过了期限，别等维护结束，现在改用其他渠道还。")
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
        values = {
            "attempt": self.moment(s.answers.attempted_at),
            "cutoff": self.moment(s.due_cutoff),
            "grace_end": self.moment(s.grace_deadline),
            "deadline": self.moment(s.deadline),
        }
        if s.status in (Status.NOT_DUE, Status.DUE_TODAY):
            return _("你在 %(attempt)s 付款，早于截止时间 %(cutoff)s，是按时付的。") % values
        if s.status is Status.IN_GRACE:
            return _("你在 %(attempt)s 付款，在宽限期内（%(grace_end)s 前），是按时付的。") % values
        if s.status is Status.POSSIBLY_IN_GRACE:
            return (
                _("你在 %(attempt)s 付款，晚于当天截止时间 %(cutoff)s，但在资料所说的宽限期内。")
                % values
            )
        if not s.paid_overdue_for_sure:
            return (
                _(
                    "你在 %(attempt)s 付款，可能晚于截止时间 %(deadline)s（未核实）。问清会不会产生费用。"  # noqa: E501
                )
                % values
            )
        return _("你在 %(attempt)s 付款，晚于截止时间 %(deadline)s。问清会不会产生费用。") % values

    def status_sentence(self) -> str:
        s = self.situation
        if s.status_now is Status.OVERDUE:
            if s.overdue_now_for_sure:
                return _("%(deadline)s 已经过了。") % {"deadline": self.moment(s.deadline)}
            return _("按我们查到的 %(cutoff)s 算，可能已经过了期限。") % {
                "cutoff": s.provider.due_cutoff.strftime("%H:%M")
            }
        return {
            Status.NOT_DUE: _("还没到还款日。"),
            Status.DUE_TODAY: _("今天就是还款日。"),
            Status.IN_GRACE: _("已过还款日,但还在宽限期内。"),
            Status.POSSIBLY_IN_GRACE: _("已过还款日当天的截止时间。"),
            Status.WITHIN_TOLERANCE: _("这期账单视同还清。"),
            Status.MAYBE_WITHIN_TOLERANCE: _("这期账单可能已视同还清(待核实)。"),
        }[s.status_now]

    def pay_by(self) -> str:
        """When to pay, as a step ends its sentence with it: ", before the deadline" while the
        deadline is ahead; nothing once it is behind (the deadline step says "now")."""
        s = self.situation
        if s.status_now in (Status.POSSIBLY_IN_GRACE, Status.OVERDUE):
            return ""
        return _("，赶在 %(deadline)s 前") % {"deadline": self.moment(s.deadline)}

    def money_check(self) -> str:
        """The outage step's check that nothing left; said once, so not where a message's
        unknown result already leads the plan with it."""
        s = self.situation
        if s.answers.outcome_unknown and not s.money_already_left:
            return ""
        return _("先看扣款短信和%(provider)s账单，确认刚才那笔没扣，免得重复还。") % {
            "provider": s.provider.in_language("name", s.language)
        }

    def deadline_title(self) -> str:
        s = self.situation
        if s.tolerance_applies:
            # The bill counts as paid: the deadline that matters is the next statement's.
            return _("下一期账单出来前,还上差的钱")
        cutoff = s.provider.due_cutoff.strftime("%H:%M")
        if s.status_now is Status.POSSIBLY_IN_GRACE:
            return _("现在就还：可能还在宽限期内")
        if s.status_now is Status.OVERDUE and s.overdue_now_for_sure:
            return _("已过最后期限：现在就还")
        if s.status_now is Status.OVERDUE:
            return _("可能已过期限（%(cutoff)s，未核实）：现在就还") % {"cutoff": cutoff}
        return _("最后期限：%(deadline)s") % {"deadline": self.moment(s.deadline)}

    def deadline_rule(self) -> str:
        """The rule the deadline comes from, once: a confirmed grace period is the deadline."""
        s = self.situation
        p = s.provider
        values = {
            "provider": p.in_language("name", s.language),
            "cutoff": p.due_cutoff.strftime("%H:%M"),
            "deadline": self.moment(s.deadline),
            "n": s.grace.days,
        }
        if s.status_now is Status.OVERDUE:
            return _("越早还上，费用越少。")
        if s.status_now is Status.POSSIBLY_IN_GRACE:
            return self.grace_note()
        if s.grace.days and p.grace_is_certain():
            return (
                ngettext(
                    "%(provider)s有 %(n)d 天宽限期，%(deadline)s 前还上都算按时。",
                    "%(provider)s有 %(n)d 天宽限期，%(deadline)s 前还上都算按时。",
                    s.grace.days,
                )
                % values
            )
        if p.is_unknown:
            return _("这是我们记录里各家最早的截止时间，早还不会多花钱。")
        return self.sentences(
            _("%(provider)s当天 %(cutoff)s 前的还款才算按时。") % values, self.grace_note()
        )

    def credit_ask(self) -> str:
        s = self.situation
        name = s.provider.in_language("name", s.language)
        if s.money_already_left:
            return _("请%(provider)s按你付款的时间入账，不记逾期。") % {"provider": name}
        return _("是系统或银行的原因没能按时还的，还上后请%(provider)s核实，别记成逾期。") % {
            "provider": name
        }

    def follow_up_when(self) -> str:
        complaint = self.first_rung(RungKind.PROVIDER_COMPLAINT, timed=True)
        if complaint is not None:
            return _("%(n)s 天内没有答复，或答复不合理，就正式投诉，再往上找监管部门。") % {
                "n": complaint.facts.time_limit_days
            }
        return _("到约定时间还没结果，或答复不合理，就正式投诉，再往上找监管部门。")

    # Why a step is there, as a sentence about what the person told us or where things stand.

    def why_problem(self) -> str:
        return str(PROBLEM_REASONS[Symptom(self.situation.answers.symptom)])

    def why_message_unknown(self) -> str:
        return _("你看到的提示说结果未知，钱可能已经扣了。")

    def why_lender_unknown(self) -> str:
        return _("你不确定是哪家机构。")

    def why_window(self) -> str:
        s = self.situation
        return _("%(provider)s在你还款时或现在正在维护。") % {
            "provider": s.provider.in_language("name", s.language)
        }

    def why_payment_time(self) -> str:
        # The moment itself is in the step's title and detail: the why says what it decides.
        return _("算不算按时，看的是你付款的时间，不是入账的时间。")

    def why_deadline(self) -> str:
        # The date and the hour are the step's title and detail; the why does not say them again.
        if self.situation.status_now in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE):
            return _("还款日已经过了。")
        return _("按时还上，就不算逾期。")

    def why_contact(self, *, follow_up: bool) -> str:
        s = self.situation
        if follow_up:
            return _("你说已经联系过客服，这次要跟进结果。")
        return _("只有%(provider)s能查明这笔为什么没还上。") % {
            "provider": s.provider.in_language("name", s.language)
        }

    def why_credit(self, standing: Status) -> str:
        s = self.situation
        if s.money_already_left:
            if standing is Status.OVERDUE:
                return _("付款晚于截止时间，要问清会不会记成逾期。")
            return _("你按时付了款，不该被记成逾期。")
        if standing is Status.OVERDUE and s.overdue_now_for_sure:
            return _("已经逾期，可能会上报征信。")
        if standing in (Status.OVERDUE, Status.POSSIBLY_IN_GRACE):
            return _("可能已经过了期限，要防止记成逾期。")
        if standing is Status.IN_GRACE:
            return _("还在宽限期内，过了就可能记成逾期。")
        return _("按时还上，信用记录就不受影响。")

    def why_escalate(self) -> str:
        s = self.situation
        return ngettext(
            "方案生成于 %(day)s，已经过了 %(n)d 天。",
            "方案生成于 %(day)s，已经过了 %(n)d 天。",
            s.case_age,
        ) % {"day": self.day(s.case_day), "n": s.case_age}

    def why_credit_check(self) -> str:
        return _("查一下才知道这笔有没有被记成逾期。")

    def why_dispute(self) -> str:
        return _("你在 %(attempt)s 按时付了款，记成逾期就是记错了。") % {
            "attempt": self.moment(self.situation.answers.attempted_at)
        }

    def why_autopay(self, autopay: str, *, failed: bool) -> str:
        if failed:
            return _("你是用自动扣款还的，这次却没扣成。")
        if autopay == Autopay.UNSURE:
            return _("你不确定有没有开通自动还款。")
        return _("你说还没有开通自动还款。")

    def why_card_status(self, status: str) -> str:
        if status == CardStatus.UNSURE:
            return _("你不确定银行卡现在的状态。")
        return _("你说银行卡%(status)s。") % {
            "status": self.in_sentence(str(CardStatus(status).label))
        }

    def why_check(self, what: str, value: str) -> str:
        what = self.in_sentence(what)
        if value == Check.UNSURE:
            return _("你不确定%(what)s对不对。") % {"what": what}
        return _("你说%(what)s有误或已变更。") % {"what": what}

    def why_balance(self, enough: str) -> str:
        if enough == YesNoUnsure.UNSURE:
            return _("你不确定扣款账户的钱够不够。")
        return _("你说扣款账户的钱不够。")

    def why_held(self, held: str) -> str:
        if held == YesNoUnsure.UNSURE:
            return _("你不确定有没有钱被冻结或预授权占用。")
        return _("你说有钱被冻结或预授权占用。")

    def why_limit(self) -> str:
        return _("你说碰到了支付限额。")

    def in_sentence(self, label: str) -> str:
        """A form label inside a sentence ("Card number" → "card number" in English)."""
        return pick(self.situation.language, zh=label, en=label[:1].lower() + label[1:])

    def join(self, reasons: list[str]) -> str:
        return self.sentences(*dict.fromkeys(reasons))

    def day(self, day: dt.date) -> str:
        return format_day(day, language=self.situation.language, today=self.situation.today)
