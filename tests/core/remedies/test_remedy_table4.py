"""表四 from 复议/诉讼 cases: default mapping, both year rules, totals that always add up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.checks import run_checks
from gongkai.core.remedies import (
    RESULTS_FOR_KIND,
    CaseKind,
    Column,
    InvalidRemedyCase,
    RemedyRecord,
    ResultKind,
    YearRule,
    compute_table4,
    result_columns,
)
from gongkai.core.report.labels import T4_BLOCKS, T4_COLUMNS, T4_LEAVES
from gongkai.core.report.model import AnnualReport, Severity

R, K = ResultKind, CaseKind


def rec(kind: CaseKind, filed: date, result: ResultKind | None = None, on: date | None = None):
    return RemedyRecord(kind, filed, result, on, reference=f"{kind}-{filed}")


CASES = [
    rec(K.REVIEW, date(2025, 2, 1), R.REVIEW_UPHELD, date(2025, 4, 1)),
    rec(K.REVIEW, date(2025, 3, 1), R.REVIEW_CLAIM_DISMISSED, date(2025, 5, 1)),
    rec(K.REVIEW, date(2025, 4, 1), R.REVIEW_REVOKED, date(2025, 6, 1)),
    rec(K.REVIEW, date(2025, 5, 1), R.REVIEW_TERMINATED, date(2025, 5, 20)),
    rec(K.REVIEW, date(2025, 11, 1), R.REVIEW_UPHELD, date(2026, 1, 10)),  # pending at 31 Dec
    rec(K.REVIEW, date(2024, 11, 1), R.REVIEW_ORDERED_PERFORMANCE, date(2025, 1, 10)),
    rec(K.SUIT_DIRECT, date(2025, 6, 1), R.SUIT_CLAIM_DISMISSED, date(2025, 9, 1)),
    rec(K.SUIT_DIRECT, date(2025, 7, 1), R.SUIT_WITHDRAWN, date(2025, 8, 1)),
    rec(K.SUIT_DIRECT, date(2025, 8, 1)),
    rec(K.SUIT_AFTER_REVIEW, date(2025, 7, 1), R.SUIT_ORDERED_PERFORMANCE, date(2025, 12, 31)),
    rec(K.SUIT_AFTER_REVIEW, date(2024, 6, 1)),  # open since last year
]


def test_default_mapping_and_the_filed_rule() -> None:
    table = compute_table4(CASES, 2025)
    assert [table[f"review_{leaf}"] for leaf in (*T4_LEAVES, "total")] == [2, 1, 1, 1, 5]
    assert [table[f"suit_direct_{leaf}"] for leaf in (*T4_LEAVES, "total")] == [1, 0, 1, 1, 3]
    assert [table[f"suit_after_review_{leaf}"] for leaf in (*T4_LEAVES, "total")] == [0, 1, 0, 0, 1]
    assert list(table) == list(T4_COLUMNS)


def test_open_in_year_rule_adds_carried_cases_and_drops_none_twice() -> None:
    table = compute_table4(CASES, 2025, rule=YearRule.OPEN_IN_YEAR)
    assert table["review_corrected"] == 2  # last year's case concluded in January
    assert table["review_total"] == 6
    assert table["suit_after_review_pending"] == 1 and table["suit_after_review_total"] == 2
    next_year = compute_table4(CASES, 2026, rule=YearRule.OPEN_IN_YEAR)
    assert next_year["review_upheld"] == 1  # concluded 2026-01-10
    assert next_year["suit_direct_pending"] == 1 and next_year["suit_direct_total"] == 1
    assert compute_table4(CASES, 2026)["review_total"] == 0


def test_a_moved_mapping_moves_the_count() -> None:
    mapping = result_columns({"review_terminated": "upheld"})
    table = compute_table4(CASES, 2025, mapping)
    assert table["review_upheld"] == 3 and table["review_other"] == 0
    with pytest.raises(InvalidRemedyCase, match="只能计入"):
        result_columns({"review_upheld": "pending"})
    with pytest.raises(InvalidRemedyCase, match="未知的复议、诉讼结果代码"):
        result_columns({"upheld": "upheld"})
    incomplete = {R.REVIEW_UPHELD: Column.UPHELD}
    with pytest.raises(InvalidRemedyCase, match="对应关系不完整"):
        compute_table4(CASES, 2025, incomplete)


def test_contradictory_cases_are_refused() -> None:
    with pytest.raises(InvalidRemedyCase, match="不是行政复议案件的结果"):
        rec(K.REVIEW, date(2025, 1, 1), R.SUIT_WITHDRAWN, date(2025, 2, 1))
    with pytest.raises(InvalidRemedyCase, match="同时填写"):
        rec(K.REVIEW, date(2025, 1, 1), R.REVIEW_UPHELD)
    with pytest.raises(InvalidRemedyCase, match="早于立案日期"):
        rec(K.SUIT_DIRECT, date(2025, 3, 1), R.SUIT_WITHDRAWN, date(2025, 2, 1))


@st.composite
def remedy_records(draw: st.DrawFn) -> RemedyRecord:
    kind = draw(st.sampled_from(list(CaseKind)))
    filed = draw(st.dates(date(2022, 1, 1), date(2026, 12, 31)))
    if draw(st.booleans()):
        return RemedyRecord(kind, filed)
    result = draw(st.sampled_from(sorted(RESULTS_FOR_KIND[kind])))
    return RemedyRecord(kind, filed, result, filed + timedelta(days=draw(st.integers(0, 800))))


@st.composite
def mappings(draw: st.DrawFn) -> dict[ResultKind, Column]:
    return {r: draw(st.sampled_from(list(Column))) for r in ResultKind}


@settings(max_examples=200, deadline=None)
@given(
    st.lists(remedy_records(), max_size=50),
    st.integers(2022, 2027),
    mappings(),
    st.sampled_from(list(YearRule)),
)
def test_table4_always_adds_up_and_passes_the_report_checks(
    cases: list[RemedyRecord], year: int, mapping: dict[ResultKind, Column], rule: YearRule
) -> None:
    table = compute_table4(cases, year, mapping, rule)
    for block in T4_BLOCKS:
        leaves = sum(table[f"{block}_{leaf}"] for leaf in T4_LEAVES)
        assert table[f"{block}_total"] == leaves
        counted = [c for c in cases if c.kind.value == block and c.filed_on.year <= year]
        if rule is YearRule.FILED:
            assert table[f"{block}_total"] == sum(c.filed_on.year == year for c in counted)
        else:
            open_in_year = [c for c in counted if c.result_on is None or c.result_on.year >= year]
            assert table[f"{block}_total"] == len(open_in_year)
    assert all(isinstance(v, int) and v >= 0 for v in table.values())
    report = AnnualReport(agency="测试县公安局", year=year, table4=dict(table))
    errors = [
        f.rule
        for f in run_checks(report)
        if f.severity is Severity.ERROR and f.rule.startswith(("T4-", "CELL-"))
    ]
    assert errors == []


@settings(max_examples=100, deadline=None)
@given(st.lists(remedy_records(), max_size=40), st.integers(2023, 2026))
def test_under_the_filed_rule_each_case_counts_in_exactly_one_year(
    cases: list[RemedyRecord], year: int
) -> None:
    years = range(2022, 2027)
    totals = sum(compute_table4(cases, y)[f"{block}_total"] for y in years for block in T4_BLOCKS)
    assert totals == len(cases)
