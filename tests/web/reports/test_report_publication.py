"""Sign-off, publication as an immutable version with its files, corrections, cross-year."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from report_builders import YEAR, FakeSources, concluded_case, publish_year, ready_to_sign, table4
from web_builders import Staff, registered

from gongkai.core.applications.roles import Role
from gongkai.core.errors import GongkaiError
from gongkai.core.rendering.text import render_text
from gongkai.core.report import jsonio
from gongkai.core.reporting.formats import available_formats
from gongkai.web.reports import files, services
from gongkai.web.reports.builder import assemble
from gongkai.web.reports.models import AppendOnly, ReportEvent, ReportVersion

pytestmark = pytest.mark.django_db


def test_publishing_makes_a_version_with_its_files_written_on_commit(
    staff: Staff,
    complete_sources: FakeSources,
    report_files: Path,
    django_capture_on_commit_callbacks: object,
) -> None:
    concluded_case(staff, date(2025, 3, 3), date(2025, 3, 20))
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        version = publish_year(staff)
    assert (version.number, version.published_on) == (1, date(2026, 1, 20))
    assert version.signed_off_by_id == staff[Role.OFFICE_HEAD].pk
    report = jsonio.loads(version.json_text)
    assert report.table3["granted"]["total"] == 1
    assert report.publication_date == date(2026, 1, 20)
    assert hashlib.sha256(version.json_text.encode()).hexdigest() == version.checksum
    expected = {f for f in available_formats() if f != "json"}
    assert set(version.files) == expected and "html" in expected
    for fmt, info in version.files.items():
        stored = (report_files / info["name"]).read_bytes()
        assert hashlib.sha256(stored).hexdigest() == info["sha256"]
        assert files.read(version, fmt) == stored
    actions = list(ReportEvent.objects.values_list("action", "version_number"))
    assert ("sign_off", None) in actions and actions[-1] == ("publish", 1)


def test_a_published_version_cannot_be_changed_or_deleted(
    staff: Staff, complete_sources: FakeSources
) -> None:
    version = publish_year(staff)
    version.change_note = "改"
    with pytest.raises(AppendOnly):
        version.save()
    with pytest.raises(AppendOnly):
        version.delete()
    event = ReportEvent.objects.first()
    assert event is not None
    with pytest.raises(AppendOnly):
        event.save()


def test_publishing_needs_a_sign_off_of_exactly_the_current_content(
    staff: Staff, complete_sources: FakeSources
) -> None:
    with pytest.raises(GongkaiError, match="审签"):
        ready_to_sign(staff)
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2026, 1, 20))
    services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    # New data after the sign-off: the signed content is no longer the report.
    complete_sources.values["table4"] = table4(review_upheld=1)
    with pytest.raises(GongkaiError, match="重新审签"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2026, 1, 20))
    assert not ReportVersion.objects.exists()


def test_dates_are_guarded(staff: Staff, complete_sources: FakeSources) -> None:
    with pytest.raises(GongkaiError, match="尚未结束"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2025, 12, 31))
    with pytest.raises(GongkaiError, match="晚于今天"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2999, 1, 1))


def test_a_correction_is_a_new_version_with_a_note_and_the_computed_changes(
    staff: Staff, complete_sources: FakeSources
) -> None:
    first = publish_year(staff)
    services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    with pytest.raises(GongkaiError, match="没有任何修改"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2026, 2, 1))
    complete_sources.values["table4"] = table4(review_corrected=1)
    services.edit_sections(
        staff[Role.HANDLER],
        staff.agency,
        YEAR,
        {"review_litigation": "本年度因政府信息公开工作被申请行政复议1件，结果纠正。"},
    )
    services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    with pytest.raises(GongkaiError, match="说明"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2026, 2, 1))
    second = services.publish(
        staff[Role.OFFICE_HEAD], staff.agency, YEAR, on=date(2026, 2, 1), note="补报一件行政复议"
    )
    assert second.number == 2 and second.change_note == "补报一件行政复议"
    paths = {c["path"] for c in second.changes["cells"]}
    assert paths == {"table4.review_corrected", "table4.review_total"}
    assert second.changes["sections"] == ["review_litigation"]
    assert any("结果纠正" in line and "0 → 1" in line for line in second.changes["lines"])
    first.refresh_from_db()
    assert jsonio.loads(first.json_text).table4["review_total"] == 0  # unchanged


def test_cross_year_checks_use_last_years_published_report(
    staff: Staff, complete_sources: FakeSources
) -> None:
    registered(staff, date(2025, 12, 29))  # still open: carried forward into 2026
    publish_year(staff)
    report = assemble(staff.agency, 2026).report
    assert report.table3["carried_over"]["total"] == 1
    assert "XYEAR-CARRIED-OVER" not in {f.rule for f in report.findings}
    built = assemble(staff.agency, 2026)
    assert built.previous is not None and "第1版" in built.previous_origin
    with pytest.raises(GongkaiError, match="无需导入"):
        services.import_previous(staff[Role.HANDLER], staff.agency, 2026, b"x", "a.txt")


def test_an_imported_previous_report_is_read_and_checked_against(
    staff: Staff, complete_sources: FakeSources
) -> None:
    concluded_case(staff, date(2024, 12, 20), date(2025, 1, 10))  # carried over from 2024
    last = assemble(staff.agency, 2024).report
    last.table3["carried_forward"]["natural_person"] = 0  # last year's report says 0
    last.table3["carried_forward"]["total"] = 0
    text = render_text(last).encode("utf-8")
    with pytest.raises(GongkaiError, match="2024年度报告"):
        services.import_previous(staff[Role.HANDLER], staff.agency, 2026, text, "2024.txt")
    services.import_previous(staff[Role.HANDLER], staff.agency, YEAR, text, "2024.txt")
    built = assemble(staff.agency, YEAR)
    assert built.previous_origin == "导入的上年度报告（2024.txt）"
    assert "XYEAR-CARRIED-OVER" in {f.rule for f in built.report.errors()}
    with pytest.raises(GongkaiError):
        services.import_previous(staff[Role.HANDLER], staff.agency, YEAR, b"\x00\x01", "x.bin")
