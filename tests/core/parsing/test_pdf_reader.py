"""PDF reader: ruling-line tables as grids, tables joined across pages, page furniture
dropped, scans listed for OCR, hostile files refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing import pdf_reader
from gongkai.core.parsing.document import Line, SourceDocument
from gongkai.core.parsing.pdf_reader import read_pdf

HUAIAN = Path(__file__).parents[2] / "fixtures" / "documents" / "huaian-2024-annual-report.pdf"


def _build_pdf(pages: list[str], image_pages: frozenset[int] = frozenset()) -> bytes:
    """A minimal PDF: one content stream a page; /F1 is Helvetica, /Im1 a small grey image."""
    font = 3 + 2 * len(pages)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(pages))), len(pages)),
    ]
    for i, stream in enumerate(pages):
        xobject = b"/XObject << /Im1 %d 0 R >>" % (font + 1) if i in image_pages else b""
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> %s >> >>" % (4 + 2 * i, font, xobject)
        )
        body = stream.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    objects.append(
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 64 >>\nstream\n%s\nendstream" % bytes(range(0, 256, 4))
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(offsets) + 1,
        xref,
    )
    return bytes(out)


def _text(x: int, y: int, s: str) -> str:
    return f"BT /F1 10 Tf {x} {y} Td ({s}) Tj ET\n"


def _line(x1: int, y1: int, x2: int, y2: int) -> str:
    return f"{x1} {y1} m {x2} {y2} l S\n"


def _split_table_pdf() -> bytes:
    """Page 1: a 3-column table at the foot, its header merged over two columns and "beta"
    merged over two rows; page 2 goes on with it, "beta" still merged (an empty cell); a
    running header and page numbers on both; page 3 is an image only (a scan)."""
    header = _text(100, 815, "Annual report header")
    p1 = header + _text(100, 790, "Report") + _text(280, 40, "- 1 -")
    p1 += "".join(_line(100, y, 450, y) for y in (300, 250, 200, 100)) + _line(250, 150, 450, 150)
    p1 += "".join(_line(x, 300, x, 100) for x in (100, 250, 450)) + _line(350, 250, 350, 100)
    cells = [(105, 270, "Name"), (255, 270, "Counts"), (105, 220, "alpha"), (255, 220, "1")]
    cells += [(355, 220, "2"), (105, 145, "beta"), (255, 170, "4"), (355, 170, "5")]
    cells += [(255, 120, "6"), (355, 120, "7")]
    p1 += "".join(_text(*c) for c in cells)
    p2 = header + _text(280, 40, "- 2 -") + _text(100, 600, "After the table")
    p2 += _line(100, 780, 450, 780) + _line(100, 680, 450, 680) + _line(250, 730, 450, 730)
    p2 += "".join(_line(x, 780, x, 680) for x in (100, 250, 350, 450))
    p2 += "".join(_text(*c) for c in [(255, 750, "8"), (355, 750, "9"), (255, 700, "1")])
    p2 += _text(355, 700, "3")
    p3 = "q 595 0 0 842 0 0 cm /Im1 Do Q\n"
    return _build_pdf([p1, p2, p3], frozenset({2}))


def _grid(line: Line) -> list[str]:
    """A row as text, copies of merged cells marked with a leading '~'."""
    assert line.cells is not None
    return [("~" if c.span else "") + c.text for c in line.cells]


@pytest.fixture(scope="module")
def huaian() -> SourceDocument:
    return read_pdf(HUAIAN.read_bytes())


def _row(doc: SourceDocument, first: str) -> list[str]:
    return next(_grid(ln) for ln in doc.lines if ln.cells and ln.cells[0].text == first)


def test_huaian_table3_rows_are_grids_with_their_seven_values(huaian: SourceDocument) -> None:
    new = _row(huaian, "一、本年新收政府信息公开申请数量")
    assert new[1:] == ["~一、本年新收政府信息公开申请数量"] * 2 + [
        "3001", "53", "0", "0", "61", "4", "3119"
    ]  # fmt: skip
    assert _row(huaian, "四、结转下年度继续办理")[3:] == ["103", "0", "0", "0", "0", "0", "103"]
    header = next(ln for ln in huaian.lines if ln.cells and _grid(ln)[4:5] == ["商业企业"])
    # labels wrapped inside their cells ("商业企\n业", "社会公益\n组织") are whole again
    assert _grid(header)[3:] == [
        "~自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "~总计"
    ]  # fmt: skip


def test_huaian_table3_joins_the_parts_either_side_of_the_page_break(
    huaian: SourceDocument,
) -> None:
    rows = {
        ln.cells[2].text: (ln.page, _grid(ln))
        for ln in huaian.lines
        if ln.cells and len(ln.cells) == 10
    }
    # "（四）无" ends page 4 and "法提供" begins page 5: one cell again, merged over 3 rows
    page, cells = rows["1.本机关不掌握相关政府信息"]
    assert (page, cells[:2]) == (4, ["~三、本年度办理结果", "(四)无法提供"])
    assert cells[3:] == ["746", "12", "0", "0", "10", "1", "769"]
    page, cells = rows["2.没有现成信息需要另行制作"]
    assert (page, cells[:2]) == (5, ["~三、本年度办理结果", "~(四)无法提供"])
    assert cells[3:] == ["11", "0", "0", "0", "0", "0", "11"]
    assert rows["3、其他"][1][:2] == ["~三、本年度办理结果", "~(六)其他处理"]
    assert rows["3、其他"][1][3:] == ["108", "2", "0", "0", "0", "0", "110"]
    assert not any(ln.text in ("- 4 -", "- 5 -") for ln in huaian.lines)


def test_huaian_table4_is_one_row_of_fifteen_values(huaian: SourceDocument) -> None:
    values = _row(huaian, "72")
    assert values == [
        "72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"
    ]  # fmt: skip
    leaves = next(ln for ln in huaian.lines if ln.cells and _grid(ln)[5:6] == ["结果维持"])
    assert _grid(leaves)[:5] == ["~结果维持", "~结果纠正", "~其他结果", "~尚未审结", "~总计"]


def test_huaian_table2_goes_on_across_pages_with_merged_cells(huaian: SourceDocument) -> None:
    assert _row(huaian, "规章") == ["规章", "1", "0", "11"]
    assert _row(huaian, "行政许可") == ["行政许可", "447228", "~447228", "~447228"]
    assert _row(huaian, "行政处罚") == ["行政处罚", "3985758", "~3985758", "~3985758"]
    assert _row(huaian, "行政事业性收费")[:2] == ["行政事业性收费", "96171.6"]


def test_huaian_paragraphs_and_meta(huaian: SourceDocument) -> None:
    texts = [ln.text for ln in huaian.lines if not ln.cells]
    assert texts[:2] == ["淮安市人民政府", "2024 年政府信息公开工作年度报告"]
    # the framed preamble is a one-column "table": its lines stay paragraphs
    assert any(t.startswith("本报告由淮安市人民政府办公室") for t in texts)
    assert "四、政府信息公开行政复议、行政诉讼情况" in texts
    assert huaian.meta == {
        "title": "政府信息公开工作年度报告",
        "pages": 6,
        "pages_without_text": [],
    }
    assert [ln.number for ln in huaian.lines] == list(range(1, len(huaian.lines) + 1))


def test_a_split_table_is_joined_and_page_furniture_dropped() -> None:
    doc = read_pdf(_split_table_pdf())
    assert [_grid(ln) if ln.cells else ln.text for ln in doc.lines] == [
        "Report",
        ["Name", "Counts", "~Counts"],
        ["alpha", "1", "2"],
        ["beta", "4", "5"],
        ["~beta", "6", "7"],
        ["~beta", "8", "9"],
        ["~beta", "1", "3"],
        "After the table",
    ]
    assert [ln.page for ln in doc.lines] == [1, 1, 1, 1, 1, 2, 2, 2]
    assert doc.meta["pages_without_text"] == [3]


def test_pages_and_time_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _split_table_pdf()
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 2)
    with pytest.raises(InputError, match="超过2页的上限"):
        read_pdf(data)
    monkeypatch.setattr(pdf_reader, "MAX_PDF_PAGES", 300)
    monkeypatch.setattr(pdf_reader, "PDF_TIME_BUDGET_SECONDS", -1.0)
    with pytest.raises(InputError, match=r"秒仍未读完.*已停止"):
        read_pdf(data)


@pytest.mark.parametrize(
    "data",
    [
        HUAIAN.read_bytes()[:5000],  # truncated
        b"%PDF-1.7\n" + bytes(range(256)) * 40,  # garbage after the marker
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF",
        b"not a pdf at all",
    ],
    ids=["truncated", "garbage", "no-pages", "not-pdf"],
)
def test_broken_pdfs_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(InputError, match="PDF"):
        read_pdf(data)


def test_a_password_protected_pdf_is_refused() -> None:
    import io

    import pypdf

    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_split_table_pdf()))
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(InputError, match="加密"):
        read_pdf(buffer.getvalue())


def test_blank_values_after_a_header_cut_by_the_page_break_stay_blank() -> None:
    """表四 with its 行政复议 block left blank: the header ends page 4 (its labels merged
    over two rows), the data row opens page 5 with five empty cells. Those are blanks, not
    the rest of the labels above them."""
    from gongkai.core.parsing.pdf_reader_tables import Box, Part, table_rows

    header = Part(
        4,
        [
            Box(0, 600, 100, 680, "结果维持"),  # merged over the two header rows
            Box(100, 600, 200, 640, "未经复议直接起诉"),
            Box(100, 640, 200, 680, "结果维持"),
        ],
    )
    data = Part(5, [Box(0, 60, 100, 100, ""), Box(100, 60, 200, 100, "0")])
    rows = [
        [("~" if c.span else "") + c.text for c in cells] for _, cells in table_rows([header, data])
    ]
    assert rows == [["结果维持", "未经复议直接起诉"], ["~结果维持", "结果维持"], ["", "0"]]


def test_a_row_cut_by_the_page_break_is_made_one_again() -> None:
    """LibreOffice lets a row break across pages: the label's rest opens the next page in
    a row whose figure cells are empty."""
    from gongkai.core.parsing.pdf_reader_tables import Box, Part, table_rows

    before = Part(
        4,
        [
            Box(0, 700, 100, 800, "(六)其他处理"),
            Box(100, 700, 200, 750, "1.申请人无正当理由"),
            Box(200, 700, 260, 750, "0"),
            Box(100, 750, 200, 800, "2.申请人逾期未按收"),
            Box(200, 750, 260, 800, "3"),
        ],
    )
    after = Part(
        5,
        [
            Box(0, 60, 100, 140, ""),
            Box(100, 60, 200, 100, "费通知要求缴纳费用"),
            Box(200, 60, 260, 100, ""),
            Box(100, 100, 200, 140, "3.其他"),
            Box(200, 100, 260, 140, "1"),
        ],
    )
    rows = [
        [("~" if c.span else "") + c.text for c in cells]
        for _, cells in table_rows([before, after])
    ]
    assert rows == [
        ["(六)其他处理", "1.申请人无正当理由", "0"],
        ["~(六)其他处理", "2.申请人逾期未按收费通知要求缴纳费用", "3"],
        ["~(六)其他处理", "3.其他", "1"],
    ]
