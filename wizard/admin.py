"""The wizard's pages in the admin: each room registers its own."""

from wizard.console import admin as console_admin  # noqa: F401
