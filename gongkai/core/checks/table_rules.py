"""The tables' own arithmetic: 表三 rows and columns, the 勾稽关系, 表四 block totals."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report import labels as L
from gongkai.core.report.arithmetic import Equation, table3_equations, table4_equations
from gongkai.core.report.model import Finding, Severity
from gongkai.core.report.naming import cell_name, t3_column_name, t3_row_name


def _failing(ctx: CheckContext, equations: list[Equation]) -> Iterator[tuple[Equation, int]]:
    missing = _missing_row_cells(ctx)
    # Every cell of 表三's printed rows and of 表四 is in the flat copy (a missing row's are
    # not, and read as unknown, as ctx.count reads them): looked up directly, as a hot path.
    flat = ctx.flat()
    not_counts = ctx.not_counts()
    for eq in equations:
        if missing and not missing.isdisjoint(eq.paths):
            continue  # a missing row is reported on its own
        diff = _residual(eq, flat, not_counts)
        if diff:
            yield eq, diff


def _missing_row_cells(ctx: CheckContext) -> frozenset[str]:
    """The cells of the 表三 rows the report leaves out (found once for all the rules)."""
    cells = ctx.options.get("_missing_row_cells")
    if cells is None:
        cells = ctx.options["_missing_row_cells"] = frozenset(
            path
            for row, values in ctx.report.table3.items()
            if values is None
            for path in L.t3_row_paths(row)
        )
    return cells


def _residual(eq: Equation, flat: dict[str, object], not_counts: frozenset[str]) -> int | None:
    """``residual(eq, ctx.count)`` over the flat cells: None when a cell is not a count.

    Summed by built-ins (every equation of every report is), once the cells that are not
    counts are known to be none of the equation's: an absent cell is None, which no sum
    takes."""
    if not not_counts.isdisjoint(eq.paths):
        return None
    try:
        return eq.offset + sum(map(flat.get, eq.left)) - sum(map(flat.get, eq.right))  # type: ignore[arg-type]
    except TypeError:
        return None


def _t3_equations(ctx: CheckContext) -> list[Equation]:
    # A mixed 表三 is checked with the equations of the （六） rows it prints.
    return table3_equations(L.t3_printed_format(ctx.report.format, ctx.report.table3))


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _sum(ctx: CheckContext, paths: tuple[str, ...]) -> int:
    return sum(_count(ctx.value(p)) or 0 for p in paths)


@rule("T3-ROW-TOTAL", Severity.ERROR, "表三每一行的总计等于六类申请人之和", "table3")
def row_totals(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    eqs = [e for e in _t3_equations(ctx) if e.rule == r.id]
    for eq, _ in _failing(ctx, eqs):
        total = _sum(ctx, eq.left)
        parts = _sum(ctx, eq.right)
        yield r.finding(
            ctx,
            list(eq.paths),
            f"表三{t3_row_name(eq.subject)}行：总计为{total}，"
            f"但自然人与各类法人或其他组织之和为{parts}。",
        )


@rule("T3-COL-RESULTS", Severity.ERROR, "表三每一列的（七）总计等于各项办理结果之和", "table3")
def results_totals(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    eqs = [e for e in _t3_equations(ctx) if e.rule == r.id]
    for eq, _ in _failing(ctx, eqs):
        yield r.finding(
            ctx,
            list(eq.paths),
            f"表三{t3_column_name(eq.subject)}列：（七）总计为{_sum(ctx, eq.left)}，"
            f"但（一）至（六）各项办理结果之和为{_sum(ctx, eq.right)}。",
        )


@rule(
    "T3-COL-BALANCE",
    Severity.ERROR,
    "表三每一列：第一项加第二项之和等于第三项加第四项之和（表格自身的勾稽关系）",
    "table3",
)
def balance(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    eqs = [e for e in _t3_equations(ctx) if e.rule == r.id]
    for eq, _ in _failing(ctx, eqs):
        yield r.finding(
            ctx,
            list(eq.paths),
            f"表三{t3_column_name(eq.subject)}列不满足勾稽关系：本年新收加上年结转为"
            f"{_sum(ctx, eq.left)}，但办理结果总计加结转下年度为{_sum(ctx, eq.right)}。",
        )


@rule(
    "T4-BLOCK-TOTAL",
    Severity.ERROR,
    "表四每一部分的总计等于维持、纠正、其他、尚未审结之和",
    "table4",
)
def table4_totals(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for eq, _ in _failing(ctx, table4_equations()):
        yield r.finding(
            ctx,
            list(eq.paths),
            f"表四{L.T4_BLOCK_LABELS[eq.subject]}：总计为{_sum(ctx, eq.left)}，"
            f"但结果维持、结果纠正、其他结果、尚未审结之和为{_sum(ctx, eq.right)}。",
        )


@rule("CELL-NOT-COUNT", Severity.ERROR, "表格中的件数是非负整数", "table3")
def non_negative(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for path, value in ctx.flat().items():
        if value is None or (type(value) is int and value >= 0):
            continue  # (most cells: no call made for them)
        if _count(value) is None or value < 0:
            yield r.finding(ctx, [path], f"{cell_name(path)}应为非负整数，实为「{value}」。")
