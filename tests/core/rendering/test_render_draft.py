"""A report not yet published is marked 草稿 in every format it is written in (issue 14),
and the mark changes nothing else: the published files are the same bytes as without it,
and a draft's tables read back as they were made."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pdfplumber
import pytest
from rendering_roundtrip import report_2019

from gongkai.core.parsing.read import read_report
from gongkai.core.rendering.draft import DRAFT_MARK, DRAFT_NOTE
from gongkai.core.report.model import AnnualReport
from gongkai.core.reporting.formats import available_formats, render

MARKED = [f for f in ("html", "docx", "pdf", "xlsx") if f in available_formats()]


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    return report_2019()


def _docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n).decode("utf-8") for n in package.namelist() if n.endswith("xml")}


def _pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_html_draft_has_a_watermark_and_a_note(report: AnnualReport) -> None:
    page = render(report, "html", draft=True).decode("utf-8")
    assert f'<div class="draft-mark" aria-hidden="true">{DRAFT_MARK}</div>' in page
    assert DRAFT_NOTE in page and f"<title>【{DRAFT_MARK}】" in page
    assert "position:fixed" in page  # on every screen and printed page
    assert DRAFT_MARK not in render(report, "html").decode("utf-8")


def test_docx_draft_has_words_watermark_in_the_header(report: AnnualReport) -> None:
    parts = _docx_parts(render(report, "docx", draft=True))
    headers = [text for name, text in parts.items() if name.startswith("word/header")]
    assert any(f'string="{DRAFT_MARK}"' in h and "v:textpath" in h for h in headers)
    assert DRAFT_NOTE in parts["word/document.xml"]
    assert f"【{DRAFT_MARK}】" in parts["docProps/core.xml"]
    published = _docx_parts(render(report, "docx"))
    assert not any(DRAFT_MARK in text for text in published.values())


def test_pdf_draft_shows_the_mark_on_every_page(report: AnnualReport) -> None:
    if "pdf" not in available_formats():
        pytest.skip("WeasyPrint is not installed")
    pages = _pdf_pages(render(report, "pdf", draft=True))
    assert len(pages) > 1
    # The mark is rotated: a text layer gives its two characters, not always side by side.
    assert all(set(DRAFT_MARK) <= set(text) for text in pages)
    assert not any(set(DRAFT_MARK) & set(text) for text in _pdf_pages(render(report, "pdf")))


def test_xlsx_draft_marks_every_sheet(report: AnnualReport) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx", draft=True)))
    assert all(sheet.oddHeader.center.text == DRAFT_MARK for sheet in book.worksheets)
    tables = [s for s in book.worksheets if s.title.startswith("表")]
    assert len(tables) == 3 and all(s.cell(2, 1).value == DRAFT_NOTE for s in tables)
    assert book.properties.title.startswith(f"【{DRAFT_MARK}】")
    published = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    assert not any(s.oddHeader.center.text for s in published.worksheets)
    assert all(s.cell(2, 1).value is None for s in published.worksheets if s.title[0] == "表")


@pytest.mark.parametrize("fmt", [f for f in MARKED if f != "xlsx"])
def test_a_drafts_tables_read_back_as_made(report: AnnualReport, fmt: str) -> None:
    again = read_report(render(report, fmt, draft=True), f"draft.{fmt}")
    assert (again.table2, again.table3, again.table4) == (
        report.table2,
        report.table3,
        report.table4,
    )


def test_json_is_data_and_is_never_marked(report: AnnualReport) -> None:
    assert render(report, "json", draft=True) == render(report, "json")
