"""Staff pages of the annual report: the list of reports and the builder of one report."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.core.errors import GongkaiError
from gongkai.core.report import labels as L
from gongkai.core.reporting.formats import CONTENT_TYPES, available_formats, check_format
from gongkai.core.reporting.formats import render as render_report
from gongkai.core.reporting.permissions import ReportAction, allowed
from gongkai.core.reporting.publication import (
    content_checksum,
    publication_deadline,
    readiness,
    warning_key,
)
from gongkai.web.agencies.access import roles_of, staff_agencies
from gongkai.web.agencies.models import Agency
from gongkai.web.reports import services
from gongkai.web.reports.builder import assemble, latest_version, years_with_data
from gongkai.web.reports.models import ReportDraft, ReportVersion
from gongkai.web.reports.present import is_government, report_body
from gongkai.web.reports.publishing import publish_refusals
from gongkai.web.text_input import checked_text


def _staff_agency(request: HttpRequest, agency_id: int) -> Agency:
    agency = staff_agencies(request.user).filter(pk=agency_id).first()
    if agency is None:
        raise Http404("没有这个机关，或您不在该机关任职")
    return agency


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = []
    for agency in staff_agencies(request.user):
        years = sorted(set(years_with_data(agency)) | {today.year - 1, today.year}, reverse=True)
        for year in years:
            version = latest_version(agency, year)
            rows.append(
                {
                    "agency": agency,
                    "year": year,
                    "draft": ReportDraft.objects.filter(agency=agency, year=year).first(),
                    "version": version,
                    "deadline": publication_deadline(year, government=is_government(agency)),
                }
            )
    return render(request, "reports/manage.html", {"rows": rows, "today": today})


@login_required
def builder(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    today = timezone.localdate()
    draft = ReportDraft.objects.filter(agency=agency, year=year).first()
    built = assemble(agency, year, draft, on=today)
    report = built.report
    state = readiness(report.findings, draft.acknowledged if draft else [])
    held = roles_of(request.user, agency)
    signed = bool(draft and draft.signed_checksum == content_checksum(report))
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "today": today,
        "draft": draft,
        "built": built,
        "sections": [
            {
                "key": s.key,
                "heading": f"{s.number}、{s.title}",
                "text": s.text,
                "edited": s.key in built.edited,
                "drafted": built.drafted.get(s.key or "", ""),
            }
            for s in report.sections
        ],
        "body": report_body(report, demote=2),
        "state": state,
        "warnings": [(warning_key(f), f) for f in state.warnings],
        "acknowledged": set(draft.acknowledged) if draft else set(),
        "infos": [f for f in report.findings if str(f.severity) == "info"],
        "signed": signed,
        "publish_refusals": publish_refusals(year, today, held, state, signed),
        "versions": ReportVersion.objects.filter(agency=agency, year=year).order_by("-number"),
        "events": draft.events.select_related("actor").order_by("-pk")[:30] if draft else [],
        "can": {a.value: allowed(a, held) for a in ReportAction},
        "formats": available_formats(),
        "deadline": publication_deadline(year, government=is_government(agency)),
        "section_keys": L.SECTION_KEYS,
    }
    return render(request, "reports/builder.html", context)


def _back(agency: Agency, year: int) -> HttpResponse:
    return redirect("reports:builder", agency_id=agency.pk, year=year)


def _run(request: HttpRequest, agency: Agency, year: int, done: str, step: Any) -> HttpResponse:
    try:
        step()
    except GongkaiError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return _back(agency, year)


@login_required
@require_POST
def edit(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    texts = {k: request.POST[k] for k in L.SECTION_KEYS if k in request.POST}
    titles = dict(zip(L.SECTION_KEYS, L.REPORT_SECTIONS, strict=True))

    def save() -> object:
        for key, text in texts.items():
            checked_text(text, label=f"“{titles[key]}”", multiline=True)
        return services.edit_sections(request.user, agency, year, texts)

    return _run(request, agency, year, "正文已保存。", save)


@login_required
@require_POST
def import_previous(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    try:
        services.check_may_import(request.user, agency)  # before the upload is touched
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return _back(agency, year)
    upload = request.FILES.get("previous")
    if upload is None:
        messages.error(request, "请选择上年度报告文件")
        return _back(agency, year)
    data = upload.read(services.MAX_PREVIOUS_BYTES + 1)
    return _run(
        request,
        agency,
        year,
        f"已导入上年度报告“{upload.name}”，已按其进行跨年度核对。",
        lambda: services.import_previous(request.user, agency, year, data, upload.name or ""),
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    keys = request.POST.getlist("warning")
    note = request.POST.get("note", "")
    return _run(
        request,
        agency,
        year,
        "已确认所选警告。",
        lambda: services.acknowledge_warnings(
            request.user, agency, year, keys, checked_text(note, label="说明", multiline=True)
        ),
    )


@login_required
@require_POST
def sign_off(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    return _run(
        request,
        agency,
        year,
        "负责人已审签报告的当前内容。",
        lambda: services.sign_off(request.user, agency, year),
    )


@login_required
@require_POST
def publish(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = _staff_agency(request, agency_id)
    try:
        on = date.fromisoformat(request.POST.get("published_on", ""))
    except ValueError:
        messages.error(request, "请按“年-月-日”填写发布日期，例如 2026-01-20")
        return _back(agency, year)
    note = request.POST.get("note", "")
    try:
        checked_text(note, label="说明", multiline=True)
        version = services.publish(request.user, agency, year, on=on, note=note)
    except GongkaiError as exc:
        messages.error(request, str(exc))
        return _back(agency, year)
    messages.success(request, f"已发布{year}年度报告第{version.number}版。")
    return _back(agency, year)


@login_required
def export(request: HttpRequest, agency_id: int, year: int, fmt: str) -> HttpResponse:
    """The report as it stands (not yet published), in any format, for review: marked
    草稿 in every format but JSON (:mod:`gongkai.core.rendering.draft`)."""
    agency = _staff_agency(request, agency_id)
    try:
        fmt = check_format(fmt)
        report = assemble(agency, year, on=timezone.localdate()).report
        data = render_report(report, fmt, draft=True)
    except GongkaiError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{agency.code or agency.pk}-{year}-draft.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
