"""Turning a report into the variants the world holds: the 2019 format, blank cells."""

from __future__ import annotations

import copy
import datetime as dt
import random
from decimal import Decimal

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState

OTHER_ROWS_2021 = tuple(k for k in L.T3_ROWS if k.startswith("other_"))


def to_2019(report: AnnualReport, rng: random.Random) -> AnnualReport:
    """The same 表三/表四 in the 2019 format (国办公开办函〔2019〕60号): one （六）其他处理 row for
    the three 2021 其他处理 rows, the 2019 表二 with random figures, a 2019 or 2020 year."""
    r = copy.deepcopy(report)
    r.provenance, r.inferred, r.findings = {}, [], []
    old_year = report.year or 2023
    year = rng.choice((2019, 2020))
    r.format = L.FORMAT_2019
    other = {
        c: sum((report.table3[k] or {}).get(c) or 0 for k in OTHER_ROWS_2021) for c in L.T3_COLUMNS
    }
    t3 = {}
    for key in L.T3_ROWS_2019:
        t3[key] = other if key == "other_processing" else copy.deepcopy(report.table3[key])
    r.table3 = t3
    t2: dict[str, dict[str, object]] = {}
    for key, columns in L.T2_2019_ROWS.items():
        row: dict[str, object] = {}
        for col in columns:
            if col == "items_change":
                row[col] = rng.randint(-5, 5)
            elif col == "amount":
                row[col] = str(Decimal(rng.randint(0, 99999)) / 100)
            else:
                row[col] = rng.randint(0, 500)
        t2[key] = row
    r.table2 = t2
    r.year = year
    if r.title:
        r.title = r.title.replace(f"{old_year}年", f"{year}年")
    r.period = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    r.publication_date = dt.date(year + 1, 1, 15)
    for section in r.sections:
        section.text = section.text.replace(f"{old_year}年", f"{year}年")
    return r


def value_paths(report: AnnualReport) -> list[str]:
    """表三 and 表四 value cells that hold a number (candidates for blanking)."""
    paths = [
        f"table3.{row}.{col}"
        for row, cells in report.table3.items()
        if cells
        for col, v in cells.items()
        if v is not None
    ]
    return paths + [f"table4.{k}" for k, v in report.table4.items() if v is not None]


def with_blanks(report: AnnualReport, rng: random.Random, count: int) -> AnnualReport:
    """The report with ``count`` zero cells printed empty, as agencies leave them."""
    r = copy.deepcopy(report)
    zeros = [p for p in value_paths(r) if r.get(p) == 0]
    for path in rng.sample(zeros, min(count, len(zeros))):
        r.set(path, None)
        r.provenance[path] = CellState.BLANK
    return r
