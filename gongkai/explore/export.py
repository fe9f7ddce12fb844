"""Each view's whole table as CSV (UTF-8 with BOM, which Excel reads as UTF-8) or XLSX,
with the Chinese column labels the page shows."""

from __future__ import annotations

import io
from pathlib import Path

import polars as pl
from openpyxl import Workbook

from gongkai.explore.views import View


def labelled(view: View) -> pl.DataFrame:
    return view.table.select([pl.col(key).alias(label) for key, label, _ in view.columns])


def to_csv(view: View) -> bytes:
    buffer = io.BytesIO()
    labelled(view).write_csv(buffer)
    return "\ufeff".encode() + buffer.getvalue()


def to_xlsx(view: View) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(view.title[:31])
    frame = labelled(view)
    sheet.append(frame.columns)
    for row in frame.iter_rows():
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_all(views: list[View], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for view in views:
        for ext, build in (("csv", to_csv), ("xlsx", to_xlsx)):
            path = folder / f"{view.id}.{ext}"
            path.write_bytes(build(view))
            written.append(path)
    return written
