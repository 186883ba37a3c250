"""The message patterns staff keep, and the messages none of them recognised."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from providers.facts import Certainty, Channel
from providers.models import Provider
from wizard.decoder import PatternError, PatternFacts, compile_regex
from wizard.decoder.normalise import Namespace, normalise_code, normalise_phrase
from wizard.engine.answers import Symptom


class CodeNamespace(models.TextChoices):
    """The table a response code comes from: a code means nothing outside its table."""

    UNIONPAY_F39 = Namespace.UNIONPAY_F39.value, "UnionPay field 39"
    UNIONPAY_ONLINE = Namespace.UNIONPAY_ONLINE.value, "UnionPay online respCode"
    ALIPAY = Namespace.ALIPAY.value, "Alipay ACQ.*"
    WECHAT_PAY = Namespace.WECHAT_PAY.value, "WeChat Pay"
    VENDOR = Namespace.VENDOR.value, "named vendor"


class PatternOutcome(models.TextChoices):
    FAILED = "failed", _("付款失败,钱没有扣")
    UNKNOWN = "unknown", _("结果未知,钱可能已经扣了")
    DEDUCTED = "deducted", _("钱已经扣了")


class PatternStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    LIVE = "live", _("已上线")


PRIORITY_LIMIT = 100


class MessagePatternQuerySet(models.QuerySet["MessagePattern"]):
    def live(self) -> MessagePatternQuerySet:
        return self.filter(status=PatternStatus.LIVE)


class MessagePattern(models.Model):
    """How staff recognise one family of payment messages, and what it means for the person.

    A message matches when every phrase appears in it after normalisation (wizard/decoder),
    and its code (with the code's namespace) and regular expression, when given, match too.
    """

    key = models.SlugField(
        _("代号"),
        max_length=80,
        blank=True,
        help_text=_("随代码发布的规则才有代号(manage.py load_patterns 按它识别);自建的可以留空。"),
    )
    provider = models.ForeignKey(
        Provider,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="message_patterns",
        verbose_name=_("还款机构"),
        help_text=_("留空表示适用于所有机构。"),
    )
    channel = models.CharField(
        _("还款渠道"), max_length=20, choices=Channel.choices, blank=True,
        help_text=_("留空表示任何渠道。"),
    )  # fmt: skip
    phrases = models.TextField(
        _("必须出现的词句"),
        blank=True,
        help_text=_("每行一句;全部出现才算匹配。比较前会统一全角半角、繁简、大小写和标点。"),
    )
    code = models.CharField(_("返回码"), max_length=80, blank=True)
    code_namespace = models.CharField(
        _("返回码所属的码表"), max_length=20, choices=CodeNamespace.choices, blank=True,
        help_text=_("同样两位数字在不同码表里意思不同,所以有返回码就必须选码表。"),
    )  # fmt: skip
    vendor_name = models.CharField(_("码表的公司名"), max_length=60, blank=True)
    regex = models.CharField(
        _("正则表达式"),
        max_length=500,
        blank=True,
        help_text=_("可选;用 RE2 语法(不支持回溯引用和环视),对统一写法后的提示匹配。"),
    )
    priority = models.SmallIntegerField(
        _("优先级"), default=0, help_text=_("-100 到 100;同样匹配时,数字大的优先。")
    )
    outcome = models.CharField(
        _("结果"), max_length=10, choices=PatternOutcome.choices, default=PatternOutcome.FAILED
    )
    symptom = models.CharField(_("问题"), max_length=30, choices=Symptom.choices)
    alternatives = models.JSONField(
        _("其他可能的问题"),
        default=list,
        blank=True,
        help_text=_('问题代码的列表,如 ["card_problem"]。'),
    )
    question_zh = models.CharField(_("追问(中文)"), max_length=300, blank=True)
    question_en = models.CharField(_("追问(英文)"), max_length=300, blank=True)
    explanation_zh = models.TextField(_("解释(中文)"))
    explanation_en = models.TextField(_("解释(英文)"))
    next_step_zh = models.TextField(_("下一步(中文)"))
    next_step_en = models.TextField(_("下一步(英文)"))
    source = models.TextField(_("来源"), help_text=_("网址或出处。"))
    quote = models.TextField(_("依据原文"), blank=True, help_text=_("来源里这条提示的原话。"))
    certainty = models.CharField(
        _("可信度"), max_length=10, choices=Certainty.choices, default=Certainty.WEAK
    )
    checked_on = models.DateField(_("核对日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=PatternStatus.choices, default=PatternStatus.DRAFT
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = MessagePatternQuerySet.as_manager()

    class Meta:
        verbose_name = _("提示识别规则")
        verbose_name_plural = _("提示识别规则")
        ordering = ["symptom", "-priority", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=~Q(key=""),
                name="one_pattern_per_key",
                violation_error_message=_("已经有这个代号的规则了。"),
            ),
            # A bare code, two digits above all, is never read without its table.
            models.CheckConstraint(
                condition=(Q(code="") & Q(code_namespace=""))
                | (~Q(code="") & ~Q(code_namespace="")),
                name="pattern_code_has_namespace",
                violation_error_message=_("返回码和码表要一起填:同样的数字在不同码表里意思不同。"),
            ),
            models.CheckConstraint(
                condition=~Q(code_namespace=CodeNamespace.VENDOR) | ~Q(vendor_name=""),
                name="pattern_vendor_is_named",
                violation_error_message=_("码表选了“named vendor”,请写上是哪家公司的码表。"),
            ),
            models.CheckConstraint(
                condition=~Q(phrases="") | ~Q(code="") | ~Q(regex=""),
                name="pattern_matches_something",
                violation_error_message=_("词句、返回码、正则表达式至少要填一项。"),
            ),
            models.CheckConstraint(
                condition=Q(priority__gte=-PRIORITY_LIMIT) & Q(priority__lte=PRIORITY_LIMIT),
                name="pattern_priority_in_range",
                violation_error_message=_("优先级要在 -100 到 100 之间。"),
            ),
        ]

    def __str__(self) -> str:
        first = self.phrase_list()[:1] or [self.code or self.regex]
        return f"{self.symptom}: {first[0][:40]}"

    def phrase_list(self) -> list[str]:
        return [line.strip() for line in self.phrases.splitlines() if line.strip()]

    def clean(self) -> None:
        errors: dict[str, list[str | Promise]] = {}
        self.code = normalise_code(self.code) if self.code else ""
        for phrase in self.phrase_list():
            if not normalise_phrase(phrase):
                errors.setdefault("phrases", []).append(
                    _("“%(phrase)s”统一写法后什么都不剩(只有标点或空格)。") % {"phrase": phrase}
                )
        if self.regex:
            try:
                compile_regex(self.regex)
            except PatternError as error:
                errors["regex"] = [
                    _("这个正则表达式 RE2 不能编译(RE2 不支持回溯引用和环视):%(error)s")
                    % {"error": error.message}
                ]
        if not isinstance(self.alternatives, list) or not all(
            isinstance(code, str) for code in self.alternatives
        ):
            errors["alternatives"] = [_('请写成问题代码的列表,如 ["card_problem"]。')]
        else:
            unknown = [code for code in self.alternatives if code not in Symptom.values]
            if unknown:
                errors["alternatives"] = [
                    _("不认识的问题代码:%(codes)s。可用的代码:%(known)s")
                    % {"codes": ", ".join(unknown), "known": ", ".join(Symptom.values)}
                ]
            elif self.symptom in self.alternatives:
                errors["alternatives"] = [_("其他可能的问题里不要再写主要问题本身。")]
        if bool(self.question_zh) != bool(self.question_en):
            errors["question_en" if self.question_zh else "question_zh"] = [
                _("追问要中英文都写,或者都不写。")
            ]
        if errors:
            raise ValidationError(errors)

    def facts(self) -> PatternFacts:
        """The pattern as the decoder reads it (the provider as its slug)."""
        return PatternFacts(
            id=self.pk,
            symptom=self.symptom,
            outcome=self.outcome,
            phrases=tuple(self.phrase_list()),
            code=self.code,
            code_namespace=self.code_namespace,
            vendor_name=self.vendor_name,
            regex=self.regex,
            provider=self.provider.slug if self.provider is not None else None,
            channel=self.channel,
            priority=self.priority,
            alternatives=tuple(self.alternatives or ()),
            question_zh=self.question_zh,
            question_en=self.question_en,
            explanation_zh=self.explanation_zh,
            explanation_en=self.explanation_en,
            next_step_zh=self.next_step_zh,
            next_step_en=self.next_step_en,
            source=self.source,
            certainty=self.certainty,
            checked_on=self.checked_on,
        )


class UnmatchedMessageQuerySet(models.QuerySet["UnmatchedMessage"]):
    def most_frequent(self) -> UnmatchedMessageQuerySet:
        return self.order_by("-count", "-last_seen", "pk")

    def past_retention(self, *, now: dt.datetime) -> UnmatchedMessageQuerySet:
        """Messages nobody has sent for UNMATCHED_RETENTION_DAYS."""
        return self.filter(
            last_seen__lt=now - dt.timedelta(days=settings.UNMATCHED_RETENTION_DAYS)
        )


class UnmatchedMessage(models.Model):
    """Messages no pattern recognised, grouped by their normalised text, kept redacted:
    what staff read to write the next pattern (wizard/triage/patterns.py records them)."""

    # An index cannot hold 2,000 Chinese characters; the text is unique through its digest.
    digest = models.CharField(_("摘要"), max_length=64, unique=True, editable=False)
    normalised = models.TextField(_("统一写法后的提示"))
    example = models.TextField(_("原文示例(已去除个人信息)"), max_length=2000)
    count = models.PositiveIntegerField(_("出现次数"), default=1)
    first_seen = models.DateTimeField(_("首次出现"))
    last_seen = models.DateTimeField(_("最近出现"))
    provider_slug = models.CharField(
        _("机构代号"), max_length=40, blank=True, help_text=_("不同机构都出现过时留空。")
    )
    channel = models.CharField(_("还款渠道"), max_length=20, blank=True)

    objects = UnmatchedMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("未识别的提示")
        verbose_name_plural = _("未识别的提示")
        ordering = ["-count", "-last_seen"]

    def __str__(self) -> str:
        return f"{self.count} × {self.normalised[:40]}"
