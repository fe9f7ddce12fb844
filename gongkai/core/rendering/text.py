"""A report as plain text, in any of the row layouts that published reports use.

Used to export a report for pasting into a web page, and to build test and benchmark
corpora that exercise every layout the readers must handle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

LAYOUTS = ("tabs", "pipes", "indented", "markdown", "lines", "plain")
Row = list[str]


def render_text(report: AnnualReport, layout: str = "tabs") -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(LAYOUTS)}")
    fmt_row = _ROW_WRITERS[layout]
    out: list[str] = []
    agency = report.agency or ""
    year = report.year or ""
    out.append(report.title or f"{agency}{year}年政府信息公开工作年度报告")
    out.append(
        f"本报告根据《中华人民共和国政府信息公开条例》编制。统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。"
    )
    texts = {s.key: s.text for s in report.sections if s.key}
    for key, title in zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True):
        out.append(title)
        if texts.get(key):
            out.append(texts[key])
        table = {
            "proactive": _table2_rows,
            "applications": _table3_rows,
            "review_litigation": _table4_rows,
        }.get(key)
        if table:
            for row in table(report):
                out.extend(fmt_row(row))
    if report.publication_date:
        out.append(
            f"{report.publication_date.year}年{report.publication_date.month}月"
            f"{report.publication_date.day}日"
        )
    return "\n".join(out) + "\n"


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _table2_rows(report: AnnualReport) -> Iterator[Row]:
    for block in L.SPEC["table2"]["blocks"]:
        yield [block["caption"]]
        yield list(block["columns"])
        for row in block["rows"]:
            value = report.table2.get(row["key"])
            if isinstance(value, dict):
                yield [row["label"], *(_cell(v) for v in value.values())]
            else:
                yield [row["label"], _cell(value)]


def _table3_rows(report: AnnualReport) -> Iterator[Row]:
    yield [L.T3_CORNER_NOTE, "申请人情况"]
    yield ["自然人", "法人或其他组织", "总计"]
    yield [L.T3_COLUMN_LABELS[c] for c in L.T3_COLUMNS[1:-1]]
    for key in report.t3_rows:
        values = report.table3.get(key) or {}
        label = L.t3_row_label(key)
        yield [label, *(_cell(values.get(c)) for c in L.T3_COLUMNS)]


def _table4_rows(report: AnnualReport) -> Iterator[Row]:
    yield ["行政复议", "行政诉讼"]
    yield [
        *(L.T4_LEAF_LABELS[k] for k in (*L.T4_LEAVES, "total")),
        "未经复议直接起诉",
        "复议后起诉",
    ]
    yield [L.T4_LEAF_LABELS[k] for k in (*L.T4_LEAVES, "total")] * 2
    yield [_cell(report.table4[c]) for c in L.T4_COLUMNS]


def _tabs(row: Row) -> list[str]:
    return ["\t".join(row)]


def _pipes(row: Row) -> list[str]:
    return [f"{c} |" for c in row] + ["||"]


def _indented(row: Row) -> list[str]:
    return [f"\t{c}" for c in row] + [""]


def _markdown(row: Row) -> list[str]:
    return ["| " + " | ".join(row) + " |"]


def _lines(row: Row) -> list[str]:
    return [c if c else "" for c in row]


def _plain(row: Row) -> list[str]:
    # What crawlers make of a table: the cells of a row run together without separators.
    return ["".join(row)]


_ROW_WRITERS: dict[str, Callable[[Row], list[str]]] = {
    "tabs": _tabs,
    "pipes": _pipes,
    "indented": _indented,
    "markdown": _markdown,
    "lines": _lines,
    "plain": _plain,
}
