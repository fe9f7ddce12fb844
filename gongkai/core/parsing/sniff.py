"""Telling a document's format from its content, and decoding text in any encoding
Chinese publishers use. The extension of a file is never trusted."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from gongkai.core.errors import InputError

MAX_BYTES = 50 * 1024 * 1024
_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|table|div|p)[\s>]", re.I)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes) -> str:
    """ "pdf" | "docx" | "html" | "text" | "json" | "png" | "jpeg"; InputError otherwise."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"文件过大（{len(data) // 1024 // 1024}MB，上限{MAX_BYTES // 1024 // 1024}MB）。"
        )
    if not data.strip():
        raise InputError("文件是空的。")
    head = data[:2048]
    if head.lstrip()[:5] == b"%PDF-" or data[:1024].find(b"%PDF-") >= 0:
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(_OLE):
        raise InputError(
            "这是加密的 Office 文档或旧版 Word（.doc）文件，无法读取；"
            "请另存为未加密的 .docx 或 PDF。"
        )
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    text = decode_text(data[:65536])
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "json"
    if _HTML.search(text.encode("utf-8", "ignore")[:65536]):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as exc:
        raise InputError("文件已损坏：看似 Word 文档（ZIP 格式）但无法打开。") from exc
    if "word/document.xml" in names:
        return "docx"
    raise InputError("不支持的 ZIP 文件：其中没有 Word 文档内容（word/document.xml）。")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM or zero-byte pattern) or GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    sample = data[:4096]
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        # UTF-16 without BOM: ASCII and most CJK text put a zero in every other byte
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        return data.decode("utf-16-be" if even_zeros > odd_zeros else "utf-16-le", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(
                "无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）。"
            ) from None
        return str(best)
