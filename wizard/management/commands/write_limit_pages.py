"""Write the pages nginx answers with when it refuses a request itself, in each language.

nginx sheds a flood of live readings before the app sees it (config/nginx.conf.template);
what it sends back must say what the app's own 429 says, in the person's language. The
words live once, in the app's template and translations: this command renders them into
files nginx serves. `make serve` (and the benchmark's nginx) run it into var/serve/limits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.utils import translation

from wizard.management.commands.decode import USAGE_ERROR

READING_REFUSED = "reading-refused.{language}.html"


class Command(BaseCommand):
    help = "Write the pages nginx sends for a request it refuses (429), one per language, into DIR."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="where to write them (created if missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for language, _name in settings.LANGUAGES:
                path = directory / READING_REFUSED.format(language=language)
                path.write_text(reading_refused_fragment(language), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
        except OSError as error:
            raise CommandError(
                f"directory: cannot write into {directory}: {error.strerror}",
                returncode=USAGE_ERROR,
            ) from None


def reading_refused_fragment(language: str) -> str:
    """The message page's meaning fragment for a reading refused past its allowance."""
    with translation.override(language):
        return render_to_string(
            "wizard/_problem_message.html#meaning-content", {"reading_refused": True}
        )
