"""The address a request came from, believing a proxy's X-Forwarded-For only from that proxy.

Anyone can send an X-Forwarded-For header. It says where a request came from only when the
connection itself comes from a proxy we run, which sets it (DJANGO_TRUSTED_PROXIES: addresses
or networks, and `unix` for a proxy on this machine's socket, as `make serve` runs nginx).
Read from the right, the first address that is not one of our proxies is the client's.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# gunicorn gives a connection over a unix socket an empty REMOTE_ADDR.
UNIX_SOCKET = "unix"


@functools.cache
def _trusted(proxies: tuple[str, ...]) -> tuple[bool, tuple[Network, ...]]:
    networks = tuple(ipaddress.ip_network(p, strict=False) for p in proxies if p != UNIX_SOCKET)
    return UNIX_SOCKET in proxies, networks


def is_trusted_proxy(address: str) -> bool:
    """True when `address` (a REMOTE_ADDR or a forwarded entry) is one of our proxies."""
    unix, networks = _trusted(tuple(settings.TRUSTED_PROXIES))
    if not address:
        return unix
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's own, or the proxy's word for it; None when
    neither names one (a test request, a proxy that sent no header).

    Also django-axes' AXES_CLIENT_IP_CALLABLE, so that staff lockouts count the person's
    address, not the proxy's (which every request shares).
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    if is_trusted_proxy(remote):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for entry in reversed([entry.strip() for entry in forwarded]):
            if entry and not is_trusted_proxy(entry):
                return entry if _is_address(entry) else None
    return remote if _is_address(remote) else None


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
