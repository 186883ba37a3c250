"""How a consumer's page answers: the whole page, or for htmx only its `main` partial.

Shared by the question pages (wizard.flow) and the plan page a case reopens (wizard.cases).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django_htmx.http import push_url as push_url_header
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that has been through django-htmx's middleware."""

    htmx: HtmxDetails


def render_screen(
    request: HtmxHttpRequest, template: str, context: dict[str, Any], *, push_url: bool = True
) -> HttpResponse:
    """The full page, or for an htmx request only the page's `main` partial.

    History-restore requests get the full page (django-htmx #410). htmx follows the wizard's
    redirects inside one request, so the URL to push is the one that finally answered; a
    form shown again with its errors pushes nothing.
    """
    fragment = bool(request.htmx) and not request.htmx.history_restore_request
    response = render(
        request, f"{template}#main" if fragment else template, {**context, "fragment": fragment}
    )
    if fragment:
        push_url_header(response, request.get_full_path() if push_url else False)
    patch_vary_headers(response, ("HX-Request",))
    return response
