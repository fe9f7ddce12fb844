"""Put computed statistics into an :class:`AnnualReport`, the model the checks run on."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.report.model import AnnualReport
from gongkai.core.statistics.records import CaseRecord
from gongkai.core.statistics.table3 import compute_table3


def annual_report_from_cases(
    records: Iterable[CaseRecord],
    year: int,
    agency: str,
    rows: Mapping[Outcome, str] = DEFAULT_OUTCOME_ROWS,
) -> AnnualReport:
    """A report with 表三 computed from the cases; the other tables stay unfilled."""
    report = AnnualReport(agency=agency, year=year, period=(date(year, 1, 1), date(year, 12, 31)))
    for row, cells in compute_table3(records, year, rows).items():
        report.table3[row] = dict(cells)
    return report
