"""Plan wording that support staff can change without a deploy, and the cases plans become."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.models import MARKDOWN_HELP, Provider
from wizard.engine.evidence import EvidenceItem
from wizard.engine.steps import StepCode
from wizard.engine.wording import StepText, unknown_placeholders

STEP_CODE_CHOICES = StepCode.choices()


class RemediationText(models.Model):
    """The words of one plan step: a default (no provider) or one provider's override.

    Blank fields in an override fall back to the default, so staff can change
    only the sentence that differs for their provider.
    """

    code = models.CharField(_("步骤代码"), max_length=40, choices=STEP_CODE_CHOICES)
    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="step_texts",
        verbose_name=_("还款机构"),
        help_text=_("留空表示所有机构的默认文字。"),
    )
    title_zh = models.CharField(_("标题(中文)"), max_length=200, blank=True)
    detail_zh = models.TextField(_("内容(中文)"), blank=True, help_text=MARKDOWN_HELP)
    title_en = models.CharField(_("标题(英文)"), max_length=200, blank=True)
    detail_en = models.TextField(_("内容(英文)"), blank=True, help_text=MARKDOWN_HELP)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("方案步骤文字")
        verbose_name_plural = _("方案步骤文字")
        ordering = ["code", "provider__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(provider__isnull=True),
                name="one_default_text_per_step",
                violation_error_message=_("这个步骤已经有默认文字了。"),
            ),
            models.UniqueConstraint(
                fields=["code", "provider"],
                condition=Q(provider__isnull=False),
                name="one_override_per_step_and_provider",
                violation_error_message=_("这家机构的这个步骤已经有专用文字了。"),
            ),
            models.CheckConstraint(
                condition=Q(provider__isnull=False)
                | (~Q(title_zh="") & ~Q(detail_zh="") & ~Q(title_en="") & ~Q(detail_en="")),
                name="default_text_is_complete",
                violation_error_message=_("默认文字的四个字段都必须填写。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.provider.slug if self.provider is not None else _('默认')})"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not StepCode.known(self.code):
            errors["code"] = [
                _("未知的步骤代码。可用的代码:%(codes)s") % {"codes": ", ".join(StepCode)}
            ]
        for name in ("title_zh", "detail_zh", "title_en", "detail_en"):
            unknown = unknown_placeholders(getattr(self, name))
            if unknown:
                errors[name] = [
                    _("不认识的占位符:%(names)s") % {"names": ", ".join(sorted(unknown))}
                ]
        if errors:
            raise ValidationError(errors)

    def as_step_text(self) -> StepText:
        return StepText(self.title_zh, self.detail_zh, self.title_en, self.detail_en)


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
        """The case with this canonical reference code (wizard.reference_codes)."""
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


class FunnelStage(models.TextChoices):
    """What a funnel counter counts: a wizard page reached, a plan finished, feedback given,
    "solved" said. In the order a run meets them."""

    PROVIDER = "provider", _("选择机构")
    PROBLEM = "problem", _("遇到的问题")
    ACCOUNT = "account", _("银行卡信息")
    FUNDS = "funds", _("账户余额")
    TIMING = "timing", _("时间")
    SITUATION = "situation", _("客服与自动还款")
    REVIEW = "review", _("检查回答")
    DONE = "done", _("得到方案")
    FEEDBACK = "feedback", _("给了反馈")
    SOLVED = "solved", _("说解决了")


class FunnelCountQuerySet(models.QuerySet["FunnelCount"]):
    def between(self, start: dt.date, end: dt.date) -> FunnelCountQuerySet:
        """Counters of the days from `start` to `end`, both included (Beijing dates)."""
        return self.filter(day__gte=start, day__lte=end)

    def past_retention(self, *, today: dt.date) -> FunnelCountQuerySet:
        return self.filter(day__lt=today - dt.timedelta(days=settings.FUNNEL_RETENTION_DAYS))


class FunnelCount(models.Model):
    """How many runs met one stage on one day, for one provider and one problem: a number,
    never a person. wizard/funnel.py says when each stage counts and what "" means."""

    day = models.DateField(_("日期(北京时间)"))
    stage = models.CharField(_("阶段"), max_length=20, choices=FunnelStage.choices)
    provider_slug = models.CharField(_("机构代号"), max_length=40, blank=True)
    symptom = models.CharField(_("遇到的问题"), max_length=30, blank=True)
    runs = models.PositiveIntegerField(_("次数"), default=0)

    objects = FunnelCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("流程计数")
        verbose_name_plural = _("流程计数")
        ordering = ["day", "stage"]
        constraints = [
            # The counters' upsert (wizard/funnel.py) conflicts on exactly these columns.
            models.UniqueConstraint(
                fields=["day", "stage", "provider_slug", "symptom"], name="one_counter_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.stage} {self.provider_slug or '*'}/{self.symptom or '*'}"
