"""The document's own title property names agency and year when the printed title is lost."""

from __future__ import annotations

from gongkai.core.parsing.document import SourceDocument
from gongkai.core.parsing.interpret import interpret

BODY = ["本报告统计期限自2023年1月1日起至2023年12月31日止。", "一、总体情况", "2023年，我局……"]


def test_the_title_property_stands_in_for_a_lost_printed_title() -> None:
    title = "2023年三明市公安局沙县分局政府信息公开工作年度报告"
    report = interpret(SourceDocument.from_rows(list(BODY), "pdf", {"title": title}))
    assert (report.agency, report.year, report.title) == ("三明市公安局沙县分局", 2023, title)


def test_a_title_property_that_names_no_agency_is_ignored() -> None:
    for junk in ("Microsoft Word - 文档1.docx", "", None):
        report = interpret(SourceDocument.from_rows(list(BODY), "pdf", {"title": junk}))
        assert report.agency is None and report.year == 2023


def test_the_printed_title_wins_over_the_property() -> None:
    rows = ["2024年淮安市人民政府政府信息公开工作年度报告", *BODY]
    other = "2023年三明市公安局沙县分局政府信息公开工作年度报告"
    report = interpret(SourceDocument.from_rows(rows, "pdf", {"title": other}))
    assert (report.agency, report.year) == ("淮安市人民政府", 2024)
