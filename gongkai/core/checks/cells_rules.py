"""Cells the source left blank, did not have, or that could only be inferred.

These come from :attr:`AnnualReport.provenance` and :attr:`AnnualReport.inferred`, which
the readers fill, so the same findings appear for a parsed document and for its JSON.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report import labels as L
from gongkai.core.report.model import CellState, Finding, Severity, cell_paths
from gongkai.core.report.naming import cell_name


def _group_key(path: str) -> str:
    table, *rest = path.split(".")
    if table == "table4":
        return f"table4.{rest[0].rsplit('_', 1)[0]}" if rest else path
    return ".".join([table, *rest[:1]])


def _group_name(key: str) -> str:
    table, _, rest = key.partition(".")
    if table == "table4":
        return f"表四「{L.T4_BLOCK_LABELS[rest]}」部分" if rest else "表四"
    return cell_name(key)


def _grouped(paths: list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for path in paths:
        groups[_group_key(path)].append(path)
    return groups


def _with_state(ctx: CheckContext, state: CellState) -> list[str]:
    return [p for p, s in ctx.report.provenance.items() if s == state]


def _inferred_in(ctx: CheckContext, key: str) -> list[str]:
    return [p for p in ctx.report.inferred if _group_key(p) == key]


def _values_text(ctx: CheckContext, paths: list[str]) -> str:
    values = {ctx.report.get(p) for p in paths}
    if len(paths) > 1 and len(values) == 1:
        return f"{len(paths)}个单元格均为{values.pop()}"
    return "，".join(f"{cell_name(p)}为{ctx.report.get(p)}" for p in paths)


def _all_blank(ctx: CheckContext) -> bool:
    blank = _with_state(ctx, CellState.BLANK)
    return len(blank) == len(cell_paths(ctx.report))


@rule("REPORT-ALL-BLANK", Severity.WARNING, "表格全部为空：这是一份空白模板，尚未填报", "structure")
def all_blank(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    if _all_blank(ctx):
        yield r.finding(
            ctx,
            ["table2", "table3", "table4"],
            "表二、表三、表四的所有单元格都是空的：这是一份尚未填报的空白模板。",
        )


@rule("CELL-BLANK", Severity.ERROR, "表格每个单元格都应填数字，没有的填0，不得留空", "structure")
def blank_cells(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    if _all_blank(ctx):
        return  # one finding for a blank template says it better than 35
    for key, paths in _grouped(_with_state(ctx, CellState.BLANK)).items():
        yield r.finding(
            ctx, sorted(paths), f"{_group_name(key)}有{len(paths)}个单元格为空（没有的应填0）。"
        )


@rule("CELL-MISSING", Severity.ERROR, "表格每一行都有格式规定的全部单元格", "structure")
def missing_cells(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for row in _with_state(ctx, CellState.MISSING):
        inferred = _inferred_in(ctx, _group_key(row))
        unknown = [
            p
            for p in ctx.report.inferred + list(ctx.report.provenance)
            if p.startswith(row + ".") and ctx.report.get(p) is None
        ]
        if inferred and not unknown:
            tail = "缺的数已按勾稽关系推定（见推定值）。"
        else:
            tail = "无法确定缺的是哪一列，相应单元格未填。"
        yield r.finding(ctx, [row], f"{_group_name(row)}缺少单元格，数字比格式规定的少；{tail}")


@rule("ROW-MISSING", Severity.ERROR, "格式规定的每一行都应列出（数量为0也要列出）", "structure")
def missing_rows(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for path in _with_state(ctx, CellState.ROW_MISSING):
        if _printed_other_way(ctx, path):
            continue  # T3-FORMAT-MIXED says so
        yield r.finding(ctx, [path], f"{cell_name(path)}缺失：格式要求列出此行，为0也应填0。")


def _printed_other_way(ctx: CheckContext, path: str) -> bool:
    """A 2021 （六） row the report prints as the 2019 single row: it is not missing."""
    table, _, row = path.partition(".")
    return (
        table == "table3"
        and row in L.T3_OTHER_ROWS_2021
        and ctx.report.table3.get("other_processing") is not None
    )


@rule("VALUE-INFERRED", Severity.WARNING, "由勾稽关系唯一确定、原文未印出的数值", "structure")
def inferred_values(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for key, paths in _grouped(ctx.report.inferred).items():
        paths = sorted(paths)
        yield r.finding(
            ctx,
            paths,
            f"{_group_name(key)}原文缺少或空着的数值已按表格勾稽关系唯一推定："
            f"{_values_text(ctx, paths)}（推定值，请核对原文）。",
        )


@rule("CELL-UNREADABLE", Severity.ERROR, "单元格内容应为数字", "structure")
def unreadable_cells(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    raw = ctx.report.source.get("unreadable_text", {})
    for path in _with_state(ctx, CellState.UNREADABLE):
        text = raw.get(path)
        shown = f"「{text}」" if text else "内容"
        yield r.finding(ctx, [path], f"{cell_name(path)}的{shown}不是数字，无法读取。")


@rule("VALUE-AMBIGUOUS", Severity.ERROR, "原文数字无法唯一拆分或定位时不作猜测", "structure")
def ambiguous_values(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for key, paths in _grouped(_with_state(ctx, CellState.AMBIGUOUS)).items():
        yield r.finding(
            ctx,
            sorted(paths),
            f"{_group_name(key)}的数字连在一起或位置不明，有多种读法都符合表格勾稽关系，"
            f"未作猜测，相应单元格未填，请核对原文。{_candidates_text(ctx, key)}",
        )


_SHOWN_READINGS = 4


def _candidates_text(ctx: CheckContext, key: str) -> str:
    """The readings that fit, as the reader recorded them ("6/0/26" …), for this group."""
    stored = ctx.report.source.get("candidates", {})
    table, _, block = key.partition(".")
    readings = stored.get("table4" if table == "table4" else key)
    if not isinstance(readings, list) or not readings:
        return ""
    if table == "table4" and block in L.T4_BLOCKS:
        start = L.T4_BLOCKS.index(block) * 5
        readings = list(
            dict.fromkeys("/".join(str(r).split("/")[start : start + 5]) for r in readings)
        )
        if len(readings) < 2:
            return ""
    shown = "；".join(readings[:_SHOWN_READINGS])
    more = f"等{len(readings)}种" if len(readings) > _SHOWN_READINGS else ""
    return f"可能的读法：{shown}{more}。"


@rule(
    "VALUE-FROM-NARRATIVE",
    Severity.WARNING,
    "数字连在一起、有多种拆分时，按正文所述数字取与之相符的读法",
    "structure",
)
def decided_by_narrative(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    decided = ctx.report.source.get("decided_by_narrative", {})
    for row, stated in sorted(decided.items()) if isinstance(decided, dict) else ():
        cells = [p for p in cell_paths(ctx.report) if p == row or p.startswith(row + ".")]
        figures = "、".join(f"{cell_name(p)}为{ctx.report.get(p)}" for p in stated)
        yield r.finding(
            ctx,
            cells or [row],
            f"{_group_name(row)}的数字连在一起，有多种拆分都符合表格勾稽关系；"
            f"正文写明{figures}，已取与之相符的读法，请核对原文。",
        )
