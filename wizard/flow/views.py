"""The consumer's question pages: start, a new run, the wizard, and the message page's
reading of a message as it is typed.

Thin on purpose: the answers become a plan in wizard.planner (around the pure engine in
wizard/engine), the finished plan becomes a case in wizard.cases, whose pages show it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from formtools.wizard.views import NamedUrlSessionWizardView, normalize_name

from providers.catalog import active_providers
from providers.facts import UNKNOWN_PROVIDER, ProviderFacts
from wizard.cases.access import remember_own_case
from wizard.cases.recording import record_case
from wizard.decoder.reading import BY_LABEL
from wizard.engine.answers import (
    ACCOUNT_SYMPTOMS,
    FUNDS_SYMPTOMS,
    MAX_MESSAGE,
    AnswersError,
    Symptom,
    answers_from_pages,
)
from wizard.engine.deadlines import due_cutoff_for
from wizard.flow.forms import (
    AccountForm,
    CardTierForm,
    ChannelForm,
    FindLenderForm,
    FundsForm,
    ManagementForm,
    MessageForm,
    ProblemForm,
    ProviderForm,
    RemainderForm,
    ReviewForm,
    SituationForm,
    StepForm,
    TimingForm,
    message_text,
)
from wizard.flow.problem_message import MessageMeaning, meaning_of, message_digest, problem_name
from wizard.flow.reading_limits import keeping_refused, reading_refused
from wizard.flow.runs import new_run_id, run_is_known, start_run
from wizard.funnel import Along, reach
from wizard.models import FunnelStage
from wizard.pages import HtmxHttpRequest, render_screen
from wizard.planner import answers_error_message, plan_for
from wizard.redaction import redact_message
from wizard.storage import AnswerStorage
from wizard.triage.patterns import unmatched_statement

REVIEW_STEP = "review"
MESSAGE_STEP = "message"
PROBLEM_STEP = "problem"
# Answers the message page keeps for itself: they never appear on the check-answers page.
NOT_SUMMARISED = frozenset({"read", "outcome", "suggested"})


def _symptom_is(symptoms: frozenset[str]) -> Callable[[RepaymentWizard], bool]:
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


def _provider_answer(wizard: RepaymentWizard) -> str | None:
    """The stored, raw answer to the provider page (see _symptom_is for why raw)."""
    data = wizard.storage.get_step_data("provider")
    return data.get("provider-provider") if data else None


def _lender_unknown(wizard: RepaymentWizard) -> bool:
    return _provider_answer(wizard) == UNKNOWN_PROVIDER


def _tiers_differ(wizard: RepaymentWizard) -> bool:
    provider = wizard.providers.get(_provider_answer(wizard) or "")
    return provider is not None and provider.has_tiers


def _tolerant_provider(wizard: RepaymentWizard) -> ProviderFacts | None:
    """The lender, when it states a tolerance and the money has not already left (that plan
    is about proving when it left): then the remainder page is asked once the cutoff has
    passed. Reads the raw answers of earlier pages (see _symptom_is for why)."""
    provider = wizard.providers.get(_provider_answer(wizard) or "")
    if provider is None or not provider.tolerance_yuan:
        return None
    problem = wizard.storage.get_step_data("problem")
    if problem and problem.get("problem-symptom") == Symptom.DEDUCTED_NOT_CREDITED:
        return None
    return provider


def _tolerance_can_count(wizard: RepaymentWizard) -> bool:
    """Ask how much is unpaid only where the answer can change the plan: a tolerant lender
    (_tolerant_provider) and the due date's cutoff passed (before it, paying everything
    still counts)."""
    provider = _tolerant_provider(wizard)
    if provider is None:
        return False
    timing = wizard.storage.get_step_data("timing")
    try:
        due_date = TimingForm.base_fields["due_date"].to_python(
            timing.get("timing-due_date") if timing else None
        )
    except ValidationError:
        return False
    return due_date is not None and due_cutoff_for(due_date, provider) < timezone.now()


def _count_is_known(wizard: RepaymentWizard) -> bool:
    """Whether no answer still to come can change the number of pages, so that the total,
    once shown, never changes under the person (only when they change an earlier answer).
    The problem page decides the pages that depend on the problem; the remainder page also
    depends on the due date, so with a tolerant lender the total waits for the timing page."""
    if not wizard.storage.get_step_data(PROBLEM_STEP):
        return False
    return bool(wizard.storage.get_step_data("timing")) or _tolerant_provider(wizard) is None


def message_meaning(text: str, *, provider: str | None, follow_up: str) -> MessageMeaning | None:
    """What the message page's message means for the run's provider, after the answer to
    the reading's follow-up question. The payment channel is asked after the message, so
    the reading is not narrowed by channel."""
    return meaning_of(
        text[:MAX_MESSAGE],
        provider=provider,
        channel=None,
        follow_up=follow_up,
        language=get_language(),
    )


def _stored_suggestion(wizard: RepaymentWizard) -> str:
    """The problem the message page's reading suggested, as stored with that page."""
    data = wizard.storage.get_step_data(MESSAGE_STEP)
    suggested = data.get(f"{MESSAGE_STEP}-suggested") if data else None
    return suggested if suggested in Symptom.values else ""


