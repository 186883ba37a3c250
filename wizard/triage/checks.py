"""What a message pattern would do before it goes live: which labelled examples it would
read wrong, and which messages it would match or take from another pattern.

Pure-ish, like wizard/decoder: plain values in (the pattern's facts, the live ones, the
labelled examples, the stored messages), plain values out. Nothing is saved, and the
candidate set is built in memory from the live patterns with this pattern in place of its
saved version. The admin's form, its preview and the import call these functions.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext, ngettext

from wizard.decoder import MAX_MESSAGE, PatternFacts, PatternSet, Reading, decode
from wizard.decoder.normalise import PLACEHOLDER, normalise, normalise_phrase

EXAMPLES_FILE = Path(__file__).resolve().parent.parent / "decoder" / "examples.json"
# An unsaved pattern will get the largest id when saved, so it loses ties as it will then.
NEW_PATTERN_ID = 2**31 - 1
# A message is read up to MAX_MESSAGE characters; a phrase this long is already a message.
MAX_PHRASE = 200
MAX_PHRASES = 20
REFUSAL_SHOWN = 8


@dataclass(frozen=True)
class LabelledExample:
    """A real message from the research with the problem and outcome it means."""

    text: str
    symptom: str
    outcome: str
    provider: str | None = None
    channel: str | None = None
    source: str = ""


@dataclass(frozen=True)
class StoredMessage:
    """A message no pattern recognised when it was seen (UnmatchedMessage), as plain values."""

    text: str
    count: int
    provider: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class BrokenExample:
    """A labelled example the live set with the pattern would read differently from its label."""

    example: LabelledExample
    symptom: str | None
    outcome: str


@dataclass(frozen=True)
class Sighting:
    """One message read with the live patterns (before) and with this pattern too (after)."""

    text: str
    before: Reading
    after: Reading
    matched: bool  # the pattern is among the patterns the message matches
    count: int | None = None  # how often a stored message was seen
    label: LabelledExample | None = None

    @property
    def taken(self) -> bool:
        """True when another pattern led the reading and this one will."""
        return (
            self.after.pattern is not None
            and self.after.pattern != self.before.pattern
            and self.before.pattern is not None
        )


@dataclass(frozen=True)
class PatternPreview:
    """What making the pattern live would change, for staff to read before they do it."""

    pattern_id: int
    messages: tuple[Sighting, ...]  # stored messages it matches, most frequent first
    messages_matched: int  # of the messages looked at
    messages_looked_at: int
    examples: tuple[Sighting, ...]  # labelled examples it matches
    taken: tuple[Sighting, ...]  # examples and messages it would take from another pattern
    broken: tuple[BrokenExample, ...]
    others: dict[int, PatternFacts]  # the live patterns named in `taken`, by id

    @property
    def taken_from(self) -> list[tuple[Sighting, PatternFacts | None]]:
        """Each message taken, with the pattern that reads it now."""
        return [(s, self.others.get(s.before.pattern or 0)) for s in self.taken]


@cache
def labelled_examples() -> tuple[LabelledExample, ...]:
    """The labelled examples shipped with the code (wizard/decoder/examples.json)."""
    records = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return tuple(
        LabelledExample(
            text=record["text"],
            symptom=record["symptom"],
            outcome=record["outcome"],
            provider=record.get("provider"),
            channel=record.get("channel"),
            source=record.get("source", ""),
        )
        for record in records
    )


def as_candidate(facts: PatternFacts) -> PatternFacts:
    """The facts with an id even when the pattern is not saved yet."""
    return facts if facts.id else dataclasses.replace(facts, id=NEW_PATTERN_ID)


def with_pattern(facts: PatternFacts, *, live: Iterable[PatternFacts]) -> PatternSet:
    """The live patterns with `facts` in place of its saved version (or added), compiled."""
    facts = as_candidate(facts)
    return PatternSet.of([*(f for f in live if f.id != facts.id), facts])


def _read(text: str, patterns: PatternSet, provider: str | None, channel: str | None) -> Reading:
    return decode(text, patterns=patterns, provider=provider, channel=channel)


def examples_broken_by(
    facts: PatternFacts, *, live: PatternSet, examples: Sequence[LabelledExample]
) -> list[BrokenExample]:
    """The examples the live set with this pattern reads differently from their label.

    An example the live set already reads wrong, and still reads the same wrong way with
    this pattern, is not this pattern's doing and is left out.
    """
    candidate = with_pattern(facts, live=live.facts)
    broken = []
    for example in examples:
        after = _read(example.text, candidate, example.provider, example.channel)
        if (after.symptom, after.outcome) == (example.symptom, example.outcome):
            continue
        before = _read(example.text, live, example.provider, example.channel)
        if (before.symptom, before.outcome) == (after.symptom, after.outcome):
            continue
        broken.append(BrokenExample(example, after.symptom, after.outcome))
    return broken


def preview_pattern(
    facts: PatternFacts,
    *,
    live: PatternSet,
    examples: Sequence[LabelledExample],
    messages: Sequence[StoredMessage],
    shown: int = 20,
) -> PatternPreview:
    """Which stored messages and labelled examples the pattern would match, which it would
    take from another pattern, and which examples it would break; `messages` most frequent
    first, of which the first `shown` matches are kept."""
    facts = as_candidate(facts)
    candidate = with_pattern(facts, live=live.facts)
    single = PatternSet.of([facts])

    def sighting(
        text: str,
        provider: str | None,
        channel: str | None,
        **extra: object,
    ) -> Sighting:
        matched = bool(single.matches(normalise(text), provider=provider, channel=channel))
        return Sighting(
            text=text,
            before=_read(text, live, provider, channel),
            after=_read(text, candidate, provider, channel),
            matched=matched,
            **extra,  # type: ignore[arg-type]
        )

    read_messages = [sighting(m.text, m.provider, m.channel, count=m.count) for m in messages]
    read_examples = [sighting(e.text, e.provider, e.channel, label=e) for e in examples]
    matched_messages = [s for s in read_messages if s.matched]
    taken = tuple(
        s for s in (*read_examples, *read_messages) if s.taken and s.after.pattern == facts.id
    )
    by_id = {f.id: f for f in live.facts}
    return PatternPreview(
        pattern_id=facts.id,
        messages=tuple(matched_messages[:shown]),
        messages_matched=len(matched_messages),
        messages_looked_at=len(read_messages),
        examples=tuple(s for s in read_examples if s.matched),
        taken=taken,
        broken=tuple(examples_broken_by(facts, live=live, examples=examples)),
        others={
            s.before.pattern: by_id[s.before.pattern] for s in taken if s.before.pattern in by_id
        },
    )


def refusal_message(broken: list[BrokenExample]) -> str:
    """Why a pattern may not go live, naming the examples it would read wrong."""
    named = [
        gettext("“%(text)s”应为 %(symptom)s / %(outcome)s,会读成 %(got)s / %(got_outcome)s")
        % {
            "text": b.example.text,
            "symptom": b.example.symptom,
            "outcome": b.example.outcome,
            "got": b.symptom or "-",
            "got_outcome": b.outcome,
        }
        for b in broken[:REFUSAL_SHOWN]
    ]
    more = len(broken) - len(named)
    if more:
        named.append(ngettext("还有 %(n)d 条。", "还有 %(n)d 条。", more) % {"n": more})
    return gettext(
        "不能上线:上线后这些已标注的例子会被读错(可以先存为草稿,用“预览”查看):%(examples)s"
    ) % {"examples": ";".join(named)}


def phrase_problems(phrases: Sequence[str]) -> list[str]:
    """Why the phrases cannot be used, in words for staff; empty when they can."""
    problems = []
    if len(phrases) > MAX_PHRASES:
        problems.append(
            gettext("最多 %(most)d 句,现在有 %(count)d 句。")
            % {"most": MAX_PHRASES, "count": len(phrases)}
        )
    for phrase in phrases:
        if len(phrase) > MAX_PHRASE:
            problems.append(
                gettext("“%(start)s…”太长了(%(length)d 个字):每句最多 %(most)d 个字,"
                        "只写提示里固定不变的那部分。")
                % {"start": phrase[:20], "length": len(phrase), "most": MAX_PHRASE}
            )  # fmt: skip
    return problems


def phrases_from_message(normalised: str) -> list[str]:
    """Phrases for a new pattern taken from a stored message's normalised text: the parts
    between the placeholders for masked digits, which differ from one message to the next."""
    parts = [part.strip() for part in normalised[:MAX_MESSAGE].split(PLACEHOLDER)]
    phrases = [part[:MAX_PHRASE] for part in parts if len(normalise_phrase(part)) >= 2]
    return phrases[:MAX_PHRASES] or [normalised[:MAX_PHRASE]]
