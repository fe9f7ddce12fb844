"""Properties of every consistent report: it passes, it survives JSON, and any change shows."""

from __future__ import annotations

import copy

from builders import consistent_reports, narrative
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.checks.engine import run_checks
from gongkai.core.report import labels as L
from gongkai.core.report.jsonio import report_from_json, report_to_json
from gongkai.core.report.model import AnnualReport, Severity

TABLE_CELLS = [f"table3.{row}.{col}" for row in L.T3_ROWS for col in L.T3_COLUMNS] + [
    f"table4.{col}" for col in L.T4_COLUMNS
]


def _errors(report: AnnualReport) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in run_checks(report) if f.severity == Severity.ERROR]


@settings(max_examples=200)
@given(consistent_reports())
def test_consistent_reports_have_no_errors(report: AnnualReport) -> None:
    assert _errors(report) == []


@given(consistent_reports())
def test_json_round_trip_is_exact(report: AnnualReport) -> None:
    data = report_to_json(report)
    again = report_from_json(data)
    assert again == report
    assert report_to_json(again) == data


@settings(max_examples=200)
@given(consistent_reports(), st.sampled_from(TABLE_CELLS))
def test_any_cell_plus_one_is_an_error(report: AnnualReport, path: str) -> None:
    report.set(path, report.get(path) + 1)
    assert _errors(report)


@given(consistent_reports(), st.sampled_from(["granted", "review"]), st.data())
def test_narrative_written_for_other_figures_is_caught(
    report: AnnualReport, what: str, data: st.DataObject
) -> None:
    other = copy.deepcopy(report)
    if what == "granted":
        for row in ("granted", "results_total", "new_received"):
            for col in ("natural_person", "total"):
                other.table3[row][col] += 1  # type: ignore[index]
    else:
        for col in ("review_upheld", "review_total"):
            other.table4[col] += 1  # type: ignore[operator]
    style = data.draw(st.sampled_from(["arabic", "spaced", "chinese"]))
    report.sections = narrative(other, style)
    rules = {f.rule for f in run_checks(report) if f.severity == Severity.ERROR}
    assert rules and all(rule.startswith("NARR-") for rule in rules)
