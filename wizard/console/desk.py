"""The admin home as a support desk: what needs doing first, with counts and links to the
pages that do it; then the records; the technical tables only for superusers, folded away."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wizard.console.recheck import facts_to_recheck
from wizard.models import Case, Outcome, UnmatchedMessage

# The apps whose records support staff keep; every other app's tables are technical.
RECORD_APPS = ("providers", "wizard")
UNSOLVED_WINDOW_DAYS = 30
# Apps that name themselves in English only.
APP_NAMES = {"axes": gettext_lazy("登录防护")}


@dataclass(frozen=True)
class Task:
    """One kind of work on the desk: how much is waiting, what the first few are, where to go."""

    title: str
    count: int
    summary: str
    url: str
    link_text: str
    examples: tuple[tuple[str, str], ...] = ()


def recheck_task(*, today: dt.date) -> Task:
    facts = facts_to_recheck(today=today, limit=10_000)
    due = [f for f in facts if f.days_since_check > settings.PROVIDER_REVERIFY_DAYS]
    return Task(
        title=_("先重新核实这些信息"),
        count=len(due),
        summary=_("%(n)s 条信息超过 %(days)s 天没有核对(或从未核对)。先核对个案多、来源弱的。")
        % {"n": len(due), "days": settings.PROVIDER_REVERIFY_DAYS},
        url=reverse("admin:providers_provider_recheck"),
        link_text=_("打开重新核实清单"),
        examples=tuple(
            (
                f"{fact.provider_name}:{fact.fact.label}({fact.certainty.label})",
                reverse("admin:providers_provider_change", args=[fact.provider_pk])
                + f"?fact={fact.fact.value}#fact-{fact.fact.value}",
            )
            for fact in facts[:3]
        ),
    )


def unlabelled_task() -> Task:
    waiting = UnmatchedMessage.objects.most_frequent()
    count = waiting.count()
    return Task(
        title=_("未识别的提示"),
        count=count,
        summary=_("%(n)s 条消费者贴进来的提示还没有对应的规则。出现次数多的先写规则。")
        % {"n": count},
        url=reverse("admin:wizard_unmatchedmessage_changelist"),
        link_text=_("给提示写规则"),
        examples=tuple(
            (
                _("%(text)s(%(n)s 次)") % {"text": message.example[:40], "n": message.count},
                reverse("admin:wizard_unmatchedmessage_change", args=[message.pk]),
            )
            for message in waiting[:3]
        ),
    )


def unsolved_task(*, now: dt.datetime) -> Task:
    since = now - dt.timedelta(days=UNSOLVED_WINDOW_DAYS)
    count = Case.objects.filter(
        outcome=Outcome.NOT_SOLVED, solved_at__isnull=True, feedback_at__gte=since
    ).count()
    return Task(
        title=_("反馈“没有解决”的个案"),
        count=count,
        summary=_(
            "最近 %(days)s 天有 %(n)s 个个案反馈方案没有解决问题。看看是哪家机构、哪一步。"
        )
        % {"days": UNSOLVED_WINDOW_DAYS, "n": count},
        url=reverse("admin:wizard_case_changelist") + f"?outcome__exact={Outcome.NOT_SOLVED}",
        link_text=_("查看这些个案"),
        examples=((_("个案洞察:先修哪里"), reverse("admin:wizard_case_insights")),),
    )


class SupportDesk(admin.AdminSite):
    """The admin site whose home page is the support desk."""

    site_header = gettext_lazy("还款助手 · 客服工作台")
    site_title = gettext_lazy("客服工作台")
    index_title = gettext_lazy("今天先做什么")
    index_template = "admin/desk.html"

    def tasks(self, request: HttpRequest) -> list[Task]:
        """The work waiting, for the pages this person may open."""
        user = request.user
        tasks = []
        if user.has_perm("providers.view_provider") or user.has_perm("providers.change_provider"):
            tasks.append(recheck_task(today=timezone.localdate()))
        if user.has_perm("wizard.view_unmatchedmessage"):
            tasks.append(unlabelled_task())
        if user.has_perm("wizard.view_case"):
            tasks.append(unsolved_task(now=timezone.now()))
        return tasks

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        app_list = self.get_app_list(request)
        records = [app for app in app_list if app["app_label"] in RECORD_APPS]
        technical = [
            {**app, "name": APP_NAMES.get(app["app_label"], app["name"])}
            for app in app_list
            if app["app_label"] not in RECORD_APPS
        ]
        context = {
            **self.each_context(request),
            "title": self.index_title,
            "subtitle": None,
            "app_list": records,
            "technical_apps": technical if request.user.is_superuser else [],
            "tasks": self.tasks(request),
            **(extra_context or {}),
        }
        request.current_app = self.name
        return TemplateResponse(request, self.index_template, context)
