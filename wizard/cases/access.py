"""Opening a case by its reference code: a person's own always, anyone else's within limits.

Most mobile users in China share one public address with thousands of others (carrier-grade
NAT), so an address never stands for one person.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_key(request: HttpRequest) -> str:
    """The client's address (the proxy's X-Forwarded-For entry behind one).

    Most mobile users in China share one public address with thousands of others (carrier
    NAT), so an address is never trusted to mean one person: see `lookups_refused`.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


# --- A person's own cases -------------------------------------------------------------------

OWN_CASES_KEY = "own_cases"
# Enough for anyone; the oldest is forgotten first so a session cannot grow without bound.
MAX_OWN_CASES = 20


def remember_own_case(session: SessionBase, code: str) -> None:
    """Note in the person's session that they made this case: it always opens for them."""
    own = [known for known in session.get(OWN_CASES_KEY, []) if known != code]
    session[OWN_CASES_KEY] = [*own, code][-MAX_OWN_CASES:]


def owns_case(session: SessionBase, code: str) -> bool:
    return code in session.get(OWN_CASES_KEY, ())


# --- Guessing ---------------------------------------------------------------------------------
# Wrong codes are counted per session, with a small limit, and per address, with a ceiling
# sized for a carrier-NAT address that thousands of people share. A session over its limit,
# or any request from an address over its ceiling, is refused every case it did not make
# itself for the rest of the hour, so a hit among the refusals tells a guesser nothing.

WINDOW_SECONDS = 3600


def _session_misses_key(request: HttpRequest) -> str | None:
    # Read after the session has been loaded (owns_case does that): a made-up session cookie
    # leaves no key, and such a request is counted only against its address.
    key = request.session.session_key
    return f"case-lookup-misses:session:{key}" if key else None


def _address_misses_key(request: HttpRequest) -> str:
    return f"case-lookup-misses:address:{client_key(request)}"


def lookups_refused(request: HttpRequest) -> bool:
    """True when this client may not look up codes it did not make, for the rest of the hour.

    With 30**10 codes, a million live cases and 300 misses an hour, one address finds a case
    about once in 220 years; a session, at 10 an hour, once in 6,700 years.
    """
    request.session.get(OWN_CASES_KEY)  # load the session, so that its key is a real one
    session_key = _session_misses_key(request)
    counts = cache.get_many([k for k in (session_key, _address_misses_key(request)) if k])
    if session_key and counts.get(session_key, 0) >= settings.CASE_LOOKUP_MISSES_PER_HOUR:
        return True
    address_misses = counts.get(_address_misses_key(request), 0)
    return address_misses >= settings.CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR


def count_miss(request: HttpRequest) -> None:
    """Count a wrong code against the session and the address; tell staff once per hour
    when an address reaches its ceiling (a steady stream of misses, not one person)."""
    if request.session.session_key is None:
        # A browser keeps this cookie, so its next guesses meet the small per-session limit;
        # a script that drops it meets only the address's ceiling.
        request.session.save()
    session_key = _session_misses_key(request)
    if session_key:
        _increment(session_key)
    address_misses = _increment(_address_misses_key(request))
    if address_misses >= settings.CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR and cache.add(
        f"case-lookup-logged:{client_key(request)}", True, WINDOW_SECONDS
    ):
        logger.warning(
            "case lookup: %s wrong reference codes this hour from address %s; codes its "
            "sessions did not make are refused for up to an hour",
            address_misses,
            client_key(request),
        )


def _increment(key: str) -> int:
    """Add one to an hour-long counter that starts at the first miss; the new count."""
    if cache.add(key, 1, timeout=WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        return 1
