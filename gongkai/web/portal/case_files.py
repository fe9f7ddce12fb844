"""The portal's uploads as the staff case page reads them (through the kernel's
:mod:`gongkai.web.kernel.case_files`, registered in ``PortalConfig.ready``)."""

from __future__ import annotations

from typing import Any

from gongkai.web.kernel.case_files import TYPE_LABELS, CaseFile, StoredFile
from gongkai.web.portal.models import Attachment


class PortalUploads:
    def files(self, application_id: int) -> list[CaseFile]:
        rows = Attachment.objects.filter(submission__application_id=application_id)
        return [
            CaseFile(
                pk=row.pk,
                kind_label=row.get_kind_display(),
                name=row.original_name,
                type_label=TYPE_LABELS.get(row.media_type, row.media_type),
                size=row.size,
                # Files are stored with the submission, in the same request (portal.services).
                uploaded_at=row.submission.submitted_at,
            )
            for row in rows.select_related("submission")
        ]

    def find(self, application_id: int, file_id: int, agencies: Any) -> StoredFile | None:
        row = Attachment.objects.filter(
            pk=file_id,
            submission__application_id=application_id,
            submission__application__agency__in=agencies,
        ).first()
        if row is None:
            return None
        return StoredFile(row.original_name, lambda: row.file.open("rb"))
