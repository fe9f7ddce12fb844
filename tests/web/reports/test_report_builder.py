"""The report as it stands: 表三 from the cases, the other tables from their apps, the
drafted text, every check; and what blocks publication."""

from __future__ import annotations

from datetime import date

import pytest
from report_builders import YEAR, FakeSources, concluded_case, fill_placeholders, table4
from web_builders import Staff

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.errors import GongkaiError
from gongkai.core.reporting.publication import readiness
from gongkai.web.reports import services
from gongkai.web.reports import sources as source_data
from gongkai.web.reports.builder import assemble
from gongkai.web.reports.models import ReportDraft, ReportEvent

pytestmark = pytest.mark.django_db


def test_tables_come_from_the_data_and_the_text_states_them(
    staff: Staff, complete_sources: FakeSources
) -> None:
    concluded_case(staff, date(2025, 3, 3), date(2025, 3, 20))
    concluded_case(staff, date(2025, 4, 1), date(2025, 4, 20), Outcome.DENIED_PROCESS)
    complete_sources.values["table4"] = table4(review_upheld=1)
    built = assemble(staff.agency, YEAR)
    report = built.report
    assert report.table3["new_received"]["total"] == 2
    assert report.table3["granted"]["total"] == 1
    assert report.table3["denied_process_info"]["total"] == 1
    assert report.table2["administrative_license"] == 120
    assert report.table4["review_total"] == 1
    overview = report.sections[0].text
    assert "共收到政府信息公开申请2件" in overview
    assert "予以公开1件，占50.00%" in overview
    assert "被申请行政复议1件" in report.sections[3].text
    assert not [f for f in report.findings if f.rule.startswith(("NARR-", "T3-", "T4-"))]


def test_a_missing_source_leaves_blank_cells_that_block_publication(
    staff: Staff, complete_sources: FakeSources
) -> None:
    del complete_sources.values["table4"]
    built = assemble(staff.agency, YEAR)
    assert built.report.table4["review_total"] is None
    assert any("表四" in m for m in built.missing_sources)
    blank = [f for f in built.report.findings if f.rule == "CELL-BLANK"]
    assert blank and all(f.severity == "error" for f in blank)
    fill_placeholders(staff)
    with pytest.raises(GongkaiError, match="表四"):
        services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)


def test_an_uninstalled_source_is_reported_not_faked(staff: Staff) -> None:
    # The real lookup: a module that does not exist yields None, never numbers.
    source_data.SOURCE_FUNCTIONS["_probe"] = ("gongkai.web.no_such_app.statistics", "f")
    try:
        assert source_data.source_function("_probe") is None
    finally:
        del source_data.SOURCE_FUNCTIONS["_probe"]


def test_placeholders_and_errors_block_sign_off(
    staff: Staff, complete_sources: FakeSources
) -> None:
    with pytest.raises(GongkaiError, match="待补充"):
        services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    fill_placeholders(staff)
    # A narrative figure that contradicts the tables is an error (NARR-*).
    services.edit_sections(
        staff[Role.HANDLER],
        staff.agency,
        YEAR,
        {"review_litigation": "本年度因政府信息公开工作被申请行政复议3件。"},
    )
    report = assemble(staff.agency, YEAR).report
    assert "NARR-REVIEW-LITIGATION-COUNT" in {f.rule for f in report.errors()}
    with pytest.raises(GongkaiError, match="行政复议"):
        services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)


def test_warnings_must_be_acknowledged_before_sign_off(
    staff: Staff, complete_sources: FakeSources
) -> None:
    fill_placeholders(staff)
    report = assemble(staff.agency, YEAR, on=date.today()).report
    state = readiness(report.findings, [])
    assert state.unacknowledged  # published after 31 January: META-PUBLICATION-LATE
    with pytest.raises(GongkaiError, match="警告尚未确认"):
        services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    with pytest.raises(GongkaiError, match="已不存在"):
        services.acknowledge_warnings(staff[Role.HANDLER], staff.agency, YEAR, ["NOPE@x"])
    from gongkai.core.reporting.publication import warning_key

    keys = [warning_key(f) for f in state.unacknowledged]
    services.acknowledge_warnings(staff[Role.HANDLER], staff.agency, YEAR, keys, "已知晓")
    draft = services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    assert draft.signed_checksum


def test_only_the_office_head_signs_off_and_supervisors_edit_nothing(
    staff: Staff, complete_sources: FakeSources
) -> None:
    with pytest.raises(PermissionDenied, match="负责人"):
        services.sign_off(staff[Role.HANDLER], staff.agency, YEAR)
    with pytest.raises(PermissionDenied):
        services.edit_sections(staff[Role.SUPERVISOR], staff.agency, YEAR, {"other": "x"})
    assert not ReportEvent.objects.exists()


def test_edits_are_kept_and_an_edit_back_to_the_draft_follows_the_data(
    staff: Staff, complete_sources: FakeSources
) -> None:
    services.edit_sections(staff[Role.HANDLER], staff.agency, YEAR, {"other": "另有说明。"})
    draft = ReportDraft.objects.get(agency=staff.agency, year=YEAR)
    assert draft.sections == {"other": "另有说明。"}
    assert assemble(staff.agency, YEAR).report.sections[5].text == "另有说明。"
    services.edit_sections(staff[Role.HANDLER], staff.agency, YEAR, {"other": ""})
    draft.refresh_from_db()
    assert draft.sections == {}
    events = list(ReportEvent.objects.filter(draft=draft).values_list("action", flat=True))
    assert events == ["edit_text", "edit_text"]
