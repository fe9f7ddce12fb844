"""The whole path in chromium, as the people involved would take it: an applicant applies
online; the office confirms receipt, asks for a supplement, receives it, consults another
agency, decides and issues the reply; the applicant downloads the reply from the private
tracking link. Every staff step goes through the case page's forms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from gongkai.core.portal.challenge import parse_answer
from gongkai.web.applications.models import Application, Letter
from gongkai.web.portal.models import OnlineIntake

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff(transactional_db: None, settings: Any) -> Any:
    from web_builders import make_staff

    settings.GONGKAI_PORTAL_MIN_FILL_SECONDS = 0
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency)
    return staff


def solve(question: str) -> str:
    match = re.search(
        r"([零一二三四五六七八九十]+)([加减])([零一二三四五六七八九十]+)等于几", question
    )
    assert match, question
    a, b = parse_answer(match.group(1)), parse_answer(match.group(3))
    assert a is not None and b is not None
    return str(a + b if match.group(2) == "加" else a - b)


def apply_online(page: Any, agency_name: str, attachment: Path) -> str:
    """The applicant's side; returns the private tracking link."""
    page.goto("/public/")
    page.get_by_role("link", name=f"向{agency_name}提出申请").click()
    page.get_by_label("自然人", exact=True).check()
    page.get_by_label(re.compile("^姓名")).fill("周明")
    page.get_by_label(re.compile("^证件类型")).select_option(label="居民身份证")
    page.get_by_label(re.compile("^证件号码")).fill("11010519491231002X")
    page.get_by_label(re.compile("^联系电话")).fill("13812345678")
    page.get_by_label(re.compile("^电子邮箱")).fill("zhou@example.cn")
    page.get_by_label(re.compile("^所需政府信息")).fill("本县的道路交通数据")
    page.get_by_label("电子文档", exact=True).check()
    page.get_by_label("电子邮件", exact=True).check()
    page.get_by_label(re.compile("^身份证明材料")).set_input_files(str(attachment))
    question = page.locator("label[for=id_challenge_answer]").inner_text()
    page.get_by_label(re.compile("^验证问题")).fill(solve(question))
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("heading", name="申请已提交")).to_be_visible()
    link: str = page.locator("#private-link").inner_text().strip()
    return link


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("test-password-123")
    page.locator("button[type=submit], input[type=submit]").first.click()
    # The login lands on the person's home; the work queue is one click away.
    expect(page.get_by_role("heading", name="我的工作", exact=True)).to_be_visible()
    page.get_by_role("navigation", name="工作栏目").get_by_role("link", name="依申请公开").click()
    expect(page.get_by_role("heading", name="依申请公开工作台")).to_be_visible()


def take_step(page: Any, action: str, **fields: str) -> None:
    section = page.locator(f"#step-{action}")
    for name, value in fields.items():
        field = section.locator(f"#id_{action}-{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    section.get_by_role("button").click()
    assert page.locator("p.notice[role=status]").inner_text().startswith("已办理"), page.content()


def test_apply_supplement_consult_reply_and_download(page: Any, staff: Any, tmp_path: Path) -> None:
    attachment = tmp_path / "身份证.pdf"
    attachment.write_bytes(PDF)
    tracking = apply_online(page, staff.agency.name, attachment)
    app = Application.objects.get()

    # The handler finds it in the queue (phone masked) and works it through the case page.
    log_in(page, "handler")
    row = page.locator("tr", has_text=app.number)
    assert "138****5678" in row.inner_text()
    row.get_by_role("link", name=app.number).click()
    expect(page.get_by_role("heading", name=re.compile(f"申请 {app.number}"))).to_be_visible()
    if app.received_date is None:
        take_step(page, "confirm_receipt", method="平台回执，双方确认")
    take_step(page, "review", conclusion="unclear", note="所需数据的年份不明确")
    take_step(page, "request_supplement", items="请写明所需数据的年份和统计口径", period_wd="10")
    expect(
        page.locator("#letters + .table-scroll table").get_by_text("政府信息公开申请补正告知书")
    ).to_be_visible()
    take_step(page, "receive_supplement")
    assert "新的第0日" in page.locator("#due + ol, ol.explanation").inner_text()
    take_step(
        page,
        "start_consultation",
        party="other_agency",
        party_name="清河县交通运输局",
        matter="与交通运输局共同制作的统计数据",
    )
    assert "征求清河县交通运输局意见进行中" in page.content()
    today = page.locator("#id_finish_consultation-on").input_value()
    take_step(page, "finish_consultation", delivered_on=today, result="consent", reply="同意公开")
    # Deciding is the reviewer's; the handler has no such form.
    assert page.locator("#step-decide").count() == 0
    log_in(page, "reviewer")
    page.goto(f"/applications/{app.pk}/")
    take_step(page, "decide", outcome="GRANTED", details="数据见附件《道路交通事故统计表》")
    page.locator("#letters + .table-scroll table").get_by_role(
        "link", name="政府信息公开申请答复书"
    ).click()
    assert "第三十六条第二项" in page.content() and "草稿" in page.content()
    log_in(page, "handler")
    page.goto(f"/applications/{app.pk}/")
    take_step(page, "issue")
    timeline = page.locator("#timeline + .table-scroll table").inner_text()
    for label in (
        "确认收到申请",
        "发出补正告知",
        "收到补正材料",
        "发出征求意见",
        "征求意见结束",
        "作出办理决定",
        "出具答复",
    ):
        if label == "确认收到申请" and app.received_date is not None:
            continue
        assert label in timeline

    # The applicant reads the status and downloads the reply.
    page.context.clear_cookies()
    page.goto(tracking)
    assert page.locator("#public-status").inner_text() == "已答复"
    reply = Letter.objects.get(application=app, kind="reply")
    item = page.locator("#letters li", has_text=reply.title)
    with page.expect_download() as download_info:
        item.get_by_role("link", name="下载PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    assert Letter.objects.filter(application=app, kind="consultation").get().issued_on is None
    assert "征求意见函" not in page.locator("#letters").inner_text()
