"""The limits of an uploaded file, one setting for the portal's attachments and the staff's
proofs of service (docs/portal.md: ``GONGKAI_PORTAL_MAX_FILES``, ``GONGKAI_PORTAL_MAX_FILE_MB``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from gongkai.core.portal.attachments import AttachmentLimits

UPLOAD_DEFAULTS: dict[str, Any] = {
    "GONGKAI_PORTAL_MAX_FILES": 5,
    "GONGKAI_PORTAL_MAX_FILE_MB": 10,
}


def attachment_limits() -> AttachmentLimits:
    def setting(name: str) -> Any:
        return getattr(settings, name, UPLOAD_DEFAULTS[name])

    return AttachmentLimits(
        max_files=int(setting("GONGKAI_PORTAL_MAX_FILES")),
        max_bytes=int(float(setting("GONGKAI_PORTAL_MAX_FILE_MB")) * 1024 * 1024),
    )
