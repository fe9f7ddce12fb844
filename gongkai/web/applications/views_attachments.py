"""The files an applicant uploaded with an online application (身份证明, 授权委托书, …), on the
staff case page and as a download.

The portal stores them and hands them over through the kernel
(:mod:`gongkai.web.kernel.case_files`), so this app imports no portal; whoever may read the
case may read its files — the same per-agency rule as the case page (``readable_agencies``),
so another agency's staff get a 404. Downloads are not audited, as letter downloads are not.

The files are the applicant's and were judged by their content when uploaded; they are served
as that content again (sniffed on every download, never the stored label or the file name),
always as an attachment with ``nosniff``, so no uploaded file is ever rendered by the browser.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from gongkai.core.portal.attachments import EXTENSIONS, MEDIA_TYPES, sniff_attachment
from gongkai.web.agencies.access import readable_agencies
from gongkai.web.applications.models import Application
from gongkai.web.kernel.case_files import CaseFile, applicant_files, find_applicant_file

UNKNOWN_TYPE = "application/octet-stream"
_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._()\- ]")


__all__ = ["CaseFile", "attachment_disposition", "case_attachment", "case_files", "download_name"]


def case_files(app: Application) -> list[CaseFile]:
    """The applicant's uploads of an online application (none for other channels)."""
    return applicant_files(app.pk)


def download_name(original: str, extension: str) -> str:
    """The applicant's file name without any path, ending in the type the content has."""
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip(" .") or "附件"
    if extension and not name.lower().endswith(extension):
        name += extension  # e.g. "材料.html" that is a PDF → "材料.html.pdf"
    return name


def attachment_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987)."""
    fallback = _NOT_ASCII_SAFE.sub("_", filename).strip() or "attachment"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@login_required
def case_attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    found = find_applicant_file(pk, attachment_id, readable_agencies(request.user))
    if found is None:
        raise Http404("没有找到该附件")
    try:
        stored = found.open()
    except (FileNotFoundError, ValueError):
        raise Http404("附件文件不存在，请联系系统管理员") from None
    kind = sniff_attachment(stored.read(1024))
    stored.seek(0)
    media_type = MEDIA_TYPES[kind] if kind else UNKNOWN_TYPE
    name = download_name(found.original_name, EXTENSIONS[kind] if kind else "")
    response = FileResponse(stored, content_type=media_type)
    response["Content-Disposition"] = attachment_disposition(name)
    response["X-Content-Type-Options"] = "nosniff"
    # The applicant's identity documents: never kept by a shared cache, never a page.
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
