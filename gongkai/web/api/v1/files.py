"""Files of a case through the API: its letters as DOCX/PDF, and the 送达 step with a proof file.

Letters: whoever may read the case may download its letters — the staff workspace's rule
(``readable_agencies``) — and the file is produced by the workspace's own
:func:`~gongkai.web.applications.letter_files.letter_download` (rendered on first download if
the job queue has not done it yet). As in the workspace, drafts are served too; ``issued_on``
tells which letters have been issued.

The proof file of 送达 goes to the same service as the workspace form
(:func:`gongkai.web.applications.handling.serve`); the file is judged by its content with the
portal's attachment rules (PDF, JPEG or PNG, size limit from the settings), never by its name.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Path, Router, Schema, UploadedFile
from pydantic import Field

from gongkai.core.applications.roles import Action, require_role
from gongkai.core.portal.attachments import ACCEPTED_LABEL
from gongkai.web.agencies.access import roles_of
from gongkai.web.api import present
from gongkai.web.api.auth import caller
from gongkai.web.api.errors import ApiRefusal, ErrorOut
from gongkai.web.api.schemas import ApplicationDetail, Id
from gongkai.web.api.scoping import readable_application
from gongkai.web.api.v1.steps import ServeIn
from gongkai.web.applications import handling
from gongkai.web.applications.letter_files import letter_download
from gongkai.web.applications.proof_files import proof_file_problem

router = Router(tags=["文书与凭证"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class LetterFiles(Schema):
    docx: str = Field(description="Word 文档的下载地址")
    pdf: str = Field(description="PDF 文档的下载地址")


class LetterOut(Schema):
    id: int
    kind: str = Field(description="文书类型，如 reply（答复书）")
    title: str
    issued_on: date | None = Field(description="出具日期；为空表示尚未出具（草稿）")
    created_at: datetime
    files: LetterFiles


def _url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return reverse(f"{namespace}:{name}", kwargs=kwargs)


@router.get(
    "/applications/{application_id}/letters",
    response={200: list[LetterOut], **ERRORS},
    url_name="application_letters",
    operation_id="application_letters",
    summary="文书列表",
)
def application_letters(request: HttpRequest, application_id: Path[Id]) -> list[dict[str, Any]]:
    """该申请的文书（答复书、补正告知书等），按生成顺序，附 Word 和 PDF 的下载地址。
    与工作台一样，草稿也列出：issued_on 为空的尚未出具。"""
    app = readable_application(caller(request), application_id)
    return [
        {
            "id": letter.pk,
            "kind": letter.kind,
            "title": letter.title,
            "issued_on": letter.issued_on,
            "created_at": letter.created_at,
            "files": {
                fmt: _url(
                    request,
                    "application_letter_file",
                    application_id=app.pk,
                    letter_id=letter.pk,
                    fmt=fmt,
                )
                for fmt in MEDIA
            },
        }
        for letter in app.letters.all()
    ]


@router.get(
    "/applications/{application_id}/letters/{letter_id}/{fmt}",
    response={**ERRORS},
    url_name="application_letter_file",
    operation_id="application_letter_file",
    summary="下载文书（Word 或 PDF）",
    openapi_extra={
        "responses": {
            "200": {
                "description": "文书文件（作为附件下载）",
                "content": {
                    media: {"schema": {"type": "string", "format": "binary"}}
                    for media in MEDIA.values()
                },
            }
        }
    },
)
def application_letter_file(
    request: HttpRequest, application_id: Path[Id], letter_id: Path[Id], fmt: Literal["docx", "pdf"]
) -> FileResponse:
    """与工作台的文书下载相同：能查看该申请的人即可下载；文件尚未生成时当场生成。"""
    app = readable_application(caller(request), application_id)
    letter = get_object_or_404(app.letters.select_related("application"), pk=letter_id)
    return letter_download(letter, fmt)


def refuse_bad_proof(upload: UploadedFile) -> None:
    """The staff form's check (``proof_files``), answered as a 400."""
    problem = proof_file_problem(upload)
    if problem is not None:
        raise ApiRefusal(
            400, "invalid_file", f"送达凭证文件不能接收：{problem}", {"field": "proof_file"}
        )


def _serve_with_proof(
    user: AbstractBaseUser, application_id: int, body: ServeIn, upload: UploadedFile
) -> dict[str, Any]:
    app = readable_application(user, application_id)
    # The service checks the role again under its lock; checking it first spares an
    # unauthorised caller the file check and says what is wrong first.
    require_role(Action.SERVE, roles_of(user, app.agency_id))
    refuse_bad_proof(upload)
    handling.serve(
        user,
        app.pk,
        on=body.on or timezone.localdate(),
        method=body.method,
        proof=body.proof,
        proof_file=upload,
    )
    return present.detail(readable_application(user, app.pk), user)


@router.post(
    "/applications/{application_id}/actions/serve/upload",
    response={200: ApplicationDetail, **ERRORS},
    url_name="application_action_serve_upload",
    operation_id="application_action_serve_upload",
    summary="送达（同时上传凭证文件）",
    description=(
        "与 POST …/actions/serve 相同的送达环节（同一服务函数、同样的岗位和日期规则），"
        "以 multipart/form-data 提交：字段 on、method、proof，另加文件 proof_file——"
        f"送达凭证的扫描件或照片，须为{ACCEPTED_LABEL}（按文件内容判断，与扩展名无关），"
        "大小上限与网上申请的附件相同（GONGKAI_PORTAL_MAX_FILE_MB，默认10MB）。"
    ),
)
def serve_with_proof_file(
    request: HttpRequest,
    application_id: Path[Id],
    payload: Form[ServeIn],
    proof_file: File[UploadedFile],
) -> dict[str, Any]:
    return _serve_with_proof(caller(request), application_id, payload, proof_file)
