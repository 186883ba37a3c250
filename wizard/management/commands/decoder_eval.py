"""How the live reading reads a file of labelled messages: accuracy and confusions, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.decoder.evaluation import LabelError, evaluate, read_jsonl
from wizard.management.commands.decode import USAGE_ERROR, read_lines
from wizard.triage.learning import current_model, reader
from wizard.triage.patterns import current_patterns


class Command(BaseCommand):
    help = (
        "Read every message of a JSON Lines file (--file; each line has text, symptom or "
        "accept, and outcome: failed, unknown, deducted, or no_match for a message that is no "
        "payment failure) with the live patterns and model, staff's labels aside, and print "
        "as JSON the accuracy overall, per problem and per outcome, and the confusions. "
        "--misses lists the messages read wrong. Bad input: one line, exit status 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", required=True, help="JSON Lines of labelled messages")
        parser.add_argument("--misses", action="store_true", help="list the messages read wrong")
        parser.add_argument(
            "--rules-only", action="store_true", help="read with the patterns alone (no model)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = read_lines(Path(options["file"]))
        try:
            items = read_jsonl(lines)
        except LabelError as error:
            raise CommandError(f"file: {error}", returncode=USAGE_ERROR) from None
        if not items:
            raise CommandError("file: no labelled messages in it", returncode=USAGE_ERROR)
        model = None if options["rules_only"] else current_model()
        report = evaluate(items, reader(current_patterns(), model)).to_dict()
        if not options["misses"]:
            report.pop("misses")
        report["model"] = "rules only" if model is None else f"{model.examples} examples"
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
