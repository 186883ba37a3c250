"""Label a message for the decoder: read as labelled at once, learned on the next retraining."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wizard.management.commands.decode import USAGE_ERROR, read_text
from wizard.triage.learning import LabelRefused, teach


class Command(BaseCommand):
    help = (
        "Label a message (--text, or - for standard input) with its problem (--symptom, or "
        "not_failure) and outcome (--outcome: failed, unknown, deducted; no_match with "
        "not_failure), as staff do in the console. The message is redacted before it is "
        "stored; `decode` reads it as labelled at once, and `retrain_decoder` learns from it. "
        "Bad input: one line on standard error, exit status 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--text", required=True, help="the message, or - for stdin")
        parser.add_argument("--symptom", required=True, help="the problem it means")
        parser.add_argument("--outcome", required=True, help="failed, unknown, deducted, no_match")

    def handle(self, *args: Any, **options: Any) -> None:
        text = read_text(options["text"])
        try:
            labelled = teach(
                text=text,
                symptom=options["symptom"],
                outcome=options["outcome"],
                now=timezone.now(),
            )
        except LabelRefused as refused:
            raise CommandError(str(refused), returncode=USAGE_ERROR) from None
        self.stdout.write(
            f"labelled: {labelled.symptom}/{labelled.outcome}: {labelled.normalised[:60]}"
        )
