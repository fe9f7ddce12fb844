"""The public annual-reports column of an agency, each published version and its files.

No account, no script: plain pages with headings and links, as the portal's other pages.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from gongkai.core.report import jsonio
from gongkai.core.reporting.formats import CONTENT_TYPES, FORMAT_LABELS, FORMATS
from gongkai.web.agencies.models import Agency
from gongkai.web.layout import public_layout
from gongkai.web.reports import files
from gongkai.web.reports.models import ReportVersion
from gongkai.web.reports.present import report_body

layout = public_layout


def _downloads(version: ReportVersion) -> list[dict[str, str]]:
    present = [f for f in FORMATS if f == "json" or f in version.files]
    return [{"format": f, "label": FORMAT_LABELS[f]} for f in present]


def public_list(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_404(Agency, pk=agency_id)
    versions = ReportVersion.objects.filter(agency=agency).order_by("-year", "-number")
    years: dict[int, list[ReportVersion]] = {}
    for version in versions:
        years.setdefault(version.year, []).append(version)
    entries = [
        {
            "year": year,
            "current": listed[0],
            "earlier": listed[1:],
            "downloads": _downloads(listed[0]),
        }
        for year, listed in years.items()
    ]
    context = {"agency": agency, "entries": entries, "layout": layout()}
    return render(request, "reports/public_list.html", context)


def _version(agency_id: int, year: int, number: int) -> ReportVersion:
    return get_object_or_404(
        ReportVersion.objects.select_related("agency"),
        agency_id=agency_id,
        year=year,
        number=number,
    )


def public_version(request: HttpRequest, agency_id: int, year: int, number: int) -> HttpResponse:
    version = _version(agency_id, year, number)
    report = jsonio.loads(version.json_text)
    newer = (
        ReportVersion.objects.filter(agency_id=agency_id, year=year, number__gt=number)
        .order_by("-number")
        .first()
    )
    context = {
        "agency": version.agency,
        "version": version,
        "report": report,
        "body": report_body(report),
        "downloads": _downloads(version),
        "findings": report.findings,
        "newer": newer,
        "layout": layout(),
    }
    return render(request, "reports/public_version.html", context)


def public_download(
    request: HttpRequest, agency_id: int, year: int, number: int, fmt: str
) -> HttpResponse:
    version = _version(agency_id, year, number)
    if fmt not in FORMATS:
        raise Http404("没有这种格式")
    try:
        data = files.read(version, fmt)
    except KeyError as exc:
        raise Http404("该版本没有这种格式的文件") from exc
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    name = f"{version.agency.code or version.agency_id}-{year}-v{number}.{fmt}"
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
