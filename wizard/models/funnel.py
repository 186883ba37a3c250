"""The funnel counters: how many runs reached each stage, per day, provider and problem."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FunnelStage(models.TextChoices):
    """What a funnel counter counts: a wizard page reached, a plan finished, feedback given,
    "solved" said. In the order a run meets them."""

    PROVIDER = "provider", _("选择机构")
    MESSAGE = "message", _("看到的提示")
    PROBLEM = "problem", _("遇到的问题")
    CHANNEL = "channel", _("还款方式")
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
