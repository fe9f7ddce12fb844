"""The workbook: one sheet per table laid out as the official tables (merged headers),
every value in its place, the report's particulars and findings, the same bytes each time."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from rendering_roundtrip import SEEDS, report_2019, seed

from gongkai.core.rendering.layout import VALUE, table_layouts
from gongkai.core.rendering.xlsx import AMOUNT_PATHS, SHEET_NAMES, TITLE_ROWS, render_xlsx
from gongkai.core.report.model import AnnualReport, cell_paths
from tests.builders import consistent_report, consistent_reports


def _workbook(report: AnnualReport) -> Any:
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(report)))


def _read_back(report: AnnualReport, workbook: Any) -> dict[str, Any]:
    """Every value cell of the sheets, by report path, found where the layout puts it."""
    values: dict[str, Any] = {}
    for layout in table_layouts(report).values():
        sheet = workbook[SHEET_NAMES[layout.key]]
        merged = {(m.min_row, m.min_col): (m.max_row, m.max_col) for m in sheet.merged_cells}
        taken: set[tuple[int, int]] = set()
        for r, spots in enumerate(layout.rows, start=TITLE_ROWS + 1):
            c = 1
            for spot in spots:
                while (r, c) in taken:
                    c += 1
                end = (r + spot.rowspan - 1, c + spot.colspan - 1)
                assert merged.get((r, c), (r, c)) == end, (layout.key, r, c)
                taken |= {(r + i, c + j) for i in range(spot.rowspan) for j in range(spot.colspan)}
                cell = sheet.cell(r, c)
                if spot.role == VALUE:
                    values[spot.path] = cell.value
                    if spot.path in AMOUNT_PATHS and cell.value is not None:  # shown as printed
                        decimals = len(cell.number_format.partition(".")[2])
                        shown = Decimal(str(cell.value)).quantize(Decimal(10) ** -decimals)
                        values[spot.path] = str(shown)
                else:
                    assert cell.value == spot.text
                c += spot.colspan
    return values


def _expected(report: AnnualReport) -> dict[str, Any]:
    return {
        spot.path: report.get(spot.path)
        for layout in table_layouts(report).values()
        for row in layout.rows
        for spot in row
        if spot.role == VALUE
    }


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_value_is_in_its_place(path: Any) -> None:
    report = seed(path)
    workbook = _workbook(report)
    assert workbook.sheetnames == [*SHEET_NAMES.values(), "报告信息", "校验结果"]
    assert _read_back(report, workbook) == _expected(report)
    findings = list(workbook["校验结果"].iter_rows(min_row=2, values_only=True))
    assert [(rule, message) for rule, _, _, message, _ in findings] == [
        (f.rule, f.message) for f in report.findings
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_reports())
def test_random_reports_every_value_is_in_its_place(report: AnnualReport) -> None:
    expected = _expected(report)
    assert sorted(expected) == sorted(cell_paths(report))  # every cell of the format
    assert _read_back(report, _workbook(report)) == expected


def test_a_2019_format_report() -> None:
    report = report_2019()
    assert _read_back(report, _workbook(report)) == _expected(report)


def test_particulars_sheet_and_amount_shown_with_its_decimals() -> None:
    report = consistent_report()
    workbook = _workbook(report)
    particulars = dict(workbook["报告信息"].iter_rows(min_row=2, values_only=True))
    assert particulars["机关"] == "某县公安局" and particulars["年度"] == 2023
    assert particulars["统计期限"] == "2023-01-01 至 2023-12-31"
    assert particulars["联系电话"] == "0000-1234567"
    fee = next(
        c for row in workbook[SHEET_NAMES["table2"]].iter_rows() for c in row if c.value == 12.3456
    )
    assert fee.number_format == "0.0000"
    assert workbook["表三 依申请公开"].freeze_panes == "A6"


def test_the_same_report_gives_the_same_bytes() -> None:
    assert render_xlsx(consistent_report()) == render_xlsx(consistent_report())
