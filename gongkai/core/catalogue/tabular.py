"""Reading an uploaded CSV or XLSX file into rows of text, with Chinese errors.

CSV files from Chinese office software are often GB18030 (GBK) rather than UTF-8; both are
accepted. Spreadsheet cells become text the way a person reads them (12 not 12.0).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

from gongkai.core.errors import InputError

MAX_BYTES = 5 * 1024 * 1024


def read_table(data: bytes, filename: str) -> list[list[str]]:
    if len(data) > MAX_BYTES:
        raise InputError(f"文件超过{MAX_BYTES // (1024 * 1024)}MB，请拆分后导入")
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data)
    if name.endswith(".xls"):
        raise InputError("不支持旧版 .xls 文件，请在表格软件中另存为 .xlsx 或 .csv 后导入")
    raise InputError(f"不支持的文件类型“{filename}”：请上传 .csv 或 .xlsx 文件")


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件的文字编码，请另存为 UTF-8 编码的 CSV")  # pragma: no cover


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise InputError("文件不是文本格式的 CSV，请检查文件类型")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise InputError(f"CSV 文件格式有误：{exc}") from None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        as_decimal = Decimal(repr(value))
        return (
            str(int(as_decimal))
            if as_decimal == as_decimal.to_integral_value()
            else str(as_decimal)
        )
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value).strip()


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError(f"无法读取 .xlsx 文件（{type(exc).__name__}），请确认文件未损坏") from None
    try:
        sheet = book.worksheets[0]
        return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
