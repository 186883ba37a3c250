"""The escalation ladder on a plan: which records apply, their dates counted from the case,
and whether their time limits have passed.

Dates are Beijing calendar dates: a limit of N days from a case made on 1 December is
reached on 1 December + N days, from that day's midnight in Beijing, whatever the hour the
case was made. The lender's complaint clock is counted from the day the case was made (the
plan's first step is to complain that day); every later rung from the day the person takes
it, which on a plan is today. Pure: plain values in, plain values out.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from django.utils import translation
from django.utils.translation import gettext as _

from config.language import is_english
from providers.facts import CREDIT_RUNGS, LADDER_RUNGS, Provenance, RungFacts, RungKind
from wizard.engine.answers import SHANGHAI
from wizard.engine.punctuation import punctuate
from wizard.engine.wording import fill

# A case's feedback that says the plan has not (fully) solved it.
UNSOLVED_FEEDBACK = frozenset({"partly", "not_solved"})
SOLVED_FEEDBACK = "solved"


def beijing_date(moment: dt.datetime) -> dt.date:
    """The calendar date in Beijing at `moment`: the day every deadline and counter uses."""
    return moment.astimezone(SHANGHAI).date()


def age_in_days(*, since: dt.datetime, now: dt.datetime) -> int:
    """Whole Beijing calendar days from `since` to `now` (0 on the same date, never negative)."""
    return max(0, (beijing_date(now) - beijing_date(since)).days)


def format_day(day: dt.date, *, language: str, today: dt.date) -> str:
    """12月16日, or 16 Dec (the year only when it is not this year's)."""
    if is_english(language):
        text = f"{day.day} {day.strftime('%b')}"
        return f"{text} {day.year}" if day.year != today.year else text
    text = f"{day.month}月{day.day}日"
    return f"{day.year}年{text}" if day.year != today.year else text


def source_name(source: str) -> str:
    """A source as a reader can name it: the first web address's host, or the first line."""
    url = re.search(r"https?://([^/\s;]+)", source)
    if url:
        return url.group(1).removeprefix("www.")
    return source.strip().splitlines()[0][:40] if source.strip() else ""


def sourced(provenance: Provenance, *, language: str) -> str:
    """Where a fact comes from, as the plan says it: source, certainty, date checked."""
    with translation.override(language):
        return _("来源:%(source)s,%(certainty)s,核对于 %(checked_on)s") % {
            "source": source_name(provenance.source) or provenance.label,
            "certainty": provenance.label,
            "checked_on": provenance.checked_on.isoformat() if provenance.checked_on else "—",
        }


@dataclass(frozen=True)
class LadderRung:
    """One record as a plan shows it: its words filled in, its dates counted for this case.

    `starts_on` is the Beijing date its clock starts (None without a time limit), `answer_by`
    the date the answer is due by, `passed` whether that date has come.
    """

    facts: RungFacts
    title: str
    text: str
    time_limit: str
    starts_on: dt.date | None = None
    answer_by: dt.date | None = None
    passed: bool = False
    when: str = ""
    # Folded on the page until the case is old enough for this rung (the first never is).
    folded: bool = False

    @property
    def code(self) -> str:
        return self.facts.code

    @property
    def kind(self) -> RungKind:
        return self.facts.kind

    @property
    def phone(self) -> str:
        return self.facts.phone

    @property
    def tel_uri(self) -> str:
        return self.facts.tel_uri

    @property
    def url(self) -> str:
        return self.facts.url

    @property
    def provenance(self) -> Provenance:
        return self.facts.provenance

    @property
    def source(self) -> str:
        return source_name(self.facts.provenance.source)

    @property
    def certainty(self) -> str:
        return self.facts.provenance.certainty

    @property
    def certainty_label(self) -> str:
        return self.facts.provenance.label

    @property
    def checked_on(self) -> str:
        checked = self.facts.provenance.checked_on
        return checked.isoformat() if checked else ""

    def punctuated(self, language: str) -> LadderRung:
        """The record with its words punctuated for the language (see engine.punctuation)."""
        return replace(
            self,
            title=punctuate(self.title, language=language),
            text=punctuate(self.text, language=language),
            time_limit=punctuate(self.time_limit, language=language),
            when=punctuate(self.when, language=language),
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "rung": str(self.kind),
            "title": self.title,
            "text": self.text,
            "when": self.when,
            "folded": self.folded,
            "phone": self.phone,
            "answer_by": self.answer_by.isoformat() if self.answer_by else None,
            "passed": self.passed,
            "certainty": self.certainty,
            "checked_on": self.checked_on or None,
            "source": self.facts.provenance.source,
        }


def counts_from_case(kind: RungKind) -> bool:
    """The lender's complaint starts the day the case is made; later rungs when taken."""
    return kind is RungKind.PROVIDER_COMPLAINT


def lay_out(
    rungs: Sequence[RungFacts],
    *,
    kinds: Sequence[RungKind],
    values: Mapping[str, str],
    case_day: dt.date,
    today: dt.date,
    language: str,
) -> tuple[LadderRung, ...]:
    """The records of these kinds, in ladder order, with their words and dates."""
    shown = []
    for rung in rungs:
        if rung.kind not in kinds:
            continue
        shown.append(
            _laid_out(rung, values=values, case_day=case_day, today=today, language=language)
        )
    return tuple(sorted(shown, key=lambda r: (kinds.index(r.kind), r.facts.order)))


def _laid_out(
    rung: RungFacts,
    *,
    values: Mapping[str, str],
    case_day: dt.date,
    today: dt.date,
    language: str,
) -> LadderRung:
    title = fill(rung.in_language("title", language), values).strip()
    text = fill(rung.in_language("text", language), values).strip()
    limit = rung.in_language("time_limit", language).strip()
    if rung.time_limit_days is None:
        return LadderRung(rung, title, text, limit)
    starts_on = case_day if counts_from_case(rung.kind) else today
    answer_by = starts_on + dt.timedelta(days=rung.time_limit_days)
    passed = today >= answer_by
    day = {
        "start": format_day(starts_on, language=language, today=today),
        "by": format_day(answer_by, language=language, today=today),
        "n": str(rung.time_limit_days),
    }
    with translation.override(language):
        if counts_from_case(rung.kind) and passed:
            when = (
                _(
                    "从你 %(start)s 投诉算起,%(n)s 天的期限在 %(by)s 已经到了。还没有答复,或答复不合理,就走下一步。"  # noqa: E501
                )
                % day
            )
        elif counts_from_case(rung.kind):
            when = (
                _(
                    "按你 %(start)s 投诉算,最晚 %(by)s 应该答复你。如果到 %(by)s 还没有答复,或答复不合理,就走下一步。"  # noqa: E501
                )
                % day
            )
        else:
            when = _("如果你今天(%(start)s)提出,最晚 %(by)s 应该书面答复你。") % day
    return LadderRung(rung, title, text, limit, starts_on, answer_by, passed, when)


def ladder_kinds(*, wrong_mark_possible: bool) -> tuple[RungKind, ...]:
    """The ladder's rungs: for a record that may be wrong, the dispute and its complaint too."""
    if wrong_mark_possible:
        return (*LADDER_RUNGS, RungKind.CREDIT_DISPUTE, RungKind.CREDIT_COMPLAINT)
    return LADDER_RUNGS


CREDIT_KINDS = CREDIT_RUNGS
