"""Opening a case by its reference code: a person's own always, anyone else's within limits.

Most mobile users in China share one public address with thousands of others (carrier-grade
NAT), so an address never stands for one person.
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

from config.client_ip import client_ip

logger = logging.getLogger(__name__)


def client_key(request: HttpRequest) -> str:
    """The client's address (the trusted proxy's word for it behind one: config.client_ip).

    Most mobile users in China share one public address with thousands of others (carrier
    NAT), so an address is never trusted to mean one person: see `lookups_refused`.
    """
    return client_ip(request) or "unknown"


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


# --- Changing a case --------------------------------------------------------------------------
# The code is for reading the plan and telling support about it, and people pass it on. Only
# the person who made the case may change it (feedback, evidence ticks): from the session that
# made it, or with the owner's token, which only the owner's page carries in its forms (so a
# page left open past the session's end still saves). The token is a signature of the code
# under the site's secret key: nothing to store, and nobody can make one from the code alone.

OWNER_TOKEN_FIELD = "owner"


def owner_token(code: str) -> str:
    """The secret the owner's page puts in its forms to change case `code`."""
    return signing.Signer(salt="wizard.case-owner").signature(code)


def may_change_case(request: HttpRequest, code: str) -> bool:
    """True for the session that made the case, or a form carrying its owner's token."""
    if owns_case(request.session, code):
        return True
    token = request.POST.get(OWNER_TOKEN_FIELD, "") if request.method == "POST" else ""
    return bool(token) and constant_time_compare(token, owner_token(code))


# --- Guessing ---------------------------------------------------------------------------------
# Wrong codes are counted per session, with a small limit, and per address, with a ceiling
# sized for a carrier-NAT address that thousands of people share. A session over its limit,
# or any request from an address over its ceiling, is refused every case it did not make
# itself for the rest of the hour, so a hit among the refusals tells a guesser nothing.

WINDOW_SECONDS = 3600


# A browser without a session is told a random id of its own in a signed cookie, so that its
# next wrong codes meet the per-session limit without a session (a database row) per guess.
BROWSER_COOKIE = "case_lookups"
BROWSER_COOKIE_SALT = "wizard.case-lookups"


def _browser_id(request: HttpRequest) -> str | None:
    value = request.get_signed_cookie(BROWSER_COOKIE, default=None, salt=BROWSER_COOKIE_SALT)
    return value or None


def _session_misses_key(request: HttpRequest) -> str | None:
    # Read after the session has been loaded (owns_case does that): a made-up session cookie
    # leaves no key, and such a request is counted by its browser id, or only its address.
    key = request.session.session_key
    if key:
        return f"case-lookup-misses:session:{key}"
    browser = _browser_id(request)
    return f"case-lookup-misses:browser:{browser}" if browser else None


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


def count_miss(request: HttpRequest, response: HttpResponse) -> None:
    """Count a wrong code against the session (or browser id) and the address; tell staff
    once per hour when an address reaches its ceiling (a steady stream of misses, not one
    person). Writes nothing to the database: a browser with neither session nor id is given
    an id in a cookie on `response`."""
    session_key = _session_misses_key(request)
    if session_key is None:
        # A browser keeps this cookie, so its next guesses meet the small per-session limit;
        # a script that drops it meets only the address's ceiling.
        browser = secrets.token_urlsafe(16)
        response.set_signed_cookie(
            BROWSER_COOKIE,
            browser,
            salt=BROWSER_COOKIE_SALT,
            max_age=WINDOW_SECONDS,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        session_key = f"case-lookup-misses:browser:{browser}"
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