def known_run(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Precondition: the run in the URL belongs to this session, else back to a new run
    (the session expired or was cleared, or the link came from another device)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not run_is_known(request.session, kwargs["run"]):
            messages.info(request, _("你的回答已过期或已清除,请从第一题重新开始。"))
            return redirect("wizard:check")
        return view(request, *args, **kwargs)

    return wrapper


@dataclass(frozen=True)
class SummaryRow:
    step: str
    question: str
    answer: str
    change_url: str


class RepaymentWizard(NamedUrlSessionWizardView):
    """The questions, one page each (formtools' named-URL session wizard)."""

    storage_name = "wizard.storage.AnswerStorage"
    form_list = [
        ("provider", ProviderForm),
        ("find_lender", FindLenderForm),
        ("card_tier", CardTierForm),
        (MESSAGE_STEP, MessageForm),
        (PROBLEM_STEP, ProblemForm),
        ("channel", ChannelForm),
        ("account", AccountForm),
        ("funds", FundsForm),
        ("timing", TimingForm),
        ("remainder", RemainderForm),
        ("situation", SituationForm),
        (REVIEW_STEP, ReviewForm),
    ]
    condition_dict = {
        "find_lender": _lender_unknown,
        "card_tier": _tiers_differ,
        "account": _symptom_is(ACCOUNT_SYMPTOMS),
        "funds": _symptom_is(FUNDS_SYMPTOMS),
        "remainder": _tolerance_can_count,
    }

    @classmethod
    def run_prefix(cls, run: str) -> str:
        """One run's prefix: formtools' default, made from the class name, and the run id."""
        return f"{normalize_name(cls.__name__)}_{run}"

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        # One storage per run, so that two tabs keep their own answers (formtools #126).
        return self.run_prefix(kwargs["run"])

    def get_template_names(self) -> list[str]:
        if self.steps.current == REVIEW_STEP:
            return ["wizard/review.html"]
        if self.steps.current == "find_lender":
            return ["wizard/find_lender.html"]
        return ["wizard/step.html"]

    def render(self, form: StepForm | None = None, **kwargs: Any) -> HttpResponse:
        # Why: an htmx request gets only the page's partial (render_screen).
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
        if step == "card_tier":
            return {"provider": self.providers.get(_provider_answer(self) or "")}
        return {}

    def get_form_initial(self, step: str) -> dict[str, Any]:
        # Why: when the message decided the problem, the problem page starts with it selected.
        if step == PROBLEM_STEP and (suggested := _stored_suggestion(self)):
            return {"symptom": suggested}
        return super().get_form_initial(step)

    def get_step_url(self, step: str) -> str:
        # Why: every page's URL carries the run.
        return reverse(self.url_name, kwargs={"run": self.kwargs["run"], "step": step})

    @cached_property
    def providers(self) -> dict[str, ProviderFacts]:
        """The active providers, fetched from the cache once per request."""
        return active_providers()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Why: a page skipped for these answers, or one whose earlier pages are unanswered,
        # redirects instead of showing; "?change=1" comes from the check-answers page.
        step = kwargs["step"]
        if step == self.done_step_name:
            return super().get(request, *args, **kwargs)
        form_list = self.get_form_list()
        if step not in form_list:
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
        posted = cast(QueryDict, form.data)  # a bound page is always bound to the POST
        for name in form.fields:
            key = form.add_prefix(name)
            if key in posted:
                # The value the form validated: QueryDict.get takes the last one posted.
                kept.setlist(key, posted.getlist(key)[-1:])
        message_key = form.add_prefix("message")
        if message_key in kept:
            # Kept in the session only as the stored message will be: without personal data.
            kept[message_key] = redact_message(form.cleaned_data.get("message", ""))
        return kept

    # A message nobody recognised, to count with the next page reached (render_next_step).
    miss: Along | None = None

    @cached_property
    def readings(self) -> dict[tuple[str, str], MessageMeaning | None]:
        """This request's readings of a message, so that a message is decoded once per
        request however many times the page needs its meaning."""
        return {}

    def meaning(self, text: str, follow_up: str) -> MessageMeaning | None:
        key = (text, follow_up)
        if key not in self.readings:
            self.readings[key] = message_meaning(
                text, provider=_provider_answer(self), follow_up=follow_up
            )
        return self.readings[key]

    def process_step(self, form: StepForm) -> QueryDict:
        data = self.get_form_step_data(form)
        if self.steps.current == MESSAGE_STEP:
            self.keep_reading(form, data)
        return data

    def keep_reading(self, form: StepForm, data: QueryDict) -> None:
        """Store what the message says with the message page's answers, read from the text
        as the person gave it (the stored copy is redacted): the plan uses this outcome and
        never reads the message again.

        A message the decoder did not recognise is kept (redacted) for staff to learn from,
        counted in the statement that counts the next page (the page stays within its query
        budget). A new suggestion drops the problem page's answer, so the person confirms
        the problem the new message points to.
        """
        text = form.cleaned_data.get("message", "")
        meaning = self.meaning(text, form.cleaned_data.get("follow_up") or "")
        data.pop(form.add_prefix("read"), None)
        data[form.add_prefix("outcome")] = meaning.reading.outcome if meaning else ""
        data[form.add_prefix("suggested")] = (meaning.suggested or "") if meaning else ""
        if _stored_suggestion(self) != data[form.add_prefix("suggested")]:
            self.storage.data[self.storage.step_data_key].pop(PROBLEM_STEP, None)
        if (
            meaning is not None
            and not meaning.recognised
            and meaning.reading.source != BY_LABEL  # staff said: no payment failure
            and not keeping_refused(self.request)
        ):
            self.miss = unmatched_statement(
                text=text, provider=_provider_answer(self), channel=None, now=timezone.now()
            )

    def reading_to_show(self, posted: QueryDict) -> bool:
        """Whether a posted message page should come back with its reading instead of going
        on: the "what does it mean?" button, or a recognised message whose reading the
        person has not seen yet (without JavaScript, or before the live reading came)."""
        text = message_text(posted.get(f"{MESSAGE_STEP}-message", ""))
        if not text:
            return False
        if "read_message" in posted:
            return True
        if len(text) > MAX_MESSAGE:
            return False  # the page refuses it, saying why
        meaning = self.meaning(text, posted.get(f"{MESSAGE_STEP}-follow_up", ""))
        seen = posted.get(f"{MESSAGE_STEP}-read", "") == message_digest(text)
        return meaning is not None and meaning.recognised and not seen

    def read_message_page(self) -> HttpResponse:
        """The message page again with the message read, nothing stored."""
        posted = self.request.POST
        text = message_text(posted.get(f"{MESSAGE_STEP}-message", ""))
        follow_up = posted.get(f"{MESSAGE_STEP}-follow_up", "")
        form = self.get_form(step=MESSAGE_STEP)
        form.initial = {"message": text, "follow_up": follow_up}
        return self.render(form)

    def reading_refused_page(self) -> HttpResponse:
        """The message page again, as posted, saying the message was not read: this client
        asked for too many readings this minute (429, wizard/flow/reading_limits.py)."""
        posted = self.request.POST
        form = self.get_form(step=MESSAGE_STEP)
        form.initial = {
            "message": message_text(posted.get(f"{MESSAGE_STEP}-message", ""))[:MAX_MESSAGE],
            "follow_up": posted.get(f"{MESSAGE_STEP}-follow_up", ""),
        }
        response = self.render(form, reading_refused=True)
        return _too_many_readings(response)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        # Why: a stale or tampered page gets a message and its page again, never a 400.
        posted = self.request.POST
        posted_step = posted.get(f"{self.prefix}-current_step")
        if posted_step not in self.get_form_list():
            messages.error(self.request, _("页面已过期或提交的内容不完整,请再提交一次。"))
            return redirect(self.get_step_url(self.steps.current or self.steps.first))
        if posted_step == MESSAGE_STEP and self.reading_to_show(posted):
            if self.steps.current != MESSAGE_STEP:
                # A message page posted from another tab or after "back": show that page,
                # as formtools does for any posted page (the one case that writes).
                self.storage.current_step = MESSAGE_STEP
            # The "what does it mean?" button counts against the reading limits, as the
            # live reading does; answering the page ("continue") reads it once, uncounted.
            if "read_message" in posted and reading_refused(self.request):
                return self.reading_refused_page()
            return self.read_message_page()
        try:
            return super().post(*args, **kwargs)
        except SuspiciousOperation:
            messages.error(self.request, _("页面已过期或提交的内容不完整,请再提交一次。"))
            return redirect(self.get_step_url(posted_step))

    def render_next_step(self, form: StepForm, **kwargs: Any) -> HttpResponse:
        # Why: after a change from the check-answers page, go straight back to it.
        if self.storage.extra_data.get("returning_to_review"):
            missing = self.first_unanswered(before=REVIEW_STEP)
            target = missing or REVIEW_STEP
            if target == REVIEW_STEP:
                self.storage.extra_data = {}
            self.storage.current_step = target
            response = redirect(self.get_step_url(target))
        else:
            response = super().render_next_step(form, **kwargs)
        # Counted here, where the answer is stored, so that the session write the answer
        # makes also remembers the page (wizard.funnel): a reload or back costs no write.
        reach(self.storage, self.storage.current_step, now=timezone.now(), along=self.miss)
        return response

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
        # formtools' own management form does not use our renderer; ours writes it in Python.
        context["wizard"]["management_form"] = ManagementForm(
            prefix=self.prefix, initial={"current_step": self.steps.current}
        )
        questions = [step for step in self.get_form_list() if step != REVIEW_STEP]
        current = self.steps.current
        previous = self.steps.prev
        heading, hint = form.heading, form.hint
        if current == PROBLEM_STEP and (suggested := _stored_suggestion(self)):
            heading = _("提示的意思是“%(problem)s”,对吗?") % {"problem": problem_name(suggested)}
            hint = _("已经帮你选好了。不对的话,请改选最接近的一项。")
        context.update(
            page_title=(_("错误:") if form.errors else "") + str(heading),
            single_question=len(form.visible_fields()) == 1,
            heading=heading,
            hint=hint,
            back_url=self.get_step_url(previous) if previous else reverse("wizard:start"),
            run=self.kwargs["run"],
            form_url=self.get_step_url(current),
            question_number=questions.index(current) + 1 if current in questions else None,
            question_count=len(questions) if _count_is_known(self) else None,
        )
        if current == MESSAGE_STEP:
            context["meaning_url"] = reverse(
                "wizard:problem_meaning", kwargs={"run": self.kwargs["run"]}
            )
            text = message_text(form["message"].value() or "")
            # A refused reading (reading_refused_page) shows the page without decoding.
            if not kwargs.get("reading_refused"):
                context["meaning"] = self.meaning(text, form["follow_up"].value() or "")
            context["message_read"] = message_digest(text)
        if current == REVIEW_STEP:
            context["summary"] = self.summary()
        if current == "find_lender":
            context["provider_url"] = self.get_step_url("provider")
        return context

    def summary(self) -> list[SummaryRow]:
        """Each answer with its question, for the check-answers page."""
        rows: list[SummaryRow] = []
        for step in self.get_form_list():
            cleaned = self.get_cleaned_data_for_step(step) if step != REVIEW_STEP else None
            if not cleaned:
                continue
            change_url = f"{self.get_step_url(step)}?change=1"
            for name, field in self.get_form(step=step).fields.items():
                if name in NOT_SUMMARISED or cleaned.get(name) in (None, ""):
                    continue
                answer = display_value(field, cleaned.get(name))
                rows.append(SummaryRow(step, str(field.label), answer, change_url))
        return rows

    def done(
        self, form_list: list[StepForm], form_dict: Mapping[str, StepForm], **kwargs: Any
    ) -> HttpResponse:
        # The message page's cleaned data holds the message as stored (redacted,
        # get_form_step_data) with the outcome read when the person saw it (keep_reading).
        answers = answers_from_pages({step: form.cleaned_data for step, form in form_dict.items()})
        try:
            result = plan_for(answers, now=timezone.now(), language=get_language())
        except AnswersError as error:
            messages.error(self.request, answers_error_message(error))
            return redirect(self.get_step_url(self.steps.first))
        case = record_case(result)
        reach(self.storage, FunnelStage.DONE, now=timezone.now())
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
    flat: list[tuple[Any, Any]] = []
    for key, label in choices:
        if isinstance(label, list | tuple):
            flat.extend(label)
        else:
            flat.append((key, label))
    return flat


@require_POST
def problem_meaning(request: HtmxHttpRequest, run: str) -> HttpResponse:
    """What the message being typed on the message page means, as the person types (htmx):
    the meaning, with the follow-up question when the reading is ambiguous. Reads only:
    nothing is stored or counted, and no message is logged.

    Without htmx the page's own "what does it mean?" button does the same (a plain POST
    to the wizard), so this URL only sends a stray plain POST back to the page.
    """
    if not request.htmx:
        return redirect("wizard:step", run=run, step=MESSAGE_STEP)
    posted = request.POST
    if posted.get(f"{MESSAGE_STEP}-message", "").strip() and reading_refused(request):
        response = render(
            request, "wizard/_problem_message.html#meaning-content", {"reading_refused": True}
        )
        patch_vary_headers(response, ("HX-Request",))
        return _too_many_readings(response)
    stored = AnswerStorage(RepaymentWizard.run_prefix(run), request).get_step_data("provider")
    follow_up = posted.get(f"{MESSAGE_STEP}-follow_up", "")
    text = message_text(posted.get(f"{MESSAGE_STEP}-message", ""))
    meaning = message_meaning(
        text,
        provider=stored.get("provider-provider") if stored else None,
        follow_up=follow_up,
    )
    form = MessageForm(prefix=MESSAGE_STEP, initial={"follow_up": follow_up})
    response = render(
        request,
        "wizard/_problem_message.html#meaning-content",
        {
            "meaning": meaning,
            "form": form,
            "message_read": message_digest(text),
            "meaning_url": reverse("wizard:problem_meaning", kwargs={"run": run}),
        },
    )
    patch_vary_headers(response, ("HX-Request",))
    return response


def _too_many_readings(response: HttpResponse) -> HttpResponse:
    response.status_code = 429
    response["Retry-After"] = "60"
    return response


@require_safe
def start(request: HtmxHttpRequest) -> HttpResponse:
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
    first_step = RepaymentWizard.form_list[0][0]
    if request.method == "HEAD":
        return redirect("wizard:step", run=new_run_id(), step=first_step)
    run = start_run(request.session, storage_prefix=RepaymentWizard.run_prefix)
    # The run is sent to its first page now: counted with the session this request writes.
    reach(AnswerStorage(RepaymentWizard.run_prefix(run), request), first_step, now=timezone.now())
    return redirect("wizard:step", run=run, step=first_step)
