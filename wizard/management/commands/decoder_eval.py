"""How the live reading reads a file of labelled messages: accuracy and confusions, as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wizard.decoder.evaluation import LabelError, evaluate, read_jsonl
from wizard.management.commands.decode import USAGE_ERROR, read_lines
from wizard.triage.learning import cross_validate, current_model, reader
from wizard.triage.patterns import current_patterns


class Command(BaseCommand):
    help = (
        "Read every message of a JSON Lines file (--file; each line has text, symptom or "
        "accept, and outcome: failed, unknown, deducted, or no_match for a message that is no "
        "payment failure) with the live patterns and model, staff's labels aside, and print "
        "as JSON the accuracy overall, per problem and per outcome, and the confusions. "
        "--misses lists the messages read wrong. --cross-validate instead reads the corpus's "
        "learn part by leave-source-out cross-validation (--folds, 5 by default): each fold "
        "keeps its sources whole and is read by a model trained on the rest. "
        "Bad input: one line, exit status 2."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="JSON Lines of labelled messages")
        parser.add_argument(
            "--cross-validate",
            action="store_true",
            help="leave-source-out cross-validation of the corpus's learn part instead of --file",
        )
        parser.add_argument("--folds", default="5", help="folds of --cross-validate (2 to 20)")
        parser.add_argument("--misses", action="store_true", help="list the messages read wrong")
        parser.add_argument(
            "--rules-only", action="store_true", help="read with the patterns alone (no model)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["cross_validate"] == bool(options["file"]):
            raise CommandError("give either --file or --cross-validate", returncode=USAGE_ERROR)
        if options["cross_validate"]:
            return self.cross_validate(options)
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

    def cross_validate(self, options: dict[str, Any]) -> None:
        folds = str(options["folds"])
        if not folds.isdigit() or not 2 <= int(folds) <= 20:
            raise CommandError("--folds: a whole number from 2 to 20", returncode=USAGE_ERROR)
        if options["rules_only"]:
            raise CommandError(
                "--rules-only: cross-validation measures the learned part", returncode=USAGE_ERROR
            )
        result = cross_validate(current_patterns(), folds=int(folds))
        report = result.report.to_dict()
        if not options["misses"]:
            report.pop("misses")
        report["cross_validation"] = {"kind": "leave-source-out", "folds": result.folds}
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
