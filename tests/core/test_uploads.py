"""The one content check of every upload that keeps files: by magic bytes and structure,
never by name. Hostile files are refused with a Chinese message, cheaply."""

from __future__ import annotations

import io
import zipfile

import pytest
from hostile_files import (
    DOCX_TEMPLATE,
    ELF,
    MB,
    PE,
    billion_laughs_docx,
    huge_png,
    maxrss_mb,
    zip_bomb_docx,
)

from gongkai.core.errors import InputError
from gongkai.core.portal.attachments import AttachmentLimits, file_problem, sniff_attachment
from gongkai.core.uploads import ExecutableFile, check_content, content_kind

DOCX = DOCX_TEMPLATE.read_bytes()


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return out.getvalue()


def test_kinds_come_from_the_content() -> None:
    assert content_kind(b"%PDF-1.7\n") == "pdf"
    assert content_kind(DOCX) == "docx"
    assert content_kind(_zip({"xl/workbook.xml": b"<workbook/>"})) == "xlsx"
    assert content_kind(_zip({"OFD.xml": b"<ofd:OFD/>"})) == "ofd"
    assert content_kind(_zip({"a.txt": b"hello"})) == "zip"
    assert content_kind(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)) == "ole"
    assert content_kind("政府信息公开工作年度报告\n".encode("gb18030")) == "text"
    assert content_kind(huge_png(100, 100)) == "png"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ELF, "可执行程序（ELF）"),
        (PE, "可执行程序（Windows"),
        (b"#!/bin/sh\nrm -rf /\n", "可执行程序（脚本）"),
        (huge_png(), "像素"),
        (billion_laughs_docx(), "DTD"),
        (zip_bomb_docx(256 * MB), "压缩炸弹"),
        (bytes(range(256)) * 64, "无法识别"),
        (b"PK\x03\x04 not a zip", "已损坏"),
    ],
)
def test_hostile_content_is_refused_in_chinese(data: bytes, expected: str) -> None:
    before = maxrss_mb()
    with pytest.raises(InputError, match=expected):
        content_kind(data)
    assert maxrss_mb() - before < 32  # directory and prologs only, never the parts


def test_the_extension_must_match_the_content() -> None:
    assert check_content("通告.pdf", b"%PDF-1.4 x", ["pdf"]) == "pdf"
    assert check_content("表.doc", DOCX) == "docx"  # Word opens a DOCX named .doc
    assert check_content("附件.zip", DOCX) == "docx"
    for name, data in [("a.pdf", ELF), ("a.pdf", PE), ("a.png", ELF)]:
        with pytest.raises(InputError, match=f"“{name}”未接受：这是可执行程序"):
            check_content(name, data)
    with pytest.raises(InputError, match=r"内容是Word（DOCX）文档，不是扩展名“\.pdf”所示的PDF"):
        check_content("a.pdf", DOCX)
    with pytest.raises(InputError, match=r"不是扩展名“\.jpg”所示的JPEG图片"):
        check_content("photo.jpg", huge_png(10, 10))
    with pytest.raises(InputError, match="类型不允许上传"):
        check_content("a.exe", b"%PDF-1.4", ["pdf"])
    # An extension the table does not know (one an agency allowed) is taken unless a program.
    assert check_content("图纸.dwg", bytes(range(256))) == "other"
    with pytest.raises(InputError, match="可执行程序"):
        check_content("图纸.dwg", ELF)
    with pytest.raises(InputError, match="压缩炸弹"):
        check_content("图纸.dwg", zip_bomb_docx(256 * MB))


def test_the_portal_uses_the_same_check_on_the_first_kilobyte() -> None:
    limits = AttachmentLimits()
    assert sniff_attachment(b"%PDF-1.7") == "pdf" and sniff_attachment(ELF) is None
    problem = file_problem("身份证.pdf", 4096, ELF[:1024], limits)
    assert problem == "文件“身份证.pdf”不是PDF、JPEG或PNG文件（按文件内容判断，与扩展名无关）"
    problem = file_problem("身份证.png", 4096, huge_png()[:1024], limits)
    assert problem is not None and "像素" in problem
    assert file_problem("证.png", 4096, huge_png(1000, 1000)[:1024], limits) is None
    with pytest.raises(ExecutableFile):
        content_kind(PE[:1024], complete=False)
