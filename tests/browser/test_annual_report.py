"""In chromium: staff take an empty year to a published annual report, and the published
PDF's first page is rendered to an image (pdftoppm) to be looked at."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "tests" / "web" / "reports") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests" / "web" / "reports"))

from django.test import override_settings  # noqa: E402
from report_builders import YEAR, complete_sources  # noqa: E402, F401
from web_builders import PASSWORD, make_staff  # noqa: E402

from gongkai.core.applications.roles import Role  # noqa: E402
from gongkai.core.parsing.read import read_report  # noqa: E402
from gongkai.core.report import jsonio  # noqa: E402
from gongkai.web.reports.models import ReportVersion  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Any, username: str) -> None:
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")


def log_out(page: Any) -> None:
    page.click("header form button[type=submit]")


@pytest.mark.usefixtures("complete_sources")
def test_from_an_empty_year_to_a_published_report(page: Any, tmp_path: Path) -> None:
    staff = make_staff()
    with override_settings(GONGKAI_REPORT_FILES_DIR=str(tmp_path / "files")):
        log_in(page, staff[Role.HANDLER].get_username())
        page.goto("/reports/")
        page.click(f"text=编制{YEAR}年度报告")
        assert (
            page.locator("h1").inner_text()
            == f"{staff.agency.name}{YEAR}年政府信息公开工作年度报告"
        )
        assert "须改正后才能发布" in page.content()
        # The drafter left prompts where only people know the answer; staff fill them in.
        for area in page.locator("textarea").all():
            text = area.input_value()
            if "【待补充：" in text:
                filled = text
                while "【待补充：" in filled:
                    start = filled.index("【待补充：")
                    end = filled.index("】", start) + 1
                    filled = filled[:start] + "本机关按要求落实，定期检查。" + filled[end:]
                area.fill(filled)
        page.click("text=保存正文")
        assert "正文已保存" in page.content()
        assert "须改正后才能发布" not in page.content()
        for box in page.locator("input[name=warning]").all():
            box.check()
        page.click("text=确认所选警告")
        assert "已确认所选警告" in page.content()
        log_out(page)

        log_in(page, staff[Role.OFFICE_HEAD].get_username())
        page.goto(f"/reports/manage/{staff.agency.pk}/{YEAR}/")
        page.click("text=负责人审签")
        assert "负责人已审签报告的当前内容" in page.content()
        page.fill("#published-on", f"{YEAR + 1}-01-20")
        page.click("button:has-text('发布年度报告')")
        assert f"已发布{YEAR}年度报告第1版" in page.content()
        log_out(page)

        # The public column, without an account.
        page.goto(f"/reports/{staff.agency.pk}/")
        page.click(f"text={staff.agency.name}{YEAR}年政府信息公开工作年度报告")
        assert "版本信息" in page.content()
        version = ReportVersion.objects.get(agency=staff.agency, year=YEAR)
        response = page.request.get(f"/reports/{staff.agency.pk}/{YEAR}/v1/pdf/")
        assert response.ok and response.headers["content-type"] == "application/pdf"
        pdf = response.body()

    # What was published reads back to the published data.
    published = jsonio.loads(version.json_text)
    read_back = read_report(pdf, "published.pdf")
    assert read_back.table3 == published.table3
    assert read_back.table4 == published.table4
    if shutil.which("pdftoppm") is None:
        pytest.skip("未找到 pdftoppm（poppler-utils），无法生成截图")
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "2",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    shots = sorted(tmp_path.glob("page-*.png"))
    assert shots and shots[0].stat().st_size > 10_000
    print(f"PDF 截图：{shots[0]}")
