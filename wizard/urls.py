from django.urls import path, re_path

from wizard import views

app_name = "wizard"

check = views.RepaymentWizard.as_view(url_name="wizard:step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    re_path(r"^check/(?P<step>[a-z_]{1,20})/$", check, name="step"),
    path("check/", check, name="check"),
    path("plan/", views.plan, name="plan"),
]
