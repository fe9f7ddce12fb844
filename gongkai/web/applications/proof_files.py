"""The file that proves a reply was served (送达凭证): one check for the staff form and the API.

The portal's attachment rules apply (not empty, within ``GONGKAI_PORTAL_MAX_FILE_MB``, PDF,
JPEG or PNG judged by content): a proof is a scan or a platform's receipt, and it is kept
with the case for review and litigation, so it must be a file that opens.
"""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile

from gongkai.core.portal.attachments import file_problem
from gongkai.web.kernel.uploads import attachment_limits


def proof_file_problem(upload: UploadedFile) -> str | None:
    """Why the proof file cannot be kept (Chinese), or None."""
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    return file_problem(upload.name or "送达凭证", upload.size or 0, head, attachment_limits())
