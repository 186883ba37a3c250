"""A request body over the limit is refused with 413 whatever it holds, before it is read.

The limit is DATA_UPLOAD_MAX_MEMORY_SIZE (32 KB) for the whole body, files included;
staff get more on the provider import page (STAFF_UPLOAD_LIMITS). The first tests go through
Django's test client; the last speak raw HTTP to a real gunicorn, to show that a refused
body is never waited for, and that a chunked body is read only up to the limit.
"""

from __future__ import annotations

import io
import json
import socket
import urllib.parse
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from providers.resources import ProviderResource
from tests.config.test_scale_out import gunicorn_server, production_env
from tests.factories import ProviderFactory
from tests.wizard.helpers import WizardSession

IMPORT = "/admin/providers/provider/import/"
JSON_FORMAT = "1"  # the second format offered on the import form
MB = 1024 * 1024


@pytest.fixture
def wizard(db, quiet_client) -> WizardSession:
    ProviderFactory(slug="cmb", name_zh="招商银行信用卡")
    session = WizardSession(quiet_client)
    session.start()
    return session


def stored_steps(client: Client, wizard: WizardSession) -> dict[str, object]:
    run = wizard.base.split("/")[2]
    return client.session[f"wizard_repayment_wizard_{run}"]["step_data"]


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh-hans", "提交的内容太大了"), ("en", "That was too much to send")],
)
def test_a_10_mb_file_posted_with_an_answer_gets_the_413_page_and_nothing_is_stored(
    wizard, quiet_client, settings, tmp_path, language, title
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    quiet_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    upload = SimpleUploadedFile("photo.jpg", b"\xff" * (10 * MB), content_type="image/jpeg")
    response = quiet_client.post(
        wizard.url("provider"),
        {wizard.management: "provider", "provider-provider": "cmb", "provider-photo": upload},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert title in html and 'class="site-header"' in html
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "provider" not in stored_steps(quiet_client, wizard)
    assert list(tmp_path.iterdir()) == [], "no part of the upload reached a temporary file"


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "text/plain", "application/octet-stream", "application/xml"],
)
def test_a_body_over_32_kb_is_refused_whatever_its_content_type(wizard, quiet_client, content_type):
    response = quiet_client.generic(
        "POST", wizard.url("provider"), b"x" * (32 * 1024 + 1), content_type=content_type
    )
    assert response.status_code == 413
    assert "提交的内容太大了" in response.content.decode()


def test_a_body_of_exactly_32_kb_is_not_refused_for_its_size(wizard, quiet_client):
    response = quiet_client.generic(
        "POST", wizard.url("provider"), b"x" * (32 * 1024), content_type="text/plain"
    )
    assert response.status_code != 413


def test_a_normal_answer_is_still_taken(wizard, quiet_client):
    response = wizard.post("provider", {"provider": "cmb"})
    assert response.status_code == 302
    assert response["Location"] == wizard.url("message")
    assert stored_steps(quiet_client, wizard)["provider"] == {"provider-provider": ["cmb"]}


def provider_file(size: int) -> SimpleUploadedFile:
    """An export of the provider records as JSON, padded with white space to `size` bytes."""
    text = json.dumps(json.loads(ProviderResource().export().json), ensure_ascii=False)
    data = text.encode()
    return SimpleUploadedFile(
        "providers.json", data + b" " * (size - len(data)), content_type="application/json"
    )


def post_import(client: Client, size: int):
    return client.post(
        IMPORT, {"format": JSON_FORMAT, "resource": "0", "import_file": provider_file(size)}
    )


def test_staff_may_import_a_provider_file_over_the_general_limit(support_client, bank):
    response = post_import(support_client, 200 * 1024)
    assert response.status_code == 200
    assert 'name="confirm"' in response.content.decode()  # the dry run's preview


def test_a_provider_file_over_the_staff_limit_is_refused(support_client, bank):
    assert settings.STAFF_UPLOAD_LIMITS["admin:providers_provider_import"] == 2 * MB
    response = post_import(support_client, 2 * MB + 1024)
    assert response.status_code == 413


