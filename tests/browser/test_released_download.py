"""Issue 14 in a browser: the handler attaches the released information on the case page,
the reply lists it as 附件, and the applicant downloads it from the private link."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai.core.applications.applicants import ApplicantType
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.letters import letter_text
from gongkai.web.portal.models import OnlineIntake
from gongkai.web.portal.services import OnlineApplication, submit_online
from tests.browser.test_application_flow import log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff(transactional_db: None, settings: Any, tmp_path: Path) -> Any:
    from web_builders import make_staff

    settings.MEDIA_ROOT = str(tmp_path / "media")
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency)
    return staff


def test_attach_issue_and_download(page: Any, staff: Any, tmp_path: Path) -> None:
    content = OnlineApplication(
        applicant_type=ApplicantType.NATURAL_PERSON,
        applicant_name="周明",
        id_document_type="居民身份证",
        id_document="110101199001011234",
        description="2025年度本县道路交通事故统计数据",
        requested_form="electronic",
        delivery="online",
        contact_email="zhou@example.cn",
    )
    submitted = submit_online(staff.agency, content, [], idempotency_key=secrets.token_hex(16))
    app = submitted.submission.application
    today = timezone.localdate()
    if app.received_date is None:
        services.confirm_receipt(staff[Role.REGISTRAR], app.pk, on=today, method="平台回执")
    services.decide(staff[Role.REVIEWER], app.pk, on=today, outcome=Outcome.GRANTED)
    statistics = tmp_path / "道路交通事故统计表.pdf"
    statistics.write_bytes(PDF)

    log_in(page, "handler")
    page.goto(f"/applications/{app.pk}/")
    page.get_by_label("文件", exact=True).set_input_files(str(statistics))
    page.get_by_role("button", name="添加答复附件").click()
    expect(page.get_by_text("已添加答复附件")).to_be_visible()
    panel = page.locator("#released + div table")
    expect(panel.get_by_text("道路交通事故统计表.pdf")).to_be_visible()
    reply = app.letters.get(kind="reply", issued_on=None)
    assert letter_text(reply).attachments == ("道路交通事故统计表.pdf",)
    services.issue(staff[Role.HANDLER], app.pk, on=today)

    page.context.clear_cookies()
    page.goto(f"/public/track/{submitted.token}/")
    item = page.locator("#released-files li", has_text="道路交通事故统计表.pdf")
    expect(item).to_contain_text("附件1：")
    with page.expect_download() as download_info:
        item.get_by_role("link", name="下载").click()
    download = download_info.value
    assert download.suggested_filename == "道路交通事故统计表.pdf"
    assert Path(download.path()).read_bytes() == PDF
