"""A step that carries a file (送达凭证) checks the role before the file is looked at."""

from __future__ import annotations

import pytest
from builders_applications import case_in, logged_in
from django.core.files.uploadedfile import SimpleUploadedFile
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications import forms
from gongkai.web.applications.models import Application

pytestmark = pytest.mark.django_db


def test_a_user_without_the_role_is_refused_before_the_proof_file_is_read(
    staff: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forms, "proof_file_problem", lambda *a: pytest.fail("file read"))
    app = case_in(staff, Status.ISSUED)
    response = logged_in(Role.REVIEWER.value).post(
        f"/applications/{app.pk}/steps/serve/",
        {"serve-proof_file": SimpleUploadedFile("回执.pdf", b"\x7fELF\x02\x01")},
        follow=True,
    )
    assert "“送达”须由本机关的" in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == Status.ISSUED.value
