"""The local-development marker `make run` leaves, read by manage.py and nothing else.

After `make run`, the commands README and docs/ show (`manage.py createsuperuser`, `plan`, ...)
must work with no environment of their own, yet production must stay strict: with debug off and
no secret key, nothing starts. So `make run` writes var/local.env, in the spirit of a .env file,
and only manage.py reads it; the app servers (config/wsgi.py under gunicorn) never do, and var/
is never committed or deployed. Variables already set in the environment win.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MARKER = Path(__file__).resolve().parent.parent / "var" / "local.env"
LINE = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)=(?P<value>.*)$")
# What the marker may set: local development's switch and where its data lives.
ALLOWED = frozenset({"DJANGO_DEBUG", "DATABASE_URL", "REDIS_URL"})


def read_marker(path: Path = MARKER) -> dict[str, str]:
    """The variables the marker sets; empty when there is none. Unknown names are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}
    values = {}
    for line in text.splitlines():
        match = LINE.match(line.strip())
        if match and match["name"] in ALLOWED:
            values[match["name"]] = match["value"]
    return values


def apply_marker(path: Path = MARKER) -> None:
    """Set the marker's variables that the environment does not set already."""
    for name, value in read_marker(path).items():
        os.environ.setdefault(name, value)
