"""The steps that gather the released information a reply comes with (答复附件, issue 14):
attach an uploaded file, attach a current file of a 主动公开目录 item, remove one. Each is
a step of the core's table (``attach_released`` / ``detach_released``: while the answer is
prepared, up to its issue) in the one shape of
:func:`gongkai.web.applications.transitions.transition`, so each is audited in the case's
trail with the file's name, size and SHA-256.

When the reply is already drafted (办理决定 made, not issued), the draft is written again
with the new list, so the 答复书 the reviewer reads names exactly the files it comes with;
issuing dates it and keeps the list (``services._reply_text``).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import InputError
from gongkai.core.portal.attachments import size_label
from gongkai.core.uploads import KIND_NAMES, check_content
from gongkai.web.applications.models import Application
from gongkai.web.applications.released import ReleasedFile
from gongkai.web.applications.transitions import check_day, guard, transition
from gongkai.web.catalogue.models import ItemAttachment

# What released information comes as: documents, tables, scans, text, and a ZIP of them.
ALLOWED_EXTENSIONS = (
    "pdf", "ofd", "docx", "doc", "wps", "xlsx", "xls", "et", "jpg", "jpeg", "png",
    "txt", "csv", "zip",
)  # fmt: skip
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "ofd": "application/ofd",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "ole": "application/octet-stream",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "text": "text/plain",
    "zip": "application/zip",
}
MAX_NAME = 200


def max_bytes() -> int:
    """``GONGKAI_RELEASED_MAX_MB`` (default 20): the largest file one reply may carry."""
    return int(getattr(settings, "GONGKAI_RELEASED_MAX_MB", 20)) * 1024 * 1024


def upload_problem(upload: UploadedFile) -> str | None:
    """Why the file cannot be released (Chinese, naming it), or None: not empty, within the
    size limit, of an allowed kind judged by its content (:func:`check_content`: no program,
    no ZIP bomb, the content fits the extension)."""
    name = upload.name or "附件"
    size = upload.size or 0
    if size == 0:
        return f"文件“{name}”是空的"
    if size > max_bytes():
        return f"文件“{name}”超过{size_label(max_bytes())}，请压缩或分拆后再上传"
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        check_content(name, data, ALLOWED_EXTENSIONS)
    except InputError as exc:
        return str(exc)
    return None


def released_label(row: ReleasedFile) -> str:
    return f"{row.name}（{size_label(row.size)}）"


def attach_upload(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    upload: UploadedFile,
    name: str = "",
) -> Application:
    """Attach a file staff uploaded; ``name`` is how the letter lists it (default: the
    file's own name)."""
    problem = upload_problem(upload)
    guard(problem is None, problem or "")
    upload.seek(0)
    data = upload.read()
    kind = check_content(upload.name or "附件", data)
    listed = _listed_name(name, upload.name or "附件")
    digest = hashlib.sha256(data).hexdigest()
    stored: list[str] = []

    def change(app: Application) -> dict[str, Any]:
        _drop_unrecorded(stored)  # an attempt run again after "database is locked"
        stored.clear()
        _check_preparing(app, on)
        row = ReleasedFile(
            application=app,
            name=listed,
            media_type=MEDIA_TYPES.get(kind, "application/octet-stream"),
            size=len(data),
            sha256=digest,
            added_on=on,
            added_by=actor,
        )
        # Written before the row, so that a committed row always has its file.
        row.file.save(upload.name or "released", ContentFile(data), save=False)
        stored.append(row.file.name)
        row.save()
        _redraft_reply(app)
        return _audit(row, KIND_NAMES.get(kind, kind))

    try:
        return transition(
            actor, application_id, Action.ATTACH_RELEASED, on, None, change, note=listed
        )
    except BaseException:
        _drop_unrecorded(stored)
        raise


def catalogue_choices(app: Application) -> list[tuple[int, str]]:
    """The agency's current 主动公开目录 files that may be released (not 不予公开 items)."""
    rows = (
        ItemAttachment.objects.filter(
            item__agency_id=app.agency_id, state=ItemAttachment.State.CURRENT
        )
        .exclude(item__attribute="withheld")
        .select_related("item")
        .order_by("-item__generated_on", "pk")
    )
    return [(row.pk, f"{row.item.index_number} {row.item.title}：{row.filename}") for row in rows]


def attach_catalogue_file(
    actor: AbstractBaseUser, application_id: int, *, on: date, catalogue_file_id: int
) -> Application:
    """Attach a current file of one of the agency's catalogue items (served from the
    catalogue, not copied)."""

    def change(app: Application) -> dict[str, Any]:
        _check_preparing(app, on)
        choices = dict(catalogue_choices(app))
        guard(catalogue_file_id in choices, "只能附上本机关政府信息公开目录中现行的文件")
        source = ItemAttachment.objects.select_related("item").get(pk=catalogue_file_id)
        row = ReleasedFile.objects.create(
            application=app,
            name=_listed_name(f"{source.item.title}（{source.filename}）", source.filename),
            catalogue_file=source,
            media_type=source.content_type[:100],
            size=source.size,
            sha256=source.sha256,
            added_on=on,
            added_by=actor,
        )
        _redraft_reply(app)
        return {**_audit(row, "主动公开目录文件"), "catalogue_item": source.item.index_number}

    return transition(actor, application_id, Action.ATTACH_RELEASED, on, None, change)


def detach(
    actor: AbstractBaseUser, application_id: int, *, on: date, released_id: int
) -> Application:
    """Remove a file attached by mistake, before the reply is issued; its stored file goes
    once no row refers to it."""
    removed: list[str] = []

    def change(app: Application) -> dict[str, Any]:
        removed.clear()
        _check_preparing(app, on)
        row = app.released_files.filter(pk=released_id).first()
        guard(row is not None, "该答复附件不存在或已移除")
        assert row is not None
        data = _audit(row, "")
        if row.file:
            removed.append(row.file.name)
        row.delete()
        _redraft_reply(app)
        return data

    app = transition(actor, application_id, Action.DETACH_RELEASED, on, None, change)
    _drop_unrecorded(removed)
    return app


def _check_preparing(app: Application, on: date) -> None:
    guard(app.issued_on is None, "答复已出具，答复附件不能再更改")
    check_day(on, app.received_date, "日期")


def _listed_name(name: str, fallback: str) -> str:
    # The file's own name without any folder ("C:\\材料\\表.xlsx" → "表.xlsx").
    own = fallback.replace("\\", "/").rsplit("/", 1)[-1]
    listed = " ".join(name.split()) or " ".join(own.split()) or "附件"
    guard(all(c.isprintable() for c in listed), "附件名称含有无法显示的字符")
    return listed[:MAX_NAME]


def _audit(row: ReleasedFile, kind: str) -> dict[str, Any]:
    data: dict[str, Any] = {"released": row.pk, "name": row.name, "size": row.size}
    data["sha256"] = row.sha256
    if kind:
        data["kind"] = kind
    return data


def _redraft_reply(app: Application) -> None:
    """The drafted 答复书 lists the files again (DECIDED: drafted, not issued)."""
    if app.status != Status.DECIDED.value or app.decided_on is None:
        return
    from gongkai.web.applications.letters import current_draft, store_letter
    from gongkai.web.applications.services import _reply_text

    draft = current_draft(app, "reply")
    if draft is not None:
        store_letter(app, _reply_text(app, app.decided_on), issued_on=None, replace=draft)


def _drop_unrecorded(names: list[str]) -> None:
    for name in names:
        if not ReleasedFile.objects.filter(file=name).exists():
            default_storage.delete(name)
