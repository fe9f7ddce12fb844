from __future__ import annotations

from datetime import date

import pytest
from case_builders import case, case_records
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.outcomes import Outcome, outcome_rows
from gongkai.core.checks import run_checks
from gongkai.core.report.labels import T3_COLUMNS, T3_ROWS
from gongkai.core.report.model import Severity
from gongkai.core.statistics.records import CaseRecord, InvalidRecord
from gongkai.core.statistics.report import annual_report_from_cases
from gongkai.core.statistics.table3 import compute_table3

histories = st.lists(case_records(), max_size=60)


def table_errors(records: list[CaseRecord], year: int) -> list[str]:
    report = annual_report_from_cases(records, year, "测试县公安局")
    return [
        f.rule
        for f in run_checks(report)
        if f.severity is Severity.ERROR and f.rule.startswith(("T3-", "CELL-"))
    ]


@settings(max_examples=150, deadline=None)
@given(histories, st.integers(2022, 2026))
def test_computed_table3_passes_every_table_check(records: list[CaseRecord], year: int) -> None:
    assert table_errors(records, year) == []


@settings(max_examples=150, deadline=None)
@given(histories, st.integers(2023, 2026))
def test_last_years_carried_forward_is_this_years_carried_over(
    records: list[CaseRecord], year: int
) -> None:
    before = compute_table3(records, year - 1)
    now = compute_table3(records, year)
    assert before["carried_forward"] == now["carried_over"]


@settings(max_examples=100, deadline=None)
@given(histories, st.integers(2022, 2026))
def test_each_counted_case_is_counted_once_on_each_side(
    records: list[CaseRecord], year: int
) -> None:
    table = compute_table3(records, year)
    open_or_new = [
        r
        for r in records
        if r.received_on is not None
        and r.received_on <= date(year, 12, 31)
        and (r.received_on.year == year or r.open_at(date(year - 1, 12, 31)))
    ]
    intake = table["new_received"]["total"] + table["carried_over"]["total"]
    results = table["results_total"]["total"] + table["carried_forward"]["total"]
    assert intake == results == len(open_or_new)


def test_counting_rules_k7_to_k10_on_named_cases() -> None:
    records = [
        case(date(2024, 12, 20), date(2025, 1, 10)),  # carried over, concluded
        case(date(2024, 11, 1), date(2024, 12, 31)),  # concluded last year: not counted
        case(date(2024, 12, 30)),  # carried over and still open: carried forward
        case(date(2025, 3, 1), date(2025, 3, 20), Outcome.DENIED_PROCESS),
        case(
            date(2025, 12, 31),
            date(2026, 1, 5),
            applicant=ApplicantType.LEGAL_SERVICE_ORG,
        ),  # new, concluded next year: carried forward
        case(None),  # never confirmed: no day 0, not counted (K7)
        case(date(2026, 1, 2)),  # next year's
    ]
    table = compute_table3(records, 2025)
    assert table["new_received"]["total"] == 2
    assert table["carried_over"]["total"] == 2
    assert table["granted"]["natural_person"] == 1
    assert table["denied_process_info"]["total"] == 1
    assert table["results_total"]["total"] == 2
    assert table["carried_forward"] == {
        **dict.fromkeys(T3_COLUMNS, 0),
        "natural_person": 1,
        "legal_service_org": 1,
        "total": 2,
    }
    assert set(table) == set(T3_ROWS)


def test_an_overridden_mapping_moves_the_count() -> None:
    records = [case(date(2025, 2, 3), date(2025, 2, 10), Outcome.NOT_THIS_AGENCY)]
    default = compute_table3(records, 2025)
    moved = compute_table3(records, 2025, outcome_rows({"NOT_THIS_AGENCY": "other_other"}))
    assert default["unable_not_held"]["total"] == 1
    assert moved["unable_not_held"]["total"] == 0
    assert moved["other_other"]["total"] == 1


def test_contradictory_records_are_refused() -> None:
    with pytest.raises(InvalidRecord):
        case(date(2025, 3, 1), date(2025, 2, 1))
    with pytest.raises(InvalidRecord):
        CaseRecord(
            ApplicantType.OTHER_ORG, case(None).channel, date(2025, 3, 1), None, Outcome.GRANTED
        )
