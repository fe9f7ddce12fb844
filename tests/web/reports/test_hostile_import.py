"""“Import last year's report” with hostile files: the role is checked before the file is
read, the file is read in a contained child process, each refusal is a Chinese message on
the page, the server's own memory stays within 64 MB of growth, and the next request works."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from hostile_files import ELF, MB, billion_laughs_docx, huge_png, maxrss_mb, pdf_bomb
from report_builders import YEAR, FakeSources
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.parsing import sandbox
from gongkai.core.rendering.text import render_text
from gongkai.web.reports import services
from gongkai.web.reports.builder import assemble
from gongkai.web.reports.models import ReportDraft

pytestmark = pytest.mark.django_db

CHILD_BOUND = sandbox.ProcessLimits(memory_bytes=512 * MB, cpu_seconds=30, wall_seconds=60.0)


def _client(staff: Staff, role: Role) -> Client:
    client = Client()
    client.force_login(staff[role])
    return client


def _post(client: Client, staff: Staff, name: str, data: bytes) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("reports:import", args=[staff.agency.pk, YEAR])
    response = client.post(url, {"previous": SimpleUploadedFile(name, data)}, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_user_without_the_role_is_refused_before_the_file_is_read(
    staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "read_report_contained", lambda *a: pytest.fail("file read"))
    page = _post(_client(staff, Role.REGISTRAR), staff, "bomb.pdf", pdf_bomb(64 * MB))
    assert "“导入上年度报告”须由本机关的" in page
    assert not ReportDraft.objects.filter(previous_name="bomb.pdf").exists()


def test_hostile_files_are_refused_and_the_server_keeps_serving(
    staff: Staff, complete_sources: FakeSources, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The test's children get 512 MB each (the production PDF limit is 1.5 GB).
    monkeypatch.setitem(sandbox.PROCESS_LIMITS, "pdf", CHILD_BOUND)
    client = _client(staff, Role.HANDLER)
    before = maxrss_mb()
    for name, data, expected in [
        ("2024.pdf", pdf_bomb(1024 * MB), "内存"),
        ("2024.docx", billion_laughs_docx(), "DTD"),
        ("2024.png", huge_png(), "像素"),
        ("2024.pdf", ELF, "可执行程序"),
        ("2024.txt", b"x" * (10 * MB + 1), "上限为10MB"),
    ]:
        page = _post(client, staff, name, data)
        assert expected in page, name
    assert maxrss_mb() - before < 64
    # … and a real report is imported by the same server afterwards.
    last = assemble(staff.agency, YEAR - 1).report
    page = _post(client, staff, "2024.txt", render_text(last).encode("utf-8"))
    assert "已导入上年度报告“2024.txt”" in page
    builder = client.get(reverse("reports:builder", args=[staff.agency.pk, YEAR]))
    assert builder.status_code == 200
