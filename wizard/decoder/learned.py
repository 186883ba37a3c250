"""The decoder's learned part: which problem a message's wording points to, for the long tail
of wordings no phrase pattern covers.

Character n-grams (1 to 3) of the normalised text, weighted by TF-IDF, feed two logistic
regressions: one for the problem (or "not a payment failure"), one for the outcome. Short
Chinese messages have no spaces to split words on, and n-grams of characters read
"持卡人信息有误" and "您输入的银行卡号有误" without a dictionary. scikit-learn trains the
model (`train`); reading needs only its arrays. The model is stored and versioned by
wizard/triage/learning.py and handed to `decode` like the pattern set: nothing here reads a
database, a cache or a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from wizard.decoder.matching import DEDUCTED, FAILED, GENERIC_ADVICE, UNKNOWN
from wizard.decoder.normalise import Normalised, normalise

# The problem label of a message that is no payment failure (a success SMS, a reminder).
NOT_FAILURE = "not_failure"
# The outcome label of such a message.
NO_OUTCOME = "no_match"
# The problem of money that left while the bill does not show it.
MONEY_TAKEN = "deducted_not_credited"
OUTCOME_LABELS = (FAILED, UNKNOWN, DEDUCTED, NO_OUTCOME)
# Below this probability that the message is a payment failure at all, the learned part
# says nothing (the default; retraining calibrates it on the held-out part).
DEFAULT_THRESHOLD = 0.8
# Any sign that money may have left wins: this much of the outcome model's belief in
# "unknown" and "deducted" together is enough to say so.
MONEY_SIGN = 0.2
EXPLAINED_NGRAMS = 5
LEARNED_CHARACTERS = 400
# The arrays' layout, and what the threshold means: a stored model of another layout cannot
# be read by this code (3: the threshold is the probability of a failure at all, no longer
# that of the best problem).
LAYOUT = 3
# Regularisation: weaker than the default, since a few characters decide a short message.
C = 50.0


@dataclass(frozen=True)
class Labelled:
    """A message with the problem and outcome it means (symptom NOT_FAILURE and outcome
    NO_OUTCOME for a message that is no payment failure)."""

    text: str
    symptom: str
    outcome: str

    @property
    def failure(self) -> bool:
        return self.symptom != NOT_FAILURE


@dataclass(frozen=True)
class Guess:
    """What the learned part reads: problems with their probabilities, best first; the
    outcome; and the n-grams that weighed most for the best problem."""

    problems: tuple[tuple[str, float], ...]
    outcome: str
    money_share: float
    because: tuple[str, ...]

    @property
    def symptom(self) -> str:
        return self.problems[0][0]

    @property
    def confidence(self) -> float:
        return self.problems[0][1]

    @property
    def failure_share(self) -> float:
        """How sure the model is that the message is a payment failure at all, whichever
        problem it is: the belief it shares among the problems."""
        return sum(p for name, p in self.problems if name != NOT_FAILURE)

    @property
    def likeliest_failure(self) -> str | None:
        """The likeliest problem, "not a payment failure" aside."""
        return next((name for name, _p in self.problems if name != NOT_FAILURE), None)

    def without_money_sign(self, *, renormalised: bool = False) -> Guess:
        """The same reading with no sign that money left: money taken is no problem it puts
        forward, nor counts towards a failure at all, and its outcome is a failure or none.

        `renormalised`: the other problems share the belief money taken had, as when the
        message rules it out ("没有扣款"), rather than losing it, as when it only says nothing
        about it (a question, a plain success)."""
        rest = 1.0 - self.probability(MONEY_TAKEN) if renormalised else 1.0
        rest = rest if rest > 0 else 1.0
        return replace(
            self,
            problems=tuple(
                sorted(
                    ((name, 0.0 if name == MONEY_TAKEN else p / rest) for name, p in self.problems),
                    key=lambda pair: pair[1],
                    reverse=True,
                )
            ),
            outcome=FAILED if self.outcome in (UNKNOWN, DEDUCTED) else self.outcome,
            money_share=0.0,
        )

    def probability(self, symptom: str) -> float:
        for name, probability in self.problems:
            if name == symptom:
                return probability
        return 0.0


def features(message: Normalised) -> str:
    """The text the n-grams are taken from: the words without generic advice (so that the
    specific cause decides), then each code with its table."""
    text = message.text
    for phrase in GENERIC_ADVICE:
        text = text.replace(phrase, " ")
    if not text.strip():
        text = message.text
    codes = " ".join(f"〔{code.namespace or ''}{code.value.lower()}〕" for code in message.codes)
    return f"{text} {codes}".strip()


def ngrams(text: str) -> list[str]:
    """Every run of one to three characters (spaces as one), as TF-IDF counts them."""
    text = " ".join(text.split())
    grams = list(text)
    for size in (2, 3):
        grams.extend(text[i : i + size] for i in range(len(text) - size + 1))
    return grams


@dataclass(frozen=True, eq=False)
class LearnedReader:
    """A trained model as plain arrays: the n-gram vocabulary and its IDF weights, and one
    row of weights per n-gram holding both classifiers' coefficients (the problems', then
    the outcomes'), with their intercepts. Build with `train`.

    Reading is one sparse product over the message's own n-grams and two softmaxes,
    without scikit-learn (which only trains). Pickled (joblib) only by the app itself,
    never from anything a user sent."""

    vocabulary: dict[str, int] = field(repr=False)
    idf: Any = field(repr=False)
    weights: Any = field(repr=False)  # n-grams x (problems + outcomes)
    intercepts: Any = field(repr=False)
    problems: tuple[str, ...]
    outcomes: tuple[str, ...]
    threshold: float = DEFAULT_THRESHOLD
    examples: int = 0
    layout: int = 0  # LAYOUT when trained; a stored model of another layout is retrained

    def with_threshold(self, threshold: float) -> LearnedReader:
        return replace(self, threshold=threshold)

    def guess(self, message: Normalised) -> Guess:
        """The problems the message may mean (probabilities), its outcome, and why.

        Only the first LEARNED_CHARACTERS are read: a payment screen's message is far
        shorter, and a long paste should not cost a long read (the rules read it all)."""
        import numpy

        counts: dict[str, int] = {}
        vocabulary = self.vocabulary
        for gram in ngrams(features(message)[:LEARNED_CHARACTERS]):
            if gram in vocabulary:
                counts[gram] = counts.get(gram, 0) + 1
        grams = list(counts)
        columns = [vocabulary[g] for g in grams]
        values = (1.0 + numpy.log(numpy.array(list(counts.values()), dtype=float))) * self.idf[
            columns
        ]
        norm = float(numpy.sqrt(values @ values)) if grams else 0.0
        if norm:
            values /= norm
        rows = self.weights[columns]
        scores = (values @ rows if grams else 0.0) + self.intercepts
        split = len(self.problems)
        problem_probabilities = _softmax(scores[:split])
        outcome_probabilities = dict(zip(self.outcomes, _softmax(scores[split:]), strict=True))
        best = int(numpy.argmax(problem_probabilities))
        problems = sorted(
            zip(self.problems, problem_probabilities, strict=True),
            key=lambda pair: pair[1],
            reverse=True,
        )
        because: tuple[str, ...] = ()
        if grams:
            pull = rows[:, best] * values
            order = pull.argsort()[::-1][:EXPLAINED_NGRAMS]
            because = tuple(grams[i] for i in order if pull[i] > 0 and grams[i].strip())
        return Guess(
            problems=tuple(problems),
            outcome=_cautious_outcome(outcome_probabilities),
            money_share=outcome_probabilities.get(UNKNOWN, 0.0)
            + outcome_probabilities.get(DEDUCTED, 0.0),
            because=because,
        )


def _softmax(scores: Any) -> list[float]:
    import numpy

    exps = numpy.exp(scores - scores.max())
    return list((exps / exps.sum()).tolist())


def _per_class(model: Any) -> tuple[Any, Any]:
    """A fitted logistic regression's coefficients and intercepts, one column per class
    (two classes: the one decision function as -f/2 and f/2, which softmax reads alike)."""
    import numpy

    coef = numpy.asarray(model.coef_, dtype=float)
    intercept = numpy.asarray(model.intercept_, dtype=float)
    if coef.shape[0] == 1:
        coef = numpy.vstack([-coef / 2, coef / 2])
        intercept = numpy.array([-intercept[0] / 2, intercept[0] / 2])
    return coef.T, intercept


def _cautious_outcome(probabilities: dict[str, float]) -> str:
    """As the rules rank them: money taken outweighs money that may have left, which
    outweighs a failure; each as soon as the model gives it MONEY_SIGN (the two together
    for "may have left")."""
    deducted = probabilities.get(DEDUCTED, 0.0)
    unknown = probabilities.get(UNKNOWN, 0.0)
    if deducted >= MONEY_SIGN:
        return DEDUCTED
    if deducted + unknown >= MONEY_SIGN:
        return UNKNOWN
    if probabilities.get(NO_OUTCOME, 0.0) > probabilities.get(FAILED, 0.0):
        return NO_OUTCOME
    return FAILED


def train(examples: Iterable[Labelled], *, threshold: float = DEFAULT_THRESHOLD) -> LearnedReader:
    """A model trained on the labelled messages (at least two problems and two outcomes).

    Deterministic: the same examples give the same model, so the default `make run` trains
    is the one the corpus makes. scikit-learn is imported here only.
    """
    import numpy
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    examples = _distinct(examples)
    texts = [features(normalise(example.text)) for example in examples]
    problems = [example.symptom for example in examples]
    outcomes = [example.outcome for example in examples]
    if len(set(problems)) < 2 or len(set(outcomes)) < 2:
        raise ValueError("training needs at least two problems and two outcomes")
    vectoriser = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, dtype=numpy.float64)
    matrix = vectoriser.fit_transform(texts)
    problem_model = LogisticRegression(C=C, max_iter=1000, class_weight="balanced")
    outcome_model = LogisticRegression(C=C, max_iter=1000, class_weight="balanced")
    # One BLAS thread: on a busy two-core machine more make a 0.1 s fit take ten seconds.
    with threadpool_limits(limits=1):
        problem_model.fit(matrix, problems)
        outcome_model.fit(matrix, outcomes)
    problem_weights, problem_intercepts = _per_class(problem_model)
    outcome_weights, outcome_intercepts = _per_class(outcome_model)
    return LearnedReader(
        vocabulary={str(gram): int(column) for gram, column in vectoriser.vocabulary_.items()},
        idf=numpy.asarray(vectoriser.idf_, dtype=float),
        weights=numpy.ascontiguousarray(numpy.hstack([problem_weights, outcome_weights])),
        intercepts=numpy.concatenate([problem_intercepts, outcome_intercepts]),
        problems=tuple(str(c) for c in problem_model.classes_),
        outcomes=tuple(str(c) for c in outcome_model.classes_),
        threshold=threshold,
        examples=len(examples),
        layout=LAYOUT,
    )


def _distinct(examples: Iterable[Labelled]) -> list[Labelled]:
    """One example per normalised text; a later label of the same text replaces an earlier
    one (staff's labels come last and correct the corpus)."""
    kept: dict[str, Labelled] = {}
    for example in examples:
        key = normalise(example.text).text
        if key:
            kept.pop(key, None)
            kept[key] = example
    return list(kept.values())
