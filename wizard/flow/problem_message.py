"""The message a person pasted on the problem page: what it means, and which problem it
suggests, as the page shows it (the decoder itself is wizard.decoder, its patterns
wizard.triage.patterns).

The page suggests a problem and the person can still choose another: a suggestion only
replaces the selected problem while the person has not changed it themselves, which the
page tells us by sending back the problem it last suggested.
"""

from __future__ import annotations

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
    def may_have_left(self) -> bool:
        """The result is unknown (or the money was taken): say so before anything else."""
        return self.reading.outcome in (MessageOutcome.UNKNOWN, MessageOutcome.DEDUCTED)

    @property
    def outcome_unknown(self) -> bool:
        return self.reading.outcome == MessageOutcome.UNKNOWN

    @property
    def suggested_label(self) -> str:
        return str(Symptom(self.suggested).label) if self.suggested else ""


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


def selected_problem(*, posted: str, last_suggested: str, meaning: MessageMeaning | None) -> str:
    """The problem the page should show selected: the suggestion, unless the person chose
    another problem than the one the page suggested last."""
    if meaning is None or meaning.suggested is None:
        return posted
    if posted and posted != last_suggested:
        return posted
    return meaning.suggested
