"""What an uploaded file is, judged by its content (magic bytes and structure), never by its
name or the browser's claim: the one check for every upload field that keeps files.

:func:`content_kind` names the kind and refuses executables, ZIP bombs, XML with a DTD
(billion laughs) inside an Office or OFD package, and images over the pixel limit.
:func:`check_content` adds that the kind fits the file's extension (a ``.pdf`` must be a
PDF), for stores that keep the name (catalogue attachments). The portal's attachments
(:mod:`gongkai.core.portal.attachments`) use :func:`content_kind` on the first kilobyte.
The checks read at most the ZIP directory and a few kilobytes of each XML part, so they are
cheap enough to run in the server process.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Iterable

from gongkai.core.errors import InputError
from gongkai.core.parsing.limits import (
    MAX_DOCX_ENTRIES,
    MAX_IMAGE_PIXELS,
    check_zip_directory,
)

PDF, PNG, JPEG, OLE, ZIP, TEXT = "pdf", "png", "jpeg", "ole", "zip", "text"
DOCX, XLSX, PPTX, OFD = "docx", "xlsx", "pptx", "ofd"

# The kinds a file with each extension may be (an old .doc, .wps or .et is an OLE compound
# file; WPS and Word also save OOXML under the old names).
KINDS_BY_EXTENSION: dict[str, frozenset[str]] = {
    "pdf": frozenset({PDF}),
    "ofd": frozenset({OFD}),
    "docx": frozenset({DOCX}),
    "xlsx": frozenset({XLSX}),
    "pptx": frozenset({PPTX}),
    "doc": frozenset({OLE, DOCX}),
    "wps": frozenset({OLE, DOCX}),
    "xls": frozenset({OLE, XLSX}),
    "et": frozenset({OLE, XLSX}),
    "ppt": frozenset({OLE, PPTX}),
    "txt": frozenset({TEXT}),
    "csv": frozenset({TEXT}),
    "jpg": frozenset({JPEG}),
    "jpeg": frozenset({JPEG}),
    "png": frozenset({PNG}),
    "zip": frozenset({ZIP, DOCX, XLSX, PPTX, OFD}),
}
KIND_NAMES = {
    PDF: "PDF",
    PNG: "PNG图片",
    JPEG: "JPEG图片",
    OLE: "旧版Office/WPS文档",
    ZIP: "ZIP压缩包",
    TEXT: "文本",
    DOCX: "Word（DOCX）文档",
    XLSX: "Excel（XLSX）表格",
    PPTX: "PowerPoint（PPTX）演示文稿",
    OFD: "OFD文档",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXECUTABLES = (
    (b"\x7fELF", "ELF"),
    (b"MZ", "Windows EXE/DLL"),
    (b"\xfe\xed\xfa\xce", "Mach-O"),
    (b"\xfe\xed\xfa\xcf", "Mach-O"),
    (b"\xce\xfa\xed\xfe", "Mach-O"),
    (b"\xcf\xfa\xed\xfe", "Mach-O"),
    (b"\xca\xfe\xba\xbe", "Mach-O/Java"),
    (b"#!", "脚本"),
)
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_XML_PARTS_CHECKED = 500  # parts whose prolog is read; a real package has far fewer
_PROLOG_BYTES = 4096


class ExecutableFile(InputError):
    """The file is a program (ELF, PE, Mach-O, a script), whatever its name says."""


class UnknownContent(InputError):
    """Binary data of no kind this module knows (nor text)."""


class ImageTooLarge(InputError):
    """An image whose header declares more than ``MAX_IMAGE_PIXELS`` pixels."""


def content_kind(data: bytes, *, complete: bool = True) -> str:
    """The kind of a file from its bytes (see ``KIND_NAMES``); InputError (Chinese, not naming
    the file) when it is an executable, a ZIP bomb, an Office/OFD package with a DTD, an image
    over ``MAX_IMAGE_PIXELS``, or binary data of no known kind.

    ``complete=False``: ``data`` is only the start of the file (the portal reads 1 KB), so the
    checks that need the whole file (a ZIP's directory, a JPEG's frame header) are skipped.
    """
    if not data:
        raise InputError("文件是空的。")
    for magic, label in _EXECUTABLES:
        if data.startswith(magic):
            raise ExecutableFile(f"这是可执行程序（{label}），不是文档或图片，不能上传。")
    if b"%PDF-" in data[:1024]:
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _check_pixels(_png_size(data))
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _check_pixels(_jpeg_size(data))
        return JPEG
    if data.startswith(_OLE):
        return OLE
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data) if complete else ZIP
    return _text_kind(data)


def check_content(name: str, data: bytes, allowed: Iterable[str] | None = None) -> str:
    """The kind of an uploaded file whose content fits its extension (and ``allowed``, the
    permitted extensions); InputError naming the file otherwise. A file with an extension of
    no known content (one an agency added) is "other" when its bytes are of no known kind;
    executables and bombs are refused under any name."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if allowed is not None and extension not in set(allowed):
        raise InputError(f"文件“{name}”的类型不允许上传（允许：{'、'.join(allowed)}）")
    try:
        kind = content_kind(data)
    except UnknownContent as exc:
        if extension in KINDS_BY_EXTENSION:
            raise InputError(f"文件“{name}”未接受：{exc}") from None
        return "other"
    except InputError as exc:
        raise InputError(f"文件“{name}”未接受：{exc}") from None
    expected = KINDS_BY_EXTENSION.get(extension)
    if expected is not None and kind not in expected:
        wanted = "或".join(sorted({KIND_NAMES[k] for k in expected}))
        raise InputError(
            f"文件“{name}”的内容是{KIND_NAMES[kind]}，不是扩展名“.{extension}”所示的{wanted}"
            "（按文件内容判断，与扩展名无关），未接受。"
        )
    return kind


