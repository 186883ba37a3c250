"""What each page weighs on a weak phone connection, and that speed changed no markup."""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path
from typing import Any

import django.forms
import pytest
from django.core.management import call_command
from django.forms.renderers import DjangoTemplates
from django.test import Client
from django.utils.functional import cached_property

from tests.bench.walk import management_field
from tests.wizard.helpers import earlier_today, page_answers
from wizard.question_markup import QuestionRenderer

pytestmark = pytest.mark.django_db

PAGE_BUDGET_GZIP = 6 * 1024
FIRST_VISIT_BUDGET_GZIP = 30 * 1024
ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')
REFERENCE_TEMPLATES = Path(__file__).parent / "templates"
CSRF_VALUE = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.fixture
def shipped_providers():
    """The provider records the site ships with, so pages weigh what people download."""
    call_command("load_providers", verbosity=0)


def gzipped(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def answers(provider: str, attempted: dt.datetime) -> dict[str, dict[str, str]]:
    return {
        "provider": page_answers("provider", provider=provider),
        "message": page_answers("message"),
        "problem": page_answers("problem"),
        "channel": page_answers("channel"),
        "account": page_answers("account", reserved_phone="wrong"),
        "funds": page_answers("funds", enough_balance="no", limit_reached="unsure"),
        "timing": page_answers("timing", when=attempted),
        "situation": page_answers("situation"),
    }


def pages_of_a_walk(client: Client, attempted: dt.datetime) -> dict[str, bytes]:
    """Every full page a person sees: each question blank, with an error and answered, then
    the check-answers page and the plan."""
    pages = {"start": client.get("/").content}
    base = client.get("/check/")["Location"].removesuffix("provider/")
    steps = answers("cmb", attempted)
    for step, fields in steps.items():
        pages[step] = client.get(f"{base}{step}/").content
        # The message page is optional: its error is a message too long.
        wrong = {"message-message": "余额不足" * 600} if step == "message" else {}
        error_page = client.post(f"{base}{step}/", {management_field(base): step, **wrong})
        assert error_page.status_code == 200
        pages[f"{step} with errors"] = error_page.content
        payload = {management_field(base): step, **{f"{step}-{k}": v for k, v in fields.items()}}
        assert client.post(f"{base}{step}/", payload).status_code == 302
    for step in steps:
        pages[f"{step} answered"] = client.get(f"{base}{step}/?change=1").content
    pages["review"] = client.get(f"{base}review/").content
    plan = client.post(f"{base}review/", {management_field(base): "review"}, follow=True)
    assert plan.redirect_chain[-1][0].startswith("/plan/")
    pages["plan"] = plan.content
    return pages


def test_every_page_of_a_walk_weighs_under_6_kb_compressed(shipped_providers):
    an_hour_ago = earlier_today(60)
    weights = {name: gzipped(html) for name, html in pages_of_a_walk(Client(), an_hour_ago).items()}
    assert {name: size for name, size in weights.items() if size > PAGE_BUDGET_GZIP} == {}


def test_first_visit_with_stylesheets_and_scripts_weighs_under_30_kb_compressed(
    shipped_providers,
):
    client = Client()
    html = client.get("/").content
    assets = ASSET.findall(html.decode())
    assert assets, "the start page links its stylesheet"
    total = gzipped(html)
    for url in assets:
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        total += len(b"".join(response.streaming_content))
    assert total <= FIRST_VISIT_BUDGET_GZIP


def test_static_files_have_hashed_names_and_may_be_cached_for_ever(shipped_providers):
    client = Client()
    assets = ASSET.findall(client.get("/").content.decode())
    stylesheet = next(url for url in assets if "/css/site." in url)
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", stylesheet)
    response = client.get(stylesheet)
    assert "immutable" in response["Cache-Control"]


class ReferenceRenderer(DjangoTemplates):
    """Django's form renderer with the reference question template, templates/_field.html
    here: every template the wizard's forms ask for goes through the template engine."""

    @cached_property
    def engine(self) -> Any:
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [REFERENCE_TEMPLATES, Path(django.forms.__file__).parent / "templates"],
                "NAME": "reference",
                "OPTIONS": {},
            }
        )


def through_the_templates(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Render the wizard's forms through the reference templates from now on; returns the
    set that collects the names of the templates rendered."""
    reference = ReferenceRenderer()
    rendered: set[str] = set()

    def render(self: QuestionRenderer, template_name: str, context: Any, request=None) -> str:
        rendered.add(template_name)
        return reference.render(template_name, context, request)

    monkeypatch.setattr(QuestionRenderer, "render", render)
    return rendered


def test_markup_written_without_templates_is_exactly_what_the_templates_write(
    shipped_providers, monkeypatch
):
    an_hour_ago = earlier_today(60)
    first = pages_of_a_walk(Client(), an_hour_ago)
    ours = pages_of_a_walk(Client(), an_hour_ago)  # with anything remembered from the first
    rendered = through_the_templates(monkeypatch)
    djangos = pages_of_a_walk(Client(), an_hour_ago)
    assert {
        "_field.html",
        "django/forms/widgets/radio_option.html",
        "django/forms/widgets/date.html",
        "django/forms/widgets/time.html",
        "django/forms/widgets/hidden.html",
        "django/forms/widgets/textarea.html",
        "django/forms/p.html",  # formtools' management form
    } <= rendered

    def comparable(html: bytes) -> str:
        """Without what differs from walk to walk (tokens, run ids, reference codes, the
        owner's token) and without the indentation between elements, which templates keep
        and Python does not."""
        text = CSRF_VALUE.sub(r'\1…"', html.decode())
        text = re.sub(r"/check/[A-Za-z0-9_-]{8}/", "/check/RUN/", text)
        text = re.sub(r"repayment_wizard_[A-Za-z0-9_-]{8}-", "repayment_wizard_RUN-", text)
        text = re.sub(r"[2-9A-HJKMNP-TV-Z]{5}-?[2-9A-HJKMNP-TV-Z]{5}", "CODE", text)
        text = re.sub(r'name="owner" value="[^"]+"', 'name="owner" value="TOKEN"', text)
        # The time left moves on between walks when one crosses a minute.
        text = re.sub(r"\d+ (天|小时|分钟)", r"N \1", text)
        return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", text))

    assert 'type="radio"' in ours["provider"].decode()
    assert 'class="error-message"' in ours["account with errors"].decode()
    assert 'type="date"' in ours["timing"].decode()
    assert 'type="hidden" name="repayment_wizard_' in ours["review"].decode()
    for name in ours:
        assert comparable(first[name]) == comparable(djangos[name]), name
        assert comparable(ours[name]) == comparable(djangos[name]), name
