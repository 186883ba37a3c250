"""Retrain the decoder's learned part; it goes live only if it reads no worse."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from wizard.triage.learning import live_model_readable, retrain
from wizard.triage.patterns import current_patterns


class Command(BaseCommand):
    help = (
        "Train a new version of the decoder's learned part on the corpus's learn part, the "
        "labelled examples, the live patterns and every message staff labelled; calibrate "
        "and measure it on the held-out part; make it live only if it reads the held-out "
        "part at least as well as the live version. --if-none: only when no version is live "
        "(what `make run` does; a live version this code cannot read counts as none)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-none", action="store_true", help="do nothing when a version is already live"
        )
        parser.add_argument("--note", default="", help="a note kept with the version")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_none"] and live_model_readable():
            self.stdout.write("decoder model: a version is live already; nothing trained")
            return
        result = retrain(patterns=current_patterns(), now=timezone.now(), note=options["note"])
        version = result.version
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "version": version.pk,
                        "live": result.went_live,
                        "examples": version.examples,
                        "threshold": version.threshold,
                        "score": result.report.score,
                        "live_score": result.live_report.score if result.live_report else None,
                        "held_out": version.metrics,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        before = f"{result.live_report.score:.3f}" if result.live_report else "none live"
        verdict = "now live" if result.went_live else "kept, not live (reads worse)"
        self.stdout.write(
            f"decoder model #{version.pk}: {version.examples} examples "
            f"({version.labelled_examples} labelled by staff), threshold {version.threshold}, "
            f"held-out score {result.report.score:.3f} (live: {before}): {verdict}"
        )
