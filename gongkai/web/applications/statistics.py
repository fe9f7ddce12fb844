"""Cases from the database → plain records → the core's 表三 and narrative figures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.statuses import Status
from gongkai.core.report.model import AnnualReport
from gongkai.core.statistics.narrative import ApplicationFigures, application_figures
from gongkai.core.statistics.records import CaseRecord
from gongkai.core.statistics.report import annual_report_from_cases
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.answer_clock import first_answer_due
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.models import Application

FIELDS = (
    "applicant_type",
    "channel",
    "first_received_date",
    "concluded_on",
    "outcome",
    "due_date",
    "issued_on",
    "number",
    "status",
    "pk",
)


def case_records(agency: Agency, year: int | None = None) -> Iterator[CaseRecord]:
    """The agency's cases as records; with ``year``, only those that can count in it.

    A case counts in a year's 表三 when it was received by the year's end and not concluded
    before the year began (K7–K10); the others are skipped in the query, which keeps one
    agency-year's statistics fast however many years of cases the agency has.
    """
    cases = Application.objects.filter(agency=agency)
    if year is not None:
        cases = cases.filter(first_received_date__lte=date(year, 12, 31)).exclude(
            concluded_on__lt=date(year, 1, 1)
        )
    rows = cases.order_by("pk").values_list(*FIELDS)
    for row in rows.iterator(chunk_size=5000):
        applicant, channel, received, concluded, outcome, due, issued, number, status, pk = row
        if status == Status.REANSWER_ORDERED.value:
            # The stored date is the re-answer's own clock; the first answer is judged by
            # its §33 date (gongkai.web.applications.reanswering).
            due = first_answer_due(Application.objects.get(pk=pk))
        yield CaseRecord(
            applicant_type=ApplicantType(applicant),
            channel=Channel(channel),
            received_on=received,
            concluded_on=concluded,
            outcome=Outcome(outcome) if concluded and outcome else None,
            due_on=due if issued else None,
            reference=number,
        )


def annual_report(agency: Agency, year: int) -> AnnualReport:
    rows = procedure_rules().outcome_rows
    return annual_report_from_cases(case_records(agency, year), year, agency.name, rows)


def figures(agency: Agency, year: int) -> ApplicationFigures:
    records = case_records(agency, year)
    return application_figures(records, year, procedure_rules().outcome_rows)
