"""Attachments of a catalogue item: allowed types and size, and their sha256 fingerprint."""

from __future__ import annotations

import hashlib
import re

from gongkai.core.errors import GongkaiError

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def clean_filename(name: str) -> str:
    base = _UNSAFE.sub("_", name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]).strip(" .")
    if not base:
        raise GongkaiError("附件文件名不能为空")
    return base[-150:]


def check_attachment(name: str, size: int, allowed: tuple[str, ...], max_bytes: int) -> str:
    """The cleaned file name, or a Chinese reason why the file is refused."""
    filename = clean_filename(name)
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in allowed:
        raise GongkaiError(f"附件“{filename}”的类型不允许上传（允许：{'、'.join(allowed)}）")
    if size == 0:
        raise GongkaiError(f"附件“{filename}”是空文件")
    if size > max_bytes:
        raise GongkaiError(
            f"附件“{filename}”大小{size / 1048576:.1f}MB，超过{max_bytes / 1048576:.0f}MB的上限"
        )
    return filename


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
