"""The office head's monthly page and CSV: this month's received by channel and applicant type
and answered by 表三 row, counted like 表三 (K7, K10), plus the queue's overdue/due-soon counts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from builders_applications import logged_in
from web_builders import Staff, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services

pytestmark = pytest.mark.django_db


def _month_cases(staff: Staff) -> None:
    registered(staff, date(2025, 3, 3))
    registered(staff, date(2025, 3, 4), applicant_type=ApplicantType.COMMERCIAL_ENTERPRISE)
    answered = registered(staff, date(2025, 2, 24))
    services.decide(
        staff[Role.REVIEWER],
        answered.pk,
        on=date(2025, 3, 10),
        outcome=Outcome.DENIED_PROCESS,
        reasons="依据《政府信息公开条例》第十六条",
    )
    services.issue(staff[Role.HANDLER], answered.pk, on=date(2025, 3, 11))
    registered(staff, date(2025, 4, 1), Channel.IN_PERSON)  # next month: not counted


def test_csv_counts_the_month_like_table3(staff: Staff) -> None:
    _month_cases(staff)
    web = logged_in(staff[Role.OFFICE_HEAD].username)
    response = web.get("/applications/monthly/", {"month": "2025-03", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = {(r[2], r[3]): int(r[4]) for r in rows[1:]}
    assert cells[("收到申请", "当面提交")] == 2
    assert cells[("收到申请", "自然人")] == 1
    assert cells[("办结（表三）", "6.属于四类过程性信息")] == 1
    assert sum(n for (group, _), n in cells.items() if group == "办结（表三）") == 1
    assert ("当前期限", "已超期") in cells


def test_the_page_shows_the_month_and_a_bad_month_falls_back(staff: Staff) -> None:
    _month_cases(staff)
    web = logged_in(staff[Role.OFFICE_HEAD].username)
    text = web.get("/applications/monthly/", {"month": "2025-03"}).content.decode()
    assert "本月收到申请 2 件，办结 1 件" in text and "导出 CSV" in text
    assert web.get("/applications/monthly/", {"month": "2025-13"}).status_code == 200
