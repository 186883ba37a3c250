from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ProvidersConfig(AppConfig):
    name = "providers"
    verbose_name = _("还款机构资料")

    def ready(self) -> None:
        from providers.catalog import escalation, forget_providers, windows
        from providers.models import EscalationRung, MaintenanceWindow, Provider

        # Cache invalidation only; no business logic lives in signals.
        post_save.connect(forget_providers, sender=Provider, dispatch_uid="forget_on_save")
        post_delete.connect(forget_providers, sender=Provider, dispatch_uid="forget_on_delete")
        post_save.connect(
            windows.forget, sender=MaintenanceWindow, dispatch_uid="forget_windows_on_save"
        )
        post_delete.connect(
            windows.forget, sender=MaintenanceWindow, dispatch_uid="forget_windows_on_delete"
        )
        post_save.connect(
            escalation.forget, sender=EscalationRung, dispatch_uid="forget_escalation_on_save"
        )
        post_delete.connect(
            escalation.forget, sender=EscalationRung, dispatch_uid="forget_escalation_on_delete"
        )
