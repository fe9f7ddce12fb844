"""Year, statistics period, publication date and agency of a report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from builders import consistent_report

from gongkai.core.checks.engine import run_checks
from gongkai.core.checks.meta_rules import title_year
from gongkai.core.parsing.read import report_from_text
from gongkai.core.report.model import AnnualReport, Finding, Severity

SEEDS = Path(__file__).parents[2] / "fixtures" / "seeds"


def _meta(report: AnnualReport) -> list[Finding]:
    return [f for f in run_checks(report) if f.rule.startswith("META-")]


def test_consistent_report_has_no_meta_findings() -> None:
    assert _meta(consistent_report()) == []


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("沂源县公安局2023年政府信息公开工作年度报告", 2023),
        ("2023 年三明市公安局沙县分局政府信息公开工作年度报告", 2023),
        ("某县人民政府二〇二二年政府信息公开工作年度报告", 2022),
        ("政府信息公开工作年度报告", None),
    ],
)
def test_title_year(title: str, year: int | None) -> None:
    assert title_year(title) == year


def test_title_naming_another_year_is_an_error() -> None:
    report = consistent_report(title="某县公安局2022年政府信息公开工作年度报告")
    found = _meta(report)
    assert [(f.rule, f.severity) for f in found] == [("META-YEAR", Severity.ERROR)]
    assert "标题为2022年" in found[0].message and "报告年度为2023年" in found[0].message


def test_period_of_another_year_is_an_error_and_a_warning() -> None:
    report = consistent_report(period=(dt.date(2022, 1, 1), dt.date(2022, 12, 31)))
    rules = {(f.rule, f.severity) for f in _meta(report)}
    assert rules == {("META-YEAR", Severity.ERROR), ("META-PERIOD", Severity.WARNING)}


def test_partial_period_is_a_warning() -> None:
    report = consistent_report(period=(dt.date(2023, 1, 1), dt.date(2023, 6, 30)))
    found = _meta(report)
    assert [(f.rule, f.severity) for f in found] == [("META-PERIOD", Severity.WARNING)]
    assert "2023年6月30日" in found[0].message and "2023年12月31日" in found[0].message


@pytest.mark.parametrize(
    ("published", "late"),
    [
        (dt.date(2024, 1, 5), False),  # 沂源 (seed 001)
        (dt.date(2024, 1, 19), False),  # 兴宁 (seed 004)
        (dt.date(2024, 1, 31), False),
        (dt.date(2024, 2, 1), True),
        (dt.date(2023, 12, 31), True),  # before the year it reports on was over
    ],
)
def test_department_publication_date(published: dt.date, late: bool) -> None:
    found = _meta(consistent_report(publication_date=published))
    assert [f.rule for f in found] == (["META-PUBLICATION-LATE"] if late else [])
    assert all(f.severity == Severity.WARNING for f in found)


def test_government_report_is_due_by_31_march() -> None:
    on_time = consistent_report(agency="某县人民政府", publication_date=dt.date(2024, 3, 20))
    late = consistent_report(agency="某县人民政府", publication_date=dt.date(2024, 4, 1))
    assert _meta(on_time) == []
    assert "2024年3月31日" in _meta(late)[0].message


def test_unknown_year_and_agency() -> None:
    report = consistent_report(title=None, period=None, publication_date=None)
    report.agency = report.year = None
    found = {f.where[0]: f for f in _meta(report)}
    assert found["year"].rule == "META-AGENCY" and found["year"].severity == Severity.WARNING
    assert found["agency"].rule == "META-AGENCY" and found["agency"].severity == Severity.INFO


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_have_no_meta_findings(prefix: str) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    assert _meta(report_from_text(path.read_text("utf-8"), path.name)) == []
