from django.urls import path, re_path

from wizard.cases import views as case_views
from wizard.flow import views
from wizard.flow.runs import RUN_PATTERN

app_name = "wizard"

check = views.known_run(
    views.RepaymentWizard.as_view(url_name="wizard:step", done_step_name="done")
)

urlpatterns = [
    path("", views.start, name="start"),
    path("check/", views.new_run, name="check"),
    re_path(rf"^check/(?P<run>{RUN_PATTERN})/(?P<step>[a-z_]{{1,20}})/$", check, name="step"),
    re_path(
        rf"^check/(?P<run>{RUN_PATTERN})/problem/meaning/$",
        views.known_run(views.problem_meaning),
        name="problem_meaning",
    ),
    re_path(r"^plan/(?P<code>[A-Za-z0-9-]{1,20})/$", case_views.case_plan, name="plan"),
    re_path(
        r"^plan/(?P<code>[A-Za-z0-9-]{1,20})/feedback/$", case_views.case_feedback, name="feedback"
    ),
    re_path(
        r"^plan/(?P<code>[A-Za-z0-9-]{1,20})/reminder\.ics$",
        case_views.case_reminder,
        name="reminder",
    ),
    re_path(
        r"^plan/(?P<code>[A-Za-z0-9-]{1,20})/evidence/$", case_views.case_evidence, name="evidence"
    ),
]
