"""Builders of plain case records: one helper for tests, one hypothesis strategy."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.statistics.records import CaseRecord

FIRST = date(2022, 1, 1)
LAST = date(2025, 12, 31)


def case(
    received: date | None,
    concluded: date | None = None,
    outcome: Outcome | None = None,
    *,
    applicant: ApplicantType = ApplicantType.NATURAL_PERSON,
    channel: Channel = Channel.ONLINE,
    due: date | None = None,
) -> CaseRecord:
    if concluded is not None and outcome is None:
        outcome = Outcome.GRANTED
    return CaseRecord(applicant, channel, received, concluded, outcome, due)


@st.composite
def case_records(draw: st.DrawFn) -> CaseRecord:
    """A random history: received (or never confirmed), then concluded at some later date or
    still open, with any outcome, applicant type and channel."""
    received = draw(st.one_of(st.none(), st.dates(FIRST, LAST)))
    concluded = outcome = None
    if draw(st.booleans()):
        start = received or FIRST
        concluded = draw(st.dates(start, start + timedelta(days=500)))
        outcome = draw(st.sampled_from(Outcome))
    due = None if received is None else received + timedelta(days=draw(st.integers(0, 60)))
    return CaseRecord(
        draw(st.sampled_from(ApplicantType)),
        draw(st.sampled_from(Channel)),
        received,
        concluded,
        outcome,
        due,
    )
