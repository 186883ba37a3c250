"""Print what a payment message means, as JSON: the same reading the message page shows."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from providers.catalog import active_providers
from providers.facts import Channel
from wizard.decoder import LANGUAGES, MAX_MESSAGE
from wizard.triage.patterns import read_message

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Read a message copied from a payment screen or an SMS (--text, or - for standard "
        "input) and print what it means as JSON. Nothing is stored. Input it cannot take "
        "(empty, over 2,000 characters, an unknown provider): one line on standard error, "
        "exit status 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--text", required=True, help="the message, or - for stdin")
        parser.add_argument("--provider", help="the lender's slug, as in the provider list")
        parser.add_argument("--channel", help="how the repayment was sent (a channel code)")
        # Checked by hand rather than with `choices`, so that a wrong value is one line.
        parser.add_argument("--language", default="zh-hans", help="zh-hans or en")

    def handle(self, *args: Any, **options: Any) -> None:
        text = read_text(options["text"])
        language = options["language"]
        if language not in LANGUAGES:
            raise CommandError(
                f"language: must be one of {', '.join(LANGUAGES)}", returncode=USAGE_ERROR
            )
        provider = options["provider"]
        if provider is not None and provider not in active_providers():
            raise CommandError(f"provider: no active provider {provider!r}", returncode=USAGE_ERROR)
        channel = options["channel"]
        if channel is not None and channel not in Channel.values:
            raise CommandError(
                f"channel: must be one of {', '.join(Channel.values)}", returncode=USAGE_ERROR
            )
        reading = read_message(text, provider=provider, channel=channel, language=language)
        self.stdout.write(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))


def read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 file a command was given (--file); one line and exit status 2
    when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or error
        raise CommandError(f"file: cannot read {path}: {reason}", returncode=USAGE_ERROR) from None


def read_text(source: str) -> str:
    if source == "-":
        try:
            text = sys.stdin.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                f"text: cannot read stdin: {error}", returncode=USAGE_ERROR
            ) from None
    else:
        text = source
    if not text.strip():
        raise CommandError("text: is empty", returncode=USAGE_ERROR)
    if len(text.rstrip("\n")) > MAX_MESSAGE:
        raise CommandError(
            f"text: is {len(text)} characters; at most {MAX_MESSAGE} are read",
            returncode=USAGE_ERROR,
        )
    return text
