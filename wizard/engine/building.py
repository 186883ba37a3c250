"""Plan building: `build_plan` turns answers, provider facts and now into ordered steps.

Pure: no request, session, database or template (see wizard/engine/__init__.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config.language import is_english, pick
from providers.facts import Channel, Fact, MaintenanceWindowFacts, ProviderFacts
from wizard.engine.answers import (
    SHANGHAI,
    Answers,
    Autopay,
    CardStatus,
    Check,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.engine.deadlines import (
    Status,
    deadline_for,
    describe_time_left,
    due_cutoff_for,
    format_moment,
    status_at,
)
from wizard.engine.steps import Advice, StepCode, Urgency, least_urgent
from wizard.engine.summary import case_summary
from wizard.engine.wording import DEFAULT_TEXTS, StepText, fill


@dataclass(frozen=True)
class Step:
    code: StepCode
    urgency: Urgency
    title: str
    detail: str
    because: str

    @property
    def advice(self) -> Advice:
        return self.code.advice

    @property
    def urgency_label(self) -> str:
        return self.urgency.label

    def to_dict(self) -> dict[str, str]:
        return {
            "code": str(self.code),
            "urgency": str(self.urgency),
            "title": self.title,
            "detail": self.detail,
            "because": self.because,
        }


@dataclass(frozen=True)
class Plan:
    provider: ProviderFacts
    answers: Answers
    status: Status
    status_now: Status
    due_cutoff: dt.datetime
    deadline: dt.datetime
    now: dt.datetime
    language: str
    steps: tuple[Step, ...]
    window: MaintenanceWindowFacts | None = field(default=None)

    @property
    def time_left(self) -> dt.timedelta:
        """Until the deadline; negative once it has passed."""
        return self.deadline - self.now

    @property
    def time_left_text(self) -> str:
        return describe_time_left(self.time_left, language=self.language)

    @property
    def codes(self) -> list[StepCode]:
        return [step.code for step in self.steps]

    @property
    def status_label(self) -> str:
        return self.status_now.label

    @property
    def deadline_text(self) -> str:
        return format_moment(self.deadline, language=self.language, now=self.now)

    @property
    def case_summary(self) -> str:
        """What to paste to customer service: the situation, never the person."""
        return case_summary(self)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `manage.py plan` prints."""
        provider = self.provider
        return {
            "provider": {
                "slug": provider.slug,
                "name": provider.in_language("name", self.language),
                "hotline": provider.hotline,
                "cutoff": provider.cutoff_time.strftime("%H:%M"),
                "grace_days": provider.planning_grace_days,
                "verified_on": provider.verified_on.isoformat() if provider.verified_on else None,
                "unverified": sorted(provider.unverified_facts),
            },
            "status": str(self.status),
            "status_now": str(self.status_now),
            "deadline": self.deadline.isoformat(),
            "steps": [step.to_dict() for step in self.steps],
        }


def build_plan(
    *,
    answers: Answers,
    provider: ProviderFacts,
    now: dt.datetime,
    windows: Sequence[MaintenanceWindowFacts] = (),
    texts: Mapping[str, StepText] = DEFAULT_TEXTS,
    language: str = "zh-hans",
) -> Plan:
    """Turn a person's answers into the steps that get the repayment through, most urgent first."""
    with translation.override(language):
        return _PlanBuilder(
            answers=answers,
            provider=provider,
            now=now.astimezone(SHANGHAI),
            windows=windows,
            texts=texts,
            language=language,
        ).build()


