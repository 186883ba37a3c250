"""How often one client may have a message read, and have an unrecognised one kept.

Reading a message is CPU work (the rules and the learned part): without a limit, twenty
clients posting long messages fill both cores and every other page slows down. Each
session gets a small allowance per minute, each address a ceiling sized for a carrier-NAT
address that thousands of people share; a session's first few readings of a minute are
served even when its address is past the ceiling, so one busy address never locks out the
person behind it. Counters live in the cache (wizard/lookups.py counts wrong case codes
the same way); losing the cache lifts the limits rather than the service.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from wizard.cases.access import client_key

logger = logging.getLogger(__name__)

READING_WINDOW = 60
KEEPING_WINDOW = 3600
# Served whatever the address's count: a person reading their own message a few times.
ALWAYS_SERVED = 5


def reading_refused(request: HttpRequest) -> bool:
    """Count one reading for this client; True when it is over its allowance (refuse it)."""
    session = _session_key(request)
    session_count = _increment(f"message-readings:session:{session}", READING_WINDOW)
    if session_count > settings.MESSAGE_READINGS_PER_SESSION_PER_MINUTE:
        return True
    address = client_key(request)
    address_count = _increment(f"message-readings:address:{address}", READING_WINDOW)
    if address_count <= settings.MESSAGE_READINGS_PER_ADDRESS_PER_MINUTE:
        return False
    if address_count == settings.MESSAGE_READINGS_PER_ADDRESS_PER_MINUTE + 1:
        logger.warning("message readings: address %s is past its ceiling this minute", address)
    return session_count > ALWAYS_SERVED


def keeping_refused(request: HttpRequest) -> bool:
    """Count one unrecognised message kept for this client; True when it is over its
    allowance (read it, but do not keep it)."""
    session = _session_key(request)
    session_count = _increment(f"unmatched-kept:session:{session}", KEEPING_WINDOW)
    address_count = _increment(f"unmatched-kept:address:{client_key(request)}", KEEPING_WINDOW)
    return (
        session_count > settings.UNMATCHED_MESSAGES_PER_SESSION_PER_HOUR
        or address_count > settings.UNMATCHED_MESSAGES_PER_ADDRESS_PER_HOUR
    )


def _session_key(request: HttpRequest) -> str:
    # The problem page is only ever reached inside a session's run (views.known_run).
    return request.session.session_key or "none"


def _increment(key: str, seconds: int) -> int:
    """Add one to a counter that lives `seconds` from its first count; the new count (0 when
    the cache is down: no limit then)."""
    try:
        if cache.add(key, 1, timeout=seconds):
            return 1
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=seconds)
        return 1
    except Exception:  # the cache is down: limits lapse, the service does not
        logger.warning("message limits: cache unavailable", exc_info=True)
        return 0
