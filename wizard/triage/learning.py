"""The decoder's learned part as the app keeps it: what it learns from, how a retraining
goes live, the live version shared between app servers, and staff's labels.

A retraining (manage.py retrain_decoder, and `make run`) trains on the corpus's learn part
(wizard/decoder/corpus/learn.jsonl), the labelled examples (wizard/decoder/examples.json),
the live patterns' phrases and every message staff labelled; calibrates the "not
recognised" threshold on the held-out part (heldout.jsonl), which it never learns from; and
goes live only if it reads the held-out part at least as well as the live version. Every
version is a DecoderModel row, so all app servers read with the same one; each process
loads the live one once, and the cache tells it when another went live.

Staff's labels are read first and exactly (after normalising), shared like the patterns.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from config.shared import SharedValue
from wizard.decoder import PatternSet, decode
from wizard.decoder.evaluation import (
    Item,
    Report,
    calibrate,
    evaluate,
    item_from,
    json_lines,
    pooled,
    read_jsonl,
    source_folds,
)
from wizard.decoder.learned import (
    LAYOUT,
    NO_OUTCOME,
    NOT_FAILURE,
    Labelled,
    LearnedReader,
    train,
)
from wizard.decoder.normalise import normalise
from wizard.decoder.reading import Label, Reading
from wizard.models import DecoderModel, LabelledMessage
from wizard.redaction import redact_message

logger = logging.getLogger(__name__)

DECODER = Path(__file__).resolve().parents[1] / "decoder"
LEARN = DECODER / "corpus" / "learn.jsonl"
HELD_OUT = DECODER / "corpus" / "heldout.jsonl"
EXAMPLES = DECODER / "examples.json"
LIVE_MODEL_KEY = "wizard:decoder-model:v1"
LABELS_KEY = "wizard:decoder-labels:v1"
CACHE_SECONDS = 60 * 60


# --- What the learned part learns from ------------------------------------------------------


def learn_items() -> list[Item]:
    """The corpus's learn part and the labelled examples (never the held-out part)."""
    items = []
    if LEARN.exists():
        items.extend(read_jsonl(LEARN.read_text(encoding="utf-8").splitlines()))
    items.extend(Item(e.text, (e.symptom,), e.outcome) for e in labelled_examples())
    return items


def labelled_examples() -> list[Labelled]:
    """The labelled examples of the research (examples.json), which every retraining learns."""
    return [
        Labelled(record["text"], record["symptom"], record["outcome"])
        for record in json.loads(EXAMPLES.read_text(encoding="utf-8"))
    ]


def held_out_items() -> list[Item]:
    """The corpus's held-out part: for the figures and the threshold only."""
    if not HELD_OUT.exists():
        return []
    return read_jsonl(HELD_OUT.read_text(encoding="utf-8").splitlines())


def pattern_examples(patterns: PatternSet) -> list[Labelled]:
    """Each phrase pattern's phrases as a short message: the rules staff wrote teach the
    learned part too."""
    return [
        Labelled(" ".join(facts.phrases), facts.symptom, facts.outcome)
        for facts in patterns.facts
        if facts.phrases
    ]


def staff_examples() -> list[Labelled]:
    """Every message staff labelled, oldest first (a later label of the same text wins)."""
    rows = LabelledMessage.objects.order_by("labelled_at", "pk").values_list(
        "text", "symptom", "outcome"
    )
    return [Labelled(text, symptom, outcome) for text, symptom, outcome in rows]


def training_examples(patterns: PatternSet) -> tuple[list[Labelled], int]:
    """Everything a retraining learns from, and how many of those staff labelled."""
    staff = staff_examples()
    examples = [
        *pattern_examples(patterns),
        *(item.as_labelled() for item in learn_items()),
        *staff,
    ]
    return examples, len(staff)


# --- Reading and measuring ------------------------------------------------------------------


def reader(patterns: PatternSet, model: LearnedReader | None) -> Callable[[Item], Reading]:
    """Read an item as the live reading would with this model, staff's labels aside."""

    def read(item: Item) -> Reading:
        return decode(
            item.text,
            patterns=patterns,
            model=model,
            provider=item.provider,
            channel=item.channel,
        )

    return read


def measure(patterns: PatternSet, model: LearnedReader | None, items: list[Item]) -> Report:
    return evaluate(items, reader(patterns, model))


# --- Cross-validation by source ------------------------------------------------------------


@dataclass(frozen=True)
class CrossValidation:
    """How a retraining reads sources it never learned from: each fold's threshold and size,
    and the folds' reports pooled."""

    report: Report
    folds: list[dict[str, Any]]


