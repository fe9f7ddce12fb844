"""Word documents: real merged-cell spans, the blank official template, hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from gongkai.core.errors import InputError
from gongkai.core.parsing.docx_reader import read_docx
from gongkai.core.parsing.read import read_report, report_from_text
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState

FIXTURES = Path(__file__).parents[2] / "fixtures"
TEMPLATE = FIXTURES / "documents" / "official-format-blank-template.docx"


def _shown(value: object) -> str:
    return "" if value is None else str(value)


def _docx_of(report: AnnualReport) -> bytes:
    """The report as Word, its tables with merged label and header cells."""
    d = docx.Document()
    d.add_paragraph(report.title or "")
    texts = {s.key: s.text for s in report.sections if s.key}
    for key, heading in zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True):
        d.add_paragraph(heading)
        d.add_paragraph(texts.get(key) or "无。")
        if key == "applications":
            rows = report.t3_rows
            t = d.add_table(rows=len(rows) + 1, cols=9)
            t.cell(0, 0).merge(t.cell(0, 1)).text = "申请人情况"
            for i, col in enumerate(L.T3_COLUMNS):
                t.cell(0, 2 + i).text = L.T3_COLUMN_LABELS[col]
            for r, row in enumerate(rows, start=1):
                path = L.T3_ROW_PATHS[row]
                if len(path) == 1 or row == "results_total":
                    t.cell(r, 0).merge(t.cell(r, 1)).text = path[-1]
                else:
                    t.cell(r, 0).text = path[1] if len(path) == 3 else path[0]
                    t.cell(r, 1).text = path[-1]
                for i, col in enumerate(L.T3_COLUMNS):
                    t.cell(r, 2 + i).text = _shown((report.table3[row] or {}).get(col))
            first = rows.index("granted") + 1
            t.cell(first, 0).merge(t.cell(rows.index("other_other") + 1, 0))
        if key == "review_litigation":
            t = d.add_table(rows=3, cols=15)
            t.cell(0, 0).merge(t.cell(0, 4)).text = "行政复议"
            t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
            for i, col in enumerate(L.T4_COLUMNS):
                t.cell(1, i).text = L.T4_LEAF_LABELS[col.rsplit("_", 1)[1]]
                t.cell(2, i).text = _shown(report.table4[col])
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def test_merged_cells_are_expanded_and_marked() -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "三、本年度办理结果"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "合并"
    buffer = io.BytesIO()
    d.save(buffer)
    rows = [[(c.text, c.span) for c in ln.cells] for ln in read_docx(buffer.getvalue()).lines]
    assert rows[0] == [("三、本年度办理结果", False), ("合并", False), ("合并", True)]
    assert rows[1][0] == ("三、本年度办理结果", True)


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_a_seed_as_word_reads_back_the_same_tables(prefix: str) -> None:
    text = next((FIXTURES / "seeds").glob(f"{prefix}_*.txt")).read_text("utf-8")
    original = report_from_text(text)
    again = read_report(_docx_of(original))
    assert again.source["format"] == "docx"
    assert again.table3 == original.table3
    assert again.table4 == original.table4


def test_the_blank_official_template_reads_as_all_blank_without_error() -> None:
    report = read_report(TEMPLATE.read_bytes(), TEMPLATE.name)
    assert report.source["format"] == "docx"
    assert all(
        report.state(p) == CellState.BLANK
        for p in (
            "table3.new_received.total",
            "table4.review_total",
            "table2.regulations.issued",
        )
    )
    assert not report.errors()
    assert [f.rule for f in report.findings if f.rule == "REPORT-ALL-BLANK"]
    assert [s.key for s in report.sections] == list(L.SECTION_KEYS)


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b"a" * (300 * 1024 * 1024) + b">")
    with pytest.raises(InputError, match="压缩炸弹"):
        read_report(buffer.getvalue())


def test_encrypted_or_legacy_word_files_are_refused() -> None:
    with pytest.raises(InputError, match="加密"):
        read_report(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def test_a_broken_docx_is_refused_with_a_reason() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", b"<not-xml")
    with pytest.raises(InputError, match="Word"):
        read_report(buffer.getvalue())
