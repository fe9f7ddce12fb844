"""PDFs whose pages have no text layer: the PDF reader OCRs them, alone or among text
pages, within limits on pages and time. The scans are built at test time from page images
of a seed report (Noto Sans CJK, 150 dpi, rotated, blurred and noised)."""

from __future__ import annotations

import io

import pypdf
import pytest
from PIL import Image, ImageDraw

from bench.corpus import seed_reports
from bench.ocr import cjk_font, degrade, render_tables_page, table_paths
from gongkai.core.errors import InputError
from gongkai.core.parsing import ocr_reader
from gongkai.core.parsing.limits import MAX_IMAGE_PIXELS
from gongkai.core.parsing.pdf_reader import read_pdf
from gongkai.core.parsing.read import read_report
from gongkai.core.report.model import AnnualReport
from tests.core.parsing.test_ocr_reader import _require_cjk_font
from tests.core.parsing.test_pdf_reader import _build_pdf, _text


def _title_page(report: AnnualReport) -> Image.Image:
    page = Image.new("L", (1240, 600), 255)
    draw = ImageDraw.Draw(page)
    assert report.title
    draw.text((120, 200), report.title, fill=0, font=cjk_font(30))
    period = "本报告统计期限自2024年1月1日起至2024年12月31日止。"
    draw.text((120, 300), period, fill=0, font=cjk_font())
    return page


def _scanned_pdf(pages: list[Image.Image]) -> bytes:
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", resolution=150, save_all=True, append_images=pages[1:])
    return buf.getvalue()


@pytest.fixture(scope="module")
def seed() -> AnnualReport:
    _require_cjk_font()
    return seed_reports()[4]  # the seed with non-zero 表四 figures


@pytest.fixture(scope="module")
def scanned(seed: AnnualReport) -> bytes:
    title = degrade(_title_page(seed), seed=3)
    tables = degrade(render_tables_page(seed), seed=4)
    return _scanned_pdf([title, tables])


def test_a_fully_scanned_pdf_is_read_by_ocr(seed: AnnualReport, scanned: bytes) -> None:
    report = read_report(scanned, "scan.pdf")
    assert report.source["format"] == "pdf"
    assert report.agency == seed.agency and report.year == seed.year
    wrong = [p for p in table_paths(seed) if report.get(p) != seed.get(p)]
    assert wrong == [], wrong
    # the page holds 表三 and 表四 only: 表二 is missing, the others are found
    missing = [f.where for f in report.findings if f.rule == "PARSE-TABLE-NOT-FOUND"]
    assert missing == [["table2"]], missing
    assert isinstance(report.source["low_confidence"], dict)
    assert [page["page"] for page in report.source["ocr"]] == [1, 2]


def test_scanned_pages_take_their_place_among_text_pages(
    seed: AnnualReport, scanned: bytes
) -> None:
    text_page = _build_pdf([_text(72, 760, "Cover page with a text layer, before the scan")])
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(io.BytesIO(text_page)))
    writer.append(pypdf.PdfReader(io.BytesIO(scanned)), pages=[1])  # the tables scan only
    buf = io.BytesIO()
    writer.write(buf)
    doc = read_pdf(buf.getvalue())
    assert doc.meta["pages_without_text"] == [2]
    assert doc.lines[0].text.startswith("Cover page") and doc.lines[0].page == 1
    assert {ln.page for ln in doc.lines[1:]} == {2}
    assert [ln.number for ln in doc.lines] == list(range(1, len(doc.lines) + 1))
    rows = [ln for ln in doc.lines if ln.cells]
    read = [c for ln in rows for c in ln.cells or [] if c.text]  # an empty cell has no score
    assert read and all(c.confidence is not None for c in read)


def test_too_many_scanned_pages_are_refused(
    monkeypatch: pytest.MonkeyPatch, scanned: bytes
) -> None:
    monkeypatch.setattr(ocr_reader, "MAX_OCR_PAGES", 1)
    with pytest.raises(InputError, match="扫描页共2页，超过文字识别1页的上限"):
        read_pdf(scanned)


def test_ocr_past_its_time_budget_is_stopped(
    monkeypatch: pytest.MonkeyPatch, scanned: bytes
) -> None:
    monkeypatch.setattr(ocr_reader, "OCR_SECONDS_PER_PAGE", -1.0)
    with pytest.raises(InputError, match=r"文字识别超过-2秒（每页-1秒）仍未完成（识别到第1页）"):
        read_pdf(scanned)


def test_a_blank_scan_is_refused_with_a_reason() -> None:
    with pytest.raises(InputError, match=r"没有文字层.*未识别出文字"):
        read_pdf(_scanned_pdf([Image.new("L", (400, 600), 255)]))


def test_a_huge_page_is_rendered_within_the_pixel_limit() -> None:
    a4 = ocr_reader._scale((595.0, 842.0), 170)
    assert a4 == pytest.approx(170 / 72)
    giant = ocr_reader._scale((14400.0, 14400.0), 170)  # 200 × 200 inches
    assert (14400 * giant) ** 2 <= MAX_IMAGE_PIXELS * 1.0001


def test_a_blank_page_is_not_sent_to_ocr() -> None:
    data = _build_pdf(["", _text(72, 760, "A page with a text layer and nothing else on it")])
    doc = read_pdf(data)
    assert doc.meta["pages_without_text"] == [] and "ocr" not in doc.meta
    assert [ln.page for ln in doc.lines] == [2]
