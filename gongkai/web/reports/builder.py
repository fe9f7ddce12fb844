"""The report as it stands: tables from the data, drafted or edited text, every check.

The web pages, the services (sign-off, publication) and ``gongkai report export`` all call
:func:`assemble`, so what staff see, what the office head signs and what is published are
the same report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongkai.core.checks.engine import check_report
from gongkai.core.report import jsonio
from gongkai.core.report.model import (
    AnnualReport,
    CellState,
    Contact,
    empty_table2,
    empty_table4,
    format_cell_paths,
)
from gongkai.core.reporting.drafting import draft_sections
from gongkai.core.reporting.figures import DraftFigures
from gongkai.core.reporting.publication import placeholder_findings
from gongkai.web.agencies.models import Agency
from gongkai.web.applications import statistics
from gongkai.web.reports import sources as source_data
from gongkai.web.reports.models import ReportDraft, ReportVersion


@dataclass
class Assembled:
    report: AnnualReport
    drafted: dict[str, str]  # section key → the text the drafter would write now
    edited: set[str]  # section keys whose text staff changed
    previous: AnnualReport | None
    previous_origin: str  # where last year's report came from, in Chinese ("" if none)
    missing_sources: list[str] = field(default_factory=list)


def report_title(agency: Agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def latest_version(agency: Agency | int, year: int) -> ReportVersion | None:
    agency_id = agency.pk if isinstance(agency, Agency) else agency
    versions = ReportVersion.objects.filter(agency_id=agency_id, year=year)
    return versions.order_by("-number").first()


def previous_report(
    agency: Agency, year: int, draft: ReportDraft | None
) -> tuple[AnnualReport | None, str]:
    """Last year's report: the one published in gongkai, else the one staff imported."""
    version = latest_version(agency, year - 1)
    if version is not None:
        return jsonio.loads(
            version.json_text
        ), f"本平台发布的{year - 1}年度报告第{version.number}版"
    if draft is not None and draft.previous_json:
        name = draft.previous_name or "导入的文件"
        return jsonio.report_from_json(draft.previous_json), f"导入的上年度报告（{name}）"
    return None, ""


def assemble(
    agency: Agency, year: int, draft: ReportDraft | None = None, *, on: date | None = None
) -> Assembled:
    """The report of ``agency`` for ``year`` as it would be published on ``on``."""
    if draft is None:
        draft = ReportDraft.objects.filter(agency=agency, year=year).first()
    report = statistics.annual_report(agency, year)  # 表三 from the cases
    found = source_data.gather(agency, year)
    _fill_tables(report, found.table2, found.table4)
    report.title = report_title(agency, year)
    report.contact = Contact(address=agency.address or None, phone=agency.phone or None)
    report.publication_date = on
    figures = DraftFigures(
        agency=agency.name,
        year=year,
        applications=statistics.figures(agency, year),
        catalogue=found.catalogue,
        fees=found.fees,
    )
    sections = draft_sections(report, figures)
    drafted = {s.key or "": s.text for s in sections}
    edits = dict(draft.sections) if draft is not None else {}
    for section in sections:
        if section.key in edits:
            section.text = str(edits[section.key])
    report.sections = sections
    previous, origin = previous_report(agency, year, draft)
    check_report(report, previous)
    report.findings += placeholder_findings(report)
    return Assembled(report, drafted, set(edits), previous, origin, found.missing)


def _fill_tables(
    report: AnnualReport, table2: dict[str, object] | None, table4: dict[str, object] | None
) -> None:
    """Put the sources' tables in; a cell no source gave is marked blank for the checks."""
    report.table2 = _merged(empty_table2(), table2)
    report.table4 = _merged(empty_table4(), table4)
    for path in format_cell_paths(report.format):
        if path.startswith(("table2.", "table4.")) and report.get(path) is None:
            report.provenance[path] = CellState.BLANK


def _merged(empty: dict[str, object], given: dict[str, object] | None) -> dict[str, object]:
    if not given:
        return empty
    merged = dict(empty)
    for key in empty:
        value = given.get(key)
        merged[key] = dict(value) if isinstance(value, dict) else value
    return merged


def years_with_data(agency: Agency) -> list[int]:
    """Years with applications, a draft or a published version, newest first."""
    from gongkai.web.applications.models import Application

    apps = Application.objects.filter(agency=agency)
    years = {
        d.year for d in apps.exclude(first_received_date=None).dates("first_received_date", "year")
    }
    years |= set(ReportDraft.objects.filter(agency=agency).values_list("year", flat=True))
    years |= set(ReportVersion.objects.filter(agency=agency).values_list("year", flat=True))
    return sorted(years, reverse=True)
