"""The portal's settings, each with the default documented in docs/portal.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.core.portal.rates import Rate, parse_rate
from gongkai.web.kernel.uploads import UPLOAD_DEFAULTS, attachment_limits

__all__ = ["DEFAULTS", "attachment_limits", "rate", "setting"]

DEFAULTS: dict[str, Any] = {
    **UPLOAD_DEFAULTS,  # the file limits, shared with the staff's proofs of service
    # Accepted applications per client address: an allowance for an office, a school or a
    # carrier's shared address, where many people apply; refused posts never count.
    "GONGKAI_PORTAL_SUBMIT_RATE": "30/hour",
    # Accepted applications per applicant (identity number or credit code, phone, e-mail).
    "GONGKAI_PORTAL_APPLICANT_RATE": "10/day",
    # Every POST of the lookup form per client address (guessing is what it slows down).
    "GONGKAI_PORTAL_LOOKUP_RATE": "10/hour",
    # Failed lookups of one tracking number, from any address: guessing the last four digits.
    "GONGKAI_PORTAL_LOOKUP_NUMBER_RATE": "10/day",
    # A person needs more than a few seconds to fill in the form; a robot does not.
    "GONGKAI_PORTAL_MIN_FILL_SECONDS": 5,
    "GONGKAI_PORTAL_FORM_MAX_AGE_HOURS": 24,
    # Request header with the client address when behind a reverse proxy, e.g.
    # "HTTP_X_REAL_IP"; empty: GONGKAI_CLIENT_IP_HEADER, else REMOTE_ADDR.
    "GONGKAI_PORTAL_CLIENT_IP_HEADER": "",
    # Base of the links in mails (e.g. "https://gk.example.gov.cn"); empty: from the request.
    "GONGKAI_PUBLIC_URL": "",
}


def setting(name: str) -> Any:
    return getattr(settings, name, DEFAULTS[name])


def rate(name: str) -> Rate:
    return parse_rate(str(setting(name)))
