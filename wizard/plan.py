"""The plan engine: answers + provider facts + now -> an ordered list of steps.

Pure: no request, session, database or template. The web wizard, the admin
preview and `manage.py plan` all call `build_plan`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from providers.models import Channel, Fact, MaintenanceWindowFacts, ProviderFacts
from wizard.answers import (
    SHANGHAI,
    Answers,
    Autopay,
    CardStatus,
    Check,
    Symptom,
    YesNo,
    YesNoUnsure,
)
from wizard.texts import DEFAULT_TEXTS, StepText, fill


class Status(enum.StrEnum):
    NOT_DUE = "not_due"
    DUE_TODAY = "due_today"
    IN_GRACE = "in_grace"
    OVERDUE = "overdue"


class Urgency(enum.StrEnum):
    NOW = "now"
    TODAY = "today"
    SOON = "soon"
    LATER = "later"


URGENCY_ORDER = tuple(Urgency)
URGENCY_LABELS = {
    Urgency.NOW: gettext_lazy("马上做"),
    Urgency.TODAY: gettext_lazy("今天内"),
    Urgency.SOON: gettext_lazy("这几天"),
    Urgency.LATER: gettext_lazy("以后"),
}
STATUS_LABELS = {
    Status.NOT_DUE: gettext_lazy("未到还款日"),
    Status.DUE_TODAY: gettext_lazy("今天到期"),
    Status.IN_GRACE: gettext_lazy("在宽限期内"),
    Status.OVERDUE: gettext_lazy("已逾期"),
}

# The guide's seven pieces of advice; every step code belongs to one of them.
ADVICE = (
    "check_account_info",
    "ensure_funds",
    "meet_deadline",
    "contact_provider",
    "outage_procedure",
    "enable_autopay",
    "protect_credit",
)
ADVICE_OF = {
    "maintenance_window": "outage_procedure",
    "outage_procedure": "outage_procedure",
    "report_deducted_not_credited": "contact_provider",
    "fix_card_status": "check_account_info",
    "check_account_info": "check_account_info",
    "update_reserved_phone": "check_account_info",
    "ensure_funds": "ensure_funds",
    "wait_for_preauth_release": "ensure_funds",
    "raise_limit_or_switch_channel": "ensure_funds",
    "meet_deadline": "meet_deadline",
    "contact_provider": "contact_provider",
    "protect_credit": "protect_credit",
    "enable_autopay": "enable_autopay",
}
# Steps a person can take on their own to unblock the payment.
SELF_FIX_CODES = frozenset(
    {
        "outage_procedure",
        "fix_card_status",
        "check_account_info",
        "update_reserved_phone",
        "ensure_funds",
        "wait_for_preauth_release",
        "raise_limit_or_switch_channel",
    }
)
# The steps that answer the very message a person saw; within one urgency they
# come right after a maintenance notice, before steps about other doubts.
ADDRESSES_SYMPTOM = {
    Symptom.INSUFFICIENT_FUNDS: frozenset({"ensure_funds", "wait_for_preauth_release"}),
    Symptom.INFO_MISMATCH: frozenset({"check_account_info", "update_reserved_phone"}),
    Symptom.CARD_PROBLEM: frozenset({"fix_card_status", "check_account_info"}),
    Symptom.LIMIT_EXCEEDED: frozenset({"raise_limit_or_switch_channel"}),
    Symptom.TIMEOUT: frozenset({"outage_procedure"}),
    Symptom.CHANNEL_UNAVAILABLE: frozenset({"outage_procedure"}),
    Symptom.DEDUCTED_NOT_CREDITED: frozenset({"report_deducted_not_credited"}),
    Symptom.NO_REPAY_OPTION: frozenset({"contact_provider"}),
}
# Within one urgency otherwise: what is blocking first (an outage, a card that cannot
# pay), then paying, then calling, then what protects the future.
STEP_ORDER = tuple(ADVICE_OF)


@dataclass(frozen=True)
class Step:
    code: str
    urgency: Urgency
    title: str
    detail: str
    because: str

    @property
    def advice(self) -> str:
        return ADVICE_OF[self.code]

    @property
    def urgency_label(self) -> str:
        return str(URGENCY_LABELS[self.urgency])

    def to_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
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
    def codes(self) -> list[str]:
        return [step.code for step in self.steps]

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status_now])

    @property
    def deadline_text(self) -> str:
        return format_moment(self.deadline, language=self.language, now=self.now)

    @property
    def case_summary(self) -> str:
        """What to paste to customer service: the situation, never the person."""
        a = self.answers
        with translation.override(self.language):
            lines = [
                _("机构:%(value)s") % {"value": self.provider.in_language("name", self.language)},
                _("问题:%(value)s") % {"value": Symptom(a.symptom).label},
                _("还款方式:%(value)s") % {"value": Channel(a.channel).label},
                _("还款日:%(value)s") % {"value": a.due_date.isoformat()},
                _("尝试还款时间:%(value)s")
                % {"value": a.attempted_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")},
            ]
            checked = []
            if a.account:
                checked += [
                    _("银行卡号%(value)s") % {"value": Check(a.account.card_number).label},
                    _("持卡人姓名%(value)s") % {"value": Check(a.account.holder_name).label},
                    _("预留手机号%(value)s") % {"value": Check(a.account.reserved_phone).label},
                    _("卡片状态%(value)s") % {"value": CardStatus(a.account.card_status).label},
                ]
            if a.funds:
                checked += [
                    _("余额足够:%(value)s") % {"value": YesNoUnsure(a.funds.enough_balance).label},
                    _("有冻结或预授权:%(value)s")
                    % {"value": YesNoUnsure(a.funds.frozen_or_preauth).label},
                ]
            if checked:
                lines.append(_("已自查:%(value)s") % {"value": _(";").join(checked)})
            lines.append(_("目前状态:%(value)s") % {"value": self.status_label})
            return "\n".join(lines)

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


def least_urgent(*urgencies: Urgency) -> Urgency:
    return max(urgencies, key=URGENCY_ORDER.index)


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
    if language.startswith("en"):
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
                "maintenance_window",
                Urgency.NOW,
                self.because(
                    _("维护公告"),
                    _("%(provider)s在你还款时或现在处于维护中")
                    % {"provider": self.provider.in_language("name", self.language)},
                ),
            )
        if symptom in (Symptom.TIMEOUT, Symptom.CHANNEL_UNAVAILABLE):
            self.add("outage_procedure", blocker, symptom_reason)
        if symptom == Symptom.DEDUCTED_NOT_CREDITED:
            self.add("report_deducted_not_credited", Urgency.NOW, symptom_reason)

        self.add_account_steps(blocker, symptom_reason)
        if symptom != Symptom.DEDUCTED_NOT_CREDITED:
            self.add_funds_steps(symptom_reason)

        self.add(
            "meet_deadline",
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
                "contact_provider",
                contact_urgency,
                self.because(_("是否已联系过客服"), YesNo(a.contacted_provider).label),
            )
        self.add(
            "protect_credit",
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
                "enable_autopay",
                Urgency.LATER,
                self.because(_("自动还款"), Autopay(a.autopay).label),
            )

        addressing = ADDRESSES_SYMPTOM.get(Symptom(symptom), frozenset())
        steps = sorted(
            self.steps,
            key=lambda s: (
                URGENCY_ORDER.index(s.urgency),
                0 if s.code == "maintenance_window" else 1 if s.code in addressing else 2,
                STEP_ORDER.index(s.code),
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
        return any(step.code in SELF_FIX_CODES for step in self.steps)

    def add_account_steps(self, urgency: Urgency, symptom_reason: str) -> None:
        account = self.answers.account
        symptom = self.answers.symptom
        if account is None:
            if symptom == Symptom.INFO_MISMATCH:
                self.add("check_account_info", urgency, symptom_reason)
            return
        if account.card_status in (CardStatus.EXPIRED, CardStatus.FROZEN, CardStatus.LOST):
            self.add(
                "fix_card_status",
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
            self.add("check_account_info", urgency, self.join(reasons) or symptom_reason)
        if account.reserved_phone != Check.OK:
            self.add(
                "update_reserved_phone",
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
            self.add("ensure_funds", urgency, reason)
        if funds is not None and funds.frozen_or_preauth != YesNoUnsure.NO:
            self.add(
                "wait_for_preauth_release",
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
            self.add("raise_limit_or_switch_channel", urgency, reason)

    def add(self, code: str, urgency: Urgency, because: str) -> None:
        text = self.texts.get(code) or DEFAULT_TEXTS[code]
        values = self.placeholder_values()
        title = fill(text.title(self.language), values).strip()
        detail = fill(text.detail(self.language), values).strip()
        caveat = self.caveat(code)
        if caveat:
            detail = f"{detail} {caveat}" if self.language.startswith("en") else detail + caveat
        self.steps.append(Step(code, urgency, title, detail, because))

    def caveat(self, code: str) -> str:
        """A warning where the step rests on a fact we have not confirmed."""
        p = self.provider
        if code == "meet_deadline":
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
            return (" " if self.language.startswith("en") else "").join(notes)
        if code in ("contact_provider", "report_deducted_not_credited") and p.is_unverified(
            Fact.HOTLINE
        ):
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
                window_channels=w.channels_en if lang.startswith("en") else w.channels_zh,
                window_notice=(
                    _("机构公告:“%(notice)s”") % {"notice": notice}
                    if (notice := (w.notice_en if lang.startswith("en") else w.notice_zh))
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
        return str(STATUS_LABELS[status])

    def because(self, question: str, answer: str) -> str:
        return _("%(question)s:%(answer)s") % {"question": question, "answer": answer}

    def join(self, reasons: list[str]) -> str:
        return _(";").join(reasons)
