"""The support console's wizard side on a provider: its step wording and the plan preview.

The provider page itself is providers.admin.ProviderAdmin; this app extends it with what
only the wizard knows (the step wording per provider, the preview of consumer plans), so
the imports run one way: wizard -> providers.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from simple_history.admin import SimpleHistoryAdmin

from providers.admin import ProviderAdmin
from providers.models import Provider
from wizard.console.preview import preview_plans
from wizard.console.recheck import CASE_WINDOW_DAYS, facts_to_recheck
from wizard.models import RemediationText
from wizard.provider_wording import step_texts_for

PREVIEW_LANGUAGES = {"zh-hans": "中文", "en": "English"}


class RemediationTextInline(admin.StackedInline):
    model = RemediationText
    extra = 0
    fields = ["code", "title_zh", "detail_zh", "title_en", "detail_en"]
    verbose_name_plural = _("这家机构专用的方案步骤文字(留空的字段沿用默认文字)")


class ProviderConsoleAdmin(ProviderAdmin):
    """The provider page staff use: ProviderAdmin plus the provider's own step wording and a
    preview of the plans a consumer would get, saved or with the form's unsaved edits."""

    inlines = [*ProviderAdmin.inlines, RemediationTextInline]
    change_form_template = "admin/wizard/provider_change_form.html"

    change_list_template = "admin/wizard/provider_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="providers_provider_preview",
        )
        recheck = path(
            "recheck/",
            self.admin_site.admin_view(self.recheck_view),
            name="providers_provider_recheck",
        )
        return [preview, recheck, *super().get_urls()]

    @method_decorator(require_http_methods(["GET"]))
    def recheck_view(self, request: HttpRequest) -> HttpResponse:
        """The facts to check again first: most cases × oldest check × weakest certainty."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("先重新核实这些信息"),
            "opts": self.opts,
            "facts": facts_to_recheck(today=timezone.localdate()),
            "case_window_days": CASE_WINDOW_DAYS,
        }
        return TemplateResponse(request, "admin/wizard/provider_recheck.html", context)

    @method_decorator(require_http_methods(["GET", "POST"]))
    def preview_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The plans a consumer would get in typical situations, from the same engine.

        GET previews the saved record. POST (the preview button on the change form)
        previews the edits on the form without saving them; step texts are the saved ones.
        """
        provider = self.get_object(request, unquote(object_id))
        if provider is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, provider):
            raise PermissionDenied
        saved_slug = provider.slug
        form = None
        if request.method == "POST":
            if not self.has_change_permission(request, provider):
                raise PermissionDenied
            form_class = self.get_form(request, provider, change=True)
            # is_valid() copies the edits onto this in-memory `provider`; nothing is saved.
            form = form_class(request.POST, request.FILES, instance=provider)
        language = request.GET.get("language", "zh-hans")
        if language not in PREVIEW_LANGUAGES:
            language = "zh-hans"
        previews = (
            preview_plans(
                provider=provider.facts(),
                texts=step_texts_for(saved_slug),
                due_date=timezone.localdate(),
                language=language,
            )
            if form is None or form.is_valid()
            else []
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("方案预览:%(provider)s") % {"provider": provider.name_zh},
            "opts": self.opts,
            "original": provider,
            "previews": previews,
            "form": form,
            "language": language,
            "languages": PREVIEW_LANGUAGES,
        }
        return TemplateResponse(request, "admin/providers/provider/preview.html", context)


admin.site.unregister(Provider)
admin.site.register(Provider, ProviderConsoleAdmin)


@admin.register(RemediationText)
class RemediationTextAdmin(SimpleHistoryAdmin):
    list_display = ["code", "provider", "title_zh", "updated_at"]
    list_filter = ["code", ("provider", admin.EmptyFieldListFilter)]
    list_select_related = ["provider"]
    search_fields = [
        "code",
        "title_zh",
        "title_en",
        "detail_zh",
        "provider__slug",
        "provider__name_zh",
    ]
    autocomplete_fields = ["provider"]
