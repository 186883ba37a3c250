"""What a message means for the person who saw it: `decode` and its `Reading`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from config.language import is_english, pick
from wizard.decoder.matching import (
    ALTERNATIVE_SHARE,
    DEDUCTED,
    FAILED,
    UNKNOWN,
    Match,
    PatternFacts,
    PatternSet,
)
from wizard.decoder.normalise import normalise

NO_MATCH = "no_match"
LANGUAGES = ("zh-hans", "en")
# Like a card terminal that shows "交易失败" for a code it does not know: say what is safe
# to say, and keep the message for staff to read.
NO_MATCH_EXPLANATION = {
    "zh": "我们还认不出这条提示。它多半表示这次付款没有成功,但原因没有写明。",
    "en": "We do not recognise this message yet. Most likely the payment did not go through, "
    "but it does not say why.",
}
NO_MATCH_NEXT_STEP = {
    "zh": "先看银行卡或钱包的账单确认钱有没有扣,再把这条提示原样告诉机构或发卡行的客服。",
    "en": "First check your bank or wallet record for a debit, then read this message out "
    "as it is to the lender's or the card issuer's customer service.",
}


@dataclass(frozen=True)
class Candidate:
    """One problem the message may mean, how sure we are (0..1) and the pattern that says so."""

    symptom: str
    score: float
    pattern: int

    def to_dict(self) -> dict[str, Any]:
        return {"symptom": self.symptom, "score": round(self.score, 2), "pattern": self.pattern}


@dataclass(frozen=True)
class Reading:
    """What the decoder made of a message: the outcome first (did money leave?), then the
    problems it may mean, best first, and what to tell the person."""

    outcome: str  # "failed" | "unknown" | "deducted" | "no_match"
    candidates: tuple[Candidate, ...]
    question: str | None
    explanation: str
    next_step: str
    normalised: str
    pattern: int | None

    @property
    def symptom(self) -> str | None:
        return self.candidates[0].symptom if self.candidates else None

    @property
    def may_have_left(self) -> bool:
        """True when the money may already have left the account: do not pay twice."""
        return self.outcome in (UNKNOWN, DEDUCTED)

    @property
    def matched(self) -> bool:
        return self.outcome != NO_MATCH

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `manage.py decode` prints."""
        return {
            "outcome": self.outcome,
            "candidates": [candidate.to_dict() for candidate in self.candidates],
            "question": self.question,
            "explanation": self.explanation,
            "next_step": self.next_step,
        }


def decode(
    text: str,
    *,
    patterns: PatternSet,
    provider: str | None = None,
    channel: str | None = None,
    language: str = "zh-hans",
) -> Reading:
    """Read a message a person copied from a screen or an SMS.

    `provider` (a slug) and `channel` narrow the patterns to those that apply; the text is
    cut to MAX_MESSAGE characters. Nothing is stored: recording misses is the caller's job.
    """
    if language not in LANGUAGES and not is_english(language):
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    message = normalise(text)
    matches = patterns.matches(message, provider=provider, channel=channel)
    if not matches:
        return Reading(
            outcome=NO_MATCH,
            candidates=(),
            question=None,
            explanation=pick(language, **NO_MATCH_EXPLANATION),
            next_step=pick(language, **NO_MATCH_NEXT_STEP),
            normalised=message.text,
            pattern=None,
        )
    lead = matches[0].pattern
    return Reading(
        outcome=_outcome(matches),
        candidates=_candidates(matches),
        question=_text(lead, "question", language) or None,
        explanation=_text(lead, "explanation", language),
        next_step=_text(lead, "next_step", language),
        normalised=message.text,
        pattern=lead.id,
    )


def _outcome(matches: list[Match]) -> str:
    outcomes = {match.pattern.outcome for match in matches}
    for outcome in (DEDUCTED, UNKNOWN):
        if outcome in outcomes:
            return outcome
    return FAILED


def _candidates(matches: list[Match]) -> tuple[Candidate, ...]:
    """One candidate per problem, from its best pattern, in the order of the matches; then
    the problems those patterns list as alternatives, with a lower score."""
    best: dict[str, Candidate] = {}
    for match in matches:
        symptom = match.pattern.symptom
        if symptom not in best:
            best[symptom] = Candidate(symptom, match.score, match.pattern.id)
    alternatives: dict[str, Candidate] = {}
    for match in matches:
        for symptom in match.pattern.alternatives:
            score = round(match.score * ALTERNATIVE_SHARE, 4)
            if symptom in best:
                continue
            if symptom not in alternatives or alternatives[symptom].score < score:
                alternatives[symptom] = Candidate(symptom, score, match.pattern.id)
    ranked = sorted(alternatives.values(), key=lambda c: c.score, reverse=True)
    return tuple(best.values()) + tuple(ranked)


def _text(pattern: PatternFacts, name: str, language: str) -> str:
    zh = getattr(pattern, f"{name}_zh")
    en = getattr(pattern, f"{name}_en")
    return pick(language, zh=zh, en=en or zh)
