"""Attachments to an online application (身份证明复印件, 授权委托书, …): which files are
accepted, judged by their content, never by the file name or the browser's claim."""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.errors import InputError
from gongkai.core.uploads import ImageTooLarge, content_kind

PDF, JPEG, PNG = "pdf", "jpeg", "png"
MEDIA_TYPES: dict[str, str] = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
}
EXTENSIONS: dict[str, str] = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
ACCEPTED_LABEL = "PDF、JPEG或PNG"


def sniff_attachment(head: bytes) -> str | None:
    """``"pdf"``, ``"jpeg"`` or ``"png"`` from the first bytes of a file, or None.

    PDF readers accept a header anywhere in the first kilobyte, so the check does as well.
    The check is :func:`gongkai.core.uploads.content_kind`, the one for every upload.
    """
    try:
        kind = content_kind(head, complete=False)
    except InputError:
        return None
    return kind if kind in MEDIA_TYPES else None


@dataclass(frozen=True)
class AttachmentLimits:
    max_files: int = 5
    max_bytes: int = 10 * 1024 * 1024

    @property
    def size_label(self) -> str:
        return size_label(self.max_bytes)


def size_label(n_bytes: int) -> str:
    """``10MB``, ``1.5MB``, ``200KB``: how a person reads a size limit."""
    if n_bytes >= 1024 * 1024:
        return f"{round(n_bytes / (1024 * 1024), 1):g}MB"
    return f"{round(n_bytes / 1024, 1):g}KB"


def file_problem(name: str, size: int, head: bytes, limits: AttachmentLimits) -> str | None:
    """What is wrong with one uploaded file, in a sentence naming the file, or None."""
    if size == 0:
        return f"文件“{name}”是空的"
    if size > limits.max_bytes:
        return f"文件“{name}”超过{limits.size_label}，请压缩或分拆后再上传"
    not_accepted = f"文件“{name}”不是{ACCEPTED_LABEL}文件（按文件内容判断，与扩展名无关）"
    try:
        kind = content_kind(head, complete=False)
    except ImageTooLarge as exc:
        return f"文件“{name}”未接受：{exc}"
    except InputError:  # an executable, or not a kind this check knows
        return not_accepted
    return None if kind in MEDIA_TYPES else not_accepted


def count_problem(count: int, limits: AttachmentLimits) -> str | None:
    if count > limits.max_files:
        return f"附件最多{limits.max_files}个，您选择了{count}个"
    return None
