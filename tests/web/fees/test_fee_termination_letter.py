"""Closing a case for an unpaid fee writes its 终止办理告知书 in the one letter system: a
``Letter`` of the case, issued to the applicant on the closing day, numbered like the
others, rendered to DOCX and PDF, recorded in the case trail (S5 二; 表三（六）2)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from builders_fees import notified_case
from docx import Document
from web_builders import Staff

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications.letter_files import ensure_letter_files
from gongkai.web.applications.models import CaseEvent, Letter
from gongkai.web.fees import services
from gongkai.web.fees.models import FeeCharge

pytestmark = pytest.mark.django_db


def test_the_unpaid_fee_closes_the_case_with_a_letter_to_the_applicant(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    assert not Letter.objects.filter(application=app, kind="termination_notice").exists()
    closed = services.lapse_fee(staff[Role.HANDLER], app.pk, on=date(2025, 4, 30))
    assert closed.outcome == Outcome.ABANDONED_FEE_UNPAID.value

    letter = Letter.objects.get(application=app, kind="termination_notice")
    assert letter.issued_on == date(2025, 4, 30)  # the portal shows issued letters
    assert letter.content["number"] == f"终止〔2025〕{app.number.split('-')[1]}号"
    body = "".join(letter.content["paragraphs"])
    notice = Letter.objects.get(application=app, kind="fee_notice")
    assert notice.content["number"] in body
    assert "《中华人民共和国政府信息公开条例》第四十二条" in body
    assert "国办函〔2020〕109号" in body and "视为放弃申请" in body
    event = CaseEvent.objects.get(application=app, action="lapse_fee")
    assert event.data["letter"] == letter.pk

    ensure_letter_files(letter)
    with letter.docx.open("rb") as handle:
        text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    assert "视为放弃申请" in text and letter.pdf.size > 0


def test_a_refused_lapse_leaves_no_letter(staff: Staff) -> None:
    app = notified_case(staff, date(2025, 3, 3), date(2025, 3, 5), date(2025, 3, 5))
    due = FeeCharge.objects.get(application=app).payment_due
    assert due is not None
    with pytest.raises(Exception, match="尚未届满"):
        services.lapse_fee(staff[Role.HANDLER], app.pk, on=due)
    # The case keeps only the 收费通知书 it was sent; no 终止办理告知书 was written.
    kinds = list(Letter.objects.filter(application=app).values_list("kind", flat=True))
    assert kinds == ["fee_notice"]
