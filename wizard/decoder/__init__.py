"""The message decoder: what the words on a payment screen or in an SMS mean.

Pure, like the plan engine: plain values in (the message, a `PatternSet` built from
`PatternFacts`), a `Reading` out. No model, cache or request inside; wizard/triage/patterns.py
loads the staff's patterns and shares the built set between requests.
"""

from __future__ import annotations

from wizard.decoder.matching import (
    DEDUCTED,
    FAILED,
    OUTCOMES,
    UNKNOWN,
    PatternError,
    PatternFacts,
    PatternSet,
    compile_regex,
)
from wizard.decoder.normalise import MAX_MESSAGE, Code, Namespace, Normalised, normalise
from wizard.decoder.reading import LANGUAGES, NO_MATCH, Candidate, Reading, decode

__all__ = [
    "DEDUCTED",
    "FAILED",
    "LANGUAGES",
    "MAX_MESSAGE",
    "NO_MATCH",
    "OUTCOMES",
    "UNKNOWN",
    "Candidate",
    "Code",
    "Namespace",
    "Normalised",
    "PatternError",
    "PatternFacts",
    "PatternSet",
    "Reading",
    "compile_regex",
    "decode",
    "normalise",
]
