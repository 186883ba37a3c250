"""The plan page's two forms: did the plan help, and which evidence the person keeps."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wizard.engine.evidence import EvidenceItem
from wizard.models import Outcome
from wizard.question_markup import Choices, radio, renderer
from wizard.redaction import MAX_COMMENT


class FeedbackForm(forms.Form):
    """Did the plan help? Asked once, on the plan page."""

    default_renderer = renderer

    outcome = radio(_("这个方案解决你的问题了吗?"), Outcome.choices, _("请选择是否解决了"))
    comment = forms.CharField(
        label=_("想补充什么吗?(选填)"),
        help_text=_("请不要填写卡号、姓名、证件号或手机号。最多 200 字。"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_COMMENT}),
        error_messages={"max_length": _("最多 %(limit_value)d 字,请删短一些。")},
    )


class EvidenceForm(forms.Form):
    """Which kinds of evidence the person has kept: ticks only, from the known list.

    The plan page draws the boxes itself (each with why it matters and its source); this
    form only says which posted codes may be kept. Nothing ticked is a valid answer.
    """

    evidence = forms.MultipleChoiceField(
        choices=Choices(EvidenceItem.choices),
        required=False,
        error_messages={"invalid_choice": _("有一项勾选不在列表里,没有保存。")},
    )
