"""The cases plans become: what was shown, what the person said about it afterwards."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from providers.models import Provider
from wizard.engine.evidence import EvidenceItem
from wizard.models.wording import STEP_CODE_CHOICES


class Outcome(models.TextChoices):
    SOLVED = "solved", _("解决了")
    PARTLY = "partly", _("解决了一部分")
    NOT_SOLVED = "not_solved", _("没有解决")


def validate_evidence_codes(value: object) -> None:
    """Evidence is a list of the known item codes (wizard.engine.evidence), nothing else."""
    if not isinstance(value, list) or not all(
        isinstance(code, str) and code in EvidenceItem.values for code in value
    ):
        raise ValidationError(_("证据只能是列表里的项目。"), code="unknown_evidence")


class CaseQuerySet(models.QuerySet["Case"]):
    def with_code(self, code: str) -> CaseQuerySet:
        """The case with this canonical reference code (wizard.cases.reference_codes)."""
        return self.filter(code=code)

    def created_between(self, start: dt.datetime, end: dt.datetime) -> CaseQuerySet:
        return self.filter(created_at__gte=start, created_at__lt=end)

    def past_retention(self, *, now: dt.datetime) -> CaseQuerySet:
        return self.filter(created_at__lt=now - dt.timedelta(days=settings.CASE_RETENTION_DAYS))


class Case(models.Model):
    """A finished plan, kept so the person can reopen it and staff can learn from it.

    Only categorical answers, the provider, the status, the deadline and the
    steps shown: nothing that identifies a person.
    """

    code = models.CharField(_("参考编号"), max_length=10, unique=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now, db_index=True)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.SET_NULL,
        null=True,
        related_name="cases",
        verbose_name=_("还款机构"),
    )
    provider_slug = models.SlugField(_("机构代号"), max_length=40)
    symptom = models.CharField(_("遇到的问题"), max_length=30)
    channel = models.CharField(_("还款方式"), max_length=20)
    status = models.CharField(_("尝试还款时的状态"), max_length=20)
    deadline = models.DateTimeField(_("最后期限"))
    answers = models.JSONField(_("回答(只有选项)"))
    outcome = models.CharField(_("是否解决"), max_length=20, choices=Outcome.choices, blank=True)
    comment = models.CharField(_("留言(已去除个人信息)"), max_length=200, blank=True)
    feedback_at = models.DateTimeField(_("反馈时间"), null=True, blank=True)
    solved_at = models.DateTimeField(_("后来标记为已解决的时间"), null=True, blank=True)
    # A JSON list rather than an array column: local set-ups run on SQLite too.
    evidence = models.JSONField(
        _("已保存的证据(只有勾选的项目)"),
        default=list,
        blank=True,
        validators=[validate_evidence_codes],
        help_text=_("当事人勾选了自己保存了哪些证据;证据本身从不保存。"),
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("个案")
        verbose_name_plural = _("个案")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[2-9A-HJKMNP-TV-Z]{10}$"), name="case_code_format"
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(feedback_at__isnull=False),
                name="case_outcome_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return self.display_code

    @property
    def display_code(self) -> str:
        return f"{self.code[:5]}-{self.code[5:]}"


class CaseStep(models.Model):
    """One step of a case's plan as it was shown, for solve rates per step kind."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("顺序"))
    code = models.CharField(_("步骤代码"), max_length=40, choices=STEP_CODE_CHOICES)
    urgency = models.CharField(_("紧急程度"), max_length=10)

    class Meta:
        verbose_name = _("个案中的方案步骤")
        verbose_name_plural = _("个案中的方案步骤")
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="one_step_per_position")
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return f"{self.position}. {self.code}"
