"""Replacing an item's attachment: the old file is kept; a draft takes the new file at once;
a published item's new file passes the whole review pipeline (保密审查 included) and is
published before the portal serves it; a rejection or a withdrawal discards it."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from builders_catalogue import DAY, drafted, reviewed, withheld
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.utils import timezone
from web_builders import PASSWORD, Staff, make_staff

from gongkai.core.applications.roles import PermissionDenied, Role
from gongkai.core.catalogue.review import SECRECY_STEP
from gongkai.core.errors import GongkaiError
from gongkai.web.catalogue import replacements, services
from gongkai.web.catalogue.config import catalogue_rules
from gongkai.web.catalogue.models import CatalogueItem, ItemAttachment, ItemEvent

State = ItemAttachment.State
OLD = b"%PDF-1.4\nold version\n"
NEW = b"%PDF-1.4\nnew version\n"
LATER = date(2025, 3, 10)


def attached(staff: Staff, item: CatalogueItem, data: bytes = OLD) -> ItemAttachment:
    return services.attach(
        staff[Role.HANDLER],
        item.pk,
        filename="通告.pdf",
        content_type="application/pdf",
        data=data,
        on=DAY,
    )


def published_with_file(staff: Staff) -> tuple[CatalogueItem, ItemAttachment]:
    item = drafted(staff)
    old = attached(staff, item)
    item = reviewed(staff, item)
    return services.publish(staff[Role.HANDLER], item.pk, on=DAY), old


def replace(staff: Staff, item: CatalogueItem, old: ItemAttachment, data: bytes = NEW,
            role: Role = Role.HANDLER, on: date = LATER) -> ItemAttachment:  # fmt: skip
    return replacements.replace_attachment(
        staff[role],
        item.pk,
        old.pk,
        filename="通告（更正）.pdf",
        content_type="application/pdf",
        data=data,
        on=on,
        note="原文件页码有误",
    )


def pass_steps(staff: Staff, item: CatalogueItem, *, skip: tuple[str, ...] = ()) -> None:
    for step in catalogue_rules().pipeline.steps:
        if step.key in skip:
            continue
        who = next(r for r in (Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD) if r in step.roles)
        services.review(staff[who], item.pk, step=step.key, passed=True, on=LATER)


def public_url(item: CatalogueItem, attachment: ItemAttachment) -> str:
    return f"/catalogue/{item.agency_id}/items/{item.pk}/files/{attachment.pk}/"


def logged_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


# -- services --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_takes_the_new_file_at_once_and_keeps_the_old(staff: Staff) -> None:
    item = drafted(staff)
    old = attached(staff, item)
    new = replace(staff, item, old)
    old.refresh_from_db()
    assert (old.state, old.state_changed_on) == (State.SUPERSEDED, LATER)
    assert new.state == State.CURRENT and new.replaces_id == old.pk
    assert bytes(old.content) == OLD and bytes(new.content) == NEW  # nothing is lost
    event = ItemEvent.objects.filter(item=item).latest("pk")
    assert event.label == "替换附件" and event.note == "原文件页码有误"
    assert event.data["old_sha256"] == old.sha256 and event.data["sha256"] == new.sha256
    assert event.data["pending_review"] is False
    # The review still lies ahead: the draft is submitted and reviewed with the new file.
    item = reviewed(staff, CatalogueItem.objects.get(pk=item.pk), on=LATER)
    services.publish(staff[Role.HANDLER], item.pk, on=LATER)
    page = Client().get(f"/catalogue/{item.agency_id}/items/{item.pk}/").content.decode()
    assert "通告（更正）.pdf" in page and "通告.pdf" not in page


@pytest.mark.django_db
def test_a_published_replacement_waits_for_the_whole_pipeline(staff: Staff) -> None:
    item, old = published_with_file(staff)
    client = Client()
    new = replace(staff, item, old)
    item.refresh_from_db()
    assert new.state == State.PENDING and item.status == "published"
    assert item.review_round == 2  # a new round: the first round's passes do not count
    # The portal still serves the reviewed file, and only that one.
    page = client.get(f"/catalogue/{item.agency_id}/items/{item.pk}/").content.decode()
    assert "通告.pdf" in page and "通告（更正）.pdf" not in page
    assert client.get(public_url(item, old)).content == OLD
    assert client.get(public_url(item, new)).status_code == 404
    # Publishing before any review is refused, naming every missing step.
    with pytest.raises(GongkaiError, match="尚未完成审核：初审、复审、终审、保密审查"):
        replacements.publish_replacement(staff[Role.HANDLER], item.pk, on=LATER)
    # Every ordered step but no 保密审查: still refused (先审查、后公开).
    pass_steps(staff, item, skip=(SECRECY_STEP,))
    with pytest.raises(GongkaiError, match="保密审查"):
        replacements.publish_replacement(staff[Role.HANDLER], item.pk, on=LATER)
    assert client.get(public_url(item, new)).status_code == 404
    services.review(staff[Role.REVIEWER], item.pk, step=SECRECY_STEP, passed=True, on=LATER)
    replacements.publish_replacement(staff[Role.HANDLER], item.pk, on=LATER)
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.state, new.state) == (State.SUPERSEDED, State.CURRENT)
    page = client.get(f"/catalogue/{item.agency_id}/items/{item.pk}/").content.decode()
    assert "通告（更正）.pdf" in page and "通告.pdf<" not in page
    response = client.get(public_url(item, new))
    assert response.content == NEW and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(public_url(item, old)).status_code == 404  # kept, no longer served
    assert ItemAttachment.objects.filter(item=item).count() == 2
    labels = list(ItemEvent.objects.filter(item=item).values_list("label", flat=True))
    assert "提交替换附件审核" in labels and "保密审查通过（替换附件）" in labels
    assert labels[-1] == "发布替换附件"
    item.refresh_from_db()
    assert item.published_on == DAY  # the publication date of the item does not move


@pytest.mark.django_db
def test_a_rejected_replacement_is_discarded_and_the_public_file_stays(staff: Staff) -> None:
    item, old = published_with_file(staff)
    new = replace(staff, item, old)
    services.review(staff[Role.HANDLER], item.pk, step="first", passed=True, on=LATER)
    with pytest.raises(GongkaiError, match="退回修改须写明理由"):
        services.review(staff[Role.REVIEWER], item.pk, step=SECRECY_STEP, passed=False, on=LATER)
    services.review(
        staff[Role.REVIEWER], item.pk, step=SECRECY_STEP, passed=False, on=LATER, note="含个人信息"
    )
    new.refresh_from_db()
    item.refresh_from_db()
    assert new.state == State.DISCARDED and item.status == "published"
    assert Client().get(public_url(item, old)).content == OLD
    event = ItemEvent.objects.filter(item=item).latest("pk")
    assert event.label == "保密审查退回修改（替换附件）" and event.note == "含个人信息"
    assert event.data["discarded_replacement"] == new.pk
    with pytest.raises(GongkaiError, match="没有待发布的替换附件"):
        replacements.publish_replacement(staff[Role.HANDLER], item.pk, on=LATER)
    with pytest.raises(GongkaiError, match="没有待审核的替换附件"):
        services.review(staff[Role.HANDLER], item.pk, step="first", passed=True, on=LATER)
    # A new attempt starts a new round from the top.
    again = replace(staff, item, old, data=b"%PDF-1.4\nthird version\n")
    with pytest.raises(GongkaiError, match="须先完成“初审”"):
        services.review(staff[Role.REVIEWER], item.pk, step="second", passed=True, on=LATER)
    pass_steps(staff, item)
    replacements.publish_replacement(staff[Role.OFFICE_HEAD], item.pk, on=LATER)
    again.refresh_from_db()
    assert again.state == State.CURRENT


@pytest.mark.django_db
def test_one_replacement_at_a_time_and_only_of_a_current_file(staff: Staff) -> None:
    item, old = published_with_file(staff)
    replace(staff, item, old)
    with pytest.raises(GongkaiError, match=r"已有替换附件“通告（更正）\.pdf”在审核中"):
        replace(staff, item, old, data=b"%PDF-1.4\nanother\n")
    draft = drafted(staff, title="另一条目")
    first = attached(staff, draft)
    replace(staff, draft, first)
    with pytest.raises(GongkaiError, match="不存在或已被替换"):
        replace(staff, draft, first, data=b"%PDF-1.4\nagain\n")
    other = drafted(staff, title="第三条目")
    with pytest.raises(GongkaiError, match="不存在或已被替换"):
        replace(staff, other, first, data=b"%PDF-1.4\nagain\n")  # another item's file


@pytest.mark.django_db
def test_file_rules_and_same_content(staff: Staff) -> None:
    item = drafted(staff)
    old = attached(staff, item)
    with pytest.raises(GongkaiError, match="内容相同"):
        replace(staff, item, old, data=OLD)
    with pytest.raises(GongkaiError, match="类型不允许上传"):
        replacements.replace_attachment(
            staff[Role.HANDLER], item.pk, old.pk, filename="x.html", content_type="",
            data=b"<html>", on=LATER,
        )  # fmt: skip
    with pytest.raises(GongkaiError, match="空文件"):
        replace(staff, item, old, data=b"")
    assert ItemAttachment.objects.filter(item=item).count() == 1


@pytest.mark.django_db
def test_roles_and_statuses(staff: Staff) -> None:
    item, old = published_with_file(staff)
    for role in (Role.REVIEWER, Role.OFFICE_HEAD, Role.SUPERVISOR):
        with pytest.raises(PermissionDenied):
            replace(staff, item, old, role=role)
    replace(staff, item, old, role=Role.REGISTRAR)
    pass_steps(staff, item)
    with pytest.raises(PermissionDenied):
        replacements.publish_replacement(staff[Role.REVIEWER], item.pk, on=LATER)
    # In review: refused (reviewers must see the file that is published).
    in_review = drafted(staff, title="审核中")
    file = attached(staff, in_review)
    services.submit(staff[Role.HANDLER], in_review.pk, on=DAY)
    with pytest.raises(GongkaiError, match="审核中"):
        replace(staff, in_review, file)
    recorded = withheld(staff)
    with pytest.raises(GongkaiError, match="已登记"):
        replace(staff, recorded, file)


@pytest.mark.django_db
def test_withdrawing_the_item_discards_a_pending_replacement(staff: Staff) -> None:
    item, old = published_with_file(staff)
    new = replace(staff, item, old)
    services.unpublish(staff[Role.OFFICE_HEAD], item.pk, on=LATER, reason="内容需更正")
    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.state, old.state) == (State.DISCARDED, State.CURRENT)
    event = ItemEvent.objects.filter(item=item).latest("pk")
    assert event.data["discarded_replacement"] == new.pk
    # Back in draft, the file is replaced at once.
    item.refresh_from_db()
    assert replace(staff, item, old).state == State.CURRENT


@pytest.mark.django_db
def test_replacement_reviews_count_in_the_figures(staff: Staff) -> None:
    from gongkai.web.catalogue.statistics import catalogue_figures

    item, old = published_with_file(staff)
    before = catalogue_figures(staff.agency, 2025)
    replace(staff, item, old)
    pass_steps(staff, item)
    after = catalogue_figures(staff.agency, 2025)
    steps = len(catalogue_rules().pipeline.steps)
    assert after["review_steps"] == before["review_steps"] + steps
    assert after["secrecy_reviews"] == before["secrecy_reviews"] + 1
    assert after["published_total"] == before["published_total"]


# -- pages -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_replace_through_the_staff_pages(staff: Staff) -> None:
    item, old = published_with_file(staff)
    handler = logged_in("handler")
    detail = handler.get(f"/catalogue/manage/items/{item.pk}/").content.decode()
    replace_url = f"/catalogue/manage/items/{item.pk}/files/{old.pk}/replace/"
    assert f'href="{replace_url}"' in detail
    form = handler.get(replace_url).content.decode()
    assert "保密审查" in form and 'enctype="multipart/form-data"' in form
    # No file: the form says so, nothing stored.
    assert handler.post(replace_url, {"note": "x"}).status_code == 400
    upload = SimpleUploadedFile("通告（更正）.pdf", NEW, content_type="application/pdf")
    response = handler.post(replace_url, {"file": upload, "note": "页码有误"})
    assert response.status_code == 302
    pending = ItemAttachment.objects.get(item=item, state=State.PENDING)
    detail = handler.get(f"/catalogue/manage/items/{item.pk}/").content.decode()
    assert 'id="pending-replacement"' in detail and "替换待审核" in detail
    assert "提交初审意见" in detail  # the review forms are offered for the replacement
    assert f'href="{replace_url}"' not in detail  # one replacement at a time
    # Reviewers download the pending file from the staff page (not from the portal).
    staff_file = handler.get(f"/catalogue/manage/items/{item.pk}/files/{pending.pk}/")
    assert staff_file.content == NEW
    assert staff_file["Content-Disposition"].startswith("attachment;")
    for username, step in (
        ("handler", "first"),
        ("reviewer", "second"),
        ("office_head", "final"),
        ("reviewer", SECRECY_STEP),
    ):
        logged_in(username).post(
            f"/catalogue/manage/items/{item.pk}/review/", {"step": step, "decision": "pass"}
        )
    detail = handler.get(f"/catalogue/manage/items/{item.pk}/").content.decode()
    assert "发布替换附件" in detail
    response = handler.post(
        f"/catalogue/manage/items/{item.pk}/publish-replacement/", {"on": "2025-03-07"}
    )
    pending.refresh_from_db()
    assert pending.state == State.PENDING  # before the replacement was submitted: refused
    response = handler.post(
        f"/catalogue/manage/items/{item.pk}/publish-replacement/",
        {"on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.state == State.CURRENT
    page = Client().get(f"/catalogue/{item.agency_id}/items/{item.pk}/").content.decode()
    assert public_url(item, pending) in page and public_url(item, old) not in page


@pytest.mark.django_db
def test_replace_page_refuses_clearly(staff: Staff) -> None:
    item, old = published_with_file(staff)
    url = f"/catalogue/manage/items/{item.pk}/files/{old.pk}/replace/"
    page = logged_in("reviewer").get(url).content.decode()
    assert "登记、承办岗位" in page and '<form method="post" enctype' not in page
    upload = SimpleUploadedFile("b.pdf", NEW, content_type="application/pdf")
    response = logged_in("reviewer").post(url, {"file": upload})
    assert response.status_code == 400 and "登记、承办" in response.content.decode()
    assert not ItemAttachment.objects.filter(item=item, state=State.PENDING).exists()
    other = make_staff("另一县公安局", prefix="other-")
    assert other.agency.pk != item.agency_id
    assert logged_in("other-handler").get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


@pytest.mark.django_db
def test_a_declared_html_type_is_never_passed_on(staff: Staff) -> None:
    item = drafted(staff)
    file = services.attach(
        staff[Role.HANDLER], item.pk, filename="a.pdf", content_type="text/html",
        data=OLD, on=DAY,
    )  # fmt: skip
    response = logged_in("handler").get(f"/catalogue/manage/items/{item.pk}/files/{file.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"


# -- concurrency (PostgreSQL) ------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_replacements_at_once_make_one_pending_file() -> None:
    staff = make_staff()
    item, old = published_with_file(staff)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def run(data: bytes) -> None:
        try:
            barrier.wait(10)
            replace(staff, item, old, data=data)
        except BaseException as exc:  # collected for the assertion
            errors.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(b"%PDF-1.4\n" + bytes([65 + n]),)) for n in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert len(errors) == 1 and "在审核中" in str(errors[0])
    assert ItemAttachment.objects.filter(item=item, state=State.PENDING).count() == 1
