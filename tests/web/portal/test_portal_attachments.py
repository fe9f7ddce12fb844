"""Attachments: judged by content, limited in number and size, stored under their sha256."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from builders_portal import (
    JPEG,
    PDF,
    PNG,
    only_submission,
    open_agency,
    pdf_file,
    person_post,
    submit,
)
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.web.applications.models import Application
from gongkai.web.portal.models import Attachment

pytestmark = pytest.mark.django_db


def test_pdf_png_and_jpeg_are_stored_with_their_hash(client: Client, media_dir: Path) -> None:
    data = person_post(
        identity_files=[pdf_file(), SimpleUploadedFile("照片.png", PNG)],
        authorisation_files=[SimpleUploadedFile("委托书.jpg", JPEG)],
    )
    assert submit(client, open_agency(), data).status_code == 302
    stored = {a.original_name: a for a in only_submission().attachments.all()}
    assert set(stored) == {"身份证.pdf", "照片.png", "委托书.jpg"}
    pdf = stored["身份证.pdf"]
    assert pdf.kind == Attachment.Kind.IDENTITY and pdf.media_type == "application/pdf"
    assert pdf.sha256 == hashlib.sha256(PDF).hexdigest() and pdf.size == len(PDF)
    assert (media_dir / pdf.file.name).read_bytes() == PDF
    assert pdf.file.name == f"portal/{pdf.sha256[:2]}/{pdf.sha256}.pdf"
    assert stored["委托书.jpg"].kind == Attachment.Kind.AUTHORISATION


def test_the_same_file_twice_is_stored_once(client: Client, media_dir: Path) -> None:
    agency = open_agency()
    submit(client, agency, person_post(identity_files=[pdf_file()]))
    submit(client, agency, person_post(identity_files=[pdf_file("again.pdf")]))
    assert Attachment.objects.count() == 2
    assert len({a.file.name for a in Attachment.objects.all()}) == 1
    assert len(list((media_dir / "portal").rglob("*.pdf"))) == 1


def test_type_is_sniffed_from_content_not_extension(client: Client) -> None:
    fake = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00 executable", content_type="application/pdf")
    response = submit(client, open_agency(), person_post(other_files=[fake]))
    errors = response.context["form"].errors
    assert errors["other_files"] == [
        "文件“scan.pdf”不是PDF、JPEG或PNG文件（按文件内容判断，与扩展名无关）"
    ]
    assert Application.objects.count() == 0
    # A real PDF with a misleading name is accepted, and stored as what it is.
    renamed = SimpleUploadedFile("photo.png", PDF, content_type="image/png")
    assert (
        submit(client, open_agency("另一个局"), person_post(other_files=[renamed])).status_code
        == 302
    )
    assert Attachment.objects.get().media_type == "application/pdf"


def test_size_limit(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_MAX_FILE_MB = 0.001  # about 1 KB
    big = pdf_file(content=PDF + b"0" * 2000)
    errors = submit(client, open_agency(), person_post(identity_files=[big])).context["form"].errors
    assert errors["identity_files"] == ["文件“身份证.pdf”超过1KB，请压缩或分拆后再上传"]


def test_empty_file(client: Client) -> None:
    empty = SimpleUploadedFile("空.pdf", b"")
    response = submit(client, open_agency(), person_post(other_files=[empty]))
    # Django itself refuses an empty upload; the message is Chinese either way.
    assert response.context["form"].errors["other_files"]
    assert Application.objects.count() == 0


def test_count_limit(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_MAX_FILES = 2
    files = [pdf_file(f"{i}.pdf") for i in range(3)]
    errors = submit(client, open_agency(), person_post(other_files=files)).context["form"].errors
    assert errors["other_files"] == ["附件最多2个，您选择了3个"]
    assert Application.objects.count() == 0


def test_limits_are_stated_on_the_form(client: Client, settings: Any) -> None:
    settings.GONGKAI_PORTAL_MAX_FILES = 3
    settings.GONGKAI_PORTAL_MAX_FILE_MB = 4
    html = client.get(f"/public/{open_agency().pk}/apply/").content.decode()
    assert "合计不超过3个，每个不超过4MB" in html
    assert 'accept="application/pdf,image/jpeg,image/png"' in html
    assert 'enctype="multipart/form-data"' in html