def test_the_larger_limit_is_only_for_signed_in_staff(quiet_client, bank):
    response = post_import(quiet_client, 200 * 1024)
    assert response.status_code == 413  # refused as too big, not sent on to the login


def test_staff_have_the_general_limit_on_every_other_page(support_client, bank):
    response = support_client.post(
        "/admin/providers/provider/add/", {"slug": "x", "attachment": provider_file(200 * 1024)}
    )
    assert response.status_code == 413


# --- Raw HTTP against a real gunicorn: what is read, and when.


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[str]:
    """One production-shaped server for these tests; none of their requests needs a row."""
    env = production_env(REDIS_URL="", WEB_CONCURRENCY="1", GUNICORN_GRACEFUL_TIMEOUT="2")
    with gunicorn_server(env, tmp_path_factory.mktemp("limits") / "gunicorn.log") as url:
        yield url


def connect(url: str) -> socket.socket:
    parts = urllib.parse.urlsplit(url)
    return socket.create_connection((parts.hostname, parts.port), timeout=10)


def status_line(sock: socket.socket) -> bytes:
    return sock.makefile("rb").readline()


# Any 32 letters or digits make a CSRF cookie's secret, and a form may send it as it is. With
# it, Django goes on to read a posted body (to find the form's token); without, it refuses
# the post unread.
CSRF_SECRET = "c" * 32


def head(url: str, path: str, *headers: str) -> bytes:
    """A POST's request line and headers, with the CSRF cookie, up to the body."""
    host = urllib.parse.urlsplit(url).netloc
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}", f"Cookie: csrftoken={CSRF_SECRET}"]
    return "\r\n".join([*lines, *headers, "", ""]).encode()


def test_a_body_declared_over_the_limit_is_answered_413_before_any_of_it_is_sent(server):
    with connect(server) as sock:
        sock.sendall(
            head(
                server,
                "/i18n/setlang/",
                "Content-Type: multipart/form-data; boundary=x",
                f"Content-Length: {10 * MB}",
            )
        )
        # Not a byte of the body follows: a server that read it would wait until it timed out.
        assert status_line(sock).startswith(b"HTTP/1.1 413 ")


def test_a_chunked_body_is_refused_once_it_passes_the_limit_without_reading_the_rest(server):
    with connect(server) as sock:
        sock.sendall(
            head(
                server,
                "/i18n/setlang/",
                "Content-Type: application/x-www-form-urlencoded",
                "Transfer-Encoding: chunked",
            )
        )
        for _ in range(40):  # 40 KB, and the body never ends
            sock.sendall(b"400\r\n" + b"x" * 1024 + b"\r\n")
        assert status_line(sock).startswith(b"HTTP/1.1 413 ")


def test_a_chunked_body_under_the_limit_is_read_like_any_other(server):
    form = {"csrfmiddlewaretoken": CSRF_SECRET, "language": "en", "next": "/"}
    body = urllib.parse.urlencode(form).encode()
    with connect(server) as sock:
        sock.sendall(
            head(
                server,
                "/i18n/setlang/",
                "Content-Type: application/x-www-form-urlencoded",
                "Transfer-Encoding: chunked",
            )
        )
        for start in range(0, len(body), 16):
            piece = body[start : start + 16]
            sock.sendall(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
        sock.sendall(b"0\r\n\r\n")
        reply = sock.makefile("rb")
        assert reply.readline().startswith(b"HTTP/1.1 302 ")
        headers = []
        while (line := reply.readline()) not in (b"\r\n", b""):
            headers.append(line.decode().strip().lower())
    assert any(h.startswith("set-cookie: django_language=en") for h in headers), headers


def test_with_debug_on_as_make_run_serves_a_10_mb_upload_gets_the_413_page(
    db, settings, quiet_client
):
    settings.DEBUG = True
    upload = io.BytesIO(b"x" * (10 * 1024 * 1024))
    upload.name = "big.bin"
    response = quiet_client.post("/i18n/setlang/", {"language": "en", "file": upload})
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交的内容太大了" in page
    assert "Traceback" not in page and "RequestDataTooBig" not in page
