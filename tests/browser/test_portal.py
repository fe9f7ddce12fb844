"""Applying online in chromium, as an applicant would: the form, its errors, the receipt, the
status page, and — after the office answers — downloading the reply. One run with
JavaScript switched off shows the portal needs none."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.portal.challenge import parse_answer
from gongkai.web.applications import services
from gongkai.web.portal.models import OnlineIntake, OnlineSubmission

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def solve(question: str) -> str:
    """Answer ``三加五等于几？`` the way a person would."""
    match = re.search(
        r"([零一二三四五六七八九十]+)([加减])([零一二三四五六七八九十]+)等于几", question
    )
    assert match, question
    a, b = parse_answer(match.group(1)), parse_answer(match.group(3))
    assert a is not None and b is not None
    return str(a + b if match.group(2) == "加" else a - b)


@pytest.fixture
def open_staff(transactional_db: None, settings: Any) -> Any:
    from web_builders import make_staff

    settings.GONGKAI_PORTAL_MIN_FILL_SECONDS = 0
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency, notice="受理时间：工作日")
    return staff


def answer_question(page: Any) -> None:
    question = page.locator("label[for=id_challenge_answer]").inner_text()
    page.get_by_label(re.compile("^验证问题")).fill(solve(question))


def fill_application(page: Any, attachment: Path) -> None:
    page.get_by_label("自然人", exact=True).check()
    # Where CSS :has() works, only the chosen applicant block shows (no script involved).
    assert not page.locator("fieldset.org-only").is_visible()
    page.get_by_label(re.compile("^姓名")).fill("周明")
    page.get_by_label(re.compile("^证件类型")).select_option(label="居民身份证")
    page.get_by_label(re.compile("^证件号码")).fill("11010519491231002X")
    page.get_by_label(re.compile("^联系电话")).fill("13812345678")
    page.get_by_label(re.compile("^电子邮箱")).fill("zhou@example.cn")
    page.get_by_label(re.compile("^所需政府信息")).fill("2025年度本县道路交通事故统计数据")
    page.get_by_label("电子文档", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_label(re.compile("^身份证明材料")).set_input_files(str(attachment))
    answer_question(page)


def apply_online(page: Any, agency_name: str, attachment: Path) -> str:
    page.goto("/public/")
    page.get_by_role("link", name=f"向{agency_name}提出申请").click()
    assert page.get_by_role("heading", name="政府信息公开申请表").is_visible()
    # First without a name: the error summary and the message next to the field.
    fill_application(page, attachment)
    page.get_by_label(re.compile("^姓名")).fill("")
    page.get_by_role("button", name="提交申请").click()
    summary = page.locator("#error-summary")
    assert "请填写申请人姓名" in summary.inner_text()
    assert page.locator("#id_person_name_error").inner_text() == "请填写申请人姓名"
    # Corrected (files must be chosen again after an error).
    page.get_by_label(re.compile("^姓名")).fill("周明")
    page.get_by_label(re.compile("^身份证明材料")).set_input_files(str(attachment))
    answer_question(page)
    page.get_by_role("button", name="提交申请").click()
    assert page.get_by_role("heading", name="申请已提交").is_visible()
    number = page.locator("#tracking-number").inner_text().strip()
    assert number == OnlineSubmission.objects.get().tracking_number
    assert page.locator("#private-link").inner_text().startswith("http")
    return number


def test_apply_online_then_download_the_reply(page: Any, open_staff: Any, tmp_path: Path) -> None:
    attachment = tmp_path / "身份证.pdf"
    attachment.write_bytes(PDF)
    number = apply_online(page, open_staff.agency.name, attachment)
    page.get_by_role("link", name="查看办理进度").click()
    assert page.get_by_role("heading", name="申请办理进度").is_visible()
    assert number in page.content()
    assert "13812345678" not in page.content() and "*******5678" in page.content()

    # The office confirms, decides and issues the reply.
    app = OnlineSubmission.objects.get().application
    today = timezone.localdate()
    if app.received_date is None:
        services.confirm_receipt(open_staff[Role.REGISTRAR], app.pk, on=today, method="平台回执")
    services.decide(
        open_staff[Role.REVIEWER], app.pk, on=today, outcome=Outcome.GRANTED, details="随附"
    )
    services.issue(open_staff[Role.REGISTRAR], app.pk, on=today)

    page.reload()
    assert page.locator("#public-status").inner_text() == "已答复"
    with page.expect_download() as download_info:
        page.locator("#letters").get_by_role("link", name="下载PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def test_apply_and_look_up_without_javascript(
    browser: Any, live_server: Any, open_staff: Any, tmp_path: Path
) -> None:
    attachment = tmp_path / "id.pdf"
    attachment.write_bytes(PDF)
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", java_script_enabled=False
    )
    try:
        page = context.new_page()
        number = apply_online(page, open_staff.agency.name, attachment)
        # Lost the link: look it up with the number and the phone's last four digits.
        page.goto("/public/track/")
        page.get_by_label(re.compile("^查询号")).fill(number)
        page.get_by_label(re.compile("^联系电话或证件号码的后4位")).fill("5678")
        answer_question(page)
        page.get_by_role("button", name="查询").click()
        assert page.get_by_role("heading", name="申请办理进度").is_visible()
        assert number in page.content()
    finally:
        context.close()


def test_ask_for_a_record_to_be_corrected_then_read_the_decision(
    page: Any, open_staff: Any
) -> None:
    """条例第四十一条 on the portal: the form, an error in Chinese, the receipt with its number
    and private link, and the decision once the office has made it."""
    from gongkai.core.applications.record_corrections import CorrectionDecision
    from gongkai.web.applications.correcting import decide_correction
    from gongkai.web.applications.correction_requests import CorrectionRequest

    page.goto("/public/")
    page.get_by_role("link", name="申请更正与本人相关的政府信息记录").click()
    assert page.get_by_role("heading", name="政府信息更正申请").is_visible()
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label(re.compile("^申请人姓名或名称")).fill("李某某")
    page.get_by_label(re.compile("^联系方式")).fill("13800000000")
    page.get_by_label(re.compile("^要求更正的政府信息记录")).fill(
        "低保名单中本人出生日期记为1980年1月1日"
    )
    page.get_by_label(re.compile("^要求更正为")).fill("出生日期为1981年1月1日")
    answer_question(page)
    page.get_by_role("button", name="提交更正申请").click()
    assert "须有证据证明" in page.locator("#error-summary").inner_text()
    page.get_by_label(re.compile("^证明该记录不准确的证据")).fill("居民身份证复印件")
    answer_question(page)
    page.get_by_role("button", name="提交更正申请").click()
    number = page.locator("#correction-number").inner_text()
    assert number.endswith("-0001")
    assert "已收到，正在审核" in page.locator("#correction-status").inner_text()
    link = page.locator("#private-link").inner_text()
    request = CorrectionRequest.objects.get(number=number)
    decide_correction(
        open_staff[Role.HANDLER],
        request.pk,
        on=request.arrived_on,
        decision=CorrectionDecision.CORRECTED,
        corrected_to="出生日期：1981年1月1日",
    )
    page.goto(link)
    assert "已作出决定" in page.locator("#correction-status").inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
