"""The public portal (no login, only published items, search with highlight) and the staff
pages (permissions, review steps through the forms, import preview)."""

from __future__ import annotations

from datetime import date

import pytest
from builders_catalogue import DAY, drafted, published, reviewed, withheld
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from web_builders import PASSWORD, Staff, make_staff

from gongkai.core.applications.roles import Role
from gongkai.core.catalogue.statuses import ItemStatus
from gongkai.web.catalogue import services
from gongkai.web.catalogue.models import BusinessImport, CatalogueItem

pytestmark = pytest.mark.django_db


def logged_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_portal_pages_are_public_and_show_only_published_items(
    client: Client, staff: Staff
) -> None:
    shown = published(staff, title="清河县公安局2025年度治安管理工作通报")
    draft = drafted(staff, title="尚未审核的草稿")
    hidden = withheld(staff, title="局务会讨论记录")
    base = f"/catalogue/{staff.agency.pk}/"
    home = page(client, base)
    assert "政府信息公开指南" in home and shown.title in home and draft.title not in home
    assert "<label" in home and "<script" not in home and "https://" not in home
    listing = page(client, base + "items/")
    assert shown.index_number in listing and hidden.title not in listing
    assert page(client, base + f"items/{shown.pk}/").count(shown.index_number) >= 1
    assert client.get(base + f"items/{draft.pk}/").status_code == 404
    assert client.get(base + f"items/{hidden.pk}/").status_code == 404
    assert client.get("/catalogue/999999/").status_code == 404


def test_browse_by_category_and_year_with_pagination(client: Client, staff: Staff) -> None:
    from django.test import override_settings

    for n in range(3):
        published(staff, title=f"户籍通告{n}")
    published(staff, title="交通管理通告", category="a21-traffic")
    published(staff, title="去年的通告", on=date(2024, 6, 3), generated_on=date(2024, 6, 3),
              formed_on=date(2024, 6, 3))  # fmt: skip
    base = f"/catalogue/{staff.agency.pk}/items/"
    by_cat = page(client, base + "?category=a21-traffic")
    assert "交通管理通告" in by_cat and "户籍通告0" not in by_cat
    parent = page(client, base + "?category=a21")  # a parent shows its children's items
    assert "交通管理通告" in parent and "户籍通告0" in parent
    by_year = page(client, base + "?year=2024")
    assert "去年的通告" in by_year and "交通管理通告" not in by_year
    with override_settings(GONGKAI_CATALOGUE={"page_size": 2}):
        first = page(client, base)
        assert "第 1 页，共 3 页" in first and "page=2" in first
        assert "第 3 页" in page(client, base + "?page=3")


def test_guide_shows_default_text_until_staff_edit_it(client: Client, staff: Staff) -> None:
    staff.agency.address, staff.agency.phone = "清河县人民路1号", "0000-1234567"
    staff.agency.save()
    url = f"/catalogue/{staff.agency.pk}/guide/"
    text = page(client, url)
    assert "清河县人民路1号" in text and "0000-1234567" in text and "救济途径" in text
    head = logged_in("office_head")
    response = head.post(
        f"/catalogue/manage/{staff.agency.pk}/guide/", {"fees": "本机关不收取任何费用。"}
    )
    assert response.status_code == 302
    assert "本机关不收取任何费用。" in page(client, url)
    assert (
        logged_in("handler")
        .post(f"/catalogue/manage/{staff.agency.pk}/guide/", {"fees": "x"})
        .status_code
        == 200
    )  # form shown again with the refusal
    assert "本机关不收取任何费用。" in page(client, url)


def test_search_finds_by_bigrams_ranks_and_highlights(client: Client, staff: Staff) -> None:
    best = published(staff, title="治安管理处罚裁量基准", summary="治安管理处罚的裁量标准")
    other = published(staff, title="户籍业务通告", summary="涉及治安管理的户籍业务")
    published(staff, title="交通信号灯设置方案", summary="道路交通")
    url = f"/catalogue/{staff.agency.pk}/search/?q=治安管理"
    text = page(client, url)
    assert "共找到 2 条" in text
    assert text.index(f"items/{best.pk}/") < text.index(f"items/{other.pk}/")
    assert "<mark>治安管理</mark>" in text
    assert "交通信号灯" not in text
    assert "没有找到" in page(client, f"/catalogue/{staff.agency.pk}/search/?q=不存在的词语")
    escaped = page(client, f"/catalogue/{staff.agency.pk}/search/?q=<script>")
    assert "<script>" not in escaped
    drafted(staff, title="治安管理草稿")
    assert "治安管理草稿" not in page(client, url)


def test_attachments_download_only_when_published(client: Client, staff: Staff) -> None:
    item = drafted(staff)
    att = services.attach(staff[Role.HANDLER], item.pk, filename="通告.pdf",
                          content_type="application/pdf", data=b"%PDF-1.4", on=DAY)  # fmt: skip
    url = f"/catalogue/{staff.agency.pk}/items/{item.pk}/files/{att.pk}/"
    assert client.get(url).status_code == 404
    item = reviewed(staff, item)
    services.publish(staff[Role.HANDLER], item.pk, on=DAY)
    response = client.get(url)
    assert response.status_code == 200 and response.content == b"%PDF-1.4"
    assert "attachment" in response["Content-Disposition"]


