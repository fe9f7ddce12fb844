"""主动公开 in chromium, as the office works it: a handler drafts an item and uploads its file,
submits it; 初审, 复审, 终审 and 保密审查 are passed by the people whose steps they are; the
item is published, shows on the agency's public portal and is found by the full-text
search. Then the published file is replaced: the portal keeps serving the reviewed file until
the replacement has passed the whole review again and is published, then serves the new one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from gongkai.web.catalogue.models import CatalogueItem

TITLE = "清河县公安局关于调整户籍窗口办理时间的通告"
OLD = b"%PDF-1.4\n% old version of the notice\n%%EOF\n"
NEW = b"%PDF-1.4\n% corrected version of the notice\n%%EOF\n"
# Each review step and who takes it (the default pipeline's roles).
REVIEWS = (
    ("handler", "初审"),
    ("reviewer", "复审"),
    ("office_head", "终审"),
    ("reviewer", "保密审查"),
)


@pytest.fixture
def staff(transactional_db: None) -> Any:
    from web_builders import make_staff

    return make_staff("清河县公安局")


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("test-password-123")
    page.locator("button[type=submit], input[type=submit]").first.click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def notice(page: Any) -> str:
    text: str = page.locator("ul.notice[role=status]").inner_text()
    return text


def press(page: Any, action: str, button: str) -> None:
    """Submit the item page's form of one step (its date defaults to today)."""
    form = page.locator(f"form[action$='/{action}/']")
    form.get_by_role("button", name=button).click()


def review_all(page: Any, item: CatalogueItem) -> None:
    for username, step in REVIEWS:
        log_in(page, username)
        page.goto(f"/catalogue/manage/items/{item.pk}/")
        fieldset = page.locator("fieldset", has=page.locator("legend", has_text=step))
        fieldset.get_by_label("通过").check()
        fieldset.get_by_role("button", name=f"提交{step}意见").click()
        assert notice(page) == "审核意见已记录", page.content()


def download(page: Any, link: Any) -> tuple[str, bytes]:
    with page.expect_download() as info:
        link.click()
    got = info.value
    return got.suggested_filename, Path(got.path()).read_bytes()


def test_draft_review_publish_search_and_replace(page: Any, staff: Any, tmp_path: Path) -> None:
    first = tmp_path / "户籍窗口通告.pdf"
    first.write_bytes(OLD)
    second = tmp_path / "户籍窗口通告（更正）.pdf"
    second.write_bytes(NEW)

    # The handler drafts the item and uploads its file.
    log_in(page, "handler")
    page.goto("/catalogue/manage/")
    page.get_by_role("link", name="起草新条目").click()
    page.get_by_label("名称").fill(TITLE)
    page.get_by_label("文号").fill("清公通〔2025〕3号")
    page.get_by_label("信息分类").select_option("a21-household")
    page.get_by_label("主动公开", exact=True).check()
    page.get_by_label("政府网站").check()
    page.get_by_label("内容概述").fill("自下月起户籍窗口周六上午正常办公，方便群众办理业务。")
    page.get_by_role("button", name="保存").click()
    assert notice(page) == "已起草，索引号已生成", page.content()
    item = CatalogueItem.objects.get()
    page.locator("input[type=file][name=file]").set_input_files(str(first))
    page.get_by_role("button", name="上传附件").click()
    assert notice(page) == "附件已上传"
    press(page, "submit", "提交审核")
    assert notice(page) == "已提交审核"

    # Publication is refused until every step, 保密审查 included, has passed.
    review_all(page, item)
    log_in(page, "handler")
    page.goto(f"/catalogue/manage/items/{item.pk}/")
    press(page, "publish", "发布到公开目录")
    assert notice(page) == "已发布到公开目录"
    timeline = page.locator("table").last.inner_text()
    for label in ("初审通过", "复审通过", "终审通过", "保密审查通过", "发布"):
        assert label in timeline

    # The public portal (no login) lists it, shows it and serves its file.
    page.context.clear_cookies()
    page.goto(f"/catalogue/{staff.agency.pk}/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    assert item.index_number in page.content()
    name, content = download(page, page.get_by_role("link", name="户籍窗口通告.pdf"))
    assert (name, content) == ("户籍窗口通告.pdf", OLD)

    # The full-text search finds it by words of its title and summary, highlighted.
    page.get_by_label("全文检索").fill("户籍窗口 周六")
    page.get_by_role("button", name="检索").click()
    assert "共找到 1 条" in page.get_by_role("status").inner_text()
    expect(page.locator("mark", has_text="户籍").first).to_be_visible()
    page.locator("ol h2 a").first.click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()

    # The handler replaces the published file: it waits for the whole review again.
    log_in(page, "handler")
    page.goto(f"/catalogue/manage/items/{item.pk}/")
    page.get_by_role("link", name="替换").click()
    assert "保密审查" in page.content()
    page.get_by_label("新文件").set_input_files(str(second))
    page.get_by_label("替换原因").fill("原文件办公时间有误")
    page.get_by_role("button", name="上传并提交审核").click()
    assert notice(page).startswith("替换附件已提交审核"), page.content()
    expect(page.locator("#pending-replacement")).to_be_visible()

    # Until then the portal serves the reviewed file.
    page.context.clear_cookies()
    page.goto(f"/catalogue/{staff.agency.pk}/items/{item.pk}/")
    assert "户籍窗口通告（更正）.pdf" not in page.content()
    _, content = download(page, page.get_by_role("link", name="户籍窗口通告.pdf"))
    assert content == OLD

    review_all(page, item)
    log_in(page, "handler")
    page.goto(f"/catalogue/manage/items/{item.pk}/")
    press(page, "publish-replacement", "发布替换附件")
    assert notice(page) == "替换附件已发布，公开页面提供新文件"
    states = page.locator("table").first.inner_text()
    assert "已被替换" in states and "现行" in states  # the old file is kept

    # The public page now serves the new file, and only that one.
    page.context.clear_cookies()
    page.goto(f"/catalogue/{staff.agency.pk}/items/{item.pk}/")
    links = page.locator("article ul li a")
    expect(links).to_have_count(1)
    name, content = download(page, links.first)
    assert name == "户籍窗口通告（更正）.pdf" and content == NEW
    assert re.search("户籍窗口通告.pdf", page.content()) is None
