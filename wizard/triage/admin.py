"""The support console for message patterns: keep them, preview them, and learn from the
messages none of them recognised.

A pattern goes live only if the live set with it still reads every labelled example as
labelled (wizard/triage/checks.py); the form, the bulk action and the import all refuse it
otherwise, and a draft may be saved freely. The preview shows, before anything is saved,
which stored messages and labelled examples a pattern would match and which it would take
from another pattern.
"""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms.models import construct_instance
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from providers.facts import Channel
from providers.models import Provider
from providers.spreadsheet import FORMATS, NamedImportErrors
from wizard.decoder import PatternError
from wizard.decoder.normalise import normalise
from wizard.models import MessagePattern, PatternStatus, UnmatchedMessage
from wizard.triage.checks import (
    StoredMessage,
    examples_broken_by,
    labelled_examples,
    phrase_problems,
    phrases_from_message,
    preview_pattern,
    refusal_message,
)
from wizard.triage.patterns import current_patterns
from wizard.triage.resources import MessagePatternResource
from wizard.triage.teaching_admin import reading_url

# The preview reads this many of the most frequent stored messages, in one query, however
# many there are; the rest are the long tail staff would not write a pattern for first.
PREVIEW_MESSAGES = 500
PREVIEW_SHOWN = 20


