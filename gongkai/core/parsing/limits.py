"""Limits on hostile or absurd input, in one place so that documentation and code agree.

Each is checked before the costly step it protects (decompression, page parsing, grid
expansion, OCR), and each refusal is an InputError with a Chinese message.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from gongkai.core.errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # any input file
# Per kind, judged from the first bytes (``sandbox.prefix_kind``) before a child process reads
# the file: parsing text holds ~20× its size, so text (also HTML, JSON) has the lowest cap.
MAX_BYTES_BY_KIND = {
    "text": 10 * 1024 * 1024,
    "zip": MAX_BYTES,  # DOCX, OFD
    "pdf": MAX_BYTES,
    "image": 20 * 1024 * 1024,
}

# DOCX (a ZIP container), checked from the ZIP directory before anything is decompressed.
MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 100  # total uncompressed / total compressed; real reports stay under 20
MAX_DOCX_ENTRY_RATIO = 1000  # one highly repetitive part may compress well, not this well
MAX_DOCX_ENTRIES = 5000

# OFD (GB/T 33190): a ZIP container like DOCX, checked the same way from its directory
MAX_OFD_PAGES = 300  # as for a PDF
OFD_TIME_BUDGET_SECONDS = 60.0  # every page's objects


def check_zip_directory(infos: list[zipfile.ZipInfo], what: str) -> None:
    """Refuse a ZIP container (DOCX, OFD, an upload) whose directory alone shows a bomb:
    too many parts, too much or too well compressed data. ``what`` names it ("Word 文档")."""
    if len(infos) > MAX_DOCX_ENTRIES:
        raise InputError(f"{what}包含{len(infos)}个部件，超过上限，疑为恶意文件，未读取。")
    total = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0.0)
    if total > MAX_DOCX_UNCOMPRESSED or total / packed > MAX_DOCX_RATIO:
        raise InputError(
            f"{what}解压后达{total // 1024 // 1024}MB（压缩比{total // packed}倍），"
            "超过安全上限，疑为“压缩炸弹”，未读取。"
        )
    if worst > MAX_DOCX_ENTRY_RATIO:
        raise InputError(
            f"{what}中有部件的压缩比达{worst:.0f}倍，超过安全上限，疑为“压缩炸弹”，未读取。"
        )


# PDF
MAX_PDF_PAGES = 300
PDF_TIME_BUDGET_SECONDS = 60.0  # the text layer of every page

# OCR (scans: images, and PDF pages without a text layer). A page takes 3–15 s on one core.
MAX_OCR_PAGES = 60
OCR_SECONDS_PER_PAGE = 60.0  # the budget of a document's scanned pages: this × their count
MAX_IMAGE_PIXELS = 40_000_000  # a decompression bomb is refused before it is decoded

# Tables (HTML spans are attacker-controlled numbers)
MAX_HTML_SPAN = 1000
MAX_TABLE_CELLS = 200_000


def size_error(size: int, name: str | None = None) -> InputError | None:
    """The refusal for an input of ``size`` bytes, or None when it is within MAX_BYTES."""
    if size <= MAX_BYTES:
        return None
    where = f"：{name}" if name else ""
    return InputError(
        f"文件过大（{size / 1024 / 1024:.1f}MB，上限{MAX_BYTES // 1024 // 1024}MB），"
        f"未读取{where}。"
    )


def read_file(path: str | Path) -> bytes:
    """A file's bytes, refused with InputError when missing, not a file, or over MAX_BYTES.

    The size is checked from the directory entry, so an oversized file is never loaded.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"找不到文件：{path}")
    if not p.is_file():
        raise InputError(f"不是文件：{path}")
    try:
        too_big = size_error(p.stat().st_size, str(path))
        if too_big is not None:
            raise too_big
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}") from exc