class _PlanBuilder:
    """One plan's working state; only `build_plan` uses it."""

    def __init__(
        self,
        *,
        answers: Answers,
        provider: ProviderFacts,
        now: dt.datetime,
        windows: Sequence[MaintenanceWindowFacts],
        texts: Mapping[str, StepText],
        language: str,
    ) -> None:
        self.answers = answers
        self.provider = provider
        self.now = now
        self.texts = texts
        self.language = language
        self.due_cutoff = due_cutoff_for(answers.due_date, provider)
        self.deadline = deadline_for(answers.due_date, provider)
        self.status = status_at(answers.attempted_at, due_date=answers.due_date, provider=provider)
        self.status_now = status_at(now, due_date=answers.due_date, provider=provider)
        self.window = next(
            (w for w in windows if w.covers(answers.attempted_at) or w.covers(now)), None
        )
        self.steps: list[Step] = []

    @property
    def pay_urgency(self) -> Urgency:
        """How soon money has to move, judged by where things stand now."""
        if self.status_now is not Status.NOT_DUE:
            return Urgency.NOW
        if self.deadline - self.now <= dt.timedelta(days=1):
            return Urgency.TODAY
        return Urgency.SOON

    def build(self) -> Plan:
        a = self.answers
        symptom = a.symptom
        symptom_reason = self.because(_("遇到的问题"), Symptom(symptom).label)
        blocker = Urgency.NOW if self.pay_urgency is Urgency.NOW else Urgency.TODAY

        if self.window:
            self.add(
                StepCode.MAINTENANCE_WINDOW,
                Urgency.NOW,
                self.because(
                    _("维护公告"),
                    _("%(provider)s在你还款时或现在处于维护中")
                    % {"provider": self.provider.in_language("name", self.language)},
                ),
            )
        if symptom in (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE):
            self.add(StepCode.OUTAGE_PROCEDURE, blocker, symptom_reason)
        if symptom == Symptom.DEDUCTED_NOT_CREDITED:
            self.add(StepCode.REPORT_DEDUCTED_NOT_CREDITED, Urgency.NOW, symptom_reason)

        self.add_account_steps(blocker, symptom_reason)
        if symptom != Symptom.DEDUCTED_NOT_CREDITED:
            self.add_funds_steps(symptom_reason)

        self.add(
            StepCode.MEET_DEADLINE,
            self.pay_urgency,
            self.because(
                _("还款日"), format_moment(self.due_cutoff, language=self.language, now=self.now)
            ),
        )
        if symptom != Symptom.DEDUCTED_NOT_CREDITED:
            contacted = a.contacted_provider == YesNo.YES
            if symptom == Symptom.NO_REPAY_OPTION or not self.has_self_fix():
                # Nothing the person can fix alone: only the provider can say why.
                contact_urgency = (
                    least_urgent(Urgency.TODAY, self.pay_urgency) if contacted else blocker
                )
            else:
                contact_urgency = least_urgent(
                    Urgency.SOON if contacted else Urgency.TODAY, self.pay_urgency
                )
            self.add(
                StepCode.CONTACT_PROVIDER,
                contact_urgency,
                self.because(_("是否已联系过客服"), YesNo(a.contacted_provider).label),
            )
        self.add(
            StepCode.PROTECT_CREDIT,
            {
                Status.OVERDUE: Urgency.NOW,
                Status.IN_GRACE: Urgency.TODAY,
            }.get(self.status_now, Urgency.LATER),
            self.because(_("目前状态"), self.status_label(self.status_now)),
        )
        if self.provider.autopay_available and (
            a.autopay != Autopay.ON or a.channel == Channel.AUTOPAY
        ):
            self.add(
                StepCode.ENABLE_AUTOPAY,
                Urgency.LATER,
                self.because(_("自动还款"), Autopay(a.autopay).label),
            )

        steps = sorted(
            self.steps,
            key=lambda s: (
                s.urgency.rank,
                0
                if s.code is StepCode.MAINTENANCE_WINDOW
                else 1
                if symptom in s.code.answers
                else 2,
                s.code.position,
            ),
        )
        return Plan(
            provider=self.provider,
            answers=a,
            status=self.status,
            status_now=self.status_now,
            due_cutoff=self.due_cutoff,
            deadline=self.deadline,
            now=self.now,
            language=self.language,
            steps=tuple(steps),
            window=self.window,
        )

    def has_self_fix(self) -> bool:
        return any(step.code.self_fix for step in self.steps)

    def add_account_steps(self, urgency: Urgency, symptom_reason: str) -> None:
        account = self.answers.account
        symptom = self.answers.symptom
        if account is None:
            if symptom == Symptom.INFO_MISMATCH:
                self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, symptom_reason)
            return
        if account.card_status in (CardStatus.EXPIRED, CardStatus.FROZEN, CardStatus.LOST):
            self.add(
                StepCode.FIX_CARD_STATUS,
                urgency,
                self.because(_("银行卡状态"), CardStatus(account.card_status).label),
            )
        doubtful = [
            (label, value)
            for label, value in (
                (_("银行卡号"), account.card_number),
                (_("持卡人姓名"), account.holder_name),
            )
            if value != Check.OK
        ]
        if doubtful or symptom == Symptom.INFO_MISMATCH or account.card_status == CardStatus.UNSURE:
            reasons = [self.because(label, Check(value).label) for label, value in doubtful]
            if account.card_status == CardStatus.UNSURE:
                reasons.append(self.because(_("银行卡状态"), CardStatus.UNSURE.label))
            self.add(StepCode.CHECK_ACCOUNT_INFO, urgency, self.join(reasons) or symptom_reason)
        if account.reserved_phone != Check.OK:
            self.add(
                StepCode.UPDATE_RESERVED_PHONE,
                urgency,
                self.because(_("银行预留手机号"), Check(account.reserved_phone).label),
            )

    def add_funds_steps(self, symptom_reason: str) -> None:
        funds = self.answers.funds
        symptom = self.answers.symptom
        urgency = self.pay_urgency
        short = symptom == Symptom.INSUFFICIENT_FUNDS or (
            funds is not None and funds.enough_balance != YesNoUnsure.YES
        )
        if short:
            reason = (
                self.because(_("余额是否足够"), YesNoUnsure(funds.enough_balance).label)
                if funds is not None and funds.enough_balance != YesNoUnsure.YES
                else symptom_reason
            )
            self.add(StepCode.ENSURE_FUNDS, urgency, reason)
        if funds is not None and funds.frozen_or_preauth != YesNoUnsure.NO:
            self.add(
                StepCode.WAIT_FOR_PREAUTH_RELEASE,
                urgency,
                self.because(
                    _("是否有冻结或预授权的钱"), YesNoUnsure(funds.frozen_or_preauth).label
                ),
            )
        if symptom == Symptom.LIMIT_EXCEEDED or (
            funds is not None and funds.limit_reached == YesNoUnsure.YES
        ):
            reason = (
                symptom_reason
                if symptom == Symptom.LIMIT_EXCEEDED
                else self.because(_("是否碰到限额"), YesNoUnsure.YES.label)
            )
            self.add(StepCode.RAISE_LIMIT_OR_SWITCH_CHANNEL, urgency, reason)

    def add(self, code: StepCode, urgency: Urgency, because: str) -> None:
        text = self.texts.get(code) or DEFAULT_TEXTS[code]
        values = self.placeholder_values()
        title = fill(text.title(self.language), values).strip()
        detail = fill(text.detail(self.language), values).strip()
        caveat = self.caveat(code)
        if caveat:
            detail = f"{detail} {caveat}" if is_english(self.language) else detail + caveat
        self.steps.append(Step(code, urgency, title, detail, because))

    def caveat(self, code: StepCode) -> str:
        """A warning where the step rests on a fact we have not confirmed."""
        p = self.provider
        if code is StepCode.MEET_DEADLINE:
            name = p.in_language("name", self.language)
            notes = []
            if p.is_unverified(Fact.GRACE) and p.grace_days:
                notes.append(
                    ngettext(
                        "公开资料称%(provider)s可能有 %(n)d 天宽限期,"
                        "但尚未核实,这里按没有宽限期计算。",
                        "公开资料称%(provider)s可能有 %(n)d 天宽限期,"
                        "但尚未核实,这里按没有宽限期计算。",
                        p.grace_days,
                    )
                    % {"provider": name, "n": p.grace_days}
                )
            if p.is_unverified(Fact.CUTOFF):
                notes.append(
                    _("截止时间 %(cutoff)s 尚未核实,请以%(provider)s的通知为准。")
                    % {
                        "cutoff": p.cutoff_time.strftime("%H:%M"),
                        "provider": name,
                    }
                )
            return pick(self.language, zh="", en=" ").join(notes)
        if code in (
            StepCode.CONTACT_PROVIDER,
            StepCode.REPORT_DEDUCTED_NOT_CREDITED,
        ) and p.is_unverified(Fact.HOTLINE):
            return _("这个号码尚未核实,拨打前请在官方 App 或官网上确认。")
        return ""

    def placeholder_values(self) -> dict[str, str]:
        p = self.provider
        lang = self.language
        grace_days = p.planning_grace_days
        grace = (
            ngettext("宽限期 %(n)d 天", "宽限期 %(n)d 天", grace_days) % {"n": grace_days}
            if grace_days
            else _("按没有宽限期计算")
            if p.is_unverified(Fact.GRACE)
            else _("没有宽限期")
        )
        values = {
            "provider": p.in_language("name", lang),
            "hotline": p.hotline,
            "repay_path": p.in_language("repay_path", lang),
            "deadline": format_moment(self.deadline, language=lang, now=self.now),
            "cutoff": p.cutoff_time.strftime("%H:%M"),
            "grace": grace,
            "late_fee": p.in_language("late_fee", lang),
            "autopay_how": p.in_language("autopay_how", lang),
            "status_text": self.status_sentence(),
        }
        if self.window:
            w = self.window
            can_wait = w.ends_at < self.deadline
            values.update(
                window_end=format_moment(w.ends_at, language=lang, now=self.now),
                window_channels=pick(lang, zh=w.channels_zh, en=w.channels_en),
                window_notice=(
                    _("机构公告:“%(notice)s”") % {"notice": notice}
                    if (notice := pick(lang, zh=w.notice_zh, en=w.notice_en))
                    else ""
                ),
                window_advice=(
                    _("维护结束时仍在还款期限内,可以等结束后马上还。")
                    if can_wait
                    else _("维护要到期限之后才结束,请现在改用其他渠道还款。")
                ),
            )
        return values

    def status_sentence(self) -> str:
        return {
            Status.NOT_DUE: _("还没到还款日。"),
            Status.DUE_TODAY: _("今天就是还款日。"),
            Status.IN_GRACE: _("已过还款日,但还在宽限期内。"),
            Status.OVERDUE: _("已经过了最后期限,越早还上,产生的费用越少。"),
        }[self.status_now]

    def status_label(self, status: Status) -> str:
        return status.label

    def because(self, question: str, answer: object) -> str:
        return _("%(question)s:%(answer)s") % {"question": question, "answer": answer}

    def join(self, reasons: list[str]) -> str:
        return _(";").join(reasons)
