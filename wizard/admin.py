"""The wizard's pages in the support console: each room registers its own."""

from wizard.cases import admin as cases_admin  # noqa: F401
from wizard.console import admin as console_admin  # noqa: F401
from wizard.insights import admin as insights_admin  # noqa: F401
from wizard.triage import admin as triage_admin  # noqa: F401
from wizard.triage import teaching_admin  # noqa: F401
