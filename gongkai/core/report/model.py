"""The annual report as typed data.

A report is addressed cell by cell with dotted paths (``table3.granted.total``,
``table4.review_total``, ``table2.regulations.in_force``, ``table2.administrative_fees``).
Four states of a cell are kept apart:

* a number (``0`` included);
* a **blank** cell: the source prints the cell but leaves it empty (value ``None``);
* a **missing** cell: the source row has fewer cells than the format (value ``None``);
* a **missing row**: the source omits the whole row (the row itself is ``None``).

The value of a cell is stored in the tables; what was wrong with the source (blank, missing,
unreadable, ambiguous) is stored in :attr:`AnnualReport.provenance`, keyed by path, and the
cells whose value the product inferred from the table's arithmetic are listed in
:attr:`AnnualReport.inferred`, so that an inferred value is still a plain number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any, TypeAlias

from gongkai.core.report import labels as L

Count: TypeAlias = int | None
Row: TypeAlias = dict[str, Any]


class CellState(StrEnum):
    """How a value that is not a plainly printed number came about."""

    BLANK = "blank"  # printed cell, nothing in it
    MISSING = "missing"  # (row path) the row has fewer cells than the format
    ROW_MISSING = "row_missing"  # (row path) the row is absent
    UNREADABLE = "unreadable"  # a cell whose text is not a number
    AMBIGUOUS = "ambiguous"  # several readings fit; none was chosen


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass
class Finding:
    """One check that did not pass, or one repair or inference that was made."""

    rule: str
    severity: Severity
    where: list[str]
    message: str
    line: int | None = None  # 1-based source line, for parsed documents
    suggestion: dict[str, Any] | None = None  # e.g. a proposed correction

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "severity": str(self.severity),
            "where": list(self.where),
            "message": self.message,
        }
        if self.line is not None:
            data["line"] = self.line
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Finding:
        return cls(
            rule=data["rule"],
            severity=Severity(data["severity"]),
            where=list(data.get("where", [])),
            message=data["message"],
            line=data.get("line"),
            suggestion=data.get("suggestion"),
        )


@dataclass
class Section:
    """A top-level narrative section as found in the document."""

    key: str | None  # one of labels.SECTION_KEYS, or None for an unknown heading
    number: str  # the numeral as printed ("一" … "六"), "" when unnumbered
    title: str  # the heading text after the numeral
    text: str = ""
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "line": self.line,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Section:
        return cls(
            data.get("key"), data["number"], data["title"], data.get("text", ""), data.get("line")
        )


@dataclass
class Contact:
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None

    def to_json(self) -> dict[str, str]:
        return {k: v for k, v in vars(self).items() if v is not None}

    def is_empty(self) -> bool:
        return not self.to_json()


def empty_table3(fmt: str = L.FORMAT_2021) -> dict[str, Row | None]:
    return {row: dict.fromkeys(L.T3_COLUMNS) for row in L.t3_rows(fmt)}


def empty_table4() -> dict[str, Count]:
    return dict.fromkeys(L.T4_COLUMNS)


def empty_table2(fmt: str = L.FORMAT_2021) -> dict[str, Any]:
    if fmt == L.FORMAT_2019:
        return {row: dict.fromkeys(cols) for row, cols in L.T2_2019_ROWS.items()}
    table: dict[str, Any] = {}
    for row in L.T2_ROWS:
        table[row.key] = dict.fromkeys(row.columns) if row.columns else None
    return table


@dataclass
class AnnualReport:
    """One agency's annual report for one year, in the 2021 (or 2019) national format."""

    format: str = L.FORMAT_2021
    agency: str | None = None
    year: int | None = None
    title: str | None = None
    publication_date: dt.date | None = None
    period: tuple[dt.date, dt.date] | None = None
    contact: Contact = field(default_factory=Contact)
    table2: dict[str, Any] = field(default_factory=empty_table2)
    table3: dict[str, Row | None] = field(default_factory=empty_table3)
    table4: dict[str, Count] = field(default_factory=empty_table4)
    sections: list[Section] = field(default_factory=list)
    provenance: dict[str, CellState] = field(default_factory=dict)
    inferred: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)
    # 1-based source line of each parsed cell or section, for findings; not part of the JSON.
    locations: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    extra: dict[str, Any] = field(default_factory=dict)  # further keys kept on round trip

    def __post_init__(self) -> None:
        # A 2019-format report built with the default (2021-shaped) empty tables gets the
        # 2019 shapes; tables that were handed in are kept as they are.
        if self.format == L.FORMAT_2019 and "other_processing" not in self.table3:
            if self.table3 == empty_table3():
                self.table3 = empty_table3(L.FORMAT_2019)
            if self.table2 == empty_table2():
                self.table2 = empty_table2(L.FORMAT_2019)

    # -- cell access by path -------------------------------------------------
    def get(self, path: str) -> Any:
        table, *rest = path.split(".")
        node: Any = getattr(self, table)
        for part in rest:
            if node is None:
                return None
            node = node[part]
        return node

    def set(self, path: str, value: Any) -> None:
        self.set_all({path: value})

    def set_all(self, values: dict[str, Any]) -> None:
        """Every cell of ``values`` set by its path (a reader sets a table's cells at once)."""
        parent: str | None = None
        node: Any = None
        for path, value in values.items():
            table, inner, last, of = _split_path(path)
            if of is not parent:  # a row's cells come together: its dict is found once
                parent = of
                node = getattr(self, table)
                for part in inner:
                    if node[part] is None:
                        node[part] = {}
                    node = node[part]
            node[last] = value

    def state(self, path: str) -> CellState | None:
        return self.provenance.get(path)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def t3_rows(self) -> tuple[str, ...]:
        return L.t3_rows(self.format)

    @property
    def t3_outcome_rows(self) -> tuple[str, ...]:
        return L.t3_outcome_rows(self.format)

    def fees_wan_yuan(self) -> Decimal | None:
        raw = self.table2.get("administrative_fees")
        if self.format == L.FORMAT_2021 and isinstance(raw, str):
            return Decimal(raw)
        return None

    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]


# The readers set every cell of every report by its path: the few hundred paths are split once.
@lru_cache(maxsize=4096)
def _split_path(path: str) -> tuple[str, tuple[str, ...], str, str]:
    """Table, the keys down to the cell's dict, the cell's key, and that dict's own path
    (one str object per dict, so that cells of one row are known as such by identity)."""
    table, *rest = path.split(".")
    return table, tuple(rest[:-1]), rest[-1], _parent_path(path.rpartition(".")[0])


@lru_cache(maxsize=1024)
def _parent_path(path: str) -> str:
    return path


def cell_paths(report: AnnualReport) -> list[str]:
    """Every numeric cell path of the report's format, in reading order."""
    return list(format_cell_paths(report.format))


@cache
def format_cell_paths(fmt: str) -> tuple[str, ...]:
    paths: list[str] = []
    if fmt == L.FORMAT_2019:
        for row, cols in L.T2_2019_ROWS.items():
            paths += [f"table2.{row}.{c}" for c in cols]
    else:
        for t2row in L.T2_ROWS:
            if t2row.columns:
                paths += [f"table2.{t2row.key}.{c}" for c in t2row.columns]
            else:
                paths.append(f"table2.{t2row.key}")
    for row in L.t3_rows(fmt):
        paths += [f"table3.{row}.{c}" for c in L.T3_COLUMNS]
    paths += [f"table4.{c}" for c in L.T4_COLUMNS]
    return tuple(paths)
