"""This year's report against last year's: what one year carries forward, the next receives.

These rules run only when the previous year's report is given (``run_checks(previous=…)``).
"""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.core.checks.registry import CheckContext, Rule, rule
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Finding, Severity
from gongkai.core.report.naming import cell_name, t2_row_name, t3_column_name


def _count(report: AnnualReport, path: str) -> int | None:
    value = report.get(path)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _doc_counts(report: AnnualReport, row: str) -> tuple[int, int, int] | None:
    """表二 (现行有效, 本年制发, 本年废止) of a row, when all three are given."""
    now, issued, repealed = (
        _count(report, f"table2.{row}.{col}") for col in ("in_force", "issued", "repealed")
    )
    if now is None or issued is None or repealed is None:
        return None
    return now, issued, repealed


def _consecutive(ctx: CheckContext) -> AnnualReport | None:
    """The previous report, when it is the year before (or either year is unknown)."""
    previous = ctx.previous
    if previous is None:
        return None
    year, before = ctx.report.year, previous.year
    if year is not None and before is not None and before != year - 1:
        return None  # XYEAR-YEARS reports it; comparing other years would mislead
    return previous


@rule("XYEAR-YEARS", Severity.ERROR, "用于跨年度核对的上年报告是上一年度的", "meta")
def years_are_consecutive(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    previous = ctx.previous
    if previous is None:
        return
    year, before = ctx.report.year, previous.year
    if year is None or before is None:
        return  # META-AGENCY says the year is unknown
    if before != year - 1:
        yield r.finding(
            ctx,
            ["year"],
            f"本报告为{year}年度，用于核对的上年报告却是{before}年度（应为{year - 1}年度）；"
            "跨年度核对未进行。",
        )


@rule(
    "XYEAR-CARRIED-OVER",
    Severity.ERROR,
    "表三「二、上年结转」等于上年报告的「四、结转下年度继续办理」",
    "table3",
)
def carried_over(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    previous = _consecutive(ctx)
    if previous is None or ctx.report.table3.get("carried_over") is None:
        return
    if previous.table3.get("carried_forward") is None:
        return
    for col in L.T3_COLUMNS:
        path = f"table3.carried_over.{col}"
        now = _count(ctx.report, path)
        before = _count(previous, f"table3.carried_forward.{col}")
        if now is None or before is None or now == before:
            continue
        yield r.finding(
            ctx,
            [path],
            f"{cell_name(path)}为{now}，但{previous.year or '上'}年度报告"
            f"「四、结转下年度继续办理」{t3_column_name(col)}列为{before}。",
        )


@rule(
    "XYEAR-NORMATIVE-IN-FORCE",
    Severity.WARNING,
    "表二现行有效件数等于上年现行有效件数加本年制发、减本年废止",
    "table2",
)
def in_force_follows(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    previous = _consecutive(ctx)
    if previous is None:
        return
    if ctx.report.format != L.FORMAT_2021 or previous.format != L.FORMAT_2021:
        return  # the 2019 table counts 对外公开总数量, not 现行有效
    for row in ("regulations", "normative_documents"):
        base = f"table2.{row}"
        counts = _doc_counts(ctx.report, row)
        before = _count(previous, f"{base}.in_force")
        if counts is None or before is None:
            continue
        now, issued, repealed = counts
        expected = before + issued - repealed
        if now != expected:
            yield r.finding(
                ctx,
                [f"{base}.in_force", f"{base}.issued", f"{base}.repealed"],
                f"表二{t2_row_name(row)}现行有效{now}件，但上年现行有效{before}件"
                f"加本年制发{issued}件、减本年废止{repealed}件应为{expected}件"
                "（期间若有失效、清理等情形，请在报告中说明）。",
            )
