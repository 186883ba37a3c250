"""The case summary: what a person pastes to customer service, the situation and never the
person (categorical answers, times and the status; no card, name or phone number)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

from providers.facts import Channel
from wizard.engine.answers import SHANGHAI, CardStatus, Check, Symptom, YesNoUnsure

if TYPE_CHECKING:
    from wizard.engine.building import Plan


def case_summary(plan: Plan) -> str:
    """The plan's situation as short labelled lines, in the plan's language."""
    a = plan.answers
    with translation.override(plan.language):
        lines = [
            _("机构:%(value)s") % {"value": plan.provider.in_language("name", plan.language)},
            _("问题:%(value)s") % {"value": Symptom(a.symptom).label},
            # As the person gave it (redacted), so that it can be quoted to the provider.
            *([_("屏幕上的提示:“%(value)s”") % {"value": a.message}] if a.message else []),
            _("还款方式:%(value)s") % {"value": Channel(a.channel).label},
            _("还款日:%(value)s") % {"value": a.due_date.isoformat()},
            *(
                [_("卡片等级:%(value)s") % {"value": tier.label(plan.language)}]
                if (
                    tier := next(
                        (t for t in plan.provider.grace.tiers if t.code == a.card_tier), None
                    )
                )
                else []
            ),
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
        lines.append(_("目前状态:%(value)s") % {"value": plan.status_label})

        return "\n".join(lines)
