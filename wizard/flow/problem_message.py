"""The message a person pasted on the message page: what it means, and which problem it
suggests, as the page shows it (the decoder itself is wizard.decoder, its patterns
wizard.triage.patterns). The problem page that follows starts with the suggestion selected; the
person can still choose another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from wizard.decoder import Reading
from wizard.engine.answers import MessageOutcome, Symptom, YesNoUnsure
from wizard.triage.patterns import read_message


@dataclass(frozen=True)
class MessageMeaning:
    """A reading of the message, with the problem it points to after the follow-up answer."""

    reading: Reading
    suggested: str | None

    @property
    def recognised(self) -> bool:
        return self.reading.outcome != MessageOutcome.NO_MATCH

    @property
    def explained(self) -> bool:
        """Whether the page says what the message means: a recognised message, or one that
        only says the payment went through (no problem suggested, nothing to confirm)."""
        return self.recognised or self.reading.says_success

    @property
    def may_have_left(self) -> bool:
        """The result is unknown (or the money was taken): say so before anything else."""
        return self.reading.outcome in (MessageOutcome.UNKNOWN, MessageOutcome.DEDUCTED)

    @property
    def outcome_unknown(self) -> bool:
        return self.reading.outcome == MessageOutcome.UNKNOWN

    @property
    def suggested_label(self) -> str:
        """The suggested problem's name, ready to be quoted (problem_name)."""
        return problem_name(self.suggested) if self.suggested else ""


def problem_name(symptom: str) -> str:
    """A problem's name to put inside quotation marks: its own quotation marks become the
    inner ones (‘ ’), so that quotes nest rather than run into each other."""
    return str(Symptom(symptom).label).replace("“", "‘").replace("”", "’")


def meaning_of(
    text: str, *, provider: str | None, channel: str | None, follow_up: str, language: str
) -> MessageMeaning | None:
    """What `text` means for this provider and channel; None for no text.

    An ambiguous message's follow-up question picks between its readings: "no" to the
    question (for example "did your reserved phone number change?") points to the
    message's other reading.
    """
    if not text.strip():
        return None
    reading = read_message(text, provider=provider, channel=channel, language=language)
    candidates = reading.candidates
    suggested = None
    if candidates:
        pick_other = reading.question and follow_up == YesNoUnsure.NO and len(candidates) > 1
        suggested = candidates[1 if pick_other else 0].symptom
    return MessageMeaning(reading=reading, suggested=suggested)


def message_digest(text: str) -> str:
    """A short fingerprint of a message whose reading the page showed: sent back with the
    page, it tells the wizard the person has seen this text's reading."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]
