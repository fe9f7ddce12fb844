"""A report as an Excel workbook (XLSX): one sheet per table in the official layout, with
the template's merged header cells, then a sheet of the report's particulars and one of
its check findings.

Counts are numbers (so that a spreadsheet can add them up); an amount in 万元 is a number
shown with exactly the decimals the report printed; a blank cell stays empty. The
workbook is deterministic: fixed properties (dated the publication day) and timestamps.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

from gongkai.core.rendering.draft import DRAFT_MARK, DRAFT_NOTE, draft_title
from gongkai.core.rendering.layout import (
    CAPTION,
    HEAD,
    NOTE,
    VALUE,
    TableLayout,
    report_title,
    table_layouts,
)
from gongkai.core.rendering.zipfix import normalized_zip
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Severity

SHEET_NAMES = {"table2": "表二 主动公开", "table3": "表三 依申请公开", "table4": "表四 复议诉讼"}
SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
FONT = "宋体"
TITLE_ROWS = 2  # the table's heading, then an empty row


def render_xlsx(report: AnnualReport, *, draft: bool = False) -> bytes:
    """The report as XLSX bytes; the same report always gives the same bytes. ``draft``
    (a workbook has no watermark) puts the 草稿 note under each table's heading, 草稿 in
    every sheet's printed header and in the workbook's title."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    headings = dict(zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True))
    for key, layout in table_layouts(report).items():
        sheet = workbook.create_sheet(SHEET_NAMES[layout.key])
        _table_sheet(sheet, layout, headings[key], report)
    _particulars_sheet(workbook.create_sheet("报告信息"), report)
    _findings_sheet(workbook.create_sheet("校验结果"), report)
    if draft:
        _mark_draft(workbook)
    day = report.publication_date
    stamp = dt.datetime(day.year, day.month, day.day) if day else dt.datetime(2000, 1, 1)
    props = workbook.properties
    props.title = draft_title(report_title(report)) if draft else report_title(report)
    props.creator = props.lastModifiedBy = report.agency or ""
    props.subject = "政府信息公开工作年度报告"
    props.created = props.modified = stamp
    out = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook stamps the current time into the file.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalized_zip(out.getvalue())


# Amounts (万元) are decimal strings in the report, printed with their own decimals.
AMOUNT_PATHS = frozenset({"table2.administrative_fees", "table2.government_procurement.amount"})


def _number(text: str, path: str | None) -> int | Decimal | str:
    """Counts as integers, amounts as decimals; anything else (never expected) as printed."""
    if not text:
        return text
    try:
        return Decimal(text) if path in AMOUNT_PATHS else int(text)
    except (ArithmeticError, ValueError):
        return text


def _table_sheet(sheet: Any, layout: TableLayout, heading: str, report: AnnualReport) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="C6D9F1")
    sheet.cell(1, 1, heading).font = Font(name="黑体", size=14)
    taken: set[tuple[int, int]] = set()
    for r, spots in enumerate(layout.rows, start=TITLE_ROWS + 1):
        c = 1
        for spot in spots:
            while (r, c) in taken:
                c += 1
            value = _number(spot.text, spot.path) if spot.role == VALUE else spot.text
            cell = sheet.cell(r, c, value if value != "" else None)
            if isinstance(value, Decimal):
                decimals = -int(value.as_tuple().exponent)
                cell.number_format = "0." + "0" * decimals if decimals > 0 else "0"
            cell.font = Font(name="楷体" if spot.role == NOTE else FONT, size=10)
            cell.alignment = Alignment(
                horizontal="center" if spot.role in (VALUE, HEAD) else spot.align,
                vertical="center",
                wrap_text=True,
            )
            if spot.role == CAPTION:
                cell.fill = fill
            for dr in range(spot.rowspan):
                for dc in range(spot.colspan):
                    taken.add((r + dr, c + dc))
                    sheet.cell(r + dr, c + dc).border = border
            if spot.rowspan > 1 or spot.colspan > 1:
                sheet.merge_cells(
                    start_row=r,
                    start_column=c,
                    end_row=r + spot.rowspan - 1,
                    end_column=c + spot.colspan - 1,
                )
            c += spot.colspan
    for index, width in enumerate(layout.widths, start=1):
        # the template's widths in twips; an Excel column unit is about 7 points (140 twips)
        sheet.column_dimensions[get_column_letter(index)].width = round(width / 100, 1)
    if layout.header_rows:
        sheet.freeze_panes = sheet.cell(TITLE_ROWS + layout.header_rows + 1, 1)
    sheet.print_title_rows = f"{TITLE_ROWS + 1}:{TITLE_ROWS + max(layout.header_rows, 1)}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if layout.key == "table4" else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _mark_draft(workbook: Any) -> None:
    from openpyxl.styles import Font

    for sheet in workbook.worksheets:
        sheet.oddHeader.center.text = DRAFT_MARK
        sheet.oddHeader.center.size = 20
        sheet.oddHeader.center.color = "B42318"
        sheet.sheet_properties.tabColor = "B42318"
        if sheet.title in SHEET_NAMES.values():
            # The empty row under the heading (TITLE_ROWS), so the table keeps its place.
            note = sheet.cell(TITLE_ROWS, 1, DRAFT_NOTE)
            note.font = Font(name="黑体", size=12, bold=True, color="B42318")


def _particulars_sheet(sheet: Any, report: AnnualReport) -> None:
    from openpyxl.styles import Font

    period = report.period
    rows: list[tuple[str, Any]] = [
        ("标题", report_title(report)),
        ("机关", report.agency),
        ("年度", report.year),
        ("格式", "2019年格式" if report.format == L.FORMAT_2019 else "2021年格式"),
        ("统计期限", f"{period[0].isoformat()} 至 {period[1].isoformat()}" if period else None),
        ("发布日期", report.publication_date.isoformat() if report.publication_date else None),
        ("联系地址", report.contact.address),
        ("邮政编码", report.contact.postcode),
        ("联系电话", report.contact.phone),
        ("电子邮箱", report.contact.email),
        ("网址", report.contact.website),
    ]
    _write_rows(sheet, ("项目", "内容"), rows)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 60
    sheet["A1"].font = sheet["B1"].font = Font(name=FONT, bold=True)


def _findings_sheet(sheet: Any, report: AnnualReport) -> None:
    rows = [
        (
            f.rule,
            SEVERITY_NAMES[f.severity],
            "，".join(f.where),
            f.message,
            f.line,
        )
        for f in report.findings
    ]
    _write_rows(sheet, ("规则", "严重程度", "所涉单元格", "说明", "原文行号"), rows)
    for column, width in zip("ABCDE", (22, 10, 40, 80, 10), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def _write_rows(sheet: Any, header: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(name=FONT, bold=True)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
