"""Which patterns a message matches, found in one pass however many patterns there are.

A `PatternSet` is built once per version of the staff's patterns: every phrase of every
pattern goes into one Aho-Corasick automaton, so reading a message costs one scan of its
text plus a little work per pattern whose phrases it contains, not one regular expression
per pattern. Optional regular expressions are compiled with RE2, whose running time is
linear in the message, so no pattern can make a message slow to read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import ahocorasick
import re2

from wizard.decoder.normalise import Code, Normalised, normalise_code, normalise_phrase

FAILED = "failed"
UNKNOWN = "unknown"
DEDUCTED = "deducted"
OUTCOMES = (FAILED, UNKNOWN, DEDUCTED)
# Money that may have left outweighs a failure: any pattern saying so decides the outcome.
OUTCOME_WEIGHT = {FAILED: 0, UNKNOWN: 1, DEDUCTED: 2}
ALTERNATIVE_SHARE = 0.6
PRIORITY_RANGE = 100

# Advice any failure may end with: it says nothing about the cause, so a pattern made of it
# alone ranks below a specific one (wizard/decoder/reading.py), and the learned part
# (wizard/decoder/learned.py) does not learn from it.
GENERIC_ADVICE = tuple(
    normalise_phrase(phrase)
    for phrase in (
        "请联系发卡行",
        "联系发卡行",
        "与发卡银行联系",
        "咨询您的发卡行",
        "联系银行",
        "请联系客服",
        "联系客服",
        "交易失败",
        "支付失败",
        "还款失败",
        "扣款失败",
        "请稍后重试",
        "稍后重试",
        "请重试",
        "稍后再试",
    )
)


class PatternError(ValueError):
    """A pattern that cannot be used, e.g. a regular expression RE2 refuses."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class PatternFacts:
    """A message pattern as plain values (MessagePattern.facts() makes one from a row)."""

    id: int
    symptom: str
    outcome: str = FAILED
    phrases: tuple[str, ...] = ()
    code: str = ""
    code_namespace: str = ""
    vendor_name: str = ""
    regex: str = ""
    provider: str | None = None  # a provider's slug; None for every provider
    channel: str = ""  # "" for any channel
    priority: int = 0
    alternatives: tuple[str, ...] = ()
    question_zh: str = ""
    question_en: str = ""
    explanation_zh: str = ""
    explanation_en: str = ""
    next_step_zh: str = ""
    next_step_en: str = ""
    source: str = ""
    certainty: str = ""
    checked_on: dt.date | None = None


@dataclass(frozen=True)
class Match:
    """A pattern a message matched, and how well."""

    pattern: PatternFacts
    score: float

    @property
    def rank(self) -> tuple[int, float, int]:
        return (OUTCOME_WEIGHT.get(self.pattern.outcome, 0), self.score, -self.pattern.id)


@dataclass(frozen=True)
class _Compiled:
    facts: PatternFacts
    phrases: tuple[str, ...]
    regex: Any  # re2 pattern or None
    code: str


def _re2_options() -> Any:
    options = re2.Options()
    options.log_errors = False  # the refusal is the admin's message, not a log line
    return options


def compile_regex(regex: str) -> Any:
    """The expression compiled by RE2; PatternError when RE2 refuses it."""
    try:
        return re2.compile(regex, options=_re2_options())
    except re2.error as error:
        detail = error.args[0] if error.args else error
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise PatternError("regex", f"RE2 cannot compile it: {detail}") from None


