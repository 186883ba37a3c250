"""The admin app with the support desk as its site (wizard.desk.SupportDesk)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class SupportDeskAdminConfig(AdminConfig):
    default_site = "wizard.desk.SupportDesk"
