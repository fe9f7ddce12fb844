"""DOCX reader: body order, spans from the XML, content controls, revisions, nested
tables, the blank official template, and hostile containers."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml

from gongkai.core.errors import InputError
from gongkai.core.parsing.docx_reader import read_docx

TEMPLATE = (
    Path(__file__).parents[2] / "fixtures" / "documents" / "official-format-blank-template.docx"
)
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _save(d: Any) -> bytes:
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def _lines(data: bytes) -> list[str | list[str]]:
    """Paragraph texts and table rows, copies of merged cells marked with a leading '~'."""
    return [
        [("~" if c.span else "") + c.text for c in ln.cells] if ln.cells is not None else ln.text
        for ln in read_docx(data).lines
    ]


def test_paragraphs_and_tables_keep_body_order_and_real_spans() -> None:
    d = docx.Document()
    d.add_paragraph("三、收到和处理政府信息公开申请情况")
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "申请人情况"
    t.cell(0, 2).merge(t.cell(0, 3)).text = "法人或其他组织"
    for col, text in enumerate(["3001", "53"], start=2):
        t.cell(1, col).text = text
    t.cell(2, 0).merge(t.cell(2, 1)).text = "科研\n机构"  # a label wrapped in its cell
    d.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    assert _lines(_save(d)) == [
        "三、收到和处理政府信息公开申请情况",
        ["申请人情况", "~申请人情况", "法人或其他组织", "~法人或其他组织"],
        ["~申请人情况", "~申请人情况", "3001", "53"],
        ["科研机构", "~科研机构", "", ""],
        "四、政府信息公开行政复议、行政诉讼情况",
    ]


def test_content_controls_revisions_and_nested_tables() -> None:
    d = docx.Document()
    body = d.element.body
    body.insert(
        0,
        parse_xml(
            f"<w:sdt {NS}><w:sdtPr><w:alias w:val='标题'/></w:sdtPr><w:sdtContent>"
            "<w:p><w:r><w:t>淮安市人民政府</w:t></w:r></w:p>"
            "<w:p><w:del w:id='1' w:author='a'><w:r><w:delText>2023</w:delText></w:r></w:del>"
            "<w:ins w:id='2' w:author='a'><w:r><w:t>2024</w:t></w:r></w:ins>"
            "<w:r><w:t xml:space='preserve'> 年报告</w:t></w:r></w:p>"
            "</w:sdtContent></w:sdt>"
        ),
    )
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "外"
    inner = t.cell(0, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "科研"
    inner.cell(0, 1).text = "机构"
    t.cell(0, 1)._tc.append(
        parse_xml(
            f"<w:sdt {NS}><w:sdtContent><w:p><w:r><w:t>12</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    assert _lines(_save(d)) == ["淮安市人民政府", "2024 年报告", ["外科研机构", "12"]]


def test_grid_before_and_a_stray_vmerge_continue() -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    for r, row in enumerate(t.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"{r}{c}"
    first = t.rows[0].cells[0]._tc
    first.get_or_add_tcPr().append(parse_xml(f"<w:vMerge {NS} w:val='continue'/>"))
    tr = t.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.insert(0, parse_xml(f"<w:trPr {NS}><w:gridBefore w:val='1'/></w:trPr>"))
    assert _lines(_save(d)) == [["00", "01", "02"], ["", "11", "12"]]


def test_the_blank_official_template_reads_as_labelled_grids() -> None:
    doc = read_docx(TEMPLATE.read_bytes())
    rows = {ln.cells[0].text: ln.cells for ln in doc.lines if ln.cells}
    new = rows["一、本年新收政府信息公开申请数量"]
    assert [c.span for c in new[:3]] == [False, True, True]
    assert [c.text for c in new[3:]] == [""] * 7
    granted = next(
        ln.cells
        for ln in doc.lines
        if ln.cells and len(ln.cells) > 1 and ln.cells[1].text == "(一)予以公开"
    )
    assert (granted[0].text, granted[0].span) == ("三、本年度办理结果", False)
    header = next(
        ln.cells
        for ln in doc.lines
        if ln.cells and len(ln.cells) > 4 and ln.cells[4].text == "商业企业"
    )
    assert [c.text for c in header[4:9]] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"
    ]  # fmt: skip
    table4 = [ln.cells for ln in doc.lines if ln.cells and len(ln.cells) == 15]
    assert [c.text for c in table4[2][5:10]] == [
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    assert [(c.text, c.span) for c in table4[-1]] == [("", False)] * 15
    assert [c.text for c in rows["规章"]] == ["规章", "", "", ""]
    assert "一、总体情况" in [ln.text for ln in doc.lines if not ln.cells]


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_a_highly_compressed_part_is_refused_as_a_zip_bomb() -> None:
    bomb = _zip({"word/document.xml": b"<w:document>" + b" " * (20 * 1024 * 1024)})
    with pytest.raises(InputError, match="压缩炸弹"):
        read_docx(bomb)


def test_a_declared_huge_size_is_refused_before_decompression() -> None:
    data = bytearray(_zip({"word/document.xml": b"<w:document/>"}))
    central = data.rfind(b"PK\x01\x02")
    # the uncompressed size in the central directory, which is all the check reads
    data[central + 24 : central + 28] = struct.pack("<I", 4_000_000_000)
    with pytest.raises(InputError, match="压缩炸弹"):
        read_docx(bytes(data))


def test_too_many_parts_and_encrypted_parts_are_refused() -> None:
    many = _zip({f"word/media/{i}.xml": b"" for i in range(5001)}, zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="部件"):
        read_docx(many)
    data = bytearray(_zip({"word/document.xml": b"<w:document/>"}))
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag bit
    with pytest.raises(InputError, match="加密"):
        read_docx(bytes(data))


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 truncated",
        _zip({"word/document.xml": b"<not-xml"}),
        _zip({"other.xml": b"<a/>"}),
        bytes(range(256)) * 8,
    ],
    ids=["truncated", "bad-xml", "no-document", "random"],
)
def test_broken_files_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(InputError, match=r"Word|word"):
        read_docx(data)


def test_a_real_document_truncated_is_refused() -> None:
    with pytest.raises(InputError):
        read_docx(TEMPLATE.read_bytes()[:9000])
