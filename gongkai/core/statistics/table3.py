"""表三 for one agency and year, by the counting rules of domain.md §8.4 K7–K10.

* 一、本年新收: day 0 falls in the year (K7);
* 二、上年结转: received before the year and open at the previous 31 December (K8);
* 三、办理结果: concluded in the year, in the one row its outcome maps to (K4, K12);
* 四、结转下年度: received by 31 December and still open at its end (K9, K10).

Each counted application is therefore in 一 or 二 exactly once and in 三 or 四 exactly once,
which is the table's own 勾稽关系 (K3) by construction rather than by correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from gongkai.core.applications.applicants import APPLICANT_COLUMNS
from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.report.labels import T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_OUTCOME_ROWS, T3_ROWS
from gongkai.core.statistics.records import CaseRecord

Table3 = dict[str, dict[str, int]]


def empty_counts() -> Table3:
    return {row: dict.fromkeys(T3_COLUMNS, 0) for row in T3_ROWS}


def classify(
    record: CaseRecord, year: int, rows: Mapping[Outcome, str] = DEFAULT_OUTCOME_ROWS
) -> tuple[str | None, str | None]:
    """The (intake row, result row) a record is counted in for ``year``; None where absent."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    if record.received_on is None or record.received_on > end:
        return None, None
    if record.received_on >= start:
        intake = "new_received"
    elif record.open_at(date(year - 1, 12, 31)):
        intake = "carried_over"
    else:
        return None, None
    concluded, outcome = record.concluded_on, record.outcome
    if concluded is not None and outcome is not None and concluded <= end:
        return intake, rows[outcome]
    return intake, "carried_forward"


def compute_table3(
    records: Iterable[CaseRecord],
    year: int,
    rows: Mapping[Outcome, str] = DEFAULT_OUTCOME_ROWS,
) -> Table3:
    table = empty_counts()
    for record in records:
        intake, result = classify(record, year, rows)
        if intake is None or result is None:
            continue
        column = APPLICANT_COLUMNS[record.applicant_type]
        table[intake][column] += 1
        table[result][column] += 1
    for column in T3_APPLICANT_COLUMNS:
        table["results_total"][column] = sum(table[row][column] for row in T3_OUTCOME_ROWS)
    for cells in table.values():
        cells["total"] = sum(cells[column] for column in T3_APPLICANT_COLUMNS)
    return table
