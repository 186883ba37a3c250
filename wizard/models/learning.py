"""The decoder's learned part: the messages staff labelled and the trained model versions
(wizard/triage/learning.py trains, stores and shares them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wizard.engine.answers import Symptom

NOT_FAILURE = "not_failure"
LABEL_SYMPTOM_CHOICES = [
    *[(value, label) for value, label in Symptom.choices if value != Symptom.OTHER],
    (NOT_FAILURE, _("不是还款失败(成功通知、提醒、营销)")),
]
LABEL_OUTCOME_CHOICES = [
    ("failed", _("没有扣款")),
    ("unknown", _("结果未知,钱可能已经扣走")),
    ("deducted", _("已经扣款")),
    ("no_match", _("不是还款失败")),
]


class LabelledMessageQuerySet(models.QuerySet["LabelledMessage"]):
    def newest_first(self) -> LabelledMessageQuerySet:
        return self.order_by("-labelled_at", "-pk")


class LabelledMessage(models.Model):
    """A message staff labelled with its problem and outcome: read as labelled at once
    (exactly, after normalising), and learned from on the next retraining. Kept redacted."""

    digest = models.CharField(_("摘要"), max_length=64, unique=True, editable=False)
    normalised = models.TextField(_("统一写法后的提示"), editable=False)
    text = models.TextField(_("提示原文(已去除个人信息)"), max_length=2000)
    symptom = models.CharField(_("问题"), max_length=40, choices=LABEL_SYMPTOM_CHOICES)
    outcome = models.CharField(_("钱的去向"), max_length=20, choices=LABEL_OUTCOME_CHOICES)
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("标注人"),
    )
    labelled_at = models.DateTimeField(_("标注时间"), default=timezone.now)

    objects = LabelledMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("已标注的提示")
        verbose_name_plural = _("已标注的提示")
        ordering = ["-labelled_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(symptom=NOT_FAILURE) & Q(outcome="no_match"))
                | (~Q(symptom=NOT_FAILURE) & ~Q(outcome="no_match")),
                name="labelled_message_not_failure_has_no_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_symptom_display()} · {self.normalised[:40]}"


class DecoderModelQuerySet(models.QuerySet["DecoderModel"]):
    def live(self) -> DecoderModelQuerySet:
        return self.filter(live=True)

    def newest_first(self) -> DecoderModelQuerySet:
        return self.order_by("-trained_at", "-pk")


class DecoderModel(models.Model):
    """One trained version of the decoder's learned part, stored so that every app server
    reads with the same one. At most one is live; a retraining that reads worse on the
    held-out messages than the live one is kept, not made live (manage.py retrain_decoder).

    `model` holds joblib bytes of a model this app trained itself (wizard/triage/learning.py):
    nothing a user uploads is ever unpickled."""

    trained_at = models.DateTimeField(_("训练时间"), default=timezone.now)
    examples = models.PositiveIntegerField(_("训练样本数"))
    labelled_examples = models.PositiveIntegerField(_("其中人工标注"), default=0)
    threshold = models.FloatField(_("认不出的门槛"))
    score = models.FloatField(_("留出集得分"))
    metrics = models.JSONField(_("留出集指标"), default=dict)
    model = models.BinaryField(_("模型"))
    digest = models.CharField(_("模型摘要"), max_length=64)
    live = models.BooleanField(_("正在使用"), default=False)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = DecoderModelQuerySet.as_manager()

    class Meta:
        verbose_name = _("识别模型版本")
        verbose_name_plural = _("识别模型版本")
        ordering = ["-trained_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["live"], condition=Q(live=True), name="one_live_decoder_model"
            ),
        ]

    def __str__(self) -> str:
        state = _("使用中") if self.live else _("未使用")
        return f"#{self.pk} {self.trained_at:%Y-%m-%d %H:%M} ({state}, {self.score:.3f})"
