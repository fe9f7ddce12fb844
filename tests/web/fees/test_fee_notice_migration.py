"""Migration ``fees 0002``: each 收费通知书 stored in the old ``FeeNotice`` table becomes a
``Letter`` of its case (kind ``fee_notice``), text, number, sending day, creation time and
files kept; running it again copies nothing twice; reversing removes only its letters."""

from __future__ import annotations

import importlib
from datetime import date, datetime
from typing import Any

import pytest
from builders_fees import per_page_case
from django.apps import apps as current_apps
from django.utils import timezone
from web_builders import Staff

from gongkai.web.applications.models import Letter
from gongkai.web.fees import services
from gongkai.web.fees.models import FeeCharge, FeeNotice

pytestmark = pytest.mark.django_db
migration = importlib.import_module("gongkai.web.fees.migrations.0002_fee_notices_become_letters")

SENT = date(2025, 3, 5)
MADE = timezone.make_aware(datetime(2025, 3, 5, 9, 30))


def _old_notice(staff: Staff, *, rendered: bool) -> FeeNotice:
    """A notice as the fee steps stored it before the change: the charge marked as sent and
    the notice's text, number and files in its own row, no letter."""
    app = per_page_case(staff, date(2025, 3, 3), 101)
    FeeCharge.objects.filter(application=app).update(notice_sent_on=SENT)
    charge = FeeCharge.objects.get(application=app)
    number = f"收费〔2025〕{app.number.split('-')[1]}号"
    content: dict[str, Any] = {
        "title": "政府信息公开信息处理费收费通知书",
        "number": number,
        "paragraphs": ["经核定，应缴纳信息处理费人民币720元。"],
    }
    notice = FeeNotice.objects.create(
        charge=charge,
        number=number,
        content=content,
        docx=b"PK\x03\x04 old docx" if rendered else None,
        pdf=b"%PDF-1.7 old pdf" if rendered else None,
    )
    FeeNotice.objects.filter(pk=notice.pk).update(created_at=MADE)
    notice.refresh_from_db()
    return notice


def test_each_stored_notice_becomes_a_letter_of_its_case(staff: Staff) -> None:
    rendered = _old_notice(staff, rendered=True)
    migration.copy_notices_into_letters(current_apps, None)
    rendered.refresh_from_db()
    letter = Letter.objects.get(pk=rendered.letter_id)
    assert letter.application_id == rendered.charge.application_id
    assert (letter.kind, letter.issued_on, letter.created_at) == ("fee_notice", SENT, MADE)
    assert letter.content["number"] == rendered.number and letter.content["kind"] == "fee_notice"
    assert letter.content["paragraphs"] == rendered.content["paragraphs"]
    assert letter.docx.open("rb").read() == b"PK\x03\x04 old docx"
    assert letter.pdf.open("rb").read() == b"%PDF-1.7 old pdf"
    assert letter.rendered_at == MADE
    # The fee steps find it as the case's notice, as they find the notices they store now.
    assert services.notice_letter(letter.application_id) == letter


def test_a_notice_never_rendered_is_rendered_later_like_every_letter(staff: Staff) -> None:
    plain = _old_notice(staff, rendered=False)
    migration.copy_notices_into_letters(current_apps, None)
    letter = Letter.objects.get(application_id=plain.charge.application_id, kind="fee_notice")
    assert not letter.docx and not letter.pdf and letter.rendered_at is None


def test_running_again_copies_nothing_twice_and_reversing_removes_only_its_letters(
    staff: Staff,
) -> None:
    notice = _old_notice(staff, rendered=True)
    other = Letter.objects.create(
        application=notice.charge.application, kind="reply", title="答复书", content={}
    )
    migration.copy_notices_into_letters(current_apps, None)
    migration.copy_notices_into_letters(current_apps, None)
    assert Letter.objects.filter(kind="fee_notice").count() == 1
    migration.remove_copied_letters(current_apps, None)
    notice.refresh_from_db()
    assert notice.letter_id is None and notice.content["number"] == notice.number
    assert list(Letter.objects.values_list("pk", flat=True)) == [other.pk]