def _check_pixels(size: tuple[int, int] | None) -> None:
    if size is None:
        return
    width, height = size
    if width * height > MAX_IMAGE_PIXELS:
        raise ImageTooLarge(
            f"图片尺寸{width}×{height}像素，超过{MAX_IMAGE_PIXELS // 10_000}万像素的上限"
            "，疑为“解压炸弹”。"
        )


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None  # not a header to size by: left to the image reader
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the first frame header, walking the marker segments."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None  # not where a marker should be: leave it to the image reader
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF and at + 9 <= len(data):
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return int(width), int(height)
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no frame header before it
            return None
        at += 2 + length
    return None


def _declared_entries(data: bytes) -> int | None:
    """The entry count of a ZIP's end-of-directory record, read without parsing the
    directory (whose ZipInfo objects would take hundreds of bytes an entry)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return None
    (count,) = struct.unpack("<H", data[end + 10 : end + 12])
    if count == 0xFFFF:  # ZIP64: the count is in the ZIP64 end record the locator points to
        locator = data.rfind(b"PK\x06\x07", max(0, end - 20), end)
        if locator < 0:
            return None
        (record,) = struct.unpack("<Q", data[locator + 8 : locator + 16])
        if data[record : record + 4] != b"PK\x06\x06" or record + 40 > len(data):
            return None
        (count,) = struct.unpack("<Q", data[record + 32 : record + 40])
    return int(count)


def _zip_kind(data: bytes) -> str:
    declared = _declared_entries(data)
    if declared is not None and declared > MAX_DOCX_ENTRIES:
        raise InputError(f"压缩包内有{declared}个文件，超过上限，疑为恶意文件。")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError("ZIP 文件已损坏，无法打开。") from None
    with package:
        infos = package.infolist()
        check_zip_directory(infos, "压缩包")
        names = {i.filename for i in infos}
        kind = (
            DOCX
            if "word/document.xml" in names
            else XLSX
            if "xl/workbook.xml" in names
            else PPTX
            if "ppt/presentation.xml" in names
            else OFD
            if "OFD.xml" in names
            else ZIP
        )
        if kind != ZIP:
            _check_xml_parts(package, infos, kind)
    return kind


def _check_xml_parts(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: str) -> None:
    """No DTD or entity declaration in any XML part (billion laughs, external entities): an
    Office or OFD package never needs one. Only each part's prolog is decompressed."""
    parts = [i for i in infos if i.filename.lower().endswith((".xml", ".rels"))]
    for info in parts[:_XML_PARTS_CHECKED]:
        if info.flag_bits & 0x1:
            raise InputError(f"{KIND_NAMES[kind]}的部件已加密，无法检查。")
        try:
            with package.open(info) as part:
                prolog = part.read(_PROLOG_BYTES)
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
            raise InputError(f"{KIND_NAMES[kind]}已损坏（部件无法解压）。") from None
        if prolog[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML
            prolog = prolog.decode("utf-16", "ignore").encode("utf-8")
        if _DTD.search(prolog):
            raise InputError(
                f"{KIND_NAMES[kind]}的部件“{info.filename[:80]}”含有 DTD 或实体声明"
                "（如“十亿笑声”攻击），疑为恶意文件。"
            )


def _text_kind(data: bytes) -> str:
    from gongkai.core.parsing.sniff import sniff

    try:
        sniffed = sniff(data)
    except InputError:
        raise UnknownContent(
            "无法识别的文件格式（不是 PDF、OFD、Office 文档、图片、压缩包或文本）。"
        ) from None
    return TEXT if sniffed in ("text", "html", "json") else sniffed
