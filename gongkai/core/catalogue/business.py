"""Figures from the agency's business systems for 表二 （五）（六）（八）, checked row by row.

The import has one row per figure: 年度, 类别, 处理决定数量 (for 行政许可, 行政处罚, 行政强制)
or 收费金额（元） (for 行政事业性收费), and optionally 来源系统 and 备注. Several rows of one
category (e.g. one per business system) add up; the same year, category and source twice is a
duplicate. Money is kept in 分 (integers) and shown in 万元 only when the table is written.
Every problem is reported with its row and column, in Chinese; nothing is half-imported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from gongkai.core.errors import GongkaiError
from gongkai.core.text_hygiene import text_problem


class FigureKind(StrEnum):
    LICENSE = "administrative_license"
    PENALTY = "administrative_penalty"
    COERCION = "administrative_coercion"
    FEES = "administrative_fees"


FIGURE_LABELS: dict[FigureKind, str] = {
    FigureKind.LICENSE: "行政许可",
    FigureKind.PENALTY: "行政处罚",
    FigureKind.COERCION: "行政强制",
    FigureKind.FEES: "行政事业性收费",
}
KIND_BY_LABEL = {label: kind for kind, label in FIGURE_LABELS.items()}

COL_YEAR, COL_KIND, COL_COUNT, COL_AMOUNT = "年度", "类别", "处理决定数量", "收费金额（元）"
COL_SOURCE, COL_NOTE = "来源系统", "备注"
REQUIRED_COLUMNS = (COL_YEAR, COL_KIND, COL_COUNT, COL_AMOUNT)
OPTIONAL_COLUMNS = (COL_SOURCE, COL_NOTE)
HEADER_ALIASES = {"收费金额": COL_AMOUNT, "数量": COL_COUNT, "年份": COL_YEAR, "事项类别": COL_KIND}


@dataclass(frozen=True)
class Figure:
    row: int  # 1-based row number in the file (the header is row 1)
    year: int
    kind: FigureKind
    count: int | None  # decisions, for the three counted kinds
    amount_fen: int | None  # 分, for 行政事业性收费
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class RowError:
    row: int  # 0 for problems of the file or its header
    column: str
    message: str

    def __str__(self) -> str:
        where = "表头" if self.row == 1 else (f"第{self.row}行" if self.row else "文件")
        column = f"“{self.column}”列" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class ImportCheck:
    figures: list[Figure] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.figures)

    def totals(self) -> dict[FigureKind, int]:
        out: dict[FigureKind, int] = {}
        for fig in self.figures:
            value = fig.amount_fen if fig.kind is FigureKind.FEES else fig.count
            out[fig.kind] = out.get(fig.kind, 0) + (value or 0)
        return out


def normalise_header(text: str) -> str:
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    # NFKC turns full-width brackets into ASCII ones; the canonical names use full-width.
    cleaned = cleaned.replace("(", "（").replace(")", "）")
    return HEADER_ALIASES.get(cleaned, cleaned)


def _cell(values: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(values):
        return ""
    return unicodedata.normalize("NFKC", values[index]).strip()


def parse_count(text: str) -> int:
    cleaned = text.replace(",", "")
    if cleaned.endswith(".0"):  # spreadsheets store whole numbers as floats
        cleaned = cleaned[:-2]
    if not cleaned.lstrip("-").isdigit():
        raise GongkaiError(f"“{text}”不是整数")
    value = int(cleaned)
    if value < 0:
        raise GongkaiError(f"数量不能为负数（{text}）")
    return value


def parse_amount_fen(text: str) -> int:
    cleaned = text.replace(",", "").removesuffix("元")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise GongkaiError(f"“{text}”不是金额数字") from None
    if not amount.is_finite():
        raise GongkaiError(f"“{text}”不是金额数字")
    if amount < 0:
        raise GongkaiError(f"金额不能为负数（{text}）")
    fen = amount * 100
    if fen != fen.to_integral_value():
        raise GongkaiError(f"金额“{text}”精确到分即可，不能超过两位小数")
    return int(fen)


def _header_index(header: Sequence[str], check: ImportCheck) -> dict[str, int]:
    index: dict[str, int] = {}
    for pos, raw in enumerate(header):
        name = normalise_header(raw)
        if not name:
            continue
        if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS:
            expected = "、".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
            check.errors.append(RowError(1, raw, f"不是可识别的列（可用的列：{expected}）"))
        elif name in index:
            check.errors.append(RowError(1, name, "重复出现"))
        else:
            index[name] = pos
    for name in REQUIRED_COLUMNS:
        if name not in index:
            check.errors.append(RowError(1, name, "缺少这一列"))
    return index


def check_rows(rows: Sequence[Sequence[str]], year: int, *, max_rows: int = 5000) -> ImportCheck:
    """Check a table (first row = header) for the report year ``year``."""
    check = ImportCheck()
    if not rows:
        check.errors.append(RowError(0, "", "文件是空的，没有表头和数据"))
        return check
    index = _header_index(rows[0], check)
    if check.errors:
        return check
    body = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]
    if not body:
        check.errors.append(RowError(0, "", "只有表头，没有数据行"))
    if len(body) > max_rows:
        check.errors.append(RowError(0, "", f"数据行超过{max_rows}行，请分批导入"))
        return check
    seen: dict[tuple[int, FigureKind, str], int] = {}
    for number, values in body:
        figure = _check_row(number, values, index, year, check)
        if figure is None:
            continue
        key = (figure.year, figure.kind, figure.source)
        if key in seen:
            check.errors.append(
                RowError(number, COL_KIND, f"与第{seen[key]}行重复（同一年度、类别和来源系统）")
            )
            continue
        seen[key] = number
        check.figures.append(figure)
    return check


def _check_row(
    number: int, values: Sequence[str], index: dict[str, int], year: int, check: ImportCheck
) -> Figure | None:
    before = len(check.errors)

    def fail(column: str, message: str) -> None:
        check.errors.append(RowError(number, column, message))

    # Control and other unprintable characters (core.text_hygiene) are refused, cell by cell.
    for column, pos in index.items():
        problem = text_problem(_cell(values, pos))
        if problem is not None:
            fail(column, problem)
    if len(check.errors) > before:
        return None
    year_text = _cell(values, index[COL_YEAR]).removesuffix("年")
    row_year = None
    if not year_text.isdigit():
        fail(COL_YEAR, f"“{year_text}”不是年份")
    elif int(year_text) != year:
        fail(COL_YEAR, f"年度为{year_text}，与本次导入的{year}年度不符")
    else:
        row_year = int(year_text)
    kind_text = _cell(values, index[COL_KIND])
    kind = KIND_BY_LABEL.get(kind_text)
    if kind is None:
        fail(
            COL_KIND,
            f"“{kind_text}”不是可导入的类别（应为行政许可、行政处罚、行政强制或行政事业性收费）",
        )
    count_text = _cell(values, index[COL_COUNT])
    amount_text = _cell(values, index[COL_AMOUNT])
    count = amount = None
    if kind is FigureKind.FEES:
        if count_text:
            fail(COL_COUNT, "行政事业性收费只填收费金额，不填处理决定数量")
        if not amount_text:
            fail(COL_AMOUNT, "行政事业性收费须填写收费金额（元）")
        else:
            amount = _parse(amount_text, parse_amount_fen, COL_AMOUNT, fail)
    elif kind is not None:
        if amount_text:
            fail(COL_AMOUNT, f"{FIGURE_LABELS[kind]}只填处理决定数量，不填收费金额")
        if not count_text:
            fail(COL_COUNT, f"{FIGURE_LABELS[kind]}须填写处理决定数量")
        else:
            count = _parse(count_text, parse_count, COL_COUNT, fail)
    if len(check.errors) > before or kind is None or row_year is None:
        return None
    source = _cell(values, index.get(COL_SOURCE))
    note = _cell(values, index.get(COL_NOTE))
    return Figure(number, row_year, kind, count, amount, source[:100], note[:200])


def _parse(
    text: str, parser: Callable[[str], int], column: str, fail: Callable[[str, str], None]
) -> int | None:
    try:
        value = parser(text)
    except GongkaiError as exc:
        fail(column, str(exc))
        return None
    return value
