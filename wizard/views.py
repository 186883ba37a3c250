"""The consumer's pages: start, the question wizard, and the plan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from formtools.wizard.views import NamedUrlSessionWizardView

from providers.catalog import active_providers
from providers.models import ProviderFacts
from wizard.answers import ACCOUNT_SYMPTOMS, FUNDS_SYMPTOMS, AnswersError
from wizard.forms import (
    AccountForm,
    FundsForm,
    ManagementForm,
    ProblemForm,
    ProviderForm,
    ReviewForm,
    SituationForm,
    StepForm,
    TimingForm,
)
from wizard.planning import checked_answers, plan_for

PLAN_SESSION_KEY = "plan_answers"
REVIEW_STEP = "review"


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


class RepaymentWizard(NamedUrlSessionWizardView):
    storage_name = "wizard.storage.AnswerStorage"
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

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        if step == "provider":
            return {"providers": self.providers}
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
        step = kwargs.get("step")
        form_list = self.get_form_list()
        if step is None:
            if "reset" in request.GET:
                self.storage.reset()
            current = self.storage.current_step
            return redirect(
                self.get_step_url(current if current in form_list else self.steps.first)
            )
        if step == self.done_step_name:
            return super().get(request, *args, **kwargs)
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
            if self.storage.current_step is None or not self.storage.data.get("step_data"):
                messages.info(request, _("你的回答已过期或已清除,请从第一题重新开始。"))
            return redirect(self.get_step_url(missing))
        return super().get(request, *args, **kwargs)

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
            heading=form.heading,
            hint=form.hint,
            back_url=self.get_step_url(previous) if previous else reverse("wizard:start"),
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
            for name, bound_field in form.fields.items():
                value = form.cleaned_data.get(name)
                rows.append(
                    SummaryRow(step, str(bound_field.label), display_value(bound_field, value))
                )
        return rows

    def done(
        self, form_list: list[StepForm], form_dict: Mapping[str, StepForm], **kwargs: Any
    ) -> HttpResponse:
        data = answers_from_steps({step: form.cleaned_data for step, form in form_dict.items()})
        try:
            checked_answers(data, now=timezone.now())
        except AnswersError as error:
            messages.error(self.request, answers_error_message(error))
            return redirect(self.get_step_url(self.steps.first))
        self.request.session[PLAN_SESSION_KEY] = data
        return redirect("wizard:plan")


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


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "wizard/start.html", {"provider_count": len(active_providers())})


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    data = request.session.get(PLAN_SESSION_KEY)
    if not data:
        messages.info(request, _("还没有可以显示的方案,或你的方案已过期。请回答几个问题。"))
        return redirect("wizard:start")
    try:
        result = plan_for(data, now=timezone.now(), language=get_language())
    except AnswersError as error:
        messages.error(request, answers_error_message(error))
        return redirect("wizard:start")
    return render(request, "wizard/plan.html", {"plan": result})
