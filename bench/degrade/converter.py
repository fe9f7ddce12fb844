"""What PDF → markdown converters (markitdown, docling, MinerU) make of a report.

Tables come out as many small pipe tables, one a row group (the converter sees a page's
blocks, not the table), with the damage these tools do, each a ``variant``:

- ``placeholder-header``: the header row replaced by "| 类别 | 数据1 | … | 数据6 | 总计 |";
- ``wrong-header``: a header row from another table over a row group;
- ``detached-labels``: a row group's labels in one block, its numbers in the next;
- ``page-footer``: a page footer ("- 4 -") between the rows of a table, or as a row of it;
- ``split-header``: header words cut in the middle, over two rows ("法人或其" / "他组织");
- ``vertical-group``: a merged group label printed one character per line;
- ``split-table4``: 表四 as three tables (行政复议, and the two kinds of 行政诉讼);
- ``mixed``: each of the above by chance.

A ``clean`` variant (row-group tables with their real headers, nothing else) is the floor.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from bench.degrade.document import Paragraph, Table, blocks
from gongkai.core.rendering.layout import CAPTION, HEAD, LABEL, NOTE, VALUE
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport

MANGLES = (
    "placeholder-header",
    "wrong-header",
    "detached-labels",
    "page-footer",
    "split-header",
    "vertical-group",
    "split-table4",
)
VARIANTS = ("clean", *MANGLES, "mixed")
T3_VALUE_HEAD = [L.T3_COLUMN_LABELS[c] for c in L.T3_COLUMNS]
T4_LEAF_HEAD = [L.T4_LEAF_LABELS[k] for k in (*L.T4_LEAVES, "total")]
WRONG_HEADERS = (
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    T4_LEAF_HEAD,
    ["序号", "事项", "数量"],
    ["申请人情况", "", "", "", "", "", ""],
)


class _Out:
    """Markdown lines and the mangles in force, with the page counter for footers."""

    def __init__(self, rng: random.Random, mangles: set[str]) -> None:
        self.rng, self.mangles, self.lines, self.page = rng, mangles, [], 1

    def on(self, mangle: str, chance: float = 1.0) -> bool:
        return mangle in self.mangles and self.rng.random() < chance

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        width = max([len(head), *(len(r) for r in rows)])
        self.lines.append("")
        self.lines.append(_pipe(head, width))
        self.lines.append(_pipe(["---"] * width, width))
        for i, row in enumerate(rows):
            if i and self.on("page-footer", 0.15):
                self.page += 1
                footer = f"- {self.page} -"
                if self.rng.random() < 0.5:
                    self.lines.append(_pipe([footer], width))
                else:  # the table broken by the footer, the next part without a header
                    self.lines += ["", footer, ""]
            self.lines.append(_pipe(row, width))
        self.lines.append("")

    def text(self, line: str) -> None:
        self.lines.append(line)


def _pipe(cells: list[str], width: int) -> str:
    cells = [*cells, *[""] * (width - len(cells))]
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _split_word(text: str) -> tuple[str, str]:
    if len(text) < 2:
        return text, ""
    cut = (len(text) + 1) // 2
    return text[:cut], text[cut:]


def _header(out: _Out, real: list[str], values: int) -> list[list[str]]:
    """The header rows a converter prints over a group of ``values``-column rows."""
    if out.on("placeholder-header", 0.7):
        data = [f"数据{i}" for i in range(1, values)] + ["总计"] if values > 2 else ["数据"]
        return [["类别", *data[:values]]]
    if out.on("wrong-header", 0.5):
        return [list(out.rng.choice(WRONG_HEADERS))]
    if out.on("split-header", 0.7):
        halves = [_split_word(c) for c in real]
        return [[a for a, _ in halves], [b for _, b in halves]]
    return [real]


def _emit_group(
    out: _Out, head: list[str], rows: list[tuple[list[str], list[str]]], group: str
) -> None:
    """One row group: ``rows`` are (label cells, value cells); ``group`` a merged label."""
    values = max((len(v) for _, v in rows), default=0)
    header = _header(out, head, values)
    if group and out.on("vertical-group", 0.7):
        out.lines += ["", *group]  # one character a line, before the group's table
        rows = [([c for c in labels if c != group], v) for labels, v in rows]
    if out.on("detached-labels", 0.6):
        for labels, _ in rows:
            out.text("".join(labels))
        out.table(header[0], [v for _, v in rows])
        return
    top, *more = header
    table_rows = [*more, *([*labels, *v] for labels, v in rows)]
    out.table(top, table_rows)


def _table2(out: _Out, table: Table) -> None:
    caption, head, rows = "", [], []
    for row in table.rows:
        first = row[0]
        if first.role == CAPTION:
            if rows:
                _emit_group(out, head, rows, "")
            caption, head, rows = first.text, [], []
            out.text("")
            out.text(caption)
        elif first.role == HEAD:
            head = [s.text for s in row]
        else:
            rows.append(([first.text], [s.text for s in row[1:]]))
    if rows:
        _emit_group(out, head, rows, "")


def _t3_groups(table: Table) -> list[tuple[str, list[tuple[list[str], list[str]]]]]:
    """表三's data rows in row groups: (merged group label, rows of (labels, values))."""
    groups: list[tuple[str, list[tuple[list[str], list[str]]]]] = []
    current = ""
    for row in table.rows[table.header_rows() :]:
        labels = [s.text for s in row if s.role == LABEL]
        values = [s.text for s in row if s.role == VALUE]
        group = next(
            (s.text for s in row if s.role == LABEL and s.rowspan > 1 and "（" in s.text[:1]), ""
        )
        own = labels[-1] if labels else ""
        starts_group = bool(group) or own.startswith(("（", "一、", "二、", "四、")) or not current
        if group:
            current = group
        elif starts_group:
            current = ""
        if starts_group or not groups:
            groups.append((current, []))
        groups[-1][1].append((labels, values))
    return groups


def _table3(out: _Out, table: Table) -> None:
    head = [s.text for s in table.rows[0] if s.role == NOTE][:1] + T3_VALUE_HEAD
    for group, rows in _t3_groups(table):
        _emit_group(out, head, rows, group)


def _table4(out: _Out, table: Table) -> None:
    values = [s.text for s in table.rows[-1]]
    if out.on("split-table4"):
        titles = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
        for i, title in enumerate(titles):
            out.text("")
            out.text(title)
            header = _header(out, T4_LEAF_HEAD, 5)
            top, *more = header
            out.table(top, [*more, values[5 * i : 5 * i + 5]])
        return
    rows = [[s.text for s in row] for row in table.rows]
    out.table(rows[0], rows[1:])


_TABLES: dict[str, Callable[[_Out, Table], None]] = {
    "table2": _table2,
    "table3": _table3,
    "table4": _table4,
}


def markdown(report: AnnualReport, rng: random.Random, variant: str) -> str:
    if variant not in VARIANTS:
        raise ValueError(variant)
    if variant == "mixed":
        mangles = {m for m in MANGLES if rng.random() < 0.4}
    else:
        mangles = {variant} - {"clean"}
    out = _Out(rng, mangles)
    for block in blocks(report):
        if isinstance(block, Paragraph):
            prefix = {"title": "# ", "heading": "## "}.get(block.role, "")
            out.text(prefix + block.text)
            out.text("")
        else:
            _TABLES[block.key](out, block)
    return "\n".join(out.lines) + "\n"
