"""The PDF: A4, Chinese fonts embedded, 表三's header on every page it spans, and exact
read-back by gongkai's PDF reader. PDF rendering takes about a second, so the random
examples are few."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from rendering_roundtrip import SEEDS, assert_same_report, report_2019, seed

from gongkai.core.parsing.read import read_report
from gongkai.core.rendering.pdf import render_pdf
from gongkai.core.report.model import AnnualReport
from tests.builders import consistent_report, consistent_reports


@pytest.fixture(scope="module")
def seed_pdfs() -> dict[str, tuple[AnnualReport, bytes]]:
    reports = {path.name[:3]: seed(path) for path in SEEDS}
    return {name: (report, render_pdf(report)) for name, report in reports.items()}


@pytest.mark.parametrize("name", [p.name[:3] for p in SEEDS])
def test_every_seed_reads_back_the_same(
    seed_pdfs: dict[str, tuple[AnnualReport, bytes]], name: str
) -> None:
    original, data = seed_pdfs[name]
    assert_same_report(read_report(data), original, "pdf")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_random_consistent_reports_read_back_the_same(report: AnnualReport) -> None:
    again = read_report(render_pdf(report))
    assert_same_report(again, report, "pdf")
    assert again.errors() == []


def test_a_2019_format_report_reads_back_the_same() -> None:
    original = report_2019()
    assert_same_report(read_report(render_pdf(original)), original, "pdf")


def test_pages_are_a4_with_cjk_fonts_and_page_numbers(
    seed_pdfs: dict[str, tuple[AnnualReport, bytes]],
) -> None:
    _, data = seed_pdfs["001"]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert all((round(p.width), round(p.height)) == (595, 842) for p in pdf.pages)
        fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars}
        footers = [p.extract_text_lines()[-1]["text"] for p in pdf.pages]
        title = pdf.metadata["Title"]
    assert any(f.startswith("Noto-Serif-CJK") for f in fonts)  # body (仿宋 stand-in)
    assert any(f.startswith("Noto-Sans-CJK") for f in fonts)  # headings (黑体 stand-in)
    assert footers == [f"— {n} —" for n in range(1, len(footers) + 1)]
    assert title == "沂源县公安局2023年政府信息公开工作年度报告"


def test_every_page_showing_table3_shows_its_header(
    seed_pdfs: dict[str, tuple[AnnualReport, bytes]],
) -> None:
    split = 0
    for _, data in seed_pdfs.values():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [p.extract_text() or "" for p in pdf.pages]
        rows = ("属于国家秘密", "重复申请", "结转下年度继续办理")
        table3_pages = [t for t in pages if any(r in t for r in rows)]
        split += len(table3_pages) > 1
        assert all("申请人情况" in t for t in table3_pages)
    assert split  # at least one seed's 表三 runs over a page break


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_pdf(consistent_report()) == render_pdf(consistent_report())
