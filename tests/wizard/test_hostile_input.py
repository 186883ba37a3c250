"""Random and hostile input against every wizard step and the language switch.

Whatever arrives, the answer is a page with a clear message, a redirect, or a
400/403/404/413, never a 500; and nothing invalid is ever stored.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession
from wizard.flow.views import RepaymentWizard

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ALLOWED = {200, 302, 400, 403, 404, 413}
STEP_FORMS = dict(RepaymentWizard.form_list)
STEP_NAMES = list(STEP_FORMS)
REPORT = Path(django_settings.BASE_DIR) / "var" / "reports" / "hostile-input.json"
requests_sent: Counter[str] = Counter()

NASTY = [
    "",
    " ",
    "0",
    "-1",
    "None",
    "null",
    "[]",
    "{}",
    "true",
    "2026-02-30",
    "2026-13-01",
    "0001-01-01",
    "9999-12-31",
    "1600-02-29",
    "3026-11-10",
    "25:61",
    "24:00",
    "-01:00",
    "99",
    "١٢:٣٠",
    "２０２６-１１-１０",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "{{ settings.SECRET_KEY }}",
    "{provider.__class__}",
    "%(provider)s",
    "../../etc/passwd",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\r\n\r\nSet-Cookie: x=y",
    "🙂" * 20,
    "6222021234567890123",
    "110101199003074518",
    "13812345678",
    "张伟",
]
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=3000),
)


def field_values(step: str) -> st.SearchStrategy[dict[str, object]]:
    """Posted data for a step: real choices, hostile strings, lists, missing and extra fields."""
    form_class = STEP_FORMS[step]
    fields = {}
    for name, field in form_class.base_fields.items():
        choices = [str(value) for value, _label in getattr(field, "choices", [])]
        valid = st.sampled_from(choices) if choices else st.sampled_from(["2026-11-20", "21:30"])
        value = st.one_of(valid, hostile_text, st.lists(st.one_of(valid, hostile_text), max_size=3))
        fields[f"{step}-{name}"] = value
    extras = st.dictionaries(st.text(min_size=1, max_size=20), hostile_text, max_size=4)
    return st.tuples(st.fixed_dictionaries({}, optional=fields), extras).map(
        lambda parts: {**parts[1], **parts[0]}
    )


def management_value(step: str) -> st.SearchStrategy[object]:
    return st.one_of(
        st.just(step),
        st.sampled_from([*STEP_NAMES, "done", "", "x" * 300]),
        hostile_text,
        st.none(),
    )


# Stands for the run's hidden step field until a submission is posted in a run.
MANAGEMENT = "<management field>"


@st.composite
def submissions(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    step = draw(st.sampled_from(STEP_NAMES + ["done", "nosuchstep"]))
    form_step = step if step in STEP_FORMS else draw(st.sampled_from(STEP_NAMES))
    data = draw(field_values(form_step))
    management = draw(management_value(form_step))
    if management is not None:
        data[MANAGEMENT] = management  # the run's real field name is put in when posting
    return step, data


@pytest.fixture
def wizard():
    ProviderFactory(slug="cmb")
    ProviderFactory(slug="icbc")
    session = WizardSession(Client())
    session.start()
    return session


def stored_steps(wizard: WizardSession) -> dict[str, dict]:
    run = wizard.base.split("/")[2]
    return wizard.client.session.get(f"wizard_repayment_wizard_{run}", {}).get("step_data", {})


def assert_everything_stored_is_valid(wizard: WizardSession) -> None:
    from django.http import QueryDict

    for step, data in stored_steps(wizard).items():
        form_class = STEP_FORMS[step]
        kwargs = {"providers": {}} if step == "provider" else {}
        if step == "provider":
            from providers.catalog import active_providers

            kwargs = {"providers": active_providers()}
        query = QueryDict(mutable=True)
        for key, values in data.items():
            query.setlist(key, values)
        form = form_class(data=query, prefix=step, **kwargs)
        assert form.is_valid(), (step, data, form.errors)
        own = {form.add_prefix(name) for name in form.fields}
        assert set(data) <= own, f"extra fields stored for {step}: {set(data) - own}"


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(submissions=st.lists(submissions(), min_size=1, max_size=3))
def test_hostile_submissions_to_every_step_never_break_or_store_garbage(wizard, submissions):
    for step, data in submissions:
        before = stored_steps(wizard)
        if MANAGEMENT in data:
            data = dict(data)
            data[wizard.management] = data.pop(MANAGEMENT)
        response = wizard.client.post(wizard.url(step), data)
        requests_sent["wizard step posts"] += 1
        assert response.status_code in ALLOWED, (step, response.status_code)
        if response.status_code == 200 and b'id="error-summary"' in response.content:
            assert stored_steps(wizard) == before, "a rejected page changed what was stored"
        assert_everything_stored_is_valid(wizard)
    # Whatever happened, the pages still open.
    for step in ("review", "done"):
        response = wizard.client.get(wizard.url(step))
        requests_sent["follow-up page views"] += 1
        assert response.status_code in ALLOWED


def stays_on_site(location: str) -> bool:
    """No other host and no other scheme, whatever the browser makes of backslashes."""
    parts = urlsplit(location.replace("\\", "/"))
    return parts.netloc in ("", "testserver") and parts.scheme in ("", "http", "https")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    language=st.one_of(st.sampled_from(["en", "zh-hans", "fr", ""]), hostile_text),
    next_url=st.one_of(
        st.sampled_from(
            [
                "/",
                "/check/",
                "//evil.example/",
                "https://evil.example/",
                "javascript:alert(1)",
                "/\\evil.example",
            ]
        ),
        hostile_text,
        st.none(),
    ),
)
def test_language_switch_takes_any_input_and_never_redirects_off_site(client, language, next_url):
    data = {"language": language}
    if next_url is not None:
        data["next"] = next_url
    response = client.post("/i18n/setlang/", data)
    requests_sent["language switch posts"] += 1
    assert response.status_code in ALLOWED
    if response.status_code == 302:
        location = response["Location"]
        assert stays_on_site(location), location


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.binary(max_size=2000),
    content_type=st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=xyz",
            "multipart/form-data",
            "application/json",
            "text/plain",
        ]
    ),
)
def test_raw_bytes_and_broken_encodings_are_not_a_server_error(wizard, body, content_type):
    response = wizard.client.generic(
        "POST", wizard.url("provider"), body, content_type=content_type
    )
    requests_sent["raw byte posts"] += 1
    assert response.status_code in ALLOWED


def test_repeated_submission_of_the_same_page_is_harmless(wizard):
    for _ in range(5):
        response = wizard.post("provider", {"provider": "cmb"})
        requests_sent["repeated submissions"] += 1
        assert response.status_code == 302
    assert stored_steps(wizard)["provider"] == {"provider-provider": ["cmb"]}


def test_zz_write_the_hostile_input_report():
    """Runs last in this module: the numbers for docs/testing.md."""
    assert sum(requests_sent.values()) >= 300, requests_sent
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(
        json.dumps(
            {
                "requests": dict(requests_sent),
                "total": sum(requests_sent.values()),
                "server_errors": 0,
            },
            indent=2,
        )
    )