def cross_validate(patterns: PatternSet, *, folds: int = 5) -> CrossValidation:
    """Leave-source-out cross-validation of the corpus's learn part: `folds` folds that keep
    each source and each near-duplicate group whole (evaluation.source_folds); each is read by
    a model trained as a retraining trains, on everything else, its threshold calibrated on the
    fold itself as a retraining calibrates on the held-out part. The held-out part is not used.

    Why: a fold that held part of a source would read it more easily than the decoder reads a
    source it has never seen; this figure is the one that predicted the outside sets
    (docs/decoder.md)."""
    numbered = json_lines(LEARN.read_text(encoding="utf-8").splitlines())
    records = [record for _number, record in numbered]
    items = [item_from(record, line=number) for number, record in numbered]
    examples, phrases, staff = labelled_examples(), pattern_examples(patterns), staff_examples()
    reports: list[Report] = []
    summary: list[dict[str, Any]] = []
    for fold in source_folds(records, folds):
        held = set(fold)
        learned = [item.as_labelled() for i, item in enumerate(items) if i not in held]
        model = train([*phrases, *learned, *examples, *staff])  # as training_examples orders them
        test = [items[i] for i in fold]
        threshold, report = calibrate(test, _reader_at(patterns, model))
        reports.append(report)
        summary.append({"messages": len(test), "threshold": threshold, "score": report.score})
    return CrossValidation(report=pooled(reports), folds=summary)


def _reader_at(
    patterns: PatternSet, model: LearnedReader
) -> Callable[[float], Callable[[Item], Reading]]:
    """The reader of `model` at a given threshold, as calibrate asks for it."""
    return lambda threshold: reader(patterns, model.with_threshold(threshold))


# --- Storing versions -----------------------------------------------------------------------


def dump(model: LearnedReader) -> bytes:
    import joblib

    buffer = io.BytesIO()
    joblib.dump(model, buffer, compress=3)
    return buffer.getvalue()


def load(row_bytes: bytes, digest: str) -> LearnedReader:
    """A stored model, after checking that its bytes are the ones this app wrote (the rows
    are written only by retrain_decoder; nothing a user sends is ever unpickled)."""
    import joblib

    if hashlib.sha256(row_bytes).hexdigest() != digest:
        raise ValueError("stored decoder model does not match its digest")
    model = joblib.load(io.BytesIO(row_bytes))
    if not isinstance(model, LearnedReader) or getattr(model, "layout", 0) != LAYOUT:
        raise ValueError("stored decoder model was trained by another version of the code")
    return model


@dataclass(frozen=True)
class Retraining:
    """What a retraining made: the new version, how it and the live one read the held-out
    part, and whether it went live."""

    version: DecoderModel
    report: Report
    live_report: Report | None
    went_live: bool


def retrain(*, patterns: PatternSet, now: dt.datetime, note: str = "") -> Retraining:
    """Train, calibrate and measure a new version; make it live if it reads the held-out
    part no worse than the live one (or none is live)."""
    examples, staff = training_examples(patterns)
    held_out = held_out_items()
    model = train(examples)
    if held_out:
        threshold, report = calibrate(held_out, lambda t: reader(patterns, model.with_threshold(t)))
        model = model.with_threshold(threshold)
    else:
        report = measure(patterns, model, held_out)
    live = DecoderModel.objects.live().first()
    live_report = None
    if live is not None:
        try:
            live_model = load(bytes(live.model), live.digest)
        except Exception as error:  # a version this code cannot read is no bar to a new one
            logger.warning("decoder model %s cannot be read (%s); replacing it", live.pk, error)
        else:
            live_report = measure(patterns, live_model, held_out)
    goes_live = live_report is None or report.score >= live_report.score
    return _store(model, report, live_report, goes_live, staff=staff, now=now, note=note)


def _store(
    model: LearnedReader,
    report: Report,
    live_report: Report | None,
    goes_live: bool,
    *,
    staff: int,
    now: dt.datetime,
    note: str,
) -> Retraining:
    blob = dump(model)
    with transaction.atomic():
        if goes_live:
            DecoderModel.objects.live().select_for_update().update(live=False)
        version = DecoderModel.objects.create(
            trained_at=now,
            examples=model.examples,
            labelled_examples=staff,
            threshold=model.threshold,
            score=report.score,
            metrics=_summary(report),
            model=blob,
            digest=hashlib.sha256(blob).hexdigest(),
            live=goes_live,
            note=note[:200],
        )
    if goes_live:
        forget_model()
    return Retraining(version, report, live_report, goes_live)


def live_model_readable() -> bool:
    """True when a version is live and this code can read it."""
    live = DecoderModel.objects.live().first()
    if live is None:
        return False
    try:
        load(bytes(live.model), live.digest)
    except Exception:
        return False
    return True


