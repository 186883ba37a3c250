from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = _("还款问题向导")

    def ready(self) -> None:
        from wizard.models import RemediationText
        from wizard.provider_wording import forget_step_texts

        # Cache invalidation only; no business logic lives in signals.
        post_save.connect(forget_step_texts, sender=RemediationText, dispatch_uid="texts_save")
        post_delete.connect(forget_step_texts, sender=RemediationText, dispatch_uid="texts_del")
