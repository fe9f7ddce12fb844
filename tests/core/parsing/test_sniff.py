"""Sniffing formats from content, decoding every encoding publishers use, input limits."""

from __future__ import annotations

import codecs
import io
import random
import zipfile
from pathlib import Path

import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing import limits
from gongkai.core.parsing.sniff import decode_text, sniff

DOCUMENTS = Path(__file__).parents[2] / "fixtures" / "documents"
REPORT = "淮安市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n规章\t1\t0\t11\n"


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name in names:
            z.writestr(name, b"<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ((DOCUMENTS / "huaian-2024-annual-report.pdf").read_bytes(), "pdf"),
        (b"\r\n%PDF-1.4 with a preamble", "pdf"),
        ((DOCUMENTS / "official-format-blank-template.docx").read_bytes(), "docx"),
        (_zip("[Content_Types].xml", "word/document.xml"), "docx"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\0\x10JFIF", "jpeg"),
        (b'  {"agency": "x"}', "json"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("<table><tr><td>规章</td></tr></table>".encode(), "html"),
        ('<meta charset="gbk"><p>报告</p>'.encode("gbk"), "html"),
        (REPORT.encode("utf-8"), "text"),
        (REPORT.encode("gb18030"), "text"),
        (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "text"),
        ("<html><body>报告</body></html>".encode("utf-16"), "html"),
    ],
)
def test_the_format_comes_from_the_content(data: bytes, kind: str) -> None:
    assert sniff(data) == kind


@pytest.mark.parametrize(
    "encoded",
    [
        REPORT.encode("utf-8"),
        codecs.BOM_UTF8 + REPORT.encode("utf-8"),
        REPORT.encode("utf-16"),  # with its BOM
        REPORT.encode("utf-16-le"),
        REPORT.encode("utf-16-be"),
        REPORT.encode("gb18030"),
        REPORT.encode("gbk"),
        ("镕𠀀" + REPORT).encode("gb18030"),  # a GBK-only character, and one beyond the BMP
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "gb18030", "gbk", "gb18030-4b"],
)
def test_text_is_decoded_in_any_encoding(encoded: bytes) -> None:
    assert decode_text(encoded).endswith(REPORT)


def test_a_prefix_cut_inside_a_character_is_still_utf8() -> None:
    data = REPORT.encode("utf-8")
    assert decode_text(data[:-2] + "报".encode()[:2], partial=True).startswith("淮安市")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空"),
        (b" \n\t ", "空"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Word"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "加密",
        ),
        (_zip("xl/workbook.xml"), "Excel"),
        (_zip("content.xml", "mimetype"), "OpenDocument"),
        (_zip("a.txt"), "ZIP"),
        (b"PK\x03\x04\x14\0broken", "损坏"),
        (random.Random(7).randbytes(4096), "无法识别"),
        (bytes(range(32)) * 50, "无法识别"),
    ],
)
def test_unreadable_input_is_refused_with_a_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        sniff(data)


def test_the_size_limit_is_checked_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_BYTES", 1024)
    with pytest.raises(InputError, match="文件过大"):
        sniff(b"%PDF-" + b"x" * 2000)
    assert sniff(b"%PDF-1.7") == "pdf"
