"""Office files (DOCX, XLSX) are ZIP files whose entries carry the time they were written;
rewriting the entries with one fixed time makes the same report give the same bytes."""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def normalized_zip(data: bytes, fixed_parts: dict[str, bytes] | None = None) -> bytes:
    """The same entries in the same order, with fixed timestamps and permissions.

    ``fixed_parts`` replaces the content of named entries (a library's timestamped part).
    """
    replace = fixed_parts or {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()
