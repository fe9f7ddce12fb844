"""Letters from the case facts: each kind is created by its step, rendered to DOCX and PDF
after commit, downloadable by staff, and the reply's remedy text follows the reply date."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber
import pytest
from builders_applications import D, case_in, logged_in
from docx import Document
from web_builders import Staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import services
from gongkai.web.applications.letter_files import render_letter_files
from gongkai.web.applications.models import Letter

pytestmark = pytest.mark.django_db


def rendered(letter: Letter) -> tuple[str, str]:
    render_letter_files(letter.pk)
    letter.refresh_from_db()
    with letter.docx.open("rb") as handle:
        docx_text = "\n".join(p.text for p in Document(io.BytesIO(handle.read())).paragraphs)
    with letter.pdf.open("rb") as handle, pdfplumber.open(io.BytesIO(handle.read())) as pdf:
        pdf_text = "".join((page.extract_text() or "") for page in pdf.pages)
    return docx_text, pdf_text.replace("\n", "")


def test_every_letter_kind_is_made_by_its_step_and_renders(staff: Staff) -> None:
    handler, head, reviewer = staff[Role.HANDLER], staff[Role.OFFICE_HEAD], staff[Role.REVIEWER]
    app = registered(staff, D[3])
    services.request_supplement(handler, app.pk, on=D[4], items="请写明文件名称")
    services.receive_supplement(handler, app.pk, on=D[6])
    services.start_consultation(
        handler, app.pk, on=D[7], party="third_party", party_name="某公司", matter="报价"
    )
    services.finish_consultation(handler, app.pk, on=D[14], delivered_on=D[10], reply="不同意")
    services.approve_extension(head, app.pk, on=D[17], days=10, reason="档案多")
    services.decide(
        reviewer, app.pk, on=D[20], outcome=Outcome.DENIED_THIRD_PARTY, reasons="涉及商业秘密"
    )
    services.issue(handler, app.pk, on=D[21])
    lapsed = case_in(staff, Status.LAPSED)
    letters = list(Letter.objects.order_by("pk"))
    kinds = [letter.kind for letter in letters]
    assert kinds == [
        "supplement_notice",
        "consultation",
        "extension_notice",
        "reply",
        "supplement_notice",
        "termination_notice",
    ]
    for letter in letters:
        docx_text, pdf_text = rendered(letter)
        assert letter.title in docx_text and letter.title in pdf_text
        assert staff.agency.name in docx_text
    reply = Letter.objects.get(application=app, kind="reply")
    assert reply.issued_on == D[21]
    assert "应当先" in rendered(reply)[0]  # 不予公开 after 2024: review first
    assert Letter.objects.get(application=app, kind="consultation").issued_on is None
    assert Letter.objects.get(application=lapsed, kind="termination_notice").issued_on == D[11]


def test_the_reply_is_drafted_at_decision_and_dated_at_issue(staff: Staff) -> None:
    app = case_in(staff, Status.DECIDED)
    draft = Letter.objects.get(application=app, kind="reply")
    assert draft.issued_on is None and draft.content["dated"] == "2025-03-10"
    services.issue(staff[Role.HANDLER], app.pk, on=D[12])
    issued = Letter.objects.get(application=app, kind="reply")
    assert issued.pk == draft.pk  # one reply, not a draft and a copy
    assert issued.issued_on == D[12] and issued.content["dated"] == "2025-03-12"


def _issued_refusal(staff: Staff, day0: date, decided: date, issued: date) -> Letter:
    app = registered(staff, day0)
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=decided,
        outcome=Outcome.DENIED_PROCESS,
        reasons="属于过程稿",
    )
    services.issue(staff[Role.HANDLER], app.pk, on=issued)
    return Letter.objects.get(application=app, kind="reply")


def test_remedy_text_by_reply_date(staff: Staff) -> None:
    old = _issued_refusal(staff, date(2023, 12, 1), date(2023, 12, 20), date(2023, 12, 29))
    new = _issued_refusal(staff, date(2023, 12, 1), date(2023, 12, 20), date(2024, 1, 2))
    old_remedy, new_remedy = old.content["paragraphs"][-1], new.content["paragraphs"][-1]
    supervisor_government = staff.office.name.removesuffix("办公室")
    assert f"{supervisor_government}或者上一级主管部门申请行政复议" in old_remedy
    assert "六个月内" in old_remedy and "应当先" not in old_remedy
    assert "第二十三条第一款第四项" in new_remedy and "六个月内" not in new_remedy
    assert f"向{supervisor_government}申请行政复议" in new_remedy


def test_letter_settings_name_the_review_body(staff: Staff, settings: object) -> None:
    settings.GONGKAI_LETTERS = {  # type: ignore[attr-defined]
        "review_bodies": {staff.agency.name: "测试县人民政府"},
        "abbreviations": {staff.agency.name: "测公"},
        "partial_requires_review_first": False,
    }
    app = registered(staff, D[3])
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=D[5],
        outcome=Outcome.PARTIAL,
        reasons="部分涉密",
        withheld_ground=Outcome.DENIED_STATE_SECRET.value,
    )
    letter = Letter.objects.get(application=app)
    assert letter.content["number"].startswith("测公答复〔2025〕")
    assert "向测试县人民政府申请行政复议" in letter.content["paragraphs"][-1]
    assert "应当先" not in letter.content["paragraphs"][-1]
    settings.GONGKAI_LETTERS = {"no_such": 1}  # type: ignore[attr-defined]
    from gongkai.core.errors import GongkaiError
    from gongkai.web.applications.letters import letter_settings

    with pytest.raises(GongkaiError, match="未知的文书设置"):
        letter_settings()


def test_staff_preview_and_download_letters_others_cannot(staff: Staff) -> None:
    from web_builders import make_staff

    app = case_in(staff, Status.ISSUED)
    letter = Letter.objects.get(application=app)
    client = logged_in("supervisor")
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "政府信息公开申请答复书" in page
    preview = client.get(f"/applications/letters/{letter.pk}/").content.decode()
    assert "第三十六条第二项" in preview and "已于 2025-03-11 出具" in preview
    # never rendered in this test (no commit): the download renders it on demand
    response = client.get(f"/applications/letters/{letter.pk}/pdf/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    docx = client.get(f"/applications/letters/{letter.pk}/docx/")
    assert docx.status_code == 200 and "attachment" in docx["Content-Disposition"]
    make_staff("另一县公安局", prefix="other-")
    assert (
        logged_in("other-handler").get(f"/applications/letters/{letter.pk}/pdf/").status_code == 404
    )


def test_files_are_rendered_after_commit_only(
    staff: Staff, django_capture_on_commit_callbacks: object
) -> None:
    app = registered(staff, D[3])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # type: ignore[operator]
        services.approve_extension(
            staff[Role.OFFICE_HEAD], app.pk, on=D[5], days=5, reason="档案多"
        )
    letter = Letter.objects.get(application=app)
    assert not letter.pdf and len(callbacks) == 2
    callbacks[0]()
    letter.refresh_from_db()
    assert letter.pdf and letter.docx and letter.rendered_at is not None
