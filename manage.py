#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

After `make run` it also reads the local-development marker (config/local_env.py), so the
commands README and docs/ show work with no environment; a configuration problem is one
line, exit 2.
"""

import os
import sys

USAGE_ERROR = 2


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from config.local_env import apply_marker

    apply_marker()
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        fail(f"configuration: {error}")
    except OperationalError as error:
        fail(f"database unavailable: {error}")


def fail(message: str) -> None:
    """One line on standard error, exit status 2: a setting to fix, not a crash to debug."""
    first_line = message.strip().splitlines()[0]
    sys.stderr.write(f"manage.py: {first_line}\n")
    sys.exit(USAGE_ERROR)


if __name__ == "__main__":
    main()
