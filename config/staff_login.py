"""Staff sign-in limits on top of django-axes: per person and address, and per address.

Behind a load balancer or an office NAT every sign-in shares one address, so axes counts
failures per user name *and* address together (AXES_LOCKOUT_PARAMETERS): five wrong
passwords for one user lock that user on that address, nobody else, and not that user
elsewhere. A script trying a few passwords against many user names (spraying) is caught by a
second, higher ceiling on one address across all user names, sized so that an office's
people mistyping on a bad morning never reach it (AXES_ADDRESS_FAILURE_LIMIT an hour).

`manage.py axes_reset_ip ADDRESS` lifts both for an address; see docs/deploy.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

ADDRESS_WINDOW = dt.timedelta(hours=1)


class StaffLoginHandler(AxesDatabaseHandler):
    """axes' database handler, also refusing an address over its hourly ceiling."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if address_over_ceiling(getattr(request, "axes_ip_address", None)):
            request.axes_address_locked = True  # type: ignore[attr-defined]  # for the page
            return True
        return False


def address_over_ceiling(address: str | None) -> bool:
    """True when sign-ins from `address` failed AXES_ADDRESS_FAILURE_LIMIT times this hour,
    whatever user names they tried."""
    if not address:
        return False
    failures = (
        AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=timezone.now() - ADDRESS_WINDOW
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    return failures >= settings.AXES_ADDRESS_FAILURE_LIMIT
