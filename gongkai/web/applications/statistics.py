"""Cases from the database → plain records → the core's 表三 and narrative figures."""

from __future__ import annotations

from collections.abc import Iterator

from gongkai.core.report.model import AnnualReport
from gongkai.core.statistics.narrative import ApplicationFigures, application_figures
from gongkai.core.statistics.records import CaseRecord
from gongkai.core.statistics.report import annual_report_from_cases
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.models import Application


def case_records(agency: Agency) -> Iterator[CaseRecord]:
    for app in Application.objects.filter(agency=agency).order_by("pk").iterator():
        yield CaseRecord(
            applicant_type=app.applicant_type_enum,
            channel=app.channel_enum,
            received_on=app.first_received_date,
            concluded_on=app.concluded_on,
            outcome=app.outcome_enum if app.concluded_on else None,
            due_on=app.due_date if app.issued_on else None,
            reference=app.number,
        )


def annual_report(agency: Agency, year: int) -> AnnualReport:
    rows = procedure_rules().outcome_rows
    return annual_report_from_cases(case_records(agency), year, agency.name, rows)


def figures(agency: Agency, year: int) -> ApplicationFigures:
    return application_figures(case_records(agency), year, procedure_rules().outcome_rows)
