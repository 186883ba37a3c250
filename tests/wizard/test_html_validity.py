"""Every full page a person can reach is valid HTML and describes itself, in both languages.

Validity is the Nu Html Checker's verdict (vnu.jar from the npm package vnu-jar, which
`make test` installs under .venv/vnu, run on Debian's Java): the checker behind the W3C's
validator, so an error here is one an outside scanner reports too. All pages go to one run
of it, since starting the JVM costs more than checking them. htmx fragments are not
documents and are not checked; the full pages they are cut from are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from tests.bench.walk import steps
from tests.wizard.helpers import WizardSession, case_for
from wizard.engine.answers import SHANGHAI

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("zh-hans", "en")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
WRONG_CODES_ALLOWED = 2


@dataclass(frozen=True)
class Page:
    """One full page as a person's browser gets it."""

    language: str
    name: str
    html: str

    @property
    def label(self) -> str:
        return f"{self.language} {self.name}"


@pytest.fixture(autouse=True)
def _few_wrong_codes_allowed(settings):
    """So that the 429 page is a few requests away."""
    settings.CASE_LOOKUP_MISSES_PER_HOUR = WRONG_CODES_ALLOWED


def client_in(language: str, **options: Any) -> Client:
    """A browser whose language cookie says `language`, as the language switch leaves it."""
    client = Client(**options)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def full_page(response: Any, status: int = 200) -> str:
    """The response's HTML, once it is the whole document with the status expected."""
    html = response.content.decode()
    assert response.status_code == status, (response.status_code, html[:300])
    assert html.startswith("<!DOCTYPE html>"), html[:300]
    return html


def wizard_pages(language: str) -> Iterator[tuple[str, str]]:
    """A finished walk: each question blank, with its errors and answered, the check-answers
    page, then the plan before and after each kind of feedback."""
    client = client_in(language)
    yield "start", full_page(client.get("/"))
    wizard = WizardSession(client)
    wizard.start()
    walk = steps("cmb")
    for step in walk:
        if step.name == "review":
            for question in walk[:-1]:
                page = client.get(wizard.url(question.name) + "?change=1")
                yield f"{question.name} answered", full_page(page)
        yield step.name, full_page(wizard.get(step.name))
        if step.name == "message":  # optional: its error is a message too long
            too_long = {"message": "余额不足" * 600}
            yield "message with errors", full_page(wizard.post(step.name, too_long))
        elif step.name != "review":
            yield f"{step.name} with errors", full_page(wizard.post(step.name, {}))
        response = wizard.post(step.name, step.answers)
        assert response["Location"] == wizard.url(step.next_step), step.name
    plan_url = client.get(wizard.url("done"))["Location"]
    yield "plan", full_page(client.get(plan_url))
    feedback_url = f"{plan_url}feedback/"
    too_long = {"comment": "太长" * 150}
    yield "plan, feedback with errors", full_page(client.post(feedback_url, too_long))
    after = client.post(feedback_url, {"outcome": "partly"}, follow=True)
    yield "plan, feedback given (partly)", full_page(after)
    after = client.post(feedback_url, {"outcome": "solved"}, follow=True)
    yield "plan, marked solved later", full_page(after)


def lender_pages(language: str) -> Iterator[tuple[str, str]]:
    """Not knowing the lender, choosing a card tier, and plans that lead with an unconfirmed
    grace period or with money already charged (issue 13)."""
    client = client_in(language)
    wizard = WizardSession(client)
    wizard.start()
    wizard.post("provider", {"provider": "unknown"})
    yield "find the lender", full_page(wizard.get("find_lender"))
    wizard.post("provider", {"provider": "boc"})
    yield "card tier", full_page(wizard.get("card_tier"))
    yield "card tier with errors", full_page(wizard.post("card_tier", {}))
    now = timezone.now().astimezone(SHANGHAI)
    due = now.date() - dt.timedelta(days=1)
    late = dt.datetime.combine(due, dt.time(17, 10), tzinfo=SHANGHAI)
    for name, provider, symptom in (
        ("plan possibly in grace", "ccb", "limit_exceeded"),
        ("plan money already charged", "huabei", "deducted_not_credited"),
        ("plan for an unknown lender", "unknown", "timeout"),
    ):
        case = case_for(
            {
                "provider": provider,
                "symptom": symptom,
                "channel": "app",
                "timing": {"due_date": due.isoformat(), "attempted_at": late.isoformat()},
                "card_tier": None,
            }
        )
        yield name, full_page(client.get(f"/plan/{case.code}/"))
    # Issue 15: reopened 16 days later, past the lender's time to answer, with the ladder.
    case = case_for(
        {
            "provider": "huabei",
            "symptom": "deducted_not_credited",
            "channel": "app",
            "timing": {"due_date": due.isoformat(), "attempted_at": late.isoformat()},
        }
    )
    type(case).objects.filter(pk=case.pk).update(created_at=now - dt.timedelta(days=16))
    yield "plan reopened with the ladder", full_page(client.get(f"/plan/{case.code}/"))


