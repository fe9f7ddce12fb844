"""This year's report against last year's."""

from __future__ import annotations

from builders import consistent_report

from gongkai.core.checks.engine import run_checks
from gongkai.core.report import labels as L
from gongkai.core.report.model import AnnualReport, Finding, Severity


def _xyear(report: AnnualReport, previous: AnnualReport | None) -> list[Finding]:
    return [f for f in run_checks(report, previous) if f.rule.startswith("XYEAR-")]


def _previous(**kwargs: object) -> AnnualReport:
    kwargs.setdefault("carried_forward", {"natural_person": 1})
    kwargs.setdefault("normative", (2, 0, 5))
    return consistent_report(2022, **kwargs)  # type: ignore[arg-type]


def test_consecutive_consistent_years_pass() -> None:
    current = consistent_report(normative=(1, 0, 6))  # carried over 1 from 2022
    assert _xyear(current, _previous()) == []


def test_without_previous_nothing_runs() -> None:
    assert _xyear(consistent_report(), None) == []


def test_carried_over_differs_per_column() -> None:
    previous = _previous(carried_forward={"natural_person": 1, "legal_service_org": 2})
    found = _xyear(consistent_report(normative=(1, 0, 6)), previous)
    assert {f.rule for f in found} == {"XYEAR-CARRIED-OVER"}
    assert sorted(w for f in found for w in f.where) == [
        "table3.carried_over.legal_service_org",
        "table3.carried_over.total",
    ]
    assert all(f.severity == Severity.ERROR for f in found)
    assert "2022年度" in found[0].message


def test_in_force_must_follow_from_last_year() -> None:
    found = _xyear(consistent_report(normative=(1, 0, 7)), _previous())
    assert [(f.rule, f.severity) for f in found] == [("XYEAR-NORMATIVE-IN-FORCE", Severity.WARNING)]
    assert "应为6件" in found[0].message
    assert found[0].where[0] == "table2.normative_documents.in_force"


def test_repealed_documents_are_subtracted() -> None:
    assert _xyear(consistent_report(normative=(3, 2, 6)), _previous()) == []


def test_regulations_follow_too() -> None:
    current = consistent_report(normative=(1, 0, 6))
    current.table2["regulations"] = {"issued": 1, "repealed": 0, "in_force": 3}
    found = _xyear(current, _previous())
    assert [f.where[0] for f in found] == ["table2.regulations.in_force"]


def test_previous_report_of_another_year() -> None:
    previous = consistent_report(2021, carried_forward={"natural_person": 5})
    found = _xyear(consistent_report(), previous)
    assert [(f.rule, f.severity) for f in found] == [("XYEAR-YEARS", Severity.ERROR)]
    assert "2021年度" in found[0].message


def test_previous_in_2019_format_skips_the_in_force_comparison() -> None:
    previous = _previous()
    previous.format = L.FORMAT_2019
    previous.table2 = {"normative_documents": {"made": 1, "published": 1, "in_force_total": 40}}
    assert _xyear(consistent_report(normative=(1, 0, 6)), previous) == []
