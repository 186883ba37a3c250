"""What a hostile request writes to the log: one warning line, never an error or a traceback.

The output is the one LOGGING in config/settings.py gives (its handler on standard error,
with its filter and format), caught during each request. A view that fails stays loud.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession

pytestmark = pytest.mark.django_db


def deliberately_failing(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("deliberate failure for the log test")


# This module is the URLconf of the test that needs the failing view: the site, plus it.
urlpatterns = [path("boom/", deliberately_failing), path("", include("config.urls"))]
handler500 = "wizard.errors.server_error"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """What the site writes to standard error while the test runs."""
    handlers = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert len(handlers) == 1, "LOGGING configures one handler on standard error"
    output = io.StringIO()
    previous = handlers[0].setStream(output)
    try:
        yield output
    finally:
        handlers[0].setStream(previous)


@pytest.fixture
def wizard(quiet_client) -> WizardSession:
    ProviderFactory(slug="cmb")
    session = WizardSession(quiet_client)
    session.start()
    return session


def bad_host(client: Client, wizard: WizardSession):
    return client.get("/", HTTP_HOST="scanner.example")


def oversized_body(client: Client, wizard: WizardSession):
    return wizard.post("provider", {"provider": "cmb", "padding": "x" * 40_000})


def too_many_fields(client: Client, wizard: WizardSession):
    return wizard.post("provider", {f"f{i}": "1" for i in range(300)})


def ten_mb_upload(client: Client, wizard: WizardSession):
    upload = SimpleUploadedFile("big.bin", b"\0" * (10 * 1024 * 1024))
    return client.post(wizard.url("provider"), {wizard.management: "provider", "file": upload})


def broken_multipart(client: Client, wizard: WizardSession):
    return client.generic(
        "POST", wizard.url("provider"), b"--\r\n", content_type="multipart/form-data; boundary="
    )


@pytest.mark.parametrize(
    ("send", "status", "logger"),
    [
        (bad_host, 400, "django.security.DisallowedHost"),
        (oversized_body, 413, "django.security.RequestDataTooBig"),
        (too_many_fields, 400, "django.security.TooManyFieldsSent"),
        (ten_mb_upload, 413, "django.security.RequestDataTooBig"),
        (broken_multipart, 400, "django.request"),
    ],
    ids=["bad host", "40 KB body", "300 fields", "10 MB upload", "broken multipart"],
)
def test_a_hostile_request_is_one_warning_line_without_traceback(
    quiet_client, wizard, log_output, send, status, logger
):
    response = send(quiet_client, wizard)
    assert response.status_code == status
    lines = log_output.getvalue().splitlines()
    assert len(lines) == 1, lines
    assert f" WARNING {logger} " in lines[0]
    assert "ERROR" not in lines[0] and "Traceback" not in lines[0]


def test_a_client_cannot_write_a_line_of_its_own_into_the_log(log_output):
    logging.getLogger("django.security.SuspiciousOperation").error(
        "bad input %s",
        "x\n2026-01-01 00:00:00 ERROR django.request forged",
        exc_info=SuspiciousOperation("x"),
        extra={"status_code": 400},
    )
    output = log_output.getvalue()
    assert output.count("\n") == 1 and " WARNING django.security.SuspiciousOperation " in output
    assert "\\n2026-01-01 00:00:00 ERROR django.request forged" in output


@pytest.mark.urls(__name__)
def test_a_failing_view_is_still_an_error_with_its_traceback(quiet_client, log_output):
    response = quiet_client.get("/boom/")
    assert response.status_code == 500
    output = log_output.getvalue()
    assert " ERROR django.request Internal Server Error: /boom/" in output
    assert "Traceback (most recent call last):" in output
    assert "RuntimeError: deliberate failure for the log test" in output
