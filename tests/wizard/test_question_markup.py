"""wizard.question_markup: the form renderer that writes the wizard's questions, and what it
leaves to Django's templates. Whole pages are held to the reference in test_page_weight.py."""

from __future__ import annotations

import copy

import pytest
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.utils.safestring import mark_safe

from providers.catalog import active_providers
from wizard.cases.forms import FeedbackForm
from wizard.flow.forms import (
    ChannelForm,
    ManagementForm,
    ProblemForm,
    ProviderForm,
    TimingForm,
)
from wizard.question_markup import QuestionRenderer, input_tag, renderer

DJANGO = DjangoTemplates()


def tag(source: str, **context: object) -> str:
    return Template("{% load questions %}" + source).render(Context(context))


def test_every_wizard_form_renders_through_the_question_renderer():
    forms = [ProblemForm(), TimingForm(), FeedbackForm(), ManagementForm(prefix="run")]
    assert all(form.renderer is renderer for form in forms)
    assert isinstance(renderer, QuestionRenderer)


@pytest.mark.parametrize(
    ("form", "name"),
    [
        (ProblemForm(data={"problem-symptom": "declined"}, prefix="problem"), "symptom"),
        (ChannelForm(data={}, prefix="channel"), "channel"),
    ],
)
def test_the_question_tag_without_options_is_djangos_as_field_group(form, name):
    field = form[name]
    assert tag("{% question field %}", field=field) == field.as_field_group()


def test_a_question_asked_as_the_pages_heading_has_it_as_legend_and_the_hint_tied_to_it():
    field = ProblemForm()["symptom"]
    html = tag(
        "{% question field as_heading=True heading=heading hint=hint %}",
        field=field,
        heading="遇到了什么情况?",
        hint="选最接近的一项。",
    )
    assert '<fieldset aria-describedby="id_symptom-hint">' in html
    assert '<legend class="legend-heading"><h1 tabindex="-1">遇到了什么情况?</h1></legend>' in html
    assert '<p class="hint" id="id_symptom-hint">选最接近的一项。</p>' in html


def test_a_misspelt_question_option_is_an_error_not_silently_ignored():
    with pytest.raises(TypeError):
        tag("{% question field as_headng=True %}", field=ProblemForm()["symptom"])


def test_a_widget_the_renderer_does_not_write_is_left_to_djangos_template():
    data = {"outcome": "solved", "comment": "<b>卡已换</b>"}
    html = FeedbackForm(data=data)["comment"].as_field_group()
    textarea = str(FeedbackForm(data=data, renderer=DJANGO)["comment"])
    assert textarea.startswith("<textarea")
    assert textarea in html
    assert "&lt;b&gt;卡已换&lt;/b&gt;" in textarea


def test_a_management_form_with_errors_is_left_to_djangos_form_template():
    form = ManagementForm(data={}, prefix="run")
    assert not form.is_valid()
    assert str(form) == DJANGO.render(form.template_name, form.get_context())
    assert "errorlist" in str(form)


def test_an_unbound_management_form_is_its_hidden_input_alone():
    form = ManagementForm(prefix="run", initial={"current_step": "provider"})
    assert str(form) == (
        '<input type="hidden" name="run-current_step" value="provider" id="id_run-current_step">'
    )


@pytest.mark.parametrize(
    "widget",
    [
        {"type": "text", "name": "a", "value": None, "attrs": {}},
        {"type": "hidden", "name": "s-step", "value": "review", "attrs": {"id": "id_s"}},
        {"type": "radio", "name": "a", "value": "x", "attrs": {"checked": True, "required": False}},
        {"type": "date", "name": "d", "value": "2026-11-10", "attrs": {"required": True}},
        {"type": "text", "name": "q", "value": '"><script>alert(1)</script>', "attrs": {}},
        {"type": "text", "name": "q", "value": mark_safe("&amp;"), "attrs": {"title": "a&b"}},
        {"type": "text", "name": "q", "value": 0, "attrs": {"maxlength": 200}},
    ],
)
def test_an_input_is_written_exactly_as_djangos_input_template_writes_it(widget):
    assert input_tag(widget) == DJANGO.render("django/forms/widgets/input.html", {"widget": widget})


def test_each_forms_copy_of_a_question_shares_one_set_of_choices():
    """Django copies every field's choices for every form made; ours are one shared value
    (wizard.question_markup.Choices), which saves a tenth of a wizard request."""
    first, second = ProblemForm(), ProblemForm()
    assert first.fields["symptom"].choices is second.fields["symptom"].choices
    assert first.fields["symptom"].widget.choices is second.fields["symptom"].widget.choices
    channel = ChannelForm()
    assert copy.deepcopy(channel.fields)["channel"].choices is channel.fields["channel"].choices


def test_provider_buttons_sit_under_their_kind_in_display_order(bank, provider_cmb):
    form = ProviderForm(providers=active_providers(), prefix="provider")
    groups = form.option_groups()
    assert [len(radios) for _label, radios in groups] == [
        len(options) for _label, options in form.fields["provider"].choices
    ]
    assert [radio.data["value"] for _label, radios in groups for radio in radios] == [
        value for _label, options in form.fields["provider"].choices for value, _name in options
    ]
