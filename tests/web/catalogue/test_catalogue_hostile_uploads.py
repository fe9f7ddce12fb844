"""Catalogue uploads judged by content, not name (an .exe renamed .pdf is refused), with the
role checked before the file is read."""

from __future__ import annotations

import pytest
from builders_catalogue import drafted
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hostile_files import ELF, MB, PE, zip_bomb_docx
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.web.catalogue import records
from gongkai.web.catalogue.models import BusinessImport, ItemAttachment

pytestmark = pytest.mark.django_db


def _client(staff: Staff, role: Role) -> Client:
    client = Client()
    client.force_login(staff[role])
    return client


def _attach(client: Client, item_pk: int, name: str, data: bytes) -> str:
    url = f"/catalogue/manage/items/{item_pk}/attach/"
    response = client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_renamed_executables_and_bombs_are_refused_by_content(staff: Staff) -> None:
    item = drafted(staff)
    client = _client(staff, Role.HANDLER)
    for name, data, expected in [
        ("通告.pdf", ELF, "这是可执行程序（ELF）"),
        ("通告.pdf", PE, "这是可执行程序（Windows EXE/DLL）"),
        ("通告.docx", zip_bomb_docx(256 * MB), "压缩炸弹"),
        ("通告.pdf", b"<html><body>not a pdf</body></html>", "不是扩展名“.pdf”所示的PDF"),
    ]:
        assert expected in _attach(client, item.pk, name, data), name
    assert not ItemAttachment.objects.filter(item=item).exists()
    assert "附件已上传" in _attach(client, item.pk, "通告.pdf", b"%PDF-1.4\nreal\n")
    assert ItemAttachment.objects.filter(item=item).count() == 1


def test_the_role_is_checked_before_an_upload_is_read(
    staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    item = drafted(staff)
    page = _attach(_client(staff, Role.REVIEWER), item.pk, "通告.pdf", b"%PDF-1.4\n")
    assert "“上传附件”须由本机关的" in page
    monkeypatch.setattr(records, "check_upload", lambda *a: pytest.fail("file read"))
    response = _client(staff, Role.REVIEWER).post(
        f"/catalogue/manage/{staff.agency.pk}/import/",
        {"year": 2025, "file": SimpleUploadedFile("a.csv", b"x")},
    )
    assert "须由本机关的" in response.content.decode()
    assert not BusinessImport.objects.exists()


def test_an_import_spreadsheet_that_is_a_program_is_refused(staff: Staff) -> None:
    client = _client(staff, Role.HANDLER)
    response = client.post(
        f"/catalogue/manage/{staff.agency.pk}/import/",
        {"year": 2025, "file": SimpleUploadedFile("数据.xlsx", PE)},
    )
    assert "可执行程序" in response.content.decode()
    assert not BusinessImport.objects.exists()
