"""The rendered files of published versions, kept on disk under ``GONGKAI_VAR_DIR``.

Files are written after the publishing transaction commits (a rolled-back publication leaves
no file behind); each one's SHA-256 is recorded in the version row in that transaction, and
checked whenever the file is read back.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from gongkai.core.report import jsonio
from gongkai.core.reporting.formats import render
from gongkai.web.reports.models import ReportVersion

log = logging.getLogger("gongkai.reports")


def storage() -> FileSystemStorage:
    default = Path(settings.VAR_DIR) / "report-files"
    return FileSystemStorage(location=getattr(settings, "GONGKAI_REPORT_FILES_DIR", default))


def file_name(agency_id: int, year: int, number: int, fmt: str) -> str:
    return f"{agency_id}/{year}/v{number}/{agency_id}-{year}-v{number}.{fmt}"


def describe(name: str, data: bytes) -> dict[str, object]:
    return {"name": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}


def write_all(files: dict[str, tuple[str, bytes]]) -> None:
    """Write each ``format → (name, bytes)``; an existing file is never overwritten."""
    store = storage()
    for name, data in files.values():
        if store.exists(name):
            log.warning("年度报告文件已存在，未覆盖：%s", name)
            continue
        store.save(name, ContentFile(data))


def read(version: ReportVersion, fmt: str) -> bytes:
    """The stored file of ``fmt``; rendered again from the JSON if the file was lost."""
    if fmt == "json":
        return version.json_text.encode("utf-8")
    info = version.files.get(fmt)
    if info is None:
        raise KeyError(fmt)
    store = storage()
    name = str(info["name"])
    if store.exists(name):
        with store.open(name, "rb") as handle:
            data: bytes = handle.read()
        if hashlib.sha256(data).hexdigest() == info["sha256"]:
            return data
        log.error("年度报告文件校验值不符：%s", name)
    else:
        log.error("年度报告文件缺失：%s，按发布时的 JSON 重新生成", name)
    return render(jsonio.loads(version.json_text), fmt)
