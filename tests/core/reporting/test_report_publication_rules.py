from __future__ import annotations

import copy
from datetime import date

import pytest
from builders import consistent_report

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.report.model import Finding, Section, Severity
from gongkai.core.reporting.diff import diff_reports
from gongkai.core.reporting.drafting import placeholder
from gongkai.core.reporting.formats import UnknownFormat, check_format, render
from gongkai.core.reporting.permissions import ReportAction, allowed, require_report_role
from gongkai.core.reporting.publication import (
    content_checksum,
    days_late,
    placeholder_findings,
    publication_deadline,
    readiness,
    warning_key,
)


def test_deadlines_follow_article_49() -> None:
    assert publication_deadline(2025, government=False) == date(2026, 1, 31)
    assert publication_deadline(2025, government=True) == date(2026, 3, 31)
    assert days_late(date(2026, 1, 31), date(2026, 1, 31)) == 0
    assert days_late(date(2026, 2, 2), date(2026, 1, 31)) == 2


def test_errors_block_and_warnings_need_acknowledgement() -> None:
    error = Finding("T3-ROW-TOTAL", Severity.ERROR, ["table3.granted.total"], "错")
    warning = Finding("META-PUBLICATION-LATE", Severity.WARNING, ["publication_date"], "迟")
    info = Finding("META-AGENCY", Severity.INFO, [], "提示")
    assert not readiness([error], []).publishable
    state = readiness([warning, info], [])
    assert not state.publishable and state.unacknowledged == [warning]
    assert readiness([warning, info], [warning_key(warning)]).publishable
    assert "警告尚未确认" in state.reasons()[0]


def test_a_placeholder_left_in_the_text_is_an_error() -> None:
    report = consistent_report()
    report.sections[4] = Section("problems", "五", "存在的主要问题及改进情况", placeholder("问题"))
    found = placeholder_findings(report)
    assert [f.rule for f in found] == ["DRAFT-PLACEHOLDER"]
    assert found[0].severity == Severity.ERROR and "五、" in found[0].message


def test_checksum_ignores_findings_and_date_but_not_content() -> None:
    report = consistent_report()
    same = copy.deepcopy(report)
    same.findings.append(Finding("X", Severity.INFO, [], "x"))
    same.publication_date = date(2030, 1, 1)
    assert content_checksum(report) == content_checksum(same)
    changed = copy.deepcopy(report)
    changed.table4["review_upheld"] = 1
    assert content_checksum(changed) != content_checksum(report)
    edited = copy.deepcopy(report)
    edited.sections[0].text += "补充。"
    assert content_checksum(edited) != content_checksum(report)


def test_diff_lists_every_changed_cell_and_section() -> None:
    old = consistent_report()
    new = copy.deepcopy(old)
    new.table3["granted"]["natural_person"] += 1
    new.table2["administrative_fees"] = "1.0000"
    new.sections[4].text = "改了。"
    diff = diff_reports(old, new)
    assert {c.path for c in diff.cells} == {
        "table3.granted.natural_person",
        "table2.administrative_fees",
    }
    assert diff.sections == ["problems"]
    lines = diff.lines()
    assert any("予以公开" in line and "→" in line for line in lines)
    assert diff_reports(old, copy.deepcopy(old)).is_empty()


def test_formats_are_checked_with_a_chinese_error() -> None:
    assert check_format(" PDF ") == "pdf"
    with pytest.raises(UnknownFormat, match="不支持的格式"):
        check_format("odt")
    report = consistent_report()
    assert render(report, "json").startswith(b"{")
    assert "<table" in render(report, "html").decode()


def test_only_the_office_head_signs_off() -> None:
    assert allowed(ReportAction.SIGN_OFF, {Role.OFFICE_HEAD})
    assert not allowed(ReportAction.SIGN_OFF, {Role.HANDLER, Role.REVIEWER})
    with pytest.raises(PermissionDenied, match="负责人"):
        require_report_role(ReportAction.SIGN_OFF, {Role.SUPERVISOR})