def make_live(version: DecoderModel) -> None:
    """Put a stored version live (an older one back, say), in place of the live one."""
    with transaction.atomic():
        DecoderModel.objects.live().select_for_update().update(live=False)
        DecoderModel.objects.filter(pk=version.pk).update(live=True)
    forget_model()


def _summary(report: Report) -> dict[str, Any]:
    data = report.to_dict()
    data.pop("misses", None)
    return data


# --- The live version, shared ---------------------------------------------------------------


def _live_from_database() -> tuple[int, str] | None:
    found = DecoderModel.objects.live().values_list("pk", "digest").first()
    return (found[0], found[1]) if found else None


shared_live_model: SharedValue[tuple[int, str] | None] = SharedValue(
    LIVE_MODEL_KEY, _live_from_database, seconds=CACHE_SECONDS
)
# This process's copy of the live model: (row id, model). Loaded once per version.
_loaded: tuple[int, LearnedReader] | None = None


def current_model() -> LearnedReader | None:
    """The live model; None when no version is live (the rules read alone)."""
    global _loaded
    live = shared_live_model.get()
    if live is None:
        return None
    pk, digest = live
    if _loaded is not None and _loaded[0] == pk:
        return _loaded[1]
    blob = DecoderModel.objects.filter(pk=pk).values_list("model", flat=True).first()
    if blob is None:
        shared_live_model.forget()
        return None
    try:
        model = load(bytes(blob), digest)
    except Exception:
        logger.exception("decoder model %s cannot be read; reading with the rules alone", pk)
        return None
    _loaded = (pk, model)
    return model


def forget_model(**_signal_kwargs: object) -> None:
    shared_live_model.forget()


# --- Staff's labels -------------------------------------------------------------------------


def _labels_from_database() -> dict[str, Label]:
    rows = LabelledMessage.objects.order_by("labelled_at", "pk").values_list(
        "normalised", "symptom", "outcome"
    )
    return {normalised: Label(symptom, outcome) for normalised, symptom, outcome in rows}


shared_labels: SharedValue[dict[str, Label]] = SharedValue(
    LABELS_KEY, _labels_from_database, seconds=CACHE_SECONDS
)


def label_for(text: str) -> Label | None:
    """Staff's label for this very message, if any (looked up as it was stored: redacted,
    then normalised)."""
    labels = shared_labels.get()
    if not labels:
        return None
    return labels.get(label_key(text))


def label_key(text: str) -> str:
    return normalise(redact_message(text)).text


def label_fields(text: str) -> tuple[str, str, str]:
    """What a label keeps of a message: the redacted text, its normalised form and that
    form's digest (unique); LabelRefused when nothing is left after redaction."""
    redacted = redact_message(text)
    normalised = normalise(redacted).text
    if not normalised:
        raise LabelRefused("text", "nothing left to read after removing personal data")
    return redacted, normalised, hashlib.sha256(normalised.encode()).hexdigest()


def forget_labels(**_signal_kwargs: object) -> None:
    shared_labels.forget()


class LabelRefused(ValueError):
    """A label that cannot be kept: which field and why."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


def fits_together(symptom: str, outcome: str) -> bool:
    """True when a problem and an outcome can label one message: "not a payment failure"
    goes with the outcome NO_OUTCOME, and only with it."""
    return (symptom == NOT_FAILURE) == (outcome == NO_OUTCOME)


def teach(
    *, text: str, symptom: str, outcome: str, by: Any = None, now: dt.datetime
) -> LabelledMessage:
    """Label a message (redacted first): read so at once, learned on the next retraining.
    Labelling the same message again replaces its label."""
    from wizard.models import LABEL_OUTCOME_CHOICES, LABEL_SYMPTOM_CHOICES

    symptoms = [value for value, _label in LABEL_SYMPTOM_CHOICES]
    outcomes = [value for value, _label in LABEL_OUTCOME_CHOICES]
    if symptom not in symptoms:
        raise LabelRefused("symptom", f"must be one of {', '.join(symptoms)}")
    if outcome not in outcomes:
        raise LabelRefused("outcome", f"must be one of {', '.join(outcomes)}")
    if not fits_together(symptom, outcome):
        raise LabelRefused("outcome", f"{NO_OUTCOME} goes with {NOT_FAILURE}, and only with it")
    redacted, normalised, digest = label_fields(text)
    labelled, _created = LabelledMessage.objects.update_or_create(
        digest=digest,
        defaults={
            "normalised": normalised,
            "text": redacted,
            "symptom": symptom,
            "outcome": outcome,
            "labelled_by": by,
            "labelled_at": now,
        },
    )
    forget_labels()
    return labelled
