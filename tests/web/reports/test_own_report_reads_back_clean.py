"""Issue 14: the platform's own published report, read back from each of its published
files by the product's readers (gongkai.core.parsing.read), gives no finding at all: a
finding there is either a rendering that misprints the report or a check that misreads it.

Two reports: the demo's last-year report, and one whose 政府信息管理 paragraph lists every
document attribute (主动公开, 依申请公开, 不予公开), the sentence whose line breaks in the PDF
once gave a false NARR-OUTCOME-COUNT.
"""

from __future__ import annotations

import logging
from datetime import date

import pytest
from report_builders import CATALOGUE, YEAR, FakeSources, concluded_case, publish_year
from web_builders import Staff

from gongkai.core.errors import InputError
from gongkai.core.parsing.read import read_report
from gongkai.core.report.model import AnnualReport
from gongkai.core.reporting.formats import FORMATS
from gongkai.web import demo
from gongkai.web.agencies.models import Agency
from gongkai.web.reports import files
from gongkai.web.reports.models import ReportVersion

pytestmark = pytest.mark.django_db


def _findings(report: AnnualReport) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in report.findings]


def assert_every_published_file_reads_back_clean(version: ReportVersion) -> None:
    read_back = 0
    for fmt in FORMATS:
        if fmt != "json" and fmt not in version.files:
            continue  # that renderer is not installed in this build
        data = files.read(version, fmt)
        if fmt == "xlsx":
            # No reader takes a workbook as a report; if one is added, check it here too.
            with pytest.raises(InputError, match="不是年度报告文档"):
                read_report(data, f"own.{fmt}")
            continue
        report = read_report(data, f"own.{fmt}")
        assert report.year == version.year, fmt
        assert _findings(report) == [], fmt
        read_back += 1
    assert read_back >= 2  # HTML and JSON at least


def test_the_demos_published_report_reads_back_without_a_finding() -> None:
    logging.getLogger("gongkai.notices").setLevel(logging.WARNING)
    demo.load_demo(count=16)
    bureau = Agency.objects.get(name=demo.BUREAU)
    for version in ReportVersion.objects.filter(agency=bureau):
        assert_every_published_file_reads_back_clean(version)


def test_a_report_listing_every_document_attribute_reads_back_without_a_finding(
    staff: Staff, complete_sources: FakeSources
) -> None:
    complete_sources.values["catalogue"] = {
        **CATALOGUE,
        "published_total": 21,
        "published_by_category": {"政策文件": 21},
        "published_by_channel": {"政府网站": 21},
        "published_on_time": 21,
        "attributes_set": {"主动公开": 21, "依申请公开": 3, "不予公开": 1},
    }
    for day in (date(YEAR, 3, 2), date(YEAR, 5, 6), date(YEAR, 9, 1)):
        concluded_case(staff, day, day)
    assert_every_published_file_reads_back_clean(publish_year(staff))
