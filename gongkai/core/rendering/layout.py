"""The official layout of 表二, 表三 and 表四 as grids of merged cells, declared once.

Every renderer (HTML, PDF, DOCX, XLSX) draws these grids, so the merged header cells of the
blank official template (horizontal and vertical merges alike) are defined in one place.
Each table is a list of rows; a row lists the cells that *start* in it, left to right, with
their row and column spans, as HTML and Word describe merged cells.

What a renderer prints is what the report holds: a number, an empty cell for a blank value,
and no row at all where the report says the source omitted the row (``row_missing``), so
that reading the rendered document gives back the same report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, CellState

CAPTION, HEAD, NOTE, LABEL, VALUE = "caption", "head", "note", "label", "value"

# Column widths of the blank template's tables (twentieths of a point); renderers scale them.
T2_WIDTHS = (2435, 2435, 2435, 2435)
T3_WIDTHS = (754, 921, 3271, *(685,) * 7)
T4_WIDTHS = (*(649,) * 7, *(650,) * 8)


@dataclass(frozen=True)
class Spot:
    """One printed cell: its text, extent and role (which decides font and alignment)."""

    text: str
    role: str = VALUE
    rowspan: int = 1
    colspan: int = 1
    path: str | None = None  # the report cell a value shows
    align: str = "center"  # "center" or "left"


@dataclass(frozen=True)
class TableLayout:
    key: str  # "table2", "table3", "table4"
    title: str  # what the table is, for captions and sheet names
    widths: tuple[int, ...]
    header_rows: int  # rows repeated at the head of each page (0: none)
    rows: tuple[tuple[Spot, ...], ...]

    @property
    def columns(self) -> int:
        return len(self.widths)


def cell_text(value: Any) -> str:
    """A value as printed: counts as digits, 万元 amounts exactly as recorded, blank as ''."""
    return "" if value is None else str(value)


def report_title(report: AnnualReport) -> str:
    return report.title or f"{report.agency or ''}{report.year or ''}年政府信息公开工作年度报告"


TITLE_TAIL = "政府信息公开工作年度报告"


def title_lines(report: AnnualReport) -> list[str]:
    """The title as printed: long titles break before 政府信息公开工作年度报告, as
    published reports do, so that no line break cuts the agency's name or the year."""
    title = report_title(report)
    head = title.removesuffix(TITLE_TAIL)
    if head == title or len(title) <= 20 or not head:
        return [title]
    return [head, TITLE_TAIL]


def table_layouts(report: AnnualReport) -> dict[str, TableLayout]:
    """The three tables keyed by the section they belong to."""
    return {
        "proactive": table2_layout(report),
        "applications": table3_layout(report),
        "review_litigation": table4_layout(report),
    }


# -- 表二 ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Block:
    caption: str
    column_labels: tuple[str, ...]  # after 信息内容
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]  # (key, label, value keys)


def _blocks_2021() -> list[_Block]:
    blocks = []
    for block in L.SPEC["table2"]["blocks"]:
        rows = tuple(
            (row["key"], row["label"], L.T2_ROW_BY_KEY[row["key"]].columns) for row in block["rows"]
        )
        blocks.append(_Block(block["caption"], tuple(block["columns"][1:]), rows))
    return blocks


def _blocks_2019() -> list[_Block]:
    groups = (
        ("第二十条第（一）项", ("regulations", "normative_documents")),
        ("第二十条第（五）项", ("administrative_license", "other_external_services")),
        ("第二十条第（六）项", ("administrative_penalty", "administrative_coercion")),
        ("第二十条第（八）项", ("administrative_fees",)),
        ("第二十条第（九）项", ("government_procurement",)),
    )
    blocks = []
    for caption, keys in groups:
        columns = L.T2_2019_ROWS[keys[0]]
        blocks.append(
            _Block(
                caption,
                tuple(L.T2_2019_COLUMN_LABELS[c] for c in columns),
                tuple((k, L.T2_2019_LABELS[k], L.T2_2019_ROWS[k]) for k in keys),
            )
        )
    return blocks


def _last_spans(cells: list[Spot], width: int) -> tuple[Spot, ...]:
    """The last cell of a row widened to the table's width, as the template does."""
    last = cells[-1]
    wide = Spot(last.text, last.role, 1, width - len(cells) + 1, last.path, last.align)
    return (*cells[:-1], wide)


def table2_layout(report: AnnualReport) -> TableLayout:
    blocks = _blocks_2019() if report.format == L.FORMAT_2019 else _blocks_2021()
    rows: list[tuple[Spot, ...]] = []
    for block in blocks:
        rows.append((Spot(block.caption, CAPTION, colspan=4, align="left"),))
        heads = [Spot(x, HEAD) for x in ("信息内容", *block.column_labels)]
        rows.append(_last_spans(heads, 4))
        for key, label, columns in block.rows:
            value = report.table2.get(key)
            omitted = report.provenance.get(f"table2.{key}") == CellState.ROW_MISSING
            if omitted or (value is None and columns):
                continue  # a row the report does not have is left out, not printed blank
            if isinstance(value, dict):
                cells = [Spot(cell_text(value.get(c)), path=f"table2.{key}.{c}") for c in columns]
            else:
                cells = [Spot(cell_text(value), path=f"table2.{key}")]
            rows.append(_last_spans([Spot(label, LABEL), *cells], 4))
    return TableLayout("table2", "主动公开政府信息情况", T2_WIDTHS, 0, tuple(rows))


# -- 表三 ---------------------------------------------------------------------------------