class MessagePatternAdminForm(forms.ModelForm):
    """The pattern form; a live pattern that reads a labelled example wrong is refused."""

    # The preview shows broken examples itself rather than refusing to preview.
    check_examples = True

    class Meta:
        model = MessagePattern
        fields = [
            "phrases", "code", "code_namespace", "vendor_name", "regex", "provider", "channel",
            "priority", "outcome", "symptom", "alternatives", "question_zh", "question_en",
            "explanation_zh", "explanation_en", "next_step_zh", "next_step_en", "source",
            "quote", "certainty", "checked_on", "status", "key",
        ]  # fmt: skip
        help_texts = {
            "code": _("提示里括号中的代码,如 51、100018、ACQ.SYSTEM_ERROR;没有就留空。"),
            "vendor_name": _("码表选“named vendor”时,写上是哪家公司的码表。"),
            "outcome": _("钱有没有扣:拿不准时选“结果未知”,消费者就会先查账单,不会重复付款。"),
            "symptom": _("这条提示最可能表示的问题,决定方案的步骤。"),
            "question_zh": _("同一句提示可能有两种意思时,问消费者一个能分清的问题。"),
            "explanation_zh": _("一句话说明这条提示是什么意思,写给消费者看,不用术语。"),
            "next_step_zh": _("消费者接下来先做什么,动作放在前面。"),
            "certainty": _("来源有多可靠:官方文件、转载,还是推测。不要高估。"),
            "checked_on": _("最近一次对照来源核实的日期。"),
            "status": _("草稿不会用来识别提示;上线前请先“预览”,会读错已标注例子的规则不能上线。"),
        }
        widgets = {
            "phrases": forms.Textarea(attrs={"rows": 3}),
            "explanation_zh": forms.Textarea(attrs={"rows": 2}),
            "explanation_en": forms.Textarea(attrs={"rows": 2}),
            "next_step_zh": forms.Textarea(attrs={"rows": 3}),
            "next_step_en": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
            "quote": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_phrases(self) -> str:
        phrases: str = self.cleaned_data.get("phrases", "")
        problems = phrase_problems([p.strip() for p in phrases.splitlines() if p.strip()])
        if problems:
            raise ValidationError(problems)
        return phrases

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.check_examples and cleaned.get("status") == PatternStatus.LIVE and not self.errors:
            # A copy with the form's values: the instance itself is filled in only after
            # clean(), and nothing here may change it.
            candidate = construct_instance(self, copy.copy(self.instance))
            try:
                broken = examples_broken_by(
                    candidate.facts(), live=current_patterns(), examples=labelled_examples()
                )
            except PatternError:
                return cleaned  # the model's own checks name the field
            if broken:
                self.add_error("status", refusal_message(broken))
        return cleaned


@admin.register(MessagePattern)
class MessagePatternAdmin(NamedImportErrors, ImportExportModelAdmin, SimpleHistoryAdmin):
    form = MessagePatternAdminForm
    resource_classes = [MessagePatternResource]
    formats = FORMATS
    list_display = [
        "__str__",
        "key",
        "provider",
        "channel",
        "symptom",
        "outcome",
        "status",
        "priority",
        "certainty",
        "checked_on",
    ]
    list_filter = ["status", "outcome", "symptom", "provider", "certainty"]
    list_select_related = ["provider"]
    search_fields = ["phrases", "code", "explanation_zh", "explanation_en", "key"]
    search_help_text = _("按词句、返回码、解释或代号查找。")
    autocomplete_fields = ["provider"]
    readonly_fields = ["updated_at"]
    actions = ["make_live", "make_draft"]
    fieldsets = [
        (
            _("必须匹配什么"),
            {
                "fields": [
                    "phrases",
                    ("code", "code_namespace", "vendor_name"),
                    "regex",
                    ("provider", "channel"),
                    "priority",
                ]
            },
        ),
        (_("它表示什么"), {"fields": ["outcome", "symptom", "alternatives"]}),
        (
            _("给消费者看的话"),
            {
                "fields": [
                    ("question_zh", "question_en"),
                    "explanation_zh",
                    "explanation_en",
                    "next_step_zh",
                    "next_step_en",
                ]
            },
        ),
        (_("依据"), {"fields": ["source", "quote", ("certainty", "checked_on")]}),
        (_("状态"), {"fields": ["status", "key", "updated_at"]}),
    ]

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", view, name="wizard_messagepattern_add_preview"),
            path("<path:object_id>/preview/", view, name="wizard_messagepattern_preview"),
            *super().get_urls(),
        ]

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """The add form's GET parameters, a provider given by its slug (as the triage list
        links it) read as that provider."""
        initial = super().get_changeform_initial_data(request)
        slug = initial.get("provider")
        if isinstance(slug, str) and slug and not slug.isdigit():
            provider = Provider.objects.filter(slug=slug).only("pk").first()
            initial["provider"] = provider.pk if provider is not None else None
        return initial

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # As for providers: a row that turned invalid since the dry run saves nothing at all.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _("导入没有完成,没有任何记录被修改:文件里有无效的行。请重新导入并先查看预览。"),
            )
            return HttpResponseRedirect(reverse("admin:wizard_messagepattern_import"))
        response: HttpResponse = super().process_result(result, request)
        return response

    @admin.action(description=_("上线所选的规则(会读错已标注例子的不上线)"), permissions=["change"])
    def make_live(self, request: HttpRequest, queryset: QuerySet[MessagePattern]) -> None:
        live = current_patterns()
        made, refused = 0, []
        for pattern in queryset.select_related("provider").order_by("pk"):
            if pattern.status == PatternStatus.LIVE:
                continue
            pattern.status = PatternStatus.LIVE
            try:
                broken = examples_broken_by(
                    pattern.facts(), live=live, examples=labelled_examples()
                )
            except PatternError as error:
                refused.append(f"{pattern}: {error.message}")
                continue
            if broken:
                refused.append(f"{pattern}: {refusal_message(broken)}")
                continue
            pattern.save(update_fields=["status", "updated_at"])
            made += 1
            # The next pattern is checked against the live set with this one in it.
            live = current_patterns()
        if made:
            done = ngettext("%(n)d 条规则已上线。", "%(n)d 条规则已上线。", made) % {"n": made}
            self.message_user(request, done, messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.ERROR)

    @admin.action(description=_("把所选的规则改回草稿"), permissions=["change"])
    def make_draft(self, request: HttpRequest, queryset: QuerySet[MessagePattern]) -> None:
        count = 0
        for pattern in queryset.filter(status=PatternStatus.LIVE):
            pattern.status = PatternStatus.DRAFT
            pattern.save(update_fields=["status", "updated_at"])  # one history row each
            count += 1
        done = ngettext("%(n)d 条规则改回了草稿。", "%(n)d 条规则改回了草稿。", count)
        self.message_user(request, done % {"n": count})

    @method_decorator(require_http_methods(["GET", "POST"]))
    def preview_view(self, request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """What the pattern would match and take if it were live, from the same decoder.

        GET previews the saved pattern; POST (the preview button on the form) previews the
        form's edits, on the add form too. Nothing is saved: the candidate set is built in
        memory from the live patterns with this one in place of its saved version.
        """
        pattern = None
        if object_id is not None:
            pattern = self.get_object(request, unquote(object_id))
            if pattern is None:
                return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
            if not self.has_view_or_change_permission(request, pattern):
                raise PermissionDenied
        form = None
        if request.method == "POST":
            allowed = (
                self.has_change_permission(request, pattern)
                if pattern is not None
                else self.has_add_permission(request)
            )
            if not allowed:
                raise PermissionDenied
            form_class = self.get_form(request, pattern, change=pattern is not None)
            form = form_class(request.POST, instance=pattern or MessagePattern())
            form.check_examples = False
            # is_valid() copies the edits onto the in-memory instance; nothing is saved.
            if form.is_valid():
                pattern = form.instance
        elif pattern is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, "")
        preview = problem = None
        if pattern is not None and (form is None or form.is_valid()):
            try:
                preview = preview_pattern(
                    pattern.facts(),
                    live=current_patterns(),
                    examples=labelled_examples(),
                    messages=stored_messages(limit=PREVIEW_MESSAGES),
                    shown=PREVIEW_SHOWN,
                )
            except PatternError as error:  # a saved pattern that bypassed the form's checks
                problem = error.message
        context = {
            **self.admin_site.each_context(request),
            "title": _("规则预览:%(pattern)s") % {"pattern": pattern or gettext("新规则")},
            "opts": self.opts,
            "original": pattern if object_id is not None else None,
            "form": form,
            "preview": preview,
            "problem": problem,
            "scanned_limit": PREVIEW_MESSAGES,
        }
        return TemplateResponse(request, "admin/wizard/messagepattern/preview.html", context)


