"""The consumer's pages: start, the question wizard, and the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from formtools.wizard.views import NamedUrlSessionWizardView

from config.errors import render_error
from providers.catalog import active_providers
from providers.models import ProviderFacts
from wizard.answers import ACCOUNT_SYMPTOMS, FUNDS_SYMPTOMS, AnswersError
from wizard.cases import (
    FeedbackRefused,
    count_miss,
    lookups_refused,
    normalise_code,
    owns_case,
    record_case,
    record_feedback,
    remember_own_case,
)
from wizard.forms import (
    AccountForm,
    FeedbackForm,
    FundsForm,
    ManagementForm,
    ProblemForm,
    ProviderForm,
    ReviewForm,
    SituationForm,
    StepForm,
    TimingForm,
)
from wizard.models import Case, Outcome
from wizard.planning import plan_for
from wizard.runs import new_run_id, run_is_known, start_run

REVIEW_STEP = "review"


def render_screen(
    request: HttpRequest, template: str, context: dict[str, Any], *, push_url: bool = True
) -> HttpResponse:
    """The full page, or for an htmx request only the page's `main` partial.

    History-restore requests get the full page (django-htmx #410). htmx follows
    the wizard's redirects inside one request, so the URL to push is the one
    that finally answered, told in HX-Push-Url; a form re-shown with errors
    pushes nothing.
    """
    htmx = getattr(request, "htmx", None)
    fragment = bool(htmx) and not htmx.history_restore_request
    context = {**context, "fragment": fragment}
    response = render(request, f"{template}#main" if fragment else template, context)
    if fragment:
        response["HX-Push-Url"] = request.get_full_path() if push_url else "false"
    patch_vary_headers(response, ("HX-Request",))
    return response


def _symptom_is(symptoms: frozenset[str]):  # type: ignore[no-untyped-def]
    """A condition on the stored, raw answer to the problem page.

    Reads raw storage rather than cleaned data: formtools conditions that call
    get_cleaned_data_for_step can recurse (jazzband/django-formtools #220).
    Until the problem page is answered, the page counts as needed.
    """

    def condition(wizard: RepaymentWizard) -> bool:
        data = wizard.storage.get_step_data("problem")
        symptom = data.get("problem-symptom") if data else None
        return symptom is None or symptom in symptoms

    return condition


@dataclass(frozen=True)
class SummaryRow:
    step: str
    question: str
    answer: str
    change_url: str


class RepaymentWizard(NamedUrlSessionWizardView):
    storage_name = "wizard.runs.RunSessionStorage"
    form_list = [
        ("provider", ProviderForm),
        ("problem", ProblemForm),
        ("account", AccountForm),
        ("funds", FundsForm),
        ("timing", TimingForm),
        ("situation", SituationForm),
        (REVIEW_STEP, ReviewForm),
    ]
    condition_dict = {
        "account": _symptom_is(ACCOUNT_SYMPTOMS),
        "funds": _symptom_is(FUNDS_SYMPTOMS),
    }

    def get_template_names(self) -> list[str]:
        if self.steps.current == REVIEW_STEP:
            return ["wizard/review.html"]
        return ["wizard/step.html"]

    def render(self, form: StepForm | None = None, **kwargs: Any) -> HttpResponse:
        form = form or self.get_form()
        context = self.get_context_data(form=form, **kwargs)
        return render_screen(
            self.request,
            self.get_template_names()[0],
            context,
            push_url=self.request.method == "GET",
        )

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == "provider":
            return {"providers": self.providers}
        return {}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not run_is_known(request.session, kwargs["run"]):
            # The session expired or was cleared, or the link is from another device.
            messages.info(request, _("你的回答已过期或已清除,请从第一题重新开始。"))
            return redirect("wizard:check")
        return super().dispatch(request, *args, **kwargs)

    def get_step_url(self, step: str) -> str:
        """A page's URL in this run (remembered: the check-answers page links each answer)."""
        url = self._step_urls.get(step)
        if url is None:
            url = reverse(self.url_name, kwargs={"run": self.kwargs["run"], "step": step})
            self._step_urls[step] = url
        return url

    @cached_property
    def _step_urls(self) -> dict[str, str]:
        return {}

    @cached_property
    def providers(self) -> dict[str, ProviderFacts]:
        """The active providers, fetched from the cache once per request."""
        return active_providers()

    @cached_property
    def _validated(self) -> dict[str, tuple[Any, StepForm | None]]:
        return {}

    def valid_form(self, step: str) -> StepForm | None:
        """The stored answers to a page as a valid form, or None.

        formtools validates stored pages again and again in one request
        (jazzband/django-formtools #54, #134): once is enough while the data is
        unchanged.
        """
        data = self.storage.get_step_data(step)
        known = self._validated.get(step)
        if known is None or known[0] != data:
            form = self.get_form(step=step, data=data, files=self.storage.get_step_files(step))
            known = (data, form if form.is_valid() else None)
            self._validated[step] = known
        return known[1]

    def get_cleaned_data_for_step(self, step: str) -> dict[str, Any] | None:
        if step not in self.form_list:
            return None
        form = self.valid_form(step)
        return form.cleaned_data if form is not None else None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        step = kwargs["step"]
        if step == self.done_step_name:
            return super().get(request, *args, **kwargs)
        form_list = self.get_form_list()
        if step not in form_list:
            # A page skipped for these answers (or a made-up name): go back to where they were.
            current = self.storage.current_step
            return redirect(
                self.get_step_url(current if current in form_list else self.steps.first)
            )
        if "change" in request.GET:
            self.storage.extra_data = {**self.storage.extra_data, "returning_to_review": True}
        missing = self.first_unanswered(before=step)
        if missing is not None:
            return redirect(self.get_step_url(missing))
        return super().get(request, *args, **kwargs)

    def get_form_step_data(self, form: StepForm) -> QueryDict:
        """Keep only this page's own answers: never extra fields someone posted along."""
        kept = QueryDict(mutable=True)
        for name in form.fields:
            key = form.add_prefix(name)
            if key in form.data:
                # The value the form validated: QueryDict.get takes the last one posted.
                kept.setlist(key, form.data.getlist(key)[-1:])
        return kept

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        posted_step = self.request.POST.get(f"{self.prefix}-current_step")
        if posted_step not in self.get_form_list():
            messages.error(self.request, _("页面已过期或提交的内容不完整,请再提交一次。"))
            return redirect(self.get_step_url(self.steps.current or self.steps.first))
        try:
            return super().post(*args, **kwargs)
        except SuspiciousOperation:
            messages.error(self.request, _("页面已过期或提交的内容不完整,请再提交一次。"))
            return redirect(self.get_step_url(posted_step))

    def render_next_step(self, form: StepForm, **kwargs: Any) -> HttpResponse:
        """After a change from the check-answers page, go straight back to it."""
        if self.storage.extra_data.get("returning_to_review"):
            missing = self.first_unanswered(before=REVIEW_STEP)
            target = missing or REVIEW_STEP
            if target == REVIEW_STEP:
                self.storage.extra_data = {}
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        return super().render_next_step(form, **kwargs)

    def first_unanswered(self, *, before: str) -> str | None:
        """The first page before `before` without valid stored answers."""
        for step in self.get_form_list():
            if step == before:
                return None
            if self.get_cleaned_data_for_step(step) is None:
                return step
        return None

    def get_context_data(self, form: StepForm, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(form=form, **kwargs)
        context["wizard"]["management_form"] = ManagementForm(
            prefix=self.prefix, initial={"current_step": self.steps.current}
        )
        questions = [step for step in self.get_form_list() if step != REVIEW_STEP]
        current = self.steps.current
        previous = self.steps.prev
        context.update(
            page_title=(_("错误:") if form.errors else "") + str(form.heading),
            single_question=len(form.fields) == 1,
            heading=form.heading,
            hint=form.hint,
            back_url=self.get_step_url(previous) if previous else reverse("wizard:start"),
            run=self.kwargs["run"],
            form_url=self.get_step_url(current),
            question_number=questions.index(current) + 1 if current in questions else None,
            question_count=len(questions),
        )
        if current == REVIEW_STEP:
            context["summary"] = self.summary()
        return context

    def summary(self) -> list[SummaryRow]:
        """Each answer with its question, for the check-answers page."""
        rows: list[SummaryRow] = []
        for step in self.get_form_list():
            if step == REVIEW_STEP:
                continue
            form = self.valid_form(step)
            if form is None:
                continue
            change_url = f"{self.get_step_url(step)}?change=1"
            for name, bound_field in form.fields.items():
                value = form.cleaned_data.get(name)
                answer = display_value(bound_field, value)
                rows.append(SummaryRow(step, str(bound_field.label), answer, change_url))
        return rows

    def done(
        self, form_list: list[StepForm], form_dict: Mapping[str, StepForm], **kwargs: Any
    ) -> HttpResponse:
        data = answers_from_steps({step: form.cleaned_data for step, form in form_dict.items()})
        try:
            result = plan_for(data, now=timezone.now(), language=get_language())
        except AnswersError as error:
            messages.error(self.request, answers_error_message(error))
            return redirect(self.get_step_url(self.steps.first))
        case = record_case(result, answers=data, provider_id=result.provider.pk)
        remember_own_case(self.request.session, case.code)
        return redirect("wizard:plan", code=case.code)


def display_value(field: Any, value: Any) -> str:
    """How an answer reads on the check-answers page."""
    choices = dict(_flat_choices(getattr(field, "choices", ())))
    if value in choices:
        return str(choices[value])
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M") if not hasattr(value, "year") else value.isoformat()
    return str(value)


def _flat_choices(choices: Any) -> list[tuple[Any, Any]]:
    flat = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat


def answers_from_steps(cleaned: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The wizard's cleaned pages in the JSON shape `manage.py plan` reads."""
    timing = cleaned["timing"]
    account = cleaned.get("account")
    funds = cleaned.get("funds")
    return {
        "provider": cleaned["provider"]["provider"],
        "symptom": cleaned["problem"]["symptom"],
        "channel": cleaned["problem"]["channel"],
        "account": dict(account) if account else None,
        "funds": dict(funds) if funds else None,
        "timing": {
            "due_date": timing["due_date"].isoformat(),
            "attempted_at": timing["attempted_at"].isoformat(),
        },
        "contacted_provider": cleaned["situation"]["contacted_provider"],
        "autopay": cleaned["situation"]["autopay"],
    }


def answers_error_message(error: AnswersError) -> str:
    if error.field == "provider":
        return _("你选择的机构暂时不在服务列表中,请重新选择。")
    return _("有一项回答已经失效(例如时间已超过一年),请重新填写。")


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render_screen(
        request,
        "wizard/start.html",
        {"page_title": _("分期还款没成功?先别慌"), "provider_count": len(active_providers())},
    )


@require_safe
def new_run(request: HttpRequest) -> HttpResponse:
    """Start the wizard afresh in a run of its own (another tab keeps its answers).

    HEAD (an uptime monitor, a link preview) gets the same answer but keeps no run: nobody
    will answer its questions, and a monitor polling every minute would fill the sessions.
    """
    if request.method == "HEAD":
        return redirect("wizard:step", run=new_run_id(), step=RepaymentWizard.form_list[0][0])
    run = start_run(request.session)
    return redirect("wizard:step", run=run, step=RepaymentWizard.form_list[0][0])


def too_many_lookups(request: HttpRequest) -> HttpResponse:
    response = render_error(
        request,
        429,
        _("请稍后再试"),
        _(
            "输错参考编号的次数太多了,为了防止有人猜编号,请一小时后再试。"
            "你在这台设备上生成的方案不受影响;也可以重新回答问题生成新的方案。"
        ),
    )
    response["Retry-After"] = "3600"
    return response


def find_case(request: HttpRequest, code: str) -> Case | HttpResponse:
    """The case for a code from the URL, or the page to show instead.

    A case always opens in the session that made it; any other code counts against the
    guessing limits (wizard.cases), which a person reopening their own plan never meets.
    """
    canonical = normalise_code(code)
    own = canonical is not None and owns_case(request.session, canonical)
    if not own and lookups_refused(request):
        return too_many_lookups(request)
    case = Case.objects.filter(code=canonical).first() if canonical else None
    if case is None:
        if not own:
            count_miss(request)
        return render_error(
            request,
            404,
            _("找不到这个参考编号"),
            _("请检查编号是否抄对(10 位字母和数字)。方案保存 180 天,过期后需要重新回答问题。"),
        )
    return case


def show_plan(
    request: HttpRequest, case: Case, *, feedback_form: FeedbackForm | None = None
) -> HttpResponse:
    try:
        result = plan_for(case.answers, now=timezone.now(), language=get_language())
    except AnswersError as error:
        messages.error(request, answers_error_message(error))
        return redirect("wizard:start")
    context = {
        "page_title": _("你的处理方案"),
        "plan": result,
        "case": case,
        "plan_url": request.build_absolute_uri(reverse("wizard:plan", kwargs={"code": case.code})),
        "feedback_form": feedback_form or FeedbackForm(),
        "can_mark_solved": case.outcome in (Outcome.PARTLY, Outcome.NOT_SOLVED)
        and case.solved_at is None,
    }
    return render_screen(request, "wizard/plan.html", context, push_url=request.method == "GET")


@require_safe
def plan(request: HttpRequest, code: str) -> HttpResponse:
    """A case's plan, rebuilt for now: read-only, reachable by its reference code."""
    found = find_case(request, code)
    if not isinstance(found, Case):
        return found
    if found.code != code:
        return redirect("wizard:plan", code=found.code)
    return show_plan(request, found)


@require_POST
def feedback(request: HttpRequest, code: str) -> HttpResponse:
    """ "Did this solve it?" — taken once, and once more later to say it is solved."""
    found = find_case(request, code)
    if not isinstance(found, Case):
        return found
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return show_plan(request, found, feedback_form=form)
    try:
        record_feedback(
            found,
            outcome=form.cleaned_data["outcome"],
            comment=form.cleaned_data["comment"],
            now=timezone.now(),
        )
    except FeedbackRefused:
        messages.info(request, _("我们已经收到你对这个方案的反馈了,谢谢。"))
    else:
        messages.success(request, _("谢谢你的反馈!它会帮助我们改进建议。"))
    return redirect(reverse("wizard:plan", kwargs={"code": found.code}) + "#feedback")
