"""The client's address, as the login lockout and the portal's limits count it.

Behind a reverse proxy every request comes from the proxy's address, so the proxy must pass
the client's own address in a header it sets itself (nginx: ``proxy_set_header X-Real-IP
$remote_addr;``) and ``GONGKAI_CLIENT_IP_HEADER`` must name it (``HTTP_X_REAL_IP``). Never
name a header the proxy does not overwrite: a client could then choose its own address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip_header() -> str:
    """The request header with the client address; empty: REMOTE_ADDR."""
    return str(
        getattr(settings, "GONGKAI_CLIENT_IP_HEADER", "")
        or getattr(settings, "GONGKAI_PORTAL_CLIENT_IP_HEADER", "")
    )


def client_address(request: HttpRequest) -> str:
    header = client_ip_header()
    address = request.META.get(header) if header else None
    return (address or request.META.get("REMOTE_ADDR") or "unknown").split(",")[0].strip()


def lockout_address(request: HttpRequest) -> str | None:
    """The address the login lockout stores: a valid IP address, or None when there is none
    (``client.login`` in tests, a proxy header holding junk). The lockout's table stores it
    as an IP address type on PostgreSQL, which refuses anything else."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
