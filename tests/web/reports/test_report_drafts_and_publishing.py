"""Issue 14: drafts leave the builder marked 草稿 in every format, and the publish button is
there only when publishing is allowed, with the reason on the page when it is not."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import openpyxl
import pdfplumber
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from report_builders import YEAR, FakeSources, ready_to_sign
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.errors import GongkaiError
from gongkai.core.rendering.draft import DRAFT_MARK, DRAFT_NOTE
from gongkai.core.reporting.formats import available_formats
from gongkai.core.reporting.publication import readiness
from gongkai.web.reports import services
from gongkai.web.reports.publishing import publish_refusals, year_open_reason

pytestmark = pytest.mark.django_db
PUBLISH_BUTTON = "发布年度报告</button>"


def client_for(staff: Staff, role: Role) -> Client:
    client = Client()
    client.force_login(staff[role])
    return client


def _builder(staff: Staff, role: Role, year: int = YEAR) -> str:
    url = reverse("reports:builder", args=[staff.agency.pk, year])
    return client_for(staff, role).get(url).content.decode()


@pytest.mark.parametrize(
    ("year", "on", "open_"),
    [
        (2025, date(2025, 1, 1), True),
        (2025, date(2025, 12, 31), True),
        (2025, date(2026, 1, 1), False),
        (2024, date(2026, 6, 30), False),
    ],
)
def test_a_year_may_be_published_from_the_first_day_after_it(
    year: int, on: date, open_: bool
) -> None:
    assert bool(year_open_reason(year, on)) is open_
    clean = readiness([], [])
    reasons = publish_refusals(year, on, frozenset({Role.OFFICE_HEAD}), clean, signed=True)
    assert (reasons != []) is open_


def test_the_services_guard_is_the_same_rule(staff: Staff, complete_sources: FakeSources) -> None:
    today = timezone.localdate()
    with pytest.raises(GongkaiError, match=f"{today.year}年度尚未结束"):
        services.publish(staff[Role.OFFICE_HEAD], staff.agency, today.year, on=today)


def test_no_publish_button_for_the_current_year_and_the_page_says_why(
    staff: Staff, complete_sources: FakeSources
) -> None:
    year = timezone.localdate().year
    page = _builder(staff, Role.OFFICE_HEAD, year)
    assert PUBLISH_BUTTON not in page and 'name="published_on"' not in page
    assert "暂不能发布年度报告" in page
    assert f"{year}年度尚未结束，{year + 1}年1月1日起才能发布该年度的报告" in page


def test_the_button_appears_once_signed_and_not_before(
    staff: Staff, complete_sources: FakeSources
) -> None:
    ready_to_sign(staff)
    page = _builder(staff, Role.OFFICE_HEAD)
    assert PUBLISH_BUTTON not in page and "负责人尚未审签报告的当前内容" in page
    services.sign_off(staff[Role.OFFICE_HEAD], staff.agency, YEAR)
    page = _builder(staff, Role.OFFICE_HEAD)
    assert PUBLISH_BUTTON in page and "暂不能发布" not in page
    assert f'min="{YEAR + 1}-01-01"' in page
    # Someone who may not publish sees why, not a button that would be refused.
    page = _builder(staff, Role.REVIEWER)
    assert PUBLISH_BUTTON not in page and "没有发布年度报告的岗位" in page


def test_errors_are_named_as_the_reason(staff: Staff, complete_sources: FakeSources) -> None:
    page = _builder(staff, Role.OFFICE_HEAD)  # placeholders left: errors
    assert PUBLISH_BUTTON not in page
    assert re.search(r"报告有\d+个错误(、\d+个未确认的警告)?（见上方校验结果）", page)


def _export(staff: Staff, fmt: str) -> bytes:
    url = reverse("reports:export", args=[staff.agency.pk, YEAR, fmt])
    response = client_for(staff, Role.HANDLER).get(url)
    assert response.status_code == 200
    return response.content


def test_every_draft_export_is_marked(staff: Staff, complete_sources: FakeSources) -> None:
    formats = available_formats()
    assert DRAFT_NOTE in _export(staff, "html").decode("utf-8")
    if "docx" in formats:
        with zipfile.ZipFile(io.BytesIO(_export(staff, "docx"))) as package:
            headers = [package.read(n).decode() for n in package.namelist() if "header" in n]
            assert any(f'string="{DRAFT_MARK}"' in h for h in headers)
    if "xlsx" in formats:
        book = openpyxl.load_workbook(io.BytesIO(_export(staff, "xlsx")))
        assert {s.oddHeader.center.text for s in book.worksheets} == {DRAFT_MARK}
    if "pdf" in formats:
        with pdfplumber.open(io.BytesIO(_export(staff, "pdf"))) as pdf:
            assert all(set(DRAFT_MARK) <= set(page.extract_text()) for page in pdf.pages)
