"""The portal's settings, each with the default documented in docs/portal.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.core.portal.attachments import AttachmentLimits
from gongkai.core.portal.rates import Rate, parse_rate

DEFAULTS: dict[str, Any] = {
    "GONGKAI_PORTAL_MAX_FILES": 5,
    "GONGKAI_PORTAL_MAX_FILE_MB": 10,
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


def attachment_limits() -> AttachmentLimits:
    return AttachmentLimits(
        max_files=int(setting("GONGKAI_PORTAL_MAX_FILES")),
        max_bytes=int(float(setting("GONGKAI_PORTAL_MAX_FILE_MB")) * 1024 * 1024),
    )


def rate(name: str) -> Rate:
    return parse_rate(str(setting(name)))
