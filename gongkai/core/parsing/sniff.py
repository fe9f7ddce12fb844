"""Telling a document's format from its content, and decoding text in any encoding
Chinese publishers use. The extension of a file is never trusted."""

from __future__ import annotations

import codecs
import io
import re
import zipfile

from gongkai.core.errors import InputError
from gongkai.core.parsing.limits import MAX_BYTES, size_error

__all__ = ["MAX_BYTES", "decode_text", "sniff"]

_HTML = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|meta|title|table|tr|td|div|p|br|span|font)[\s/>]",
    re.I,
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_COMMON = re.compile(r"[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u2027]")


def sniff(data: bytes) -> str:
    """ "pdf" | "docx" | "ofd" | "html" | "text" | "json" | "png" | "jpeg"; InputError otherwise."""
    return sniffed(data)[0]


def sniffed(data: bytes) -> tuple[str, str | None]:
    """The kind (as :func:`sniff`), and the text decoded where telling the kind decoded all
    of it (a text, HTML or JSON file of up to 64 KiB, most reports): not decoded again."""
    too_big = size_error(len(data))
    if too_big is not None:
        raise too_big
    if not data.strip():
        raise InputError("文件是空的。")
    head = data[:2048]
    if data[:1024].find(b"%PDF-") >= 0:
        return "pdf", None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png", None
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg", None
    if head.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data[: 1024 * 1024]:
            raise InputError(
                "这是加密的 Office 文档（需要密码），无法读取；请另存为未加密的 .docx 或 PDF。"
            )
        raise InputError(
            "这是旧版 Word（.doc）等 Office 二进制文件（也可能是加密的文档），无法读取；"
            "请另存为 .docx 或 PDF。"
        )
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data), None
    whole = len(data) <= 65536
    text = decode_text(data[:65536], partial=not whole)
    if _binary(text):
        raise InputError("无法识别的文件格式（不是 PDF、OFD、Word、网页、图片或文本），未读取。")
    decoded = text if whole else None
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "json", decoded
    if _HTML.search(text):
        return "html", decoded
    return "text", decoded


def _binary(text: str) -> bool:
    sample = text[:8192]
    return bool(sample) and control_count(sample) > len(sample) * 0.05


# Control characters that mark a binary file: these ASCII ones and U+FFFD (a byte no
# encoding could decode). Each ASCII one is one byte of the text's UTF-8 form, and no
# byte of another character's form is below 0x80.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def control_count(text: str) -> int:
    """How many of ``text``'s characters are such controls, counted in C: a pattern's scan
    of every sniffed text cost about a fiftieth of reading a report."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _CONTROL_BYTES)) + text.count("\ufffd")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError("文件已损坏：看似 Word 或 OFD 文档（ZIP 格式）但无法打开。") from exc
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:  # GB/T 33190: the package's entry point, at its root
        return "ofd"
    if "content.xml" in names:
        raise InputError(
            "这是 OpenDocument（WPS/LibreOffice 的 .odt 等）文件，请另存为 .docx 或 PDF。"
        )
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise InputError("这是 Excel 或 PowerPoint 文件，不是年度报告文档；请提供 Word 或 PDF。")
    raise InputError(
        "不支持的 ZIP 文件：其中既没有 Word 文档内容（word/document.xml），"
        "也没有 OFD 入口文件（OFD.xml）。"
    )


def decode_text(data: bytes, *, partial: bool = False) -> str:
    """UTF-8 (with or without BOM), UTF-16 (BOM, or by its byte pattern) or GB18030/GBK.

    ``partial``: the bytes are a prefix of a longer file, so a character cut at the end is
    not evidence against an encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    for candidate in (data, data[:-1], data[:-2], data[:-3]) if partial else (data,):
        try:
            return candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    if partial:
        return data.decode("gb18030", errors="replace")
    raise InputError("无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）。")


def _utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the endianness whose text looks like a report."""
    sample = data[: 8192 & ~1]
    if len(sample) < 4:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        share = len(_COMMON.findall(text)) / len(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, codec)
    if best is None:
        return None
    return data[: len(data) & ~1].decode(best[1], errors="replace")
