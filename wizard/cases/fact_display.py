"""A provider's facts, and the evidence list's sourced claims, as a consumer reads them on the
plan page: each with how sure we are of it and since when, in the page's language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from providers.facts import Certainty, Fact, Hotline, Provenance, ProviderFacts, yuan_text
from wizard.engine.building import RECOGNISABLE, Plan
from wizard.engine.evidence import evidence_for, known_evidence
from wizard.engine.punctuation import punctuate

CERTAINTY_SHOWN = {
    Certainty.OFFICIAL: "confirmed",
    Certainty.SECONDARY: "secondary",
    Certainty.WEAK: "unverified",
    Certainty.NONE: "unverified",
}


@dataclass(frozen=True)
class FactRow:
    fact: str
    label: str
    value: str
    certainty: str
    certainty_label: str
    checked_on: str
    hotlines: tuple[Hotline, ...] = ()
    # Where the page already says the fact (a step's anchor, or the call button's): the row
    # then points there instead of saying it again.
    anchor: str = ""

    @property
    def css(self) -> str:
        """confirmed, secondary or unverified: how the tag beside the fact looks."""
        return CERTAINTY_SHOWN[Certainty(self.certainty)]


def fact_rows(plan: Plan) -> list[FactRow]:
    """The facts the plan rests on, in the order a person needs them, each said once: a fact
    a step says under its own tag is left out; one the page says elsewhere (in a step's
    words, on the call button) points there and keeps its tag here; the rest are said here."""
    return [
        shown
        for row in all_fact_rows(plan)
        if (
            shown := said_once(
                replace(row, value=punctuate(row.value, language=plan.language)), plan
            )
        )
    ]


def said_once(row: FactRow, plan: Plan) -> FactRow | None:
    """`row` as the facts box shows it, or None where a step already says it with its tag."""
    for step in plan.steps:
        if step.fact == row.fact or any(claim.code == row.fact for claim in step.claims):
            return None
    if len(row.value) >= RECOGNISABLE:
        for n, step in enumerate(plan.steps, start=1):
            if row.value in step.words:
                return replace(row, value=_("见第 %(n)d 步") % {"n": n}, anchor=step.id)
    if row.fact == Fact.HOTLINE and plan.provider.hotline:
        return replace(row, value=_("见上面的拨打按钮"), anchor="call")
    return row


def all_fact_rows(plan: Plan) -> list[FactRow]:
    """Every fact of the provider the plan is for, in the order a person needs them."""
    p = plan.provider
    if p.is_unknown:
        return []
    language = plan.language
    rows = [
        row(p, Fact.HOTLINE, _("客服电话"), p.hotline, hotlines=p.hotlines),
        row(p, Fact.DUE_CUTOFF, _("还款日当天的截止时间"), p.due_cutoff.strftime("%H:%M")),
        row(p, Fact.GRACE, _("宽限期"), grace_text(plan)),
        row(p, Fact.TOLERANCE, _("容差"), tolerance_text(p)),
        row(p, Fact.LATE_FEE, _("逾期费用"), p.in_language("late_fee", language)),
        row(
            p,
            Fact.AUTOPAY,
            _("自动还款"),
            p.in_language("autopay_how", language) if p.autopay_available else _("没有查到"),
        ),
        row(p, Fact.REPAY_PATH, _("还款路径"), p.in_language("repay_path", language)),
    ]
    if p.autopay_time.is_known:
        rows.insert(
            5, row(p, Fact.AUTOPAY_TIME, _("自动扣款时间"), p.autopay_time.schedule(language))
        )
    return rows


def tolerance_text(provider: ProviderFacts) -> str:
    """The tolerance as stated: an unpaid remainder up to it counts as paid in full."""
    if not provider.tolerance_yuan:
        return _("没有查到")
    return _("未还部分不超过 %(amount)s 元,视同全额还款") % {
        "amount": yuan_text(provider.tolerance_yuan)
    }


def row(
    provider: ProviderFacts,
    fact: Fact,
    label: str,
    value: str,
    *,
    hotlines: tuple[Hotline, ...] = (),
) -> FactRow:
    provenance: Provenance = provider.provenance_of(fact)
    return FactRow(
        fact=str(fact),
        label=str(label),
        value=value,
        certainty=provenance.certainty,
        certainty_label=provenance.label,
        checked_on=provenance.checked_on.isoformat() if provenance.checked_on else "",
        hotlines=hotlines,
    )


def grace_text(plan: Plan) -> str:
    """The grace period as stated (for this person's card tier), and what it needs."""
    p = plan.provider
    rule = p.grace.for_tier(plan.answers.card_tier)
    if not rule.days:
        return _("没有查到宽限期")
    parts = [
        ngettext("%(n)d 天", "%(n)d 天", rule.days) % {"n": rule.days},
    ]
    if plan.grace_deadline is not None:
        parts.append(_("这次到 %(end)s 为止") % {"end": plan.grace_deadline_text})
    if p.has_tiers:
        tier = next((t for t in p.grace.tiers if t.code == plan.answers.card_tier), None)
        parts.append(
            _("按你的卡(%(tier)s)") % {"tier": tier.label(plan.language)}
            if tier
            else _("不知道卡片等级,按最短的计算")
        )
    if rule.needs_request:
        parts.append(_("需要先申请"))
    if rule.uses_per_year:
        parts.append(
            ngettext("每年可用 %(n)d 次", "每年可用 %(n)d 次", rule.uses_per_year)
            % {"n": rule.uses_per_year}
        )
    return _(",").join(parts)


@dataclass(frozen=True)
class EvidenceRow:
    """One item of the evidence list: a box to tick, why it matters, and the sourced claim
    behind the why (if it states a fact) with its certainty, date and source."""

    code: str
    label: str
    why: str
    ticked: bool
    claim: str = ""
    certainty_label: str = ""
    css: str = ""
    checked_on: str = ""
    source: str = ""
    source_name: str = ""


def evidence_rows(plan: Plan, ticked: Iterable[str]) -> list[EvidenceRow]:
    """The plan's evidence list with the person's ticks."""
    have = set(known_evidence(ticked))
    rows = []
    for evidence in evidence_for(plan):
        claim = evidence.claim
        provenance = claim.provenance if claim else None
        rows.append(
            EvidenceRow(
                code=str(evidence.item),
                label=evidence.label,
                why=evidence.why,
                ticked=evidence.item in have,
                claim=claim.text if claim else "",
                certainty_label=claim.certainty_label if claim else "",
                css=CERTAINTY_SHOWN[provenance.level] if provenance else "",
                checked_on=provenance.checked_on.isoformat()
                if provenance and provenance.checked_on
                else "",
                source=provenance.source if provenance else "",
                source_name=claim.source_title if claim else "",
            )
        )
    return rows
