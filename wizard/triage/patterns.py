"""The staff's message patterns as the decoder reads them, shared between requests, and the
messages none of them recognised, kept redacted for staff to learn from.

The live patterns are compiled into one `PatternSet` per version: the version changes on
every save or delete of a pattern (or a provider, whose slug the patterns carry), so the
automaton is built once per version and process, never per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.db import connections, router

from config.shared import SharedValue
from wizard.decoder import NO_MATCH, PatternError, PatternFacts, PatternSet, Reading, decode
from wizard.decoder.matching import compile_regex
from wizard.decoder.normalise import normalise
from wizard.funnel import Along, count
from wizard.models import MessagePattern, UnmatchedMessage
from wizard.redaction import redact_message
from wizard.triage.learning import current_model, label_for

logger = logging.getLogger(__name__)

PATTERNS_KEY = "wizard:message-patterns:v1"
# A safety net only: every save and delete drops the entry at once.
CACHE_SECONDS = 60 * 60


def usable(facts: PatternFacts) -> bool:
    """False for a pattern whose regular expression RE2 refuses (one that bypassed the
    admin's checks): it is left out rather than taking every other pattern down with it."""
    if not facts.regex:
        return True
    try:
        compile_regex(facts.regex)
    except PatternError:
        logger.warning("message pattern %s left out: RE2 refuses its regex", facts.id)
        return False
    return True


def _live_from_database() -> PatternSet:
    live = MessagePattern.objects.live().select_related("provider").order_by("pk")
    return PatternSet.of(facts for facts in (p.facts() for p in live) if usable(facts))


shared_patterns: SharedValue[PatternSet] = SharedValue(
    PATTERNS_KEY, _live_from_database, seconds=CACHE_SECONDS
)


def current_patterns() -> PatternSet:
    """The live patterns, compiled; one query when no process has built this version yet."""
    return shared_patterns.get()


def forget_patterns(**_signal_kwargs: object) -> None:
    """Drop the shared patterns now and again on commit: the next reading builds them anew."""
    shared_patterns.forget()


def read_message(text: str, *, provider: str | None, channel: str | None, language: str) -> Reading:
    """What a message means, read with staff's labels, the live patterns and the live
    learned model (wizard/triage/learning.py). Stores nothing."""
    return decode(
        text,
        patterns=current_patterns(),
        model=current_model(),
        label=label_for(text),
        provider=provider,
        channel=channel,
        language=language,
    )


def record_miss(
    reading: Reading,
    *,
    text: str,
    provider: str | None,
    channel: str | None,
    now: dt.datetime,
) -> bool:
    """Keep the message for staff (redacted) when no pattern recognised it; True if kept."""
    if reading.outcome != NO_MATCH:
        return False
    return note_unmatched(text=text, provider=provider, channel=channel, now=now)


def note_unmatched(
    *, text: str, provider: str | None, channel: str | None, now: dt.datetime
) -> bool:
    """Count one more sighting of an unrecognised message, redacted before anything else.

    False when nothing was kept (empty after redaction). Like the funnel counters, a failure
    outside a transaction is logged, never the person's problem (wizard.funnel.count).
    """
    statement = unmatched_statement(text=text, provider=provider, channel=channel, now=now)
    if statement is None:
        return False
    count([], along=statement)
    return True


def unmatched_statement(
    *, text: str, provider: str | None, channel: str | None, now: dt.datetime
) -> Along | None:
    """The statement that counts one more sighting of an unrecognised message (redacted
    first), for a request to send along with its funnel counters (wizard.funnel.Along);
    None when nothing is left to keep after redaction.

    INSERT … ON CONFLICT DO UPDATE on the normalised text's digest (as wizard/funnel.py
    counts), so two servers noting the same message both count. The first example is kept;
    a message seen under different providers or channels keeps "" for them.
    """
    example = redact_message(text)
    normalised = normalise(example).text
    if not normalised:
        return None
    connection = connections[router.db_for_write(UnmatchedMessage)]
    quote = connection.ops.quote_name
    table = quote(UnmatchedMessage._meta.db_table)
    columns = [
        "digest", "normalised", "example", "count", "first_seen", "last_seen",
        "provider_slug", "channel",
    ]  # fmt: skip
    moment = connection.ops.adapt_datetimefield_value(now)
    params: list[str | int | None] = [
        hashlib.sha256(normalised.encode()).hexdigest(),
        normalised,
        example,
        1,
        moment,
        moment,
        (provider or "")[:40],
        (channel or "")[:20],
    ]
    same = {
        name: f"CASE WHEN {table}.{quote(name)} = EXCLUDED.{quote(name)} "
        f"THEN {table}.{quote(name)} ELSE '' END"
        for name in ("provider_slug", "channel")
    }
    sql = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('digest')}) DO UPDATE SET "
        f"{quote('count')} = {table}.{quote('count')} + 1, "
        f"{quote('last_seen')} = EXCLUDED.{quote('last_seen')}, "
        f"{quote('provider_slug')} = {same['provider_slug']}, "
        f"{quote('channel')} = {same['channel']}"
    )
    return Along(sql, params)
