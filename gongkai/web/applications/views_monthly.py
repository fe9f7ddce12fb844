"""The office head's monthly statistics page and its CSV export (``/applications/monthly/``).

The figures come from the same places as everything else: the month's received and answered
cases from :func:`gongkai.core.statistics.monthly.month_figures` over the same case records
as 表三 (:func:`gongkai.web.applications.statistics.case_records`), and the overdue and
due-soon counts from the work queue's own filter, so the page can never disagree with them.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.report.labels import T3_ROW_LABELS
from gongkai.core.statistics.monthly import MonthFigures, month_figures
from gongkai.web.agencies.access import readable_agencies
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.queue import filtered_cases
from gongkai.web.applications.statistics import case_records


def _month(raw: str | None, today: date) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in (raw or "").split("-"))
        date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


def _rows(figures: MonthFigures, overdue: int, due_soon: int) -> list[tuple[str, str, int]]:
    rows = [("收到申请", CHANNEL_LABELS[c], n) for c, n in figures.received_by_channel.items()]
    rows += [("收到申请", APPLICANT_LABELS[a], n) for a, n in figures.received_by_applicant.items()]
    rows += [("办结（表三）", T3_ROW_LABELS[r], n) for r, n in figures.answered_by_row.items()]
    rows += [("当前期限", "已超期", overdue), ("当前期限", "即将到期", due_soon)]
    return rows


@login_required
def monthly(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    agencies = list(readable_agencies(request.user))
    if not agencies:
        raise Http404("没有可查看的机关")
    agency = next((a for a in agencies if str(a.pk) == request.GET.get("agency")), agencies[0])
    year, month = _month(request.GET.get("month"), today)
    figures = month_figures(case_records(agency, year), year, month, procedure_rules().outcome_rows)
    one = Agency.objects.filter(pk=agency.pk)
    overdue = filtered_cases(one, {"due": "overdue"}, today).count()
    due_soon = filtered_cases(one, {"due": "soon"}, today).count()
    rows = _rows(figures, overdue, due_soon)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"monthly-{year}-{month:02d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # Excel opens UTF-8 Chinese only with the BOM
        writer = csv.writer(response)
        writer.writerow(["机关", "月份", "类别", "项目", "件数"])
        for group, label, count in rows:
            writer.writerow([agency.name, f"{year}-{month:02d}", group, label, count])
        return response
    context: dict[str, Any] = {
        "agencies": agencies,
        "agency": agency,
        "month": f"{year}-{month:02d}",
        "figures": figures,
        "rows": rows,
        "today": today,
    }
    return render(request, "applications/monthly.html", context)
