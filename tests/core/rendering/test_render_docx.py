"""The DOCX: the template's tables (merges, labels), fonts, page, and exact read-back."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from rendering_roundtrip import SEEDS, TEMPLATE, assert_same_report, report_2019, seed

from gongkai.core.parsing.read import read_report
from gongkai.core.rendering.docx import render_docx
from gongkai.core.report.model import AnnualReport
from tests.builders import consistent_report, consistent_reports

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _structure(document: Any) -> list[list[list[tuple[str, int, str | None]]]]:
    """Each table's rows as (text, gridSpan, vMerge) per cell, as Word stores them."""
    tables = []
    for tbl in document.element.body.iter(f"{W}tbl"):
        rows = []
        for tr in tbl.iter(f"{W}tr"):
            cells = []
            for tc in tr.iter(f"{W}tc"):
                props = tc.find(f"{W}tcPr")
                span = props.find(f"{W}gridSpan") if props is not None else None
                merge = props.find(f"{W}vMerge") if props is not None else None
                text = "".join(t.text or "" for t in tc.iter(f"{W}t")).strip("\u3000 ")
                state = None if merge is None else (merge.get(f"{W}val") or "continue")
                cells.append((text, int(span.get(f"{W}val")) if span is not None else 1, state))
            rows.append(cells)
        tables.append(rows)
    return tables


def _open(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def test_the_tables_are_those_of_the_official_template() -> None:
    blank = AnnualReport(agency="某县公安局", year=2023)  # every cell blank, every row present
    ours = _structure(_open(render_docx(blank)))
    template = _structure(docx.Document(str(TEMPLATE)))
    assert len(ours) == len(template) == 3
    for mine, theirs in zip(ours, template, strict=True):
        assert mine == theirs


def test_fonts_are_set_for_east_asian_text_and_the_page_is_a4() -> None:
    document = _open(render_docx(consistent_report()))
    fonts = set()
    for run in document.element.body.iter(f"{W}r"):
        if run.find(f"{W}t") is None:
            continue
        east_asian = run.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
        fonts.add(east_asian)
    assert fonts == {"宋体", "黑体", "仿宋_GB2312", "楷体"}
    section = document.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.5)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert "PAGE" in document.sections[0].footer._element.xml


def test_header_rows_repeat_and_rows_never_split() -> None:
    document = _open(render_docx(consistent_report()))
    t2, t3, t4 = document.tables
    repeated = [len(t._tbl.findall(f".//{W}tblHeader")) for t in (t2, t3, t4)]
    assert repeated == [0, 3, 3]
    assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in t3._tbl.iter(f"{W}tr"))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_reads_back_the_same(path: Path) -> None:
    original = seed(path)
    assert_same_report(read_report(render_docx(original)), original, "docx")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_random_consistent_reports_read_back_the_same(report: AnnualReport) -> None:
    again = read_report(render_docx(report))
    assert_same_report(again, report, "docx")
    assert again.errors() == []


def test_a_2019_format_report_reads_back_the_same() -> None:
    original = report_2019()
    assert_same_report(read_report(render_docx(original)), original, "docx")


def test_the_same_report_gives_the_same_bytes_without_the_templates_metadata() -> None:
    report = consistent_report()
    data = render_docx(report)
    assert render_docx(consistent_report()) == data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert "docProps/custom.xml" not in names
        everything = b"".join(z.read(n) for n in names)
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"WPS" not in z.read("docProps/app.xml")
    assert "张幸瑾".encode() not in everything  # the template's author
    props = _open(data).core_properties
    assert (props.title, props.author) == (report.title, report.agency)
    assert props.created.date() == report.publication_date
