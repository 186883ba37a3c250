"""Request bodies over the limit are refused before anything reads them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from io import BytesIO

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, get_resolver, resolve

READ_SIZE = 64 * 1024
logger = logging.getLogger("django.security.RequestDataTooBig")


class RequestBodyLimit:
    """Refuse a body over DATA_UPLOAD_MAX_MEMORY_SIZE, whatever its content type, with 413.

    Django's own check counts only the fields of a multipart body, never its files, so any
    form would take a 10 MB upload into a temporary file. Here the declared Content-Length
    decides before a byte of the body is read. A body sent without one (chunked) is read
    one byte past the limit at most. The pages in STAFF_UPLOAD_LIMITS take more, from
    signed-in staff only.

    The refusal is RequestDataTooBig, which Django answers with the site's 413 page
    (wizard.errors.bad_request) and logs as a client's fault (config.logging).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            self.refuse_too_big(request)
        except RequestDataTooBig as error:
            if not settings.DEBUG:
                raise
            # With DEBUG on, Django answers any SuspiciousOperation with its 400 debug page;
            # `make run` should answer as production does: the site's 413 page.
            logger.warning("Refused a request body: %s", error)
            resolver = get_resolver(getattr(request, "urlconf", None))
            handler: Callable[..., HttpResponse] = resolver.resolve_error_handler(400)
            return handler(request, error)
        return self.get_response(request)

    def refuse_too_big(self, request: HttpRequest) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None:
            length = declared_length(request)
            if length is None:
                if has_unsized_body(request):
                    read_unsized_body(request, limit=body_limit(request, limit))
            elif length > limit:
                allowed = body_limit(request, limit)
                if length > allowed:
                    raise RequestDataTooBig(
                        f"Request body of {length} bytes is over the limit of {allowed} bytes."
                    )


def declared_length(request: HttpRequest) -> int | None:
    """The body's length as the client declared it; None when it declared none."""
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or ""), 0)
    except ValueError:
        return None


def has_unsized_body(request: HttpRequest) -> bool:
    """A body framed without a length (chunked) that the server hands over to its end.

    Under WSGI Django reads exactly Content-Length bytes and none without one; gunicorn
    says with wsgi.input_terminated that reading wsgi.input stops at the body's end.
    """
    environ = getattr(request, "environ", {})
    return bool(request.META.get("HTTP_TRANSFER_ENCODING") and environ.get("wsgi.input_terminated"))


def read_unsized_body(request: HttpRequest, *, limit: int) -> None:
    """Read a body without a length one byte past `limit` at most, then let Django parse it."""
    stream = request.environ["wsgi.input"]  # type: ignore[attr-defined]  # a WSGIRequest
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(READ_SIZE, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limit:
        raise RequestDataTooBig(f"Request body without a length is over {limit} bytes.")
    body = b"".join(chunks)
    # From here on the request is one with a declared length, as Django reads them.
    request.META["CONTENT_LENGTH"] = str(len(body))
    # Django reads the body from this private attribute (django.http.request.HttpRequest).
    request._stream = LimitedStream(BytesIO(body), len(body))  # type: ignore[assignment]


def body_limit(request: HttpRequest, limit: int) -> int:
    """The largest body this request may send: more only on a staff upload page, for staff.

    Asked only of bodies over the general limit, so most requests never resolve their URL
    here or load the session to find the user.
    """
    if not settings.STAFF_UPLOAD_LIMITS:
        return limit
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return limit
    larger = settings.STAFF_UPLOAD_LIMITS.get(match.view_name)
    user = getattr(request, "user", None)
    if larger is None or user is None or not (user.is_active and user.is_staff):
        return limit
    return max(limit, larger)


class HeadWithoutBody:
    """Answer HEAD with GET's headers and no body.

    Django's views answer HEAD as GET, body included, and leave dropping it to the server:
    its development server does, gunicorn does too but logs a warning for every HEAD ("WSGI
    app sent body bytes on a no-body response"), which buried real warnings under monitors'
    probes. Outermost, so Content-Length is already GET's.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.method == "HEAD":
            if isinstance(response, StreamingHttpResponse):
                response.streaming_content = []
            elif isinstance(response, HttpResponse):
                response.content = b""
        return response
