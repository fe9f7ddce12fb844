"""The applicant's uploaded files on the staff case page, and their download: the case page's
per-agency rule, served as their sniffed content, always as a download, never as a page."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from builders_applications import logged_in
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from web_builders import Staff, make_staff, registered

from gongkai.core.applications.applicants import ApplicantType
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.applications.views_attachments import attachment_disposition, download_name
from gongkai.web.portal.models import Attachment, OnlineIntake
from gongkai.web.portal.services import OnlineApplication, Upload, submit_online

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Accepted as a PDF at upload (the header may be anywhere in the first kilobyte), yet HTML.
POLYGLOT = b"<html><script>alert(1)</script>%PDF-1.4\n</html>"


@pytest.fixture(autouse=True)
def media_dir(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def online_case(staff: Staff, *files: tuple[str, str, bytes]) -> Application:
    OnlineIntake.objects.get_or_create(agency=staff.agency)
    content = OnlineApplication(
        applicant_type=ApplicantType.NATURAL_PERSON,
        applicant_name="周明",
        description="2025年度本县道路交通事故统计数据",
        requested_form="electronic",
        delivery="email",
        contact_email="zhou@example.cn",
    )
    uploads = [Upload(kind, SimpleUploadedFile(name, data)) for kind, name, data in files]
    submitted = submit_online(staff.agency, content, uploads, idempotency_key=secrets.token_hex(16))
    return submitted.submission.application


def files_of(app: Application) -> list[Attachment]:
    return list(Attachment.objects.filter(submission__application=app).order_by("pk"))


def test_the_case_page_lists_the_applicants_files(staff: Staff) -> None:
    app = online_case(
        staff, ("identity", "身份证正反面.pdf", PDF), ("authorisation", "委托书.png", PNG)
    )
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "申请人上传的材料" in page
    for label in ("身份证明", "身份证正反面.pdf", "PDF", "授权委托书", "委托书.png", "PNG 图片"):
        assert label in page
    submitted = app.online_submission.submitted_at  # type: ignore[attr-defined]
    assert timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M") in page
    first, second = files_of(app)
    assert f'href="/applications/{app.pk}/attachments/{first.pk}/"' in page
    assert f'href="/applications/{app.pk}/attachments/{second.pk}/"' in page


def test_a_case_without_uploads_has_no_files_section(staff: Staff) -> None:
    app = registered(staff, date(2025, 3, 3))
    page = logged_in("handler").get(f"/applications/{app.pk}/").content.decode()
    assert "申请人上传的材料" not in page


def test_download_is_an_attachment_with_the_sniffed_type(staff: Staff) -> None:
    app = online_case(staff, ("identity", "身份证 正反面.pdf", PDF))
    (attachment,) = files_of(app)
    before = CaseEvent.objects.filter(application=app).count()
    response = logged_in("registrar").get(f"/applications/{app.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    assert unquote(encoded) == "身份证 正反面.pdf"
    # Downloads are not audited (letter downloads are not either): the trail is unchanged.
    assert CaseEvent.objects.filter(application=app).count() == before


def test_html_hidden_in_a_pdf_is_never_served_as_a_page(staff: Staff) -> None:
    app = online_case(staff, ("other", "说明.html", POLYGLOT))
    (attachment,) = files_of(app)
    response = logged_in("handler").get(f"/applications/{app.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;")
    assert unquote(response["Content-Disposition"].split("''", 1)[1]) == "说明.html.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unrecognised_content_is_served_as_octet_stream(staff: Staff) -> None:
    app = online_case(staff, ("identity", "a.pdf", PDF))
    (attachment,) = files_of(app)
    with attachment.file.open("wb") as stored:  # e.g. the file was altered on disk
        stored.write(b"<html>not a pdf</html>")
    response = logged_in("handler").get(f"/applications/{app.pk}/attachments/{attachment.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_agency_gets_404_and_anonymous_the_login(staff: Staff) -> None:
    app = online_case(staff, ("identity", "身份证.pdf", PDF))
    (attachment,) = files_of(app)
    other = make_staff("另一县公安局", prefix="other-")
    url = f"/applications/{app.pk}/attachments/{attachment.pk}/"
    assert logged_in("other-handler").get(url).status_code == 404
    assert logged_in("other-office_head").get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    # The supervisor of this agency's office reads the case page, so the files too.
    assert logged_in("supervisor").get(url).status_code == 200
    # A file of another case, reached through this case's URL: 404.
    mine = online_case(other, ("identity", "x.pdf", PNG))
    (theirs,) = files_of(mine)
    assert (
        logged_in("handler").get(f"/applications/{app.pk}/attachments/{theirs.pk}/").status_code
        == 404
    )


def test_a_missing_file_is_a_chinese_404(staff: Staff) -> None:
    app = online_case(staff, ("identity", "a.pdf", PDF))
    (attachment,) = files_of(app)
    attachment.file.storage.delete(attachment.file.name)
    response = logged_in("handler").get(f"/applications/{app.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("original", "extension", "expected"),
    [
        ("身份证.pdf", ".pdf", "身份证.pdf"),
        ("C:\\Users\\周\\身份证.PDF", ".pdf", "身份证.PDF"),
        ("../../etc/passwd", ".png", "passwd.png"),
        ("a\r\nSet-Cookie: x.jpg", ".jpg", "aSet-Cookie: x.jpg"),
        ("...", ".pdf", "附件.pdf"),
    ],
)
def test_download_name(original: str, extension: str, expected: str) -> None:
    assert download_name(original, extension) == expected


def test_disposition_has_an_ascii_fallback_and_the_utf8_name() -> None:
    value = attachment_disposition('委托 "书".pdf')
    assert value == (
        'attachment; filename="__ ___.pdf"; '
        "filename*=UTF-8''%E5%A7%94%E6%89%98%20%22%E4%B9%A6%22.pdf"
    )
