"""Monthly figures count by the annual report's own rules (K7 new received, K10 results by
conclusion date and the 表三 row mapping): twelve months add up to the year's 表三."""

from __future__ import annotations

from datetime import date

from case_builders import case_records
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.report.labels import T3_OUTCOME_ROWS
from gongkai.core.statistics.monthly import month_bounds, month_figures
from gongkai.core.statistics.records import CaseRecord
from gongkai.core.statistics.table3 import compute_table3


@settings(max_examples=150, deadline=None)
@given(st.lists(case_records(), max_size=60), st.integers(2022, 2026))
def test_twelve_months_add_up_to_the_years_table3(records: list[CaseRecord], year: int) -> None:
    table = compute_table3(records, year)
    months = [month_figures(records, year, m) for m in range(1, 13)]
    assert sum(m.received for m in months) == table["new_received"]["total"]
    for row in T3_OUTCOME_ROWS:
        assert sum(m.answered_by_row[row] for m in months) == table[row]["total"]


def test_one_month_by_channel_applicant_and_row() -> None:
    records = [
        CaseRecord(ApplicantType.NATURAL_PERSON, Channel.ONLINE, date(2026, 2, 3)),
        CaseRecord(ApplicantType.COMMERCIAL_ENTERPRISE, Channel.IN_PERSON, date(2026, 2, 27)),
        CaseRecord(
            ApplicantType.NATURAL_PERSON,
            Channel.ONLINE,
            date(2026, 1, 20),
            date(2026, 2, 10),
            Outcome.DENIED_PROCESS,
        ),
        CaseRecord(ApplicantType.NATURAL_PERSON, Channel.ONLINE, date(2026, 3, 1)),
    ]
    feb = month_figures(records, 2026, 2)
    assert feb.received == 2 and feb.received_by_channel[Channel.ONLINE] == 1
    assert feb.received_by_applicant[ApplicantType.COMMERCIAL_ENTERPRISE] == 1
    assert feb.answered == 1 and feb.answered_by_row["denied_process_info"] == 1
    assert month_bounds(2024, 2) == (date(2024, 2, 1), date(2024, 2, 29))