@dataclass(frozen=True, eq=False)
class PatternSet:
    """Every pattern of one version, ready to read messages with. Build with `PatternSet.of`."""

    facts: tuple[PatternFacts, ...]
    _compiled: tuple[_Compiled, ...] = field(repr=False)
    _automaton: Any = field(repr=False)
    _by_phrase: tuple[tuple[int, ...], ...] = field(repr=False)
    _by_code: dict[str, tuple[int, ...]] = field(repr=False)
    # The patterns that are a regular expression alone, and one RE2 set of their expressions
    # (RE2::Set), so that a message is scanned once for all of them, not once per pattern:
    # five such patterns cost 11 µs a message one by one, about 1 µs together.
    _regex_only: tuple[int, ...] = field(repr=False)
    _regex_set: Any = field(repr=False)
    _representatives: dict[tuple[str, str], PatternFacts] = field(repr=False)
    _generic: frozenset[int] = field(repr=False)

    @classmethod
    def of(cls, facts: Iterable[PatternFacts]) -> PatternSet:
        """Compile the patterns; PatternError names the first one that cannot be used."""
        facts = tuple(facts)
        compiled: list[_Compiled] = []
        phrase_ids: dict[str, int] = {}
        by_phrase: list[list[int]] = []
        by_code: dict[str, list[int]] = defaultdict(list)
        regex_only: list[int] = []
        for index, pattern in enumerate(facts):
            phrases = tuple(
                dict.fromkeys(p for p in (normalise_phrase(x) for x in pattern.phrases) if p)
            )
            code = normalise_code(pattern.code) if pattern.code else ""
            regex = compile_regex(pattern.regex) if pattern.regex else None
            if not (phrases or code or regex is not None):
                raise PatternError("phrases", f"pattern {pattern.id} has nothing to match")
            compiled.append(_Compiled(pattern, phrases, regex, code))
            for phrase in phrases:
                if phrase not in phrase_ids:
                    phrase_ids[phrase] = len(by_phrase)
                    by_phrase.append([])
                by_phrase[phrase_ids[phrase]].append(index)
            if not phrases and code:
                by_code[code].append(index)
            elif not phrases:
                regex_only.append(index)
        regex_set = None
        if regex_only:
            regex_set = re2.Set.SearchSet(_re2_options())
            for index in regex_only:
                regex_set.Add(facts[index].regex)
            regex_set.Compile()
        automaton = ahocorasick.Automaton()
        for phrase, phrase_id in phrase_ids.items():
            automaton.add_word(phrase, (phrase_id, len(phrase)))
        if phrase_ids:
            automaton.make_automaton()
        return cls(
            facts=facts,
            _compiled=tuple(compiled),
            _automaton=automaton if phrase_ids else None,
            _by_phrase=tuple(tuple(p) for p in by_phrase),
            _by_code={code: tuple(found) for code, found in by_code.items()},
            _regex_only=tuple(regex_only),
            _regex_set=regex_set,
            _representatives=_representatives(facts),
            _generic=frozenset(c.facts.id for c in compiled if _generic(c)),
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Shared through the cache as its facts; each process compiles them once.
        return (PatternSet.of, (self.facts,))

    def __len__(self) -> int:
        return len(self.facts)

    def generic(self, pattern: PatternFacts) -> bool:
        """True for a pattern whose phrases are all generic advice ("请联系发卡行")."""
        return pattern.id in self._generic

    def representative(self, symptom: str, outcome: str) -> PatternFacts | None:
        """The pattern whose explanation and next step best speak for a problem read by the
        learned part or a label: one with the same outcome if any, the general (any
        provider, any channel) first, then one without alternatives, then the highest
        priority."""
        return self._representatives.get((symptom, outcome)) or self._representatives.get(
            (symptom, "")
        )

    def matches(
        self, message: Normalised, *, provider: str | None = None, channel: str | None = None
    ) -> list[Match]:
        """The patterns the message matches, best first (outcome, then score)."""
        text = message.text
        found: dict[int, tuple[int, int]] = {}  # phrase id -> first (start, end)
        if self._automaton is not None and text:
            for end, (phrase_id, length) in self._automaton.iter(text):
                found.setdefault(phrase_id, (end - length + 1, end + 1))
        hits: dict[int, list[int]] = defaultdict(list)
        for phrase_id in found:
            for index in self._by_phrase[phrase_id]:
                hits[index].append(phrase_id)
        candidates = [i for i, ids in hits.items() if len(ids) == len(self._compiled[i].phrases)]
        for code in message.codes:
            candidates.extend(self._by_code.get(code.value, ()))
        # Regex-only patterns whose expression the message matches: checked here, once.
        regex_hits = (self._regex_set.Match(text) or ()) if self._regex_set is not None else ()
        regex_matched = {self._regex_only[i] for i in regex_hits}
        candidates.extend(regex_matched)
        letters = len(text.replace(" ", "")) or 1
        matched = []
        for index in dict.fromkeys(candidates):
            compiled = self._compiled[index]
            pattern = compiled.facts
            if not _applies(pattern, provider=provider, channel=channel):
                continue
            code_fit = _code_fit(compiled, message.codes)
            if code_fit is None:
                continue
            if (
                compiled.regex is not None
                and index not in regex_matched
                and compiled.regex.search(text) is None
            ):
                continue
            spans = [found[phrase_id] for phrase_id in hits.get(index, ())]
            coverage = min(1.0, _covered(spans) / letters)
            matched.append(Match(pattern, _score(pattern, coverage, code_fit, compiled)))
        matched.sort(key=lambda m: m.rank, reverse=True)
        return matched


def _generic(compiled: _Compiled) -> bool:
    return (
        bool(compiled.phrases)
        and not compiled.code
        and all(phrase in GENERIC_ADVICE for phrase in compiled.phrases)
    )


def _representatives(facts: Sequence[PatternFacts]) -> dict[tuple[str, str], PatternFacts]:
    """Per (problem, outcome), and per (problem, ""), the pattern that speaks for it best."""
    best: dict[tuple[str, str], PatternFacts] = {}

    def rank(p: PatternFacts) -> tuple[bool, bool, int, int]:
        # One cause said plainly speaks for a problem better than a two-way explanation.
        return (p.provider is None and not p.channel, not p.alternatives, p.priority, -p.id)

    for pattern in facts:
        if not pattern.explanation_zh:
            continue
        for key in ((pattern.symptom, pattern.outcome), (pattern.symptom, "")):
            if key not in best or rank(pattern) > rank(best[key]):
                best[key] = pattern
    return best


def _applies(pattern: PatternFacts, *, provider: str | None, channel: str | None) -> bool:
    """A provider's or a channel's own pattern is for that provider or channel only; when the
    person has not said which, every pattern may apply."""
    if provider and pattern.provider and pattern.provider != provider:
        return False
    return not (channel and pattern.channel and pattern.channel != channel)


def _code_fit(compiled: _Compiled, codes: Sequence[Code]) -> float | None:
    """How far the message's codes support the pattern: None when its code is missing.

    A code the message names with its namespace fits fully. A code the text leaves bare,
    such as "(61)", is only read under a pattern whose phrases matched too, since those
    phrases say which table the code comes from; alone it matches nothing.
    """
    if not compiled.code:
        return 0.0
    for code in codes:
        if code.value != compiled.code:
            continue
        if code.namespace == compiled.facts.code_namespace:
            return 1.0
        if code.namespace is None and compiled.phrases:
            return 0.7
    return None


def _covered(spans: Sequence[tuple[int, int]]) -> int:
    total = 0
    reach = -1
    for start, end in sorted(spans):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def _score(pattern: PatternFacts, coverage: float, code_fit: float, compiled: _Compiled) -> float:
    """0..1: how much of the message the phrases explain, a fitting code, the priority."""
    score = 0.45 + 0.4 * coverage + 0.1 * code_fit
    if compiled.regex is not None:
        score += 0.03
    if not compiled.phrases and code_fit:
        score += 0.2  # a namespaced code alone is as good as a phrase that says it
    priority = max(-PRIORITY_RANGE, min(PRIORITY_RANGE, pattern.priority))
    score += 0.15 * priority / PRIORITY_RANGE
    return round(max(0.01, min(0.99, score)), 4)
