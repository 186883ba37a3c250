"""Error pages people can act on: what happened and how to go on, in their language.

They render inside the site's layout without touching the database, so they
still work when the database is the thing that failed.
"""

from __future__ import annotations

import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from providers.catalog import cached_providers

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)


def render_error(
    request: HttpRequest, status: int, title: str, message: str, **context: object
) -> HttpResponse:
    try:
        response = render(
            request,
            "errors/error.html",
            {"page_title": title, "status": status, "message": message, **context},
            status=status,
        )
    except Exception:  # the error page itself must never fail
        logger.exception("error page %s could not be rendered", status)
        response = HttpResponse(
            f"{status} {title}\n{message}\n",
            status=status,
            content_type="text/plain; charset=utf-8",
        )
    if status == 503:
        response["Retry-After"] = "60"
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return render_error(
            request,
            413,
            _("提交的内容太大了"),
            _("这里的问题都只需要点选答案。请返回上一页,重新选择后再提交。"),
        )
    return render_error(
        request,
        400,
        _("请求有误"),
        _("页面提交的内容不完整或有误。请返回上一页再试一次,或从头开始。"),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(
        request, 403, _("无法访问这个页面"), _("你没有权限查看这个页面。请从首页重新开始。")
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render_error(
        request,
        403,
        _("页面已过期"),
        _("为了保护你,超过一段时间未操作的页面需要重新打开。请返回首页重新开始。"),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render_error(
        request, 404, _("找不到这个页面"), _("网址可能输错了,或页面已经不在了。请从首页重新开始。")
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500, or 503 with a way on when the cause is an unreachable database.

    Django calls this while handling the exception, so sys.exc_info() names it,
    even when it came from middleware (saving a session) rather than a view.
    """
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return service_unavailable(request)
    return render_error(
        request, 500, _("出错了"), _("我们这边出了问题,已经记录下来。请稍后再试,或从首页重新开始。")
    )


def service_unavailable(request: HttpRequest) -> HttpResponse:
    return render_error(
        request,
        503,
        _("服务暂时不可用"),
        _("我们的系统暂时出了问题,通常几分钟内就会恢复,请稍后刷新。"),
        providers=list((cached_providers() or {}).values()),
    )