def _table3_header() -> list[tuple[Spot, ...]]:
    orgs = [Spot(L.T3_COLUMN_LABELS[c], HEAD) for c in L.T3_COLUMNS[1:-1]]
    return [
        (
            Spot(L.T3_CORNER_NOTE, NOTE, rowspan=3, colspan=3, align="left"),
            Spot(L.SPEC["table3"]["column_group_label"], HEAD, colspan=7),
        ),
        (
            Spot(L.T3_COLUMN_LABELS["natural_person"], HEAD, rowspan=2),
            Spot(L.SPEC["table3"]["org_group_label"], HEAD, colspan=5),
            Spot(L.T3_COLUMN_LABELS["total"], HEAD, rowspan=2),
        ),
        tuple(orgs),
    ]


def table3_layout(report: AnnualReport) -> TableLayout:
    present = [k for k in report.t3_rows if report.table3.get(k) is not None]
    outcome_block = [k for k in present if k in report.t3_outcome_rows or k == "results_total"]
    rows = _table3_header()
    for key in present:
        values = report.table3[key] or {}
        cells = [Spot(cell_text(values.get(c)), path=f"table3.{key}.{c}") for c in L.T3_COLUMNS]
        label = L.t3_row_label(key)
        if key not in outcome_block:
            rows.append((Spot(label, LABEL, colspan=3, align="left"), *cells))
            continue
        head: list[Spot] = []
        if key == outcome_block[0]:
            block_label = L.T3_ROW_PATHS["granted"][0]
            head.append(Spot(block_label, LABEL, rowspan=len(outcome_block), align="left"))
        group = _group(key)
        if group is None:
            rows.append((*head, Spot(label, LABEL, colspan=2, align="left"), *cells))
            continue
        members = [k for k in outcome_block if _group(k) == group]
        if key == members[0]:
            head.append(Spot(group, LABEL, rowspan=len(members), align="left"))
        rows.append((*head, Spot(label, LABEL, align="left"), *cells))
    title = "收到和处理政府信息公开申请情况"
    return TableLayout("table3", title, T3_WIDTHS, 3, tuple(rows))


def _group(key: str) -> str | None:
    """（三）不予公开 and the like: the merged label of the rows under one heading."""
    path = L.T3_ROW_PATHS.get(key, ())
    return path[1] if len(path) == 3 else None


# -- 表四 ---------------------------------------------------------------------------------


def table4_layout(report: AnnualReport) -> TableLayout:
    leaves = [L.T4_LEAF_LABELS[k] for k in (*L.T4_LEAVES, "total")]
    groups = L.SPEC["table4"]["top_groups"]
    suits = groups[1]["subgroups"]
    rows: list[tuple[Spot, ...]] = [
        tuple(Spot(g["label"], HEAD, colspan=g["span"]) for g in groups),
        (
            *(Spot(x, HEAD, rowspan=2) for x in leaves),
            *(Spot(g["label"], HEAD, colspan=g["span"]) for g in suits),
        ),
        tuple(Spot(x, HEAD) for x in leaves * 2),
        tuple(Spot(cell_text(report.table4.get(c)), path=f"table4.{c}") for c in L.T4_COLUMNS),
    ]
    title = "政府信息公开行政复议、行政诉讼情况"
    return TableLayout("table4", title, T4_WIDTHS, 3, tuple(rows))


# -- the text around the tables ------------------------------------------------------------


def preamble(report: AnnualReport) -> list[str]:
    """The opening paragraphs: the statistics period and, if known, whom to ask."""
    lines = []
    if report.period:
        start, end = report.period
        until = f"{end.month}月{end.day}日" if end.year == start.year else _date(end)
        # Two short paragraphs: the period must not be cut by a line break in a PDF.
        lines.append("本报告根据《中华人民共和国政府信息公开条例》编制。")
        lines.append(f"本报告统计期限自{_date(start)}起至{until}止。")
    contact = report.contact
    items = [
        ("地址", contact.address),
        ("邮编", contact.postcode),
        ("电话", contact.phone),
        ("电子邮箱", contact.email),
        ("网址", contact.website),
    ]
    shown = [f"{name}：{value}" for name, value in items if value]
    if shown:
        # One short line each, as reports print them, so that no line break cuts an
        # address; each ends with "；" or "。" so a reader sees where the value stops.
        lines.append("如对本报告有任何疑问，请与本机关联系。")
        lines += [f"{item}；" for item in shown[:-1]] + [f"{shown[-1]}。"]
    return lines


def section_paragraphs(report: AnnualReport) -> list[tuple[str, str, list[str]]]:
    """(key, heading, paragraphs) for the six sections, in the official order.

    A signature block that reading a report left at the end of the last section (the
    agency's name, the date) is printed once, by :func:`signature_lines`, not twice.
    """
    texts = {s.key: s.text for s in report.sections if s.key}
    out = []
    signature = set(signature_lines(report))
    for key, heading in zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True):
        paragraphs = [p.strip() for p in (texts.get(key) or "").split("\n") if p.strip()]
        if key == L.SECTION_KEYS[-1]:
            while paragraphs and paragraphs[-1] in signature:
                paragraphs.pop()
        out.append((key, heading, paragraphs))
    return out


def signature_lines(report: AnnualReport) -> list[str]:
    """The agency and the publication date, under the report as a signature."""
    lines = [report.agency] if report.agency else []
    if report.publication_date:
        lines.append(_date(report.publication_date))
    return lines


def _date(day: Any) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
