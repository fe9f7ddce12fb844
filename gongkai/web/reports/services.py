"""Service functions: every change to an annual report, each in the shape of
:func:`gongkai.web.reports.transitions.report_transition`. Views, the demo loader and the
command line never write a draft or a version themselves.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.roles import Role
from gongkai.core.parsing.sandbox import read_report_contained
from gongkai.core.report import jsonio
from gongkai.core.report import labels as L
from gongkai.core.reporting.diff import diff_reports
from gongkai.core.reporting.formats import available_formats, render
from gongkai.core.reporting.permissions import ReportAction, require_report_role
from gongkai.core.reporting.publication import content_checksum, readiness, warning_key
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.transitions import guard
from gongkai.web.reports import files
from gongkai.web.reports.builder import assemble, latest_version
from gongkai.web.reports.models import ReportDraft, ReportVersion
from gongkai.web.reports.publishing import year_open_reason
from gongkai.web.reports.transitions import report_transition

MAX_SECTION_CHARS = 20_000
MAX_PREVIOUS_BYTES = 20 * 1024 * 1024


def _normalised(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def edit_sections(
    actor: AbstractBaseUser, agency: Agency, year: int, texts: dict[str, str]
) -> ReportDraft:
    """Keep staff's text for each section; a text equal to the drafted one follows the data."""
    unknown = set(texts) - set(L.SECTION_KEYS)
    guard(not unknown, f"报告没有这些部分：{'、'.join(sorted(unknown))}")
    for key, text in texts.items():
        guard(len(text) <= MAX_SECTION_CHARS, f"「{L.SECTION_TITLES[key]}」过长（超过2万字）")

    def change(draft: ReportDraft, held: frozenset[Role]) -> dict[str, Any]:
        drafted = assemble(agency, year, draft).drafted
        changed: dict[str, str | None] = {}
        sections = dict(draft.sections)
        for key, raw in texts.items():
            text = _normalised(raw)
            if not text or text == _normalised(drafted[key]):
                if sections.pop(key, None) is not None:
                    changed[key] = None  # back to the drafted text
            elif sections.get(key) != text:
                sections[key] = changed[key] = text
        draft.sections = sections
        return {"sections": changed}

    return report_transition(actor, agency, year, ReportAction.EDIT_TEXT, change)


def check_may_import(actor: AbstractBaseUser, agency: Agency) -> None:
    """PermissionDenied unless ``actor`` may import last year's report: checked before an
    uploaded file is read (again under the draft's lock when the import is recorded)."""
    require_report_role(ReportAction.IMPORT_PREVIOUS, roles_of(actor, agency.pk))


def import_previous(
    actor: AbstractBaseUser, agency: Agency, year: int, data: bytes, name: str
) -> ReportDraft:
    """Read last year's report from a file (any format gongkai reads) for the cross-year checks.

    The role is checked before the file is looked at; the file is read in a child process
    under memory, CPU-time and output limits (:mod:`gongkai.core.parsing.sandbox`).
    """
    check_may_import(actor, agency)
    guard(bool(data), "上传的文件是空的")
    guard(len(data) <= MAX_PREVIOUS_BYTES, "上传的文件超过20MB")
    guard(
        latest_version(agency, year - 1) is None,
        f"本平台已发布{year - 1}年度报告，跨年度核对以其为准，无需导入",
    )
    previous = read_report_contained(data, name)  # InputError (Chinese) when unreadable
    guard(previous.year is not None, "未能从文件中识别报告年度，请确认上传的是年度报告")
    guard(
        previous.year == year - 1,
        f"上传的是{previous.year}年度报告，跨年度核对需要{year - 1}年度报告",
    )

    def change(draft: ReportDraft, held: frozenset[Role]) -> dict[str, Any]:
        draft.previous_json = jsonio.report_to_json(previous)
        draft.previous_name = name[:200]
        return {"file": name, "year": previous.year, "errors": len(previous.errors())}

    return report_transition(
        actor, agency, year, ReportAction.IMPORT_PREVIOUS, change, note=f"导入{name}"
    )