def error_pages(language: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """Each error page a person can meet, reached the way a person reaches it."""
    quiet = client_in(language, raise_request_exception=False)
    yield "404 no such page", full_page(quiet.get("/no/such/page/"), 404)

    # Wrong codes are counted per client (with a session, from an address of its own), so
    # that this one's refusal leaves the other language's pages alone.
    guesser = client_in(language, REMOTE_ADDR=f"192.0.2.{LANGUAGES.index(language) + 1}")
    WizardSession(guesser).start()
    for _ in range(WRONG_CODES_ALLOWED):
        yield "404 no such code", full_page(guesser.get("/plan/ABCDEFGHJK/"), 404)
    yield "429 too many wrong codes", full_page(guesser.get("/plan/ABCDEFGHJK/"), 429)

    wizard = WizardSession(quiet)
    wizard.start()
    fields = {f"f{number}": "1" for number in range(300)}
    yield "400 too many fields", full_page(wizard.post("provider", fields), 400)
    padded = {"provider": "cmb", "padding": "x" * 40_000}
    yield "413 too large", full_page(wizard.post("provider", padded), 413)

    strict = WizardSession(client_in(language, enforce_csrf_checks=True))
    strict.start()
    yield "403 CSRF", full_page(strict.post("provider", {"provider": "cmb"}), 403)

    def database_down() -> None:
        raise OperationalError("connection refused")

    def broken() -> None:
        raise RuntimeError("bug")

    with monkeypatch.context() as patched:
        patched.setattr("wizard.flow.views.active_providers", database_down)
        yield "503 database down", full_page(quiet.get("/"), 503)
    with monkeypatch.context() as patched:
        patched.setattr("wizard.flow.views.active_providers", broken)
        yield "500 server error", full_page(quiet.get("/"), 500)


def every_page(monkeypatch: pytest.MonkeyPatch) -> list[Page]:
    """Every full page of a walk and every error page, in Chinese and in English."""
    pages = [
        Page(language, name, html)
        for language in LANGUAGES
        for pages in (
            wizard_pages(language),
            lender_pages(language),
            error_pages(language, monkeypatch),
        )
        for name, html in pages
    ]
    names = {page.name for page in pages}
    assert {"provider with errors", "review", "plan", "503 database down"} <= names
    assert {"find the lender", "card tier", "plan possibly in grace"} <= names
    assert "plan reopened with the ladder" in names
    return pages


def vnu_command() -> list[str]:
    """How to start the checker; a test that needs it fails, never skips, without it."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "The HTML validity test needs Java to run the Nu Html Checker: "
            "`make system-packages` installs Debian's default-jre-headless.",
            pytrace=False,
        )
    if not VNU_JAR.is_file():
        pytest.fail(
            f"The HTML validity test needs the Nu Html Checker at {VNU_JAR.relative_to(ROOT)}: "
            "`make test` installs it, or run `npm install --prefix .venv/vnu --no-audit "
            "--no-fund --ignore-scripts vnu-jar@26.9.27`.",
            pytrace=False,
        )
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]


def nu_checker_errors(pages: list[Page], folder: Path) -> list[str]:
    """Every message the checker has about any page, as 'page, line: message'."""
    files = {}
    for number, page in enumerate(pages):
        path = folder.resolve() / f"page-{number:03d}.html"
        path.write_text(page.html, encoding="utf-8")
        files[str(path)] = page
    finished = subprocess.run(
        [*vnu_command(), "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(finished.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(
            f"The Nu Html Checker gave no report (exit {finished.returncode}):\n"
            f"{finished.stdout[-2000:]}\n{finished.stderr[-2000:]}",
            pytrace=False,
        )
    problems = []
    for message in messages:
        page = files.get(message.get("url", "").removeprefix("file:"))  # file:/tmp/…
        where = page.label if page else message.get("url", "?")
        line = message.get("lastLine", "?")
        extract = message.get("extract", "").strip().replace("\n", " ")
        problems.append(f"{where}, line {line}: {message.get('message')} [{extract}]")
    return problems


def test_every_page_in_both_languages_passes_the_nu_html_checker(
    shipped_providers, monkeypatch, tmp_path
):
    pages = every_page(monkeypatch)
    problems = nu_checker_errors(pages, tmp_path)
    assert not problems, f"{len(problems)} HTML errors:\n" + "\n".join(problems)


class Descriptions(HTMLParser):
    """The content of every <meta name="description"> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or "").lower() == "description":
            self.found.append((values.get("content") or "").strip())


def descriptions_of(html: str) -> list[str]:
    """What each description in the page says, in the order they appear."""
    parser = Descriptions()
    parser.feed(html)
    return parser.found


def test_every_page_has_exactly_one_description_in_its_own_language(shipped_providers, monkeypatch):
    wrong = {}
    for page in every_page(monkeypatch):
        found = descriptions_of(page.html)
        one = len(found) == 1 and found[0] != ""
        # English pages must not fall back to the Chinese source text (a missing translation).
        if not one or bool(CHINESE.search(found[0])) != (page.language == "zh-hans"):
            wrong[page.label] = found
    assert wrong == {}
