"""Issue 14: the released information travels with the answer. Staff attach files (or a
catalogue file) to the reply, each step audited; the reply lists them as 附件 by name; the
files are judged by content; after the reply is issued nothing changes them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from builders_applications import logged_in
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from web_builders import Staff, make_staff, registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Action, PermissionDenied, Role
from gongkai.core.errors import GongkaiError
from gongkai.web.applications import releasing, services
from gongkai.web.applications.letter_files import docx_bytes
from gongkai.web.applications.letters import letter_text
from gongkai.web.applications.models import Application, CaseEvent, Letter
from gongkai.web.applications.released import ReleasedFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00\x00\x00\x10" * 2 + b"\x00" * 40
CSV = "年度,件数\n2025,12\n".encode()


@pytest.fixture(autouse=True)
def media_dir(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def decided(staff: Staff, outcome: Outcome = Outcome.GRANTED) -> Application:
    today = timezone.localdate()
    app = registered(staff, today)
    return services.decide(staff[Role.REVIEWER], app.pk, on=today, outcome=outcome)


def reply_draft(app: Application) -> Letter:
    return app.letters.get(kind="reply", issued_on=None)


def test_attached_files_are_listed_in_the_reply_and_audited(staff: Staff) -> None:
    app = decided(staff)
    today = timezone.localdate()
    assert "见附件" not in letter_text(reply_draft(app)).text
    releasing.attach_upload(staff[Role.HANDLER], app.pk, on=today, upload=upload("统计表.pdf", PDF))
    releasing.attach_upload(
        staff[Role.HANDLER], app.pk, on=today, upload=upload("x.csv", CSV), name="案件数量明细"
    )
    text = letter_text(reply_draft(app))
    assert text.attachments == ("统计表.pdf", "案件数量明细")
    assert "（见附件）" in text.text and "附件：1．统计表.pdf" in text.text
    events = CaseEvent.objects.filter(application=app, action=Action.ATTACH_RELEASED.value)
    assert [e.note for e in events] == ["统计表.pdf", "案件数量明细"]
    first = ReleasedFile.objects.get(name="统计表.pdf")
    assert events[0].data["sha256"] == first.sha256 and events[0].data["size"] == len(PDF)
    assert events[0].actor == staff[Role.HANDLER]

    releasing.detach(staff[Role.REVIEWER], app.pk, on=today, released_id=first.pk)
    assert not Path(first.file.path).exists()
    assert letter_text(reply_draft(app)).attachments == ("案件数量明细",)
    removed = CaseEvent.objects.get(application=app, action=Action.DETACH_RELEASED.value)
    assert removed.data["name"] == "统计表.pdf"

    services.issue(staff[Role.HANDLER], app.pk, on=today)
    issued = app.letters.get(kind="reply", issued_on=today)
    assert letter_text(issued).attachments == ("案件数量明细",)
    document = docx_bytes(letter_text(issued))
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        assert "附件：案件数量明细" in package.read("word/document.xml").decode()
    # What the applicant was given is fixed once the reply is issued.
    with pytest.raises(GongkaiError):
        releasing.attach_upload(staff[Role.HANDLER], app.pk, on=today, upload=upload("y.pdf", PDF))
    last = ReleasedFile.objects.get()
    with pytest.raises(GongkaiError):
        releasing.detach(staff[Role.HANDLER], app.pk, on=today, released_id=last.pk)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("表.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "可执行程序"),
        ("表.pdf", PNG, "不是扩展名"),
        ("表.exe", PDF, "类型不允许上传"),
        ("空.pdf", b"", "是空的"),
    ],
)
def test_files_are_judged_by_their_content(
    staff: Staff, name: str, data: bytes, words: str
) -> None:
    app = decided(staff)
    with pytest.raises(GongkaiError, match=words):
        releasing.attach_upload(
            staff[Role.HANDLER], app.pk, on=timezone.localdate(), upload=upload(name, data)
        )
    assert not ReleasedFile.objects.exists()
    assert not CaseEvent.objects.filter(action=Action.ATTACH_RELEASED.value).exists()


def test_the_size_limit_is_a_setting(staff: Staff, settings: Any) -> None:
    settings.GONGKAI_RELEASED_MAX_MB = 0
    app = decided(staff)
    with pytest.raises(GongkaiError, match="超过"):
        releasing.attach_upload(
            staff[Role.HANDLER], app.pk, on=timezone.localdate(), upload=upload("a.pdf", PDF)
        )


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.SUPERVISOR])
def test_only_those_who_prepare_the_answer_attach(staff: Staff, role: Role) -> None:
    app = decided(staff)
    with pytest.raises(PermissionDenied):
        releasing.attach_upload(
            staff[role], app.pk, on=timezone.localdate(), upload=upload("a.pdf", PDF)
        )


def test_the_case_page_panel_attaches_lists_and_serves(staff: Staff) -> None:
    app = decided(staff)
    handler = logged_in(staff[Role.HANDLER].username)
    url = reverse("applications:released_attach", args=[app.pk])
    response = handler.post(url, {"upload": upload("统计表.pdf", PDF), "name": ""}, follow=True)
    page = response.content.decode()
    assert "已添加答复附件" in page and "统计表.pdf" in page and 'id="released"' in page
    row = ReleasedFile.objects.get()
    download = handler.get(reverse("applications:released", args=[app.pk, row.pk]))
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    # A refused file comes back as a Chinese message, never a traceback.
    bad = handler.post(url, {"upload": upload("表.pdf", PNG)}, follow=True).content.decode()
    assert "不是扩展名" in bad and ReleasedFile.objects.count() == 1
    # The registrar sees the files but is offered no form.
    page = logged_in(staff[Role.REGISTRAR].username).get(
        reverse("applications:detail", args=[app.pk])
    )
    assert "统计表.pdf" in page.content.decode()
    assert "添加答复附件</button>" not in page.content.decode()
    remove = reverse("applications:released_detach", args=[app.pk, row.pk])
    assert "已移除答复附件" in handler.post(remove, follow=True).content.decode()
    assert not ReleasedFile.objects.exists()


def test_another_agencys_staff_cannot_reach_the_files(staff: Staff) -> None:

    app = decided(staff)
    releasing.attach_upload(
        staff[Role.HANDLER], app.pk, on=timezone.localdate(), upload=upload("a.pdf", PDF)
    )
    other = make_staff("另一县公安局", prefix="o-")
    row = ReleasedFile.objects.get()
    client = logged_in(other[Role.HANDLER].username)
    assert client.get(reverse("applications:released", args=[app.pk, row.pk])).status_code == 404
    client.post(reverse("applications:released_detach", args=[app.pk, row.pk]))
    assert ReleasedFile.objects.exists()


def test_a_decision_before_any_attachment_is_redrafted(staff: Staff) -> None:
    """The files may be gathered before the decision too; the draft lists them."""
    today = timezone.localdate()
    app = registered(staff, today)
    releasing.attach_upload(staff[Role.HANDLER], app.pk, on=today, upload=upload("a.pdf", PDF))
    services.decide(
        staff[Role.REVIEWER],
        app.pk,
        on=today,
        outcome=Outcome.PARTIAL,
        reasons="理由",
        withheld_ground=Outcome.DENIED_INTERNAL.value,
    )
    assert "可以公开的部分见附件" in letter_text(reply_draft(app)).text


def test_the_api_attaches_a_catalogue_file_and_removes_it(staff: Staff) -> None:
    from builders_api import api_client

    from gongkai.web.catalogue.models import CatalogueItem, ItemAttachment

    app = decided(staff)
    today = timezone.localdate()
    item = CatalogueItem.objects.create(
        agency=staff.agency,
        index_number="TEST-2025-0001",
        index_year=2025,
        index_seq=1,
        title="2025年行政处罚统计",
        generated_on=today,
        category="统计信息",
        attribute="proactive",
        formed_on=today,
    )
    source = ItemAttachment.objects.create(
        item=item,
        filename="统计.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
        content=PDF,
    )
    client = api_client(staff[Role.HANDLER])
    base = f"/api/v1/applications/{app.pk}/actions"
    response = client.post(
        f"{base}/attach_released",
        {"catalogue_file_id": source.pk},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    row = ReleasedFile.objects.get()
    assert row.catalogue_file == source and row.name == "2025年行政处罚统计（统计.pdf）"
    assert letter_text(reply_draft(app)).attachments == (row.name,)
    served = logged_in(staff[Role.HANDLER].username).get(
        reverse("applications:released", args=[app.pk, row.pk])
    )
    assert served.content == PDF and served["Content-Disposition"].startswith("attachment")
    response = client.post(
        f"{base}/detach_released", {"released_id": row.pk}, content_type="application/json"
    )
    assert response.status_code == 200 and not ReleasedFile.objects.exists()
    # Another agency's catalogue is not this case's to release.
    other = CatalogueItem.objects.create(
        agency=make_staff("另一县公安局", prefix="o-").agency,
        index_number="O-1",
        index_year=2025,
        index_seq=1,
        title="他机关文件",
        generated_on=today,
        category="统计信息",
        attribute="proactive",
        formed_on=today,
    )
    foreign = ItemAttachment.objects.create(
        item=other,
        filename="x.pdf",
        content_type="application/pdf",
        size=1,
        sha256="1",
        content=b"x",
    )
    with pytest.raises(GongkaiError, match="只能附上本机关"):
        releasing.attach_catalogue_file(
            staff[Role.HANDLER], app.pk, on=today, catalogue_file_id=foreign.pk
        )
