from django.contrib import admin
from django.urls import include, path

from config import health

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("healthz/live", health.live, name="live"),
    path("healthz/ready", health.ready, name="ready"),
    path("", include("wizard.urls")),
]

handler400 = "wizard.errors.bad_request"
handler403 = "wizard.errors.permission_denied"
handler404 = "wizard.errors.page_not_found"
handler500 = "wizard.errors.server_error"
