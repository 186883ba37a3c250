"""The wizard's pages in the support console: each room registers its own; and the one
thing that crosses rooms, the consumer's plan page shown in the console's preview."""

from wizard.cases import admin as cases_admin  # noqa: F401
from wizard.cases.plan_page import phone_page
from wizard.console import admin as console_admin  # noqa: F401
from wizard.insights import admin as insights_admin  # noqa: F401
from wizard.triage import admin as triage_admin  # noqa: F401
from wizard.triage import teaching_admin  # noqa: F401

console_admin.ProviderConsoleAdmin.phone_page = staticmethod(phone_page)