def stored_messages(*, limit: int) -> list[StoredMessage]:
    """The most frequent unrecognised messages, as plain values: one query."""
    rows = UnmatchedMessage.objects.most_frequent().values_list(
        "example", "count", "provider_slug", "channel"
    )[:limit]
    return [
        StoredMessage(text=text, count=count, provider=slug or None, channel=channel or None)
        for text, count, slug, channel in rows
    ]


def new_pattern_url(message: UnmatchedMessage) -> str:
    """The add form prefilled from a stored message: its phrases, namespaced code, provider
    and channel, as a draft."""
    query: dict[str, str] = {
        "phrases": "\n".join(phrases_from_message(message.normalised)),
        "quote": message.example,
        "status": PatternStatus.DRAFT,
    }
    named = [code for code in normalise(message.example).codes if code.namespace]
    if named:
        query |= {"code": named[0].value, "code_namespace": named[0].namespace or ""}
    if message.provider_slug:
        query["provider"] = message.provider_slug
    if message.channel in Channel.values:
        query["channel"] = message.channel
    return reverse("admin:wizard_messagepattern_add") + "?" + urlencode(query)


@admin.register(UnmatchedMessage)
class UnmatchedMessageAdmin(admin.ModelAdmin):
    """What people pasted that no pattern recognised, most frequent first; read-only, and
    staff may delete noise. Each row links to a new pattern prefilled from it."""

    list_display = [
        "short_example",
        "short_normalised",
        "count",
        "first_seen",
        "last_seen",
        "provider_slug",
        "channel",
        "make_pattern",
        "label_it",
    ]
    list_display_links = ["short_example"]
    search_fields = ["normalised", "example"]
    search_help_text = _("按提示里的字词查找(原文已去除个人信息)。")
    list_filter = ["channel"]
    readonly_fields = (
        "example",
        "normalised",
        "count",
        "first_seen",
        "last_seen",
        "provider_slug",
        "channel",
    )
    fields = readonly_fields
    list_per_page = 50

    def get_queryset(self, request: HttpRequest) -> QuerySet[UnmatchedMessage]:
        return UnmatchedMessage.objects.most_frequent()

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        shown = list(self.list_display)
        if not request.user.has_perm("wizard.add_messagepattern"):
            shown.remove("make_pattern")
        if not request.user.has_perm("wizard.add_labelledmessage"):
            shown.remove("label_it")
        return shown

    @admin.display(description=_("原文示例(已去除个人信息)"))
    def short_example(self, message: UnmatchedMessage) -> str:
        return Truncator(message.example).chars(80)

    @admin.display(description=_("统一写法后的提示"))
    def short_normalised(self, message: UnmatchedMessage) -> str:
        return Truncator(message.normalised).chars(60)

    @admin.display(description=_("新建规则"))
    def make_pattern(self, message: UnmatchedMessage) -> str:
        return format_html(
            '<a href="{}" class="new-pattern-link">{}</a>',
            new_pattern_url(message),
            gettext("据此新建规则"),
        )

    @admin.display(description=_("标注"))
    def label_it(self, message: UnmatchedMessage) -> str:
        return format_html(
            '<a href="{}" class="label-link">{}</a>',
            reading_url(
                message.example,
                provider=message.provider_slug or None,
                channel=message.channel or None,
            ),
            gettext("读一读并标注"),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: UnmatchedMessage | None = None
    ) -> bool:
        return False