def acknowledge_warnings(
    actor: AbstractBaseUser, agency: Agency, year: int, keys: list[str], note: str = ""
) -> ReportDraft:
    guard(bool(keys), "请选择要确认的警告")

    def change(draft: ReportDraft, held: frozenset[Role]) -> dict[str, Any]:
        report = assemble(agency, year, draft, on=timezone.localdate()).report
        current = {warning_key(f) for f in readiness(report.findings, []).warnings}
        guard(set(keys) <= current, "所选警告已不存在，请刷新页面后重新确认")
        draft.acknowledged = sorted(set(draft.acknowledged) | set(keys))
        return {"warnings": sorted(keys)}

    return report_transition(actor, agency, year, ReportAction.ACKNOWLEDGE, change, note=note)


def sign_off(
    actor: AbstractBaseUser, agency: Agency, year: int, *, on: date | None = None
) -> ReportDraft:
    """The office head approves the report exactly as it stands now; ``on`` records a
    sign-off made on an earlier day (as the applications' steps take their business date),
    and the report is checked as dated that day."""
    today = timezone.localdate()
    day = on or today
    guard(day <= today, "审签日期不能晚于今天")

    def change(draft: ReportDraft, held: frozenset[Role]) -> dict[str, Any]:
        report = assemble(agency, year, draft, on=day).report
        state = readiness(report.findings, draft.acknowledged)
        guard(state.publishable, "报告还不能审签：" + "；".join(state.reasons()[:5]))
        draft.signed_checksum = content_checksum(report)
        draft.signed_off_by = actor
        draft.signed_off_at = (
            timezone.now()
            if day == today
            else timezone.make_aware(datetime.combine(day, time(16, 0)))
        )
        return {"checksum": draft.signed_checksum, "signed_on": day.isoformat()}

    return report_transition(actor, agency, year, ReportAction.SIGN_OFF, change)


def publish(
    actor: AbstractBaseUser, agency: Agency, year: int, *, on: date, note: str = ""
) -> ReportVersion:
    """Publish the signed-off report as a new immutable version (a correction if not first)."""
    guard(on <= timezone.localdate(), "发布日期不能晚于今天")
    year_open = year_open_reason(year, on)  # the rule the builder page shows (publishing)
    guard(not year_open, year_open)
    note = note.strip()
    report = assemble(agency, year, on=on).report
    checksum = content_checksum(report)
    # Rendering takes seconds (PDF); it is done before the row is locked.
    rendered = {fmt: render(report, fmt) for fmt in available_formats() if fmt != "json"}
    json_text = jsonio.dumps(report) + "\n"
    written: dict[str, tuple[str, bytes]] = {}
    made: list[ReportVersion] = []

    def change(draft: ReportDraft, held: frozenset[Role]) -> dict[str, Any]:
        fresh = assemble(agency, year, draft, on=on).report
        guard(content_checksum(fresh) == checksum, "报告数据在发布过程中有变化，请刷新后重试")
        state = readiness(fresh.findings, draft.acknowledged)
        guard(state.publishable, "报告还不能发布：" + "；".join(state.reasons()[:5]))
        guard(
            draft.signed_checksum == checksum and draft.signed_off_by_id is not None,
            "负责人尚未审签报告的当前内容（审签后报告又有变化的，须重新审签）",
        )
        before = latest_version(agency, year)
        number = before.number + 1 if before else 1
        changes: dict[str, Any] = {}
        if before is not None:
            diff = diff_reports(jsonio.loads(before.json_text), fresh)
            guard(not diff.is_empty(), f"与第{before.number}版相比没有任何修改，无需发布更正")
            guard(bool(note), "发布更正版本须说明修改了什么")
            changes = {**diff.to_json(), "lines": diff.lines()}
        for fmt, data in rendered.items():
            written[fmt] = (files.file_name(agency.pk, year, number, fmt), data)
        severities = [str(f.severity) for f in fresh.findings]
        version = ReportVersion.objects.create(
            draft=draft,
            agency=agency,
            year=year,
            number=number,
            json_text=json_text,
            checksum=files.describe("", json_text.encode("utf-8"))["sha256"],
            files={fmt: files.describe(name, data) for fmt, (name, data) in written.items()},
            published_on=on,
            published_by=actor,
            signed_off_by_id=draft.signed_off_by_id,
            change_note=note,
            changes=changes,
            errors=severities.count("error"),
            warnings=severities.count("warning"),
            infos=severities.count("info"),
        )
        made.append(version)
        draft.signed_checksum = ""  # a further correction needs a new sign-off
        return {"version_number": number, "checksum": version.checksum, **changes}

    report_transition(
        actor,
        agency,
        year,
        ReportAction.PUBLISH,
        change,
        note=note,
        on_commit=lambda: files.write_all(written),
    )
    return made[0]
