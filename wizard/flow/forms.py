"""One form per wizard page. Forms only validate; they never query or store anything.

No question asks for a card number, name, ID or phone number: we only ask
whether the person has checked that those details are right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django import forms
from django.forms.boundfield import BoundWidget
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from formtools.wizard.forms import ManagementForm as WizardManagementForm

from providers.facts import UNKNOWN_PROVIDER, Channel, ProviderFacts, ProviderKind
from wizard.engine.answers import (
    MAX_MESSAGE,
    SHANGHAI,
    UNSURE_TIER,
    Autopay,
    CardStatus,
    Check,
    MessageOutcome,
    Outside,
    Remainder,
    Symptom,
    YesNo,
    YesNoUnsure,
    attempt_outside,
    due_date_outside,
)
from wizard.question_markup import Choices, radio, renderer

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
DATE_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
TIME_FORMATS = ["%H:%M", "%H:%M:%S", "%H点%M分", "%H.%M"]
DATE_ERRORS = {
    "required": _("请填写日期"),
    "invalid": _("请填写真实存在的日期,例如 2026-11-10"),
}


class ManagementForm(WizardManagementForm):
    """The wizard's hidden step field, which every page carries, written by our renderer."""

    default_renderer = renderer


class StepForm(forms.Form):
    """A wizard page: `heading` is the page's question; `hint` says why we ask."""

    default_renderer = renderer

    heading: StrOrPromise = ""
    hint: StrOrPromise = ""

    def option_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        """Radio buttons under group headings, for a page whose choices are grouped."""
        return []


# The provider page's groups, in order: the phone-instalment lenders most people pick come
# first, with "not sure" right after them, so both are on a phone's first screen; the list
# of banks follows.
PROVIDER_PAGE_GROUPS = (
    ProviderKind.WALLET_CREDIT,
    ProviderKind.CONSUMER_FINANCE,
    ProviderKind.MALL_INSTALLMENT,
)


def grouped_choices(providers: Mapping[str, ProviderFacts]) -> Choices:
    """The providers as radio choices under their kind's label, in display order: the
    phone-instalment lenders, then a way on for a person who does not know which lender
    holds the installment, then the banks' cards (and any kind not placed above)."""
    language = get_language()
    groups: dict[str, list[tuple[str, str]]] = {}
    for facts in providers.values():
        groups.setdefault(facts.kind, []).append((facts.slug, facts.in_language("name", language)))
    first = [kind for kind in PROVIDER_PAGE_GROUPS if kind in groups]
    rest = [kind for kind in ProviderKind if kind in groups and kind not in first]
    # Says what it is on its own, without a group heading: a line less above the fold.
    unsure = ("", ((UNKNOWN_PROVIDER, str(_("不确定是哪家,先帮我找出来"))),))
    return Choices(
        [
            *((str(ProviderKind(kind).label), tuple(groups[kind])) for kind in first),
            unsure,
            *((str(ProviderKind(kind).label), tuple(groups[kind])) for kind in rest),
        ]
    )


class ProviderForm(StepForm):
    heading = _("你要向哪家机构还款?")
    hint = _("就是账单或扣款短信上写的那家。用花呗或白条分期买的,选花呗或白条。")

    provider = radio(_("还款机构"), (), _("请选择你要还款的机构"))
    provider.error_messages["invalid_choice"] = _(
        "你选择的机构不在列表中(可能已暂停服务),请重新选择。"
    )

    def __init__(self, *args: Any, providers: Mapping[str, ProviderFacts], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.provider_choices = grouped_choices(providers)
        field = self.fields["provider"]
        assert isinstance(field, forms.ChoiceField)  # declared above with radio()
        field.choices = self.provider_choices

    def option_groups(self) -> list[tuple[str, list[BoundWidget]]]:
        radios = iter(self["provider"].subwidgets)
        return [
            (str(label), [next(radios) for _option in options])
            for label, options in self.provider_choices
        ]


class FindLenderForm(StepForm):
    """A page of guidance, not a question: how to find the lender; continuing gives the
    general plan (the link back to the provider page is in the template)."""

    heading = _("不确定是哪家?先找出借钱给你的机构")
    hint = _("每种分期都对应一家机构。下面几处都能看出来。")


class CardTierForm(StepForm):
    """The card's tier, asked only for a provider whose grace period differs by tier."""

    heading = _("你的卡是哪个等级的?")
    hint = _("这家银行不同等级的卡宽限期不同。不确定就选“不确定”,我们按最短的宽限期计算。")

    card_tier = radio(_("卡片等级"), (), _("请选择卡片等级,不确定就选“不确定”"))

    def __init__(self, *args: Any, provider: ProviderFacts | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language()
        tiers = provider.grace.tiers if provider is not None else ()
        field = self.fields["card_tier"]
        assert isinstance(field, forms.ChoiceField)  # declared above with radio()
        field.choices = Choices(
            [(tier.code, tier.label(language)) for tier in tiers]
            + [(UNSURE_TIER, str(_("不确定")))]
        )


class MessageForm(StepForm):
    """The message the person saw, which the page reads for them (wizard.flow.problem_message):
    optional, redacted before it is stored. An ambiguous reading asks one follow-up question.

    `read`, `outcome` and `suggested` are the page's own: `read` says which text's reading
    the person has seen (message_digest), and the view sets `outcome` and `suggested` from
    that one reading when the page is answered, whatever was posted for them.
    """

    heading = _("屏幕或短信上写了什么?")
    hint = _("把提示文字贴在下面,我们帮你看是什么意思。没有提示的话,直接点“继续”。")

    message = forms.CharField(
        label=_("提示文字(选填)"),
        help_text=_("保存前我们会去掉里面的卡号、手机号、证件号、姓名和金额。"),
        required=False,
        max_length=MAX_MESSAGE,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_MESSAGE, "autocomplete": "off"}),
        error_messages={"max_length": _("最多 %(limit_value)d 字,请只贴提示那一段。")},
    )
    follow_up = radio(_("还需要确认一点"), YesNoUnsure.choices, _("请选择一项"), required=False)
    read = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    outcome = forms.ChoiceField(
        choices=Choices(MessageOutcome.choices), required=False, widget=forms.HiddenInput
    )
    suggested = forms.ChoiceField(
        choices=Choices([("", ""), *Symptom.choices]), required=False, widget=forms.HiddenInput
    )

    def clean_message(self) -> str:
        return message_text(self.cleaned_data["message"])


