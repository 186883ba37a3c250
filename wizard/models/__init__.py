"""The wizard's tables, one module per domain; every name is importable from here, as the
migrations and the rest of the code import it (`wizard.models.Case`).

- `wording`: the plan wording staff change without a deploy (`RemediationText`);
- `cases`: the cases plans become, their steps and the person's feedback;
- `funnel`: the funnel counters (`FunnelCount`), numbers and never a person;
- `patterns`: the message patterns staff keep and the messages none recognised;
- `learning`: the messages staff labelled and the decoder's trained model versions.
"""

from wizard.models.cases import Case, CaseQuerySet, CaseStep, Outcome, validate_evidence_codes
from wizard.models.funnel import FunnelCount, FunnelCountQuerySet, FunnelStage
from wizard.models.learning import (
    LABEL_OUTCOME_CHOICES,
    LABEL_SYMPTOM_CHOICES,
    NOT_FAILURE,
    DecoderModel,
    DecoderModelQuerySet,
    LabelledMessage,
    LabelledMessageQuerySet,
)
from wizard.models.patterns import (
    PRIORITY_LIMIT,
    CodeNamespace,
    MessagePattern,
    MessagePatternQuerySet,
    PatternOutcome,
    PatternStatus,
    UnmatchedMessage,
    UnmatchedMessageQuerySet,
)
from wizard.models.wording import STEP_CODE_CHOICES, RemediationText

__all__ = [
    "LABEL_OUTCOME_CHOICES",
    "LABEL_SYMPTOM_CHOICES",
    "NOT_FAILURE",
    "DecoderModel",
    "DecoderModelQuerySet",
    "LabelledMessage",
    "LabelledMessageQuerySet",
    "PRIORITY_LIMIT",
    "STEP_CODE_CHOICES",
    "Case",
    "CaseQuerySet",
    "CaseStep",
    "CodeNamespace",
    "FunnelCount",
    "FunnelCountQuerySet",
    "FunnelStage",
    "MessagePattern",
    "MessagePatternQuerySet",
    "Outcome",
    "PatternOutcome",
    "PatternStatus",
    "RemediationText",
    "UnmatchedMessage",
    "UnmatchedMessageQuerySet",
    "validate_evidence_codes",
]
