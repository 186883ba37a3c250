from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class WizardConfig(AppConfig):
    name = "wizard"
    verbose_name = _("还款问题向导")

    def ready(self) -> None:
        from providers.models import Provider
        from wizard.models import DecoderModel, LabelledMessage, MessagePattern, RemediationText
        from wizard.provider_wording import forget_step_texts
        from wizard.triage.learning import forget_labels, forget_model
        from wizard.triage.patterns import forget_patterns

        # Cache invalidation only; no business logic lives in signals.
        post_save.connect(forget_step_texts, sender=RemediationText, dispatch_uid="texts_save")
        post_delete.connect(forget_step_texts, sender=RemediationText, dispatch_uid="texts_del")
        post_save.connect(forget_patterns, sender=MessagePattern, dispatch_uid="patterns_save")
        post_delete.connect(forget_patterns, sender=MessagePattern, dispatch_uid="patterns_del")
        # Patterns carry their provider's slug.
        post_save.connect(forget_patterns, sender=Provider, dispatch_uid="patterns_provider")
        post_save.connect(forget_labels, sender=LabelledMessage, dispatch_uid="labels_save")
        post_delete.connect(forget_labels, sender=LabelledMessage, dispatch_uid="labels_del")
        post_save.connect(forget_model, sender=DecoderModel, dispatch_uid="decoder_model_save")
        post_delete.connect(forget_model, sender=DecoderModel, dispatch_uid="decoder_model_del")
