"""The files an applicant sent with a case (身份证明, 授权委托书, …), as the staff case page
lists and serves them.

The app that received them stores them (the portal's ``Attachment``) and sits above the case
app, so it registers itself here when Django loads it (``PortalConfig.ready``); the case page
asks the kernel and never imports the portal. One source: the ids in the download URL are
that source's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, Protocol

TYPE_LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG 图片", "image/png": "PNG 图片"}


@dataclass(frozen=True)
class CaseFile:
    """One uploaded file as the case page lists it."""

    pk: int
    kind_label: str
    name: str
    type_label: str
    size: int
    uploaded_at: datetime


@dataclass(frozen=True)
class StoredFile:
    """A file found for download: the applicant's name for it and how to open it."""

    original_name: str
    open: Callable[[], IO[bytes]]


class ApplicantFiles(Protocol):
    def files(self, application_id: int) -> list[CaseFile]: ...

    def find(self, application_id: int, file_id: int, agencies: Any) -> StoredFile | None: ...


_source: ApplicantFiles | None = None


def register_applicant_files(source: ApplicantFiles) -> None:
    global _source
    _source = source


def applicant_files(application_id: int) -> list[CaseFile]:
    """The applicant's uploads of a case (none without a registered source)."""
    return [] if _source is None else _source.files(application_id)


def find_applicant_file(application_id: int, file_id: int, agencies: Any) -> StoredFile | None:
    """The upload ``file_id`` of the case, if the case belongs to one of ``agencies``."""
    return None if _source is None else _source.find(application_id, file_id, agencies)
