"""The canonical JSON form of a report (``spec/report-json.md``): a public contract.

``report_to_json`` and ``report_from_json`` are exact inverses: a document written by the
one reads back to an equal report, and a canonical document read and written again is
unchanged, including keys this version does not know (kept in ``AnnualReport.extra``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

import orjson

from gongkai.core.errors import InputError
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState, Contact, Finding, Section

KNOWN_KEYS = frozenset(
    {
        "format",
        "agency",
        "year",
        "title",
        "publication_date",
        "period",
        "contact",
        "table2",
        "table3",
        "table4",
        "sections",
        "provenance",
        "inferred",
        "findings",
        "source",
        L.T3_OTHER_FORMAT_KEY,
    }
)


@cache
def json_schema() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("spec/report.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def report_to_json(report: AnnualReport, *, copy: bool = True) -> dict[str, Any]:
    """``copy=False`` shares the report's table dicts: for output that is written at once
    (a batch dumps thousands of reports; copying every cell was a quarter of the dump)."""
    tree = _copy_tree if copy else _as_is
    data: dict[str, Any] = {
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "publication_date": _date_out(report.publication_date),
        "period": (
            {"start": report.period[0].isoformat(), "end": report.period[1].isoformat()}
            if report.period
            else None
        ),
        "contact": report.contact.to_json(),
        "table2": tree(report.table2),
        "table3": _table3_out(report, tree),
        "table4": dict(report.table4),
        "sections": [s.to_json() for s in report.sections],
        "provenance": {path: str(state) for path, state in report.provenance.items()},
        "inferred": list(report.inferred),
        "findings": [f.to_json() for f in report.findings],
        "source": dict(report.source),
    }
    other = {r: tree(v) for r, v in report.table3.items() if r not in data["table3"]}
    if other:  # a mixed report's rows of the other format (labels.T3_OTHER_FORMAT_KEY)
        data[L.T3_OTHER_FORMAT_KEY] = other
    for key, value in report.extra.items():
        data.setdefault(key, value)
    return data


def _table3_out(report: AnnualReport, tree: Callable[[Any], Any]) -> dict[str, Any]:
    """``table3`` holds exactly the rows of the report's format."""
    rows = L.t3_rows(report.format)
    return {r: tree(v) for r, v in report.table3.items() if r in rows}


def dumps(report: AnnualReport, *, indent: int | None = 2) -> str:
    return json.dumps(report_to_json(report), ensure_ascii=False, indent=indent)


def dump_bytes(data: dict[str, Any], *, indented: bool) -> bytes:
    """``data`` as UTF-8 JSON: indented by two spaces, or on one line with no spaces.

    orjson writes it several times faster than the standard library (a batch writes a
    report in the time it reads one); what it refuses (a count beyond 64 bits, read from a
    long glued digit run) the standard library writes, byte for byte in the same form."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2 if indented else 0)
    except orjson.JSONEncodeError:
        indent, separators = (2, (",", ": ")) if indented else (None, (",", ":"))
        text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
        return text.encode("utf-8")


def validate(data: Any) -> None:
    """Raise InputError, in words an author understands, if ``data`` breaks the contract."""
    import jsonschema  # imported here: a third of the start-up of `gongkai parse`, for JSON input

    validator = jsonschema.Draft202012Validator(json_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = ".".join(str(p) for p in first.absolute_path) or "（文档根）"
        raise InputError(f"年度报告 JSON 不符合规范：{where}：{first.message}")


def report_from_json(data: Any) -> AnnualReport:
    validate(data)
    fmt = data["format"]
    report = AnnualReport(format=fmt)
    report.agency = data.get("agency")
    report.year = data.get("year")
    report.title = data.get("title")
    report.publication_date = _date_in(data.get("publication_date"), "publication_date")
    period = data.get("period")
    if period:
        start = _date_in(period["start"], "period.start")
        end = _date_in(period["end"], "period.end")
        assert start is not None and end is not None  # the schema requires both
        report.period = (start, end)
    report.contact = Contact(**data.get("contact", {}))
    report.table2 = _copy_tree(data["table2"])
    report.table3 = {row: _copy_tree(data["table3"][row]) for row in L.t3_rows(fmt)}
    report.table3.update(_other_format_rows(data.get(L.T3_OTHER_FORMAT_KEY), fmt))
    report.table4 = {col: data["table4"][col] for col in L.T4_COLUMNS}
    report.sections = [Section.from_json(s) for s in data.get("sections", [])]
    report.provenance = {p: CellState(s) for p, s in data.get("provenance", {}).items()}
    report.inferred = list(data.get("inferred", []))
    report.findings = [Finding.from_json(f) for f in data.get("findings", [])]
    report.source = dict(data.get("source", {}))
    report.extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    return report


def _other_format_rows(node: Any, fmt: str) -> dict[str, Any]:
    if node is None:
        return {}
    other = {r for r in (*L.T3_OTHER_ROWS_2021, "other_processing") if r not in L.t3_rows(fmt)}
    ok = isinstance(node, dict) and all(
        row in other and (cells is None or _counts_row(cells)) for row, cells in node.items()
    )
    if not ok:
        raise InputError(
            f"年度报告 JSON 不符合规范：{L.T3_OTHER_FORMAT_KEY} 只能列出另一种格式的"
            "「（六）其他处理」行，每行为七个非负整数或 null 的单元格。"
        )
    return {row: _copy_tree(cells) for row, cells in node.items()}


def _counts_row(cells: Any) -> bool:
    return (
        isinstance(cells, dict)
        and set(cells) == set(L.T3_COLUMNS)
        and all(v is None or (type(v) is int and v >= 0) for v in cells.values())
    )


def loads(text: str) -> AnnualReport:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列：{exc.msg}") from exc
    return report_from_json(data)


def _copy_tree(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _copy_tree(v) for k, v in node.items()}
    return node


def _as_is(node: Any) -> Any:
    return node


def _date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date_in(value: str | None, where: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise InputError(f"年度报告 JSON 中 {where} 不是 YYYY-MM-DD 格式的日期：{value}") from exc