def message_text(text: str) -> str:
    """A pasted message as the page reads it: control characters (never part of a message a
    screen showed) removed, trimmed."""
    return CONTROL_CHARACTERS.sub("", text).strip()


class ProblemForm(StepForm):
    """The problem; when the message decided it, the page asks to confirm it instead
    (wizard.views sets the heading and selects the suggestion)."""

    heading = _("还款时遇到了什么情况?")
    hint = _("选最接近的一项。")

    symptom = radio(_("遇到的问题"), Symptom.choices, _("请选择遇到的问题"))


class ChannelForm(StepForm):
    heading = _("你是通过什么方式还款的?")
    hint = _("不同的还款方式,处理办法不一样。记不清就选最后一项。")

    channel = radio(_("还款方式"), Channel.choices, _("请选择还款方式"))


class AccountForm(StepForm):
    heading = _("扣款银行卡的信息对吗?")
    hint = _("不用告诉我们卡号、姓名或手机号,只需判断它们是否正确。")

    card_number = radio(
        _("绑定的银行卡号是否正确、是现在用的卡?"), Check.choices, _("请判断银行卡号是否正确")
    )
    holder_name = radio(
        _("持卡人姓名与还款账户是否一致?"), Check.choices, _("请判断持卡人姓名是否一致")
    )
    reserved_phone = radio(
        _("银行预留的手机号是否是你现在用的号码?"),
        Check.choices,
        _("请判断预留手机号是否正确"),
    )
    card_status = radio(_("这张卡现在的状态"), CardStatus.choices, _("请选择银行卡状态"))


class FundsForm(StepForm):
    heading = _("扣款账户里的钱够吗?")
    hint = _("看“可用余额”,不是总余额。")

    enough_balance = radio(
        _("可用余额是否够本期应还金额?"), YesNoUnsure.choices, _("请判断余额是否足够")
    )
    frozen_or_preauth = radio(
        _("是否有钱被冻结或被预授权占用(如酒店押金)?"),
        YesNoUnsure.choices,
        _("请判断是否有钱被冻结"),
    )
    limit_reached = radio(
        _("是否碰到了单笔或单日支付限额?"), YesNoUnsure.choices, _("请判断是否碰到限额")
    )


class RemainderForm(StepForm):
    """Roughly how much is still unpaid, asked only where the lender states a tolerance:
    a small remainder can count as paid in full. A bracket, never an amount."""

    heading = _("这期账单大概还差多少没还?")
    hint = _("选个大概的范围就行,不用填具体金额。差得不多时,很多银行视同你已经还清。")
    summary_title = _("还差多少")

    remainder = radio(
        _("还差多少没还"), Remainder.choices, _("请选择大概还差多少,不确定就选“不确定”")
    )


class TimingForm(StepForm):
    heading = _("还款日是哪天,你什么时候还的?")
    hint = _("还款日写在账单上。时间按北京时间填写。")

    due_date = forms.DateField(
        label=_("还款日"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    attempted_date = forms.DateField(
        label=_("尝试还款的日期"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    attempted_time = forms.TimeField(
        label=_("尝试还款的时间(大概即可)"),
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("请填写时间,大概即可"),
            "invalid": _("请填写真实的时间,例如 21:30"),
        },
    )

    def clean_due_date(self) -> dt.date:
        due_date: dt.date = self.cleaned_data["due_date"]
        outside = due_date_outside(due_date, now=timezone.now())
        if outside == Outside.TOO_EARLY:
            raise forms.ValidationError(_("还款日不能早于一年前,请检查年份"))
        if outside == Outside.TOO_LATE:
            raise forms.ValidationError(_("还款日不能晚于一年后,请检查年份"))
        return due_date

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, time = cleaned.get("attempted_date"), cleaned.get("attempted_time")
        if day and time:
            attempted_at = dt.datetime.combine(day, time, tzinfo=SHANGHAI)
            outside = attempt_outside(attempted_at, now=timezone.now())
            if outside == Outside.TOO_LATE:
                self.add_error("attempted_date", _("还款时间不能晚于现在,请检查日期和时间"))
            elif outside == Outside.TOO_EARLY:
                self.add_error("attempted_date", _("还款时间不能早于一年前,请检查年份"))
            else:
                cleaned["attempted_at"] = attempted_at
        return cleaned


class SituationForm(StepForm):
    heading = _("还有两个小问题")
    hint = _("这能帮我们决定先做什么。")

    contacted_provider = radio(
        _("你已经联系过这家机构的客服了吗?"), YesNo.choices, _("请选择是否已联系过客服")
    )
    autopay = radio(_("你开通了自动还款吗?"), Autopay.choices, _("请选择是否开通了自动还款"))


class ReviewForm(StepForm):
    heading = _("检查你的回答")
    hint = _("确认无误后,我们会给出一份按紧急程度排好的处理方案。")
