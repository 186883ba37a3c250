"""The admin app with the support desk as its site (wizard.console.desk.SupportDesk)."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class SupportDeskAdminConfig(AdminConfig):
    default_site = "wizard.console.desk.SupportDesk"
