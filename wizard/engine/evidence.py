"""What to keep as evidence, for this plan: each item with why, and the sourced fact behind
the why where it states one.

The person keeps the evidence on their own phone; a case stores only which items they say
they have (`Case.evidence`, the codes below), never the evidence itself. Pure: the ticks
come in as codes, the text goes out in the plan's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models.enums import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from providers.facts import Certainty, Provenance

if TYPE_CHECKING:
    from wizard.engine.building import Plan

# The day escalation.md was compiled from stored copies of the sources below.
CHECKED_ON = dt.date(2026, 12, 1)


class EvidenceItem(TextChoices):
    """One kind of evidence a person can keep. Its value is what a case stores."""

    STATEMENT_LINE = "statement_line", gettext_lazy("银行流水里的那笔扣款(时间和金额)")
    FAILURE_SCREEN = "failure_screen", gettext_lazy("还款失败时的提示截图(带时间)")
    PROVIDER_SMS = "provider_sms", gettext_lazy("银行或机构发来的短信")
    CALL_RECORDS = "call_records", gettext_lazy("联系客服的时间和工单号")
    BILL_STATE = "bill_state", gettext_lazy("账单页面截图(显示这一期还没还还是已还)")


@dataclass(frozen=True)
class SourcedClaim:
    """A sentence that states a fact, with where it comes from (escalation.md) and the name
    a reader knows that source by."""

    text: str
    provenance: Provenance
    source_title: str

    @property
    def certainty_label(self) -> str:
        # Certainty's own labels speak of providers ("confirmed by the provider"); an
        # official claim here is the text of a regulation, and says so.
        if self.provenance.is_official:
            return _("法规原文")
        return self.provenance.label


@dataclass(frozen=True)
class Evidence:
    """One item of the list as the plan shows it."""

    item: EvidenceItem
    label: str
    why: str
    claim: SourcedClaim | None = None


# The 2020 complaint rules as the press quotes them (Caixin); the statute's own text was not
# reachable, so this stays "secondary".
COMPLAINT_CLOCK = Provenance(
    certainty=Certainty.SECONDARY,
    source="http://finance.caixin.com/2020-01-17/101505443.html",
    quote="应当自收到消费投诉之日起15日内作出处理决定并告知投诉人",
    checked_on=CHECKED_ON,
)
# 《征信业管理条例》 Art. 25, verbatim in the LawRefBook/Laws mirror.
DISPUTE_ANSWER = Provenance(
    certainty=Certainty.OFFICIAL,
    source="https://github.com/LawRefBook/Laws/blob/2f4c5c23/行政法规/征信业管理条例(2013-01-21).md",
    quote="自收到异议之日起20日内进行核查和处理,并将结果书面答复异议人",
    checked_on=CHECKED_ON,
)


def evidence_for(plan: Plan) -> tuple[Evidence, ...]:
    """The items worth keeping for this plan, the most telling first.

    When money already left, the bank's record of the debit is what proves the payment's
    time; otherwise it is what the person saw when the payment failed.
    """
    with translation.override(plan.language):
        name = plan.provider.in_language("name", plan.language)
        statement = Evidence(
            EvidenceItem.STATEMENT_LINE,
            str(EvidenceItem.STATEMENT_LINE.label),
            _("它证明钱是什么时候从你的账户扣走的,这是付款按时的最有力证据。")
            if plan.money_already_left
            else _("再次还款后,这一行记下钱是什么时候扣走的,可以和账单对照。"),
            SourcedClaim(
                _(
                    "如果征信上的逾期记录有错(例如钱已扣却没入账),可以向征信中心或放贷机构"
                    "提出异议;对方应在收到异议之日起 20 日内核查,并书面答复你。"
                ),
                DISPUTE_ANSWER,
                _("《征信业管理条例》第二十五条(LawRefBook 法规镜像)"),
            )
            if plan.money_already_left
            else None,
        )
        failure = Evidence(
            EvidenceItem.FAILURE_SCREEN,
            str(EvidenceItem.FAILURE_SCREEN.label),
            _("截图里要能看到提示文字和手机上的时间:它记下你是什么时候试着还款、看到了什么。"),
        )
        sms = Evidence(
            EvidenceItem.PROVIDER_SMS,
            str(EvidenceItem.PROVIDER_SMS.label),
            _("扣款、还款失败或逾期的短信都带着发送时间,是%(provider)s或银行自己发出的记录。")
            % {"provider": name},
        )
        calls = Evidence(
            EvidenceItem.CALL_RECORDS,
            str(EvidenceItem.CALL_RECORDS.label),
            _("每次联系都记下日期、时间、对方说了什么和工单号,以后投诉时用得上。"),
            SourcedClaim(
                _(
                    "按 2020 年的银行业保险业投诉处理规定,"
                    "银行和消费金融公司应自收到投诉之日起 15 日内作出处理决定(复杂的可以延长),"
                    "所以记下你投诉的日期。"
                ),
                COMPLAINT_CLOCK,
                _("财新网,2020年1月17日"),
            ),
        )
        bill = Evidence(
            EvidenceItem.BILL_STATE,
            str(EvidenceItem.BILL_STATE.label),
            _("现在截一张,入账后再截一张:前后对比能说明问题是什么时候解决的。"),
        )
    if plan.money_already_left:
        return (statement, sms, bill, calls, failure)
    return (failure, sms, calls, bill, statement)


def known_evidence(codes: Iterable[str]) -> tuple[EvidenceItem, ...]:
    """The codes that name an item, once each, in the list's order; anything else dropped."""
    given = set(codes)
    return tuple(item for item in EvidenceItem if item.value in given)


def evidence_summary(items: Iterable[Evidence], ticked: Iterable[str], *, language: str) -> str:
    """The case summary's evidence section: what the person has, or, with nothing ticked,
    what to keep. Only the items' names: never what the evidence says."""
    items = tuple(items)
    have = set(known_evidence(ticked))
    listed = [evidence.item for evidence in items]
    with translation.override(language):
        if have:
            # Ticks for items this plan does not list still count: the person has them.
            order = listed + [item for item in EvidenceItem if item not in listed]
            names = [str(item.label) for item in order if item in have]
            heading = _("证据(已保存):")
        else:
            names = [str(item.label) for item in listed]
            heading = _("证据(建议保存):")
        return heading + _(";").join(names)
