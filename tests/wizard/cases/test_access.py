"""Opening a case by its reference code (wizard/cases/access.py): any typing of the code opens it,
guessing codes is slowed, and nobody behind a shared address is locked out.

Most mobile users in China share one public address (carrier-grade NAT), so a guesser and
innocent people arrive from the same address. Wrong codes are limited per session (10 an
hour) and, with a ceiling sized for a shared address (300 an hour), per address; a person's
own cases always open in the session that made them.
"""

from __future__ import annotations

import logging

import pytest
from django.test import Client, override_settings

from tests.wizard.helpers import case_for, finish_wizard, recent_answers
from wizard.cases.reference_codes import CODE_ALPHABET, CODE_LENGTH, new_code
from wizard.models import Case, Outcome

pytestmark = pytest.mark.django_db

SHARED_ADDRESS = "203.0.113.9"  # one carrier-NAT address, many people


def innocent_person_finishes_and_reopens(address: str) -> None:
    """Finish the wizard from `address`, see the plan, then reopen it by code elsewhere."""
    person = Client(REMOTE_ADDR=address)
    page = finish_wizard(person)
    assert page.status_code == 200, page.content.decode()[:300]
    assert page.redirect_chain[-1][0].startswith("/plan/")
    code = Case.objects.latest("created_at").code
    assert person.get(f"/plan/{code}/").status_code == 200
    # The same person later, in a new session (another browser), typing the code.
    assert Client(REMOTE_ADDR=address).get(f"/plan/{code}/").status_code == 200


def test_a_guesser_keeping_cookies_is_stopped_and_the_next_person_there_is_not(bank):
    guesser = Client(REMOTE_ADDR=SHARED_ADDRESS)
    answers = [guesser.get(f"/plan/{new_code()}/").status_code for _ in range(60)]
    assert answers[:10] == [404] * 10
    assert set(answers[10:]) == {429}, "the session is stopped after 10 wrong codes"
    innocent_person_finishes_and_reopens(SHARED_ADDRESS)


def test_a_guesser_dropping_cookies_and_the_next_person_there(bank):
    answers = [Client(REMOTE_ADDR=SHARED_ADDRESS).get(f"/plan/{new_code()}/") for _ in range(60)]
    assert {response.status_code for response in answers} == {404}, "60 is under the ceiling"
    innocent_person_finishes_and_reopens(SHARED_ADDRESS)


@override_settings(CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR=30)
def test_an_address_over_its_ceiling_still_opens_the_cases_its_people_made(bank):
    someone_elses = case_for(recent_answers())
    for _ in range(30):
        Client(REMOTE_ADDR=SHARED_ADDRESS).get(f"/plan/{new_code()}/")
    # A script dropping its cookies is now slowed: even a right code is refused...
    refused = Client(REMOTE_ADDR=SHARED_ADDRESS).get(f"/plan/{someone_elses.code}/")
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    # ...but a person there who finishes the wizard sees their plan and can give feedback.
    person = Client(REMOTE_ADDR=SHARED_ADDRESS)
    page = finish_wizard(person)
    assert page.status_code == 200 and "请稍后再试" not in page.content.decode()
    own = Case.objects.latest("created_at")
    assert person.post(f"/plan/{own.code}/feedback/", {"outcome": "solved"}).status_code == 302
    own.refresh_from_db()
    assert own.outcome == Outcome.SOLVED
    # Another address is not affected at all.
    assert Client(REMOTE_ADDR="198.51.100.7").get(f"/plan/{someone_elses.code}/").status_code == 200


def test_a_person_over_the_session_limit_still_opens_their_own_plan(bank):
    person = Client(REMOTE_ADDR=SHARED_ADDRESS)
    finish_wizard(person)
    own = Case.objects.latest("created_at")
    for _ in range(10):  # mistyped codes, a friend's plan, ...
        assert person.get(f"/plan/{new_code()}/").status_code == 404
    someone_elses = case_for(recent_answers())
    assert person.get(f"/plan/{someone_elses.code}/").status_code == 429
    assert person.get(f"/plan/{own.code}/").status_code == 200
    spaced = f"{own.code[:5].lower()}-{own.code[5:].lower()}"
    assert person.get(f"/plan/{spaced}/").status_code == 302  # to the canonical URL


@override_settings(CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR=20)
def test_a_steady_stream_of_misses_is_logged_once_for_staff(bank, caplog):
    with caplog.at_level(logging.INFO, logger="wizard.cases.access"):
        for _ in range(50):
            Client(REMOTE_ADDR=SHARED_ADDRESS).get(f"/plan/{new_code()}/")
    records = [r for r in caplog.records if r.name == "wizard.cases.access"]
    assert len(records) == 1, [r.getMessage() for r in records]
    assert records[0].levelno == logging.WARNING
    assert SHARED_ADDRESS in records[0].getMessage() and not records[0].exc_info


def test_a_made_up_session_cookie_gives_no_fresh_allowance(bank):
    for _ in range(10):
        client = Client(REMOTE_ADDR=SHARED_ADDRESS)
        client.cookies["sessionid"] = "x" * 32  # a session that does not exist
        assert client.get(f"/plan/{new_code()}/").status_code == 404
    with override_settings(CASE_LOOKUP_MISSES_PER_ADDRESS_PER_HOUR=10):
        client = Client(REMOTE_ADDR=SHARED_ADDRESS)
        client.cookies["sessionid"] = "y" * 32
        assert client.get(f"/plan/{new_code()}/").status_code == 429


def test_guessing_stays_hopeless_within_the_limits():
    codes = len(CODE_ALPHABET) ** CODE_LENGTH
    live_cases = 1_000_000  # far more than 180 days of cases
    hours_per_hit_from_one_address = codes / live_cases / 300
    hours_per_hit_from_one_session = codes / live_cases / 10
    assert hours_per_hit_from_one_address / (24 * 365) > 200
    assert hours_per_hit_from_one_session / (24 * 365) > 6_000


def test_the_code_reopens_the_plan_read_only_in_any_typing(bank):
    case = case_for(recent_answers())
    client = Client()
    assert client.get(f"/plan/{case.code}/").status_code == 200
    lower = f"/plan/{case.code[:5].lower()}-{case.code[5:].lower()}/"
    assert client.get(lower)["Location"] == f"/plan/{case.code}/"
    assert client.post(f"/plan/{case.code}/").status_code == 405


@override_settings(CASE_LOOKUP_MISSES_PER_HOUR=10)
def test_codes_cannot_be_guessed_by_enumeration_within_the_rate_limit(bank):
    case = case_for(recent_answers())
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    guesses = [new_code() for _ in range(10)]
    assert all(guesser.get(f"/plan/{code}/").status_code == 404 for code in guesses)
    # The limit is reached: from now on even the right code is refused, so a hit says nothing.
    blocked = guesser.get(f"/plan/{case.code}/")
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == "3600"
    assert "请稍后再试" in blocked.content.decode()
    assert guesser.post(f"/plan/{case.code}/feedback/", {"outcome": "solved"}).status_code == 429
    # Someone else, who only opens their own plan, is unaffected.
    assert Client(REMOTE_ADDR="198.51.100.7").get(f"/plan/{case.code}/").status_code == 200
    # What the limit means: 10 tries an hour against 30**10 codes.
    live_cases = 1_000_000
    hours_for_one_hit = len(CODE_ALPHABET) ** 10 / live_cases / 10
    assert hours_for_one_hit > 50_000_000