def test_staff_pages_need_login_and_a_role_in_the_agency(client: Client, staff: Staff) -> None:
    manage = f"/catalogue/manage/{staff.agency.pk}/"
    assert client.get("/catalogue/manage/").status_code == 302
    assert "表二" in page(logged_in("handler"), manage)
    make_staff("另一县公安局", prefix="o-")
    assert logged_in("o-handler").get(manage).status_code == 404
    assert logged_in("supervisor").get(manage).status_code == 404
    item = drafted(staff)
    assert logged_in("o-handler").get(f"/catalogue/manage/items/{item.pk}/").status_code == 404
    redirect = logged_in("handler").get("/catalogue/manage/")
    assert redirect.status_code == 302 and redirect["Location"].endswith(manage)


def test_draft_review_and_publish_through_the_forms(staff: Staff) -> None:
    handler, reviewer, head = logged_in("handler"), logged_in("reviewer"), logged_in("office_head")
    response = handler.post(
        f"/catalogue/manage/{staff.agency.pk}/items/new/",
        {
            "title": "关于春节期间烟花爆竹燃放管理的通告",
            "category": "a21-public-order",
            "generated_on": "2025-01-10",
            "formed_on": "2025-01-10",
            "attribute": "proactive",
            "channels": ["website", "new_media"],
            "summary": "划定禁放区域",
        },
    )
    item = CatalogueItem.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/items/{item.pk}/")
    # 春节 1-28…2-4 off, 1-26 and 2-8 (weekend) worked: the 20th working day is 2-13
    assert item.publication_due == date(2025, 2, 13)
    act = f"/catalogue/manage/items/{item.pk}/"
    handler.post(act + "submit/", {"on": "2025-01-13"})
    handler.post(act + "review/", {"step": "first", "decision": "pass"})
    text = page(reviewer, act)
    assert "复审" in text and "提交复审意见" in text and "提交终审意见" not in text
    reviewer.post(act + "review/", {"step": "second", "decision": "reject"})  # no reason
    assert CatalogueItem.objects.get().status == ItemStatus.IN_REVIEW
    assert "退回修改须写明理由" in page(reviewer, act)
    reviewer.post(act + "review/", {"step": "second", "decision": "pass"})
    reviewer.post(act + "review/", {"step": "secrecy", "decision": "pass"})
    head.post(act + "review/", {"step": "final", "decision": "pass"})
    head.post(act + "publish/", {"on": "2025-01-14"})
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.published_on == date(2025, 1, 14)
    trail = page(handler, act)
    assert "初审通过" in trail and "保密审查通过" in trail and "发布" in trail


def test_import_preview_then_commit(staff: Staff) -> None:
    handler = logged_in("handler")
    url = f"/catalogue/manage/{staff.agency.pk}/import/"
    bad = SimpleUploadedFile(
        "bad.csv", "年度,类别,处理决定数量,收费金额（元）\n2025,行政许可,x,\n".encode()
    )
    text = handler.post(url, {"year": 2025, "file": bad}).content.decode()
    assert "第2行" in text and "不是整数" in text and BusinessImport.objects.count() == 0
    good = SimpleUploadedFile(
        "good.csv", "年度,类别,处理决定数量,收费金额（元）\n2025,行政许可,17,\n".encode()
    )
    response = handler.post(url, {"year": 2025, "file": good})
    batch = BusinessImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/import/{batch.pk}/")
    preview = page(handler, response["Location"])
    assert "确认导入" in preview and "未导入" in preview  # the current 表二 still has no figure
    handler.post(response["Location"])
    after = page(handler, response["Location"])
    assert "已于" in after and "确认导入</button>" not in after
    assert "<td>17</td>" in after


def test_reassessment_and_new_media_pages(staff: Staff) -> None:
    item = withheld(staff, on=date(2024, 1, 5), generated_on=date(2024, 1, 5),
                    formed_on=date(2024, 1, 5))  # fmt: skip
    head = logged_in("office_head")
    assert "逾期未复核" in page(head, f"/catalogue/manage/{staff.agency.pk}/")
    assert item.title in page(head, f"/catalogue/manage/{staff.agency.pk}/")
    head.post(f"/catalogue/manage/items/{item.pk}/reassess/",
              {"on": "2025-02-03", "decision": "keep", "note": "仍属过程性信息"})  # fmt: skip
    item.refresh_from_db()
    assert item.reassessment_due == date(2026, 2, 3)
    handler = logged_in("handler")
    handler.post(
        f"/catalogue/manage/{staff.agency.pk}/new-media/",
        {"account-platform": "douyin", "account-name": "清河警方", "account-operator": "宣传科",
         "account-state": "active"},
    )  # fmt: skip
    text = page(handler, f"/catalogue/manage/{staff.agency.pk}/new-media/")
    assert "清河警方" in text and "抖音" in text


def test_search_falls_back_to_partial_matches(client: Client, staff: Staff) -> None:
    guide = published(staff, title="户籍业务办理指南", summary="户口迁移")
    published(staff, title="交通信号灯设置方案", summary="道路交通")
    text = page(client, f"/catalogue/{staff.agency.pk}/search/?q=户籍办理")
    assert "部分匹配" in text and f"items/{guide.pk}/" in text and "交通信号灯" not in text
    assert "<mark>户籍</mark>" in text


def test_a_year_that_is_not_one_shows_the_default_year(staff: Staff) -> None:
    head = logged_in("office_head")
    for year in ("abc", "0", "782", "99999999999999999999"):
        for url in (
            f"/catalogue/manage/{staff.agency.pk}/?year={year}",
            f"/catalogue/manage/{staff.agency.pk}/documents/?year={year}",
        ):
            assert head.get(url).status_code == 200, url  # was a 500 for "abc"
