"""One month's figures for the office head, by the annual report's own counting rules.

No second counting logic: a case is *received* in the month its first day 0 falls in (the
month slice of K7 ``new_received``), and *answered* in the month it was concluded, in the
表三 outcome row the agency's mapping gives it (K10, the same ``rows`` as 表三). So the twelve
months of a year add up to that year's 新收 and result rows (a test shows it).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import DEFAULT_OUTCOME_ROWS, Outcome
from gongkai.core.report.labels import T3_OUTCOME_ROWS
from gongkai.core.statistics.records import CaseRecord


@dataclass(frozen=True)
class MonthFigures:
    year: int
    month: int
    received_by_channel: dict[Channel, int]
    received_by_applicant: dict[ApplicantType, int]
    answered_by_row: dict[str, int]  # 表三 outcome row key → cases, in 表三's order

    @property
    def received(self) -> int:
        return sum(self.received_by_channel.values())

    @property
    def answered(self) -> int:
        return sum(self.answered_by_row.values())


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_figures(
    records: Iterable[CaseRecord],
    year: int,
    month: int,
    rows: Mapping[Outcome, str] = DEFAULT_OUTCOME_ROWS,
) -> MonthFigures:
    start, end = month_bounds(year, month)
    channels: Counter[Channel] = Counter()
    applicants: Counter[ApplicantType] = Counter()
    answered: Counter[str] = Counter()
    for record in records:
        if record.received_on is not None and start <= record.received_on <= end:
            channels[record.channel] += 1
            applicants[record.applicant_type] += 1
        concluded, outcome = record.concluded_on, record.outcome
        if record.counted() and concluded and outcome and start <= concluded <= end:
            answered[rows[outcome]] += 1
    return MonthFigures(
        year,
        month,
        {c: channels[c] for c in Channel},
        {a: applicants[a] for a in ApplicantType},
        {row: answered[row] for row in T3_OUTCOME_ROWS},
    )
