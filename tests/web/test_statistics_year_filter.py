"""One agency-year's statistics read only the cases that can count in that year; the result
must equal counting over every case the agency has.

The rows are written directly (not through the services) because what is under test is the
query's choice of rows, over dates spread across several years in every combination.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from web_builders import Staff, at

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.statuses import Status
from gongkai.core.statistics.narrative import application_figures
from gongkai.core.statistics.report import annual_report_from_cases
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.models import Application
from gongkai.web.applications.statistics import annual_report, case_records, figures


def _cases(staff: Staff, count: int) -> None:
    rng = random.Random(7)
    for n in range(count):
        received = date(2023, 6, 1) + timedelta(days=rng.randrange(1200))
        concluded = received + timedelta(days=rng.randrange(60)) if rng.random() < 0.8 else None
        Application.objects.create(
            agency=staff.agency,
            number=f"T-{n:04d}",
            channel="in_person",
            arrived_at=at(received),
            received_date=received,
            first_received_date=received,
            applicant_type="natural_person",
            applicant_name="周某",
            description="测试",
            status=(Status.ISSUED if concluded else Status.RECEIVED).value,
            due_date=received + timedelta(days=28),
            outcome=Outcome.GRANTED.value if concluded else "",
            issued_on=concluded,
            concluded_on=concluded,
        )


@pytest.mark.django_db
def test_year_filtered_records_count_the_same_as_all_records(staff: Staff) -> None:
    _cases(staff, 120)
    rows = procedure_rules().outcome_rows
    everything = list(case_records(staff.agency))
    for year in (2023, 2024, 2025, 2026):
        expected = annual_report_from_cases(everything, year, staff.agency.name, rows)
        assert annual_report(staff.agency, year).table3 == expected.table3
        assert figures(staff.agency, year) == application_figures(everything, year, rows)
        assert len(list(case_records(staff.agency, year))) < len(everything)
