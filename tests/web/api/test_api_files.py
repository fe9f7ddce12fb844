"""Files of a case through the API: letters as DOCX/PDF, and 送达 with an uploaded proof file."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders_api import API, TwoAgencies, api_client, chief, json_of, two_agencies
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from web_builders import registered

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, CaseEvent, ServiceRecord

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def world(db: None) -> TwoAgencies:
    return two_agencies()


def decided(world: TwoAgencies) -> Application:
    app = registered(world.a, date(2025, 3, 3), applicant_name="周某")
    return services.decide(
        world.a[Role.REVIEWER], app.pk, on=date(2025, 3, 10), outcome=Outcome.GRANTED
    )


def issued(world: TwoAgencies) -> Application:
    return services.issue(world.a[Role.HANDLER], decided(world).pk, on=date(2025, 3, 11))


# -- letters -------------------------------------------------------------------------------


def test_letters_are_listed_with_their_download_paths(world: TwoAgencies) -> None:
    app = decided(world)
    client = world.client("a", Role.HANDLER)
    letters = json_of(client.get(f"{API}/applications/{app.pk}/letters"))
    assert [x["kind"] for x in letters] == ["reply"]
    reply = letters[0]
    assert reply["issued_on"] is None and reply["title"]  # a draft until issued
    base = f"{API}/applications/{app.pk}/letters/{reply['id']}"
    assert reply["files"] == {"docx": f"{base}/docx", "pdf": f"{base}/pdf"}
    services.issue(world.a[Role.HANDLER], app.pk, on=date(2025, 3, 11))
    again = json_of(client.get(f"{API}/applications/{app.pk}/letters"))
    assert again[0]["issued_on"] == "2025-03-11"


def download(client: Client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


def test_an_issued_reply_downloads_as_docx_and_pdf(world: TwoAgencies) -> None:
    app = issued(world)
    letter = app.letters.get(kind="reply")
    base = f"{API}/applications/{app.pk}/letters/{letter.pk}"
    for role in (Role.HANDLER, Role.SUPERVISOR):  # whoever may read the case, as in the UI
        client = world.client("a", role)
        response = client.get(f"{base}/docx")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        assert app.number in response["Content-Disposition"]  # named after the case
        assert b"".join(response.streaming_content).startswith(b"PK")  # a DOCX is a zip
        assert download(client, f"{base}/pdf").startswith(b"%PDF")
    # The same file the staff workspace serves.
    letter.refresh_from_db()
    assert letter.docx and letter.pdf


def test_letters_of_another_agency_or_case_are_404(world: TwoAgencies) -> None:
    app = decided(world)
    letter = app.letters.get()
    other_case = registered(world.a, date(2025, 3, 4))
    intruders = [
        api_client(chief(world.b.agency, "b-chief")),
        world.client("b", Role.SUPERVISOR),
        world.client("b", Role.ADMINISTRATOR),
    ]
    for client in intruders:
        for url in (
            f"{API}/applications/{app.pk}/letters",
            f"{API}/applications/{app.pk}/letters/{letter.pk}/pdf",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert json_of(response)["code"] == "not_found"
    # A's own letter asked for under another of A's cases: not found either.
    handler = world.client("a", Role.HANDLER)
    wrong = handler.get(f"{API}/applications/{other_case.pk}/letters/{letter.pk}/pdf")
    assert wrong.status_code == 404 and json_of(wrong)["message"] == "未找到该对象，或您无权查看"
    odd = handler.get(f"{API}/applications/{app.pk}/letters/{letter.pk}/odt")
    assert odd.status_code == 422 and json_of(odd)["code"] == "invalid_request"
    assert Client().get(f"{API}/applications/{app.pk}/letters").status_code == 401


# -- 送达 with a proof file -----------------------------------------------------------------


def serve(client: Client, app_id: int, upload: Any = None, **fields: Any) -> Any:
    body: dict[str, Any] = {"on": "2025-03-12", "method": "mail", "proof": "EMS1234567890"}
    body.update(fields)
    if upload is not None:
        body["proof_file"] = upload
    return client.post(f"{API}/applications/{app_id}/actions/serve/upload", body)


def test_serve_with_a_proof_file_goes_through_the_service(world: TwoAgencies) -> None:
    app = issued(world)
    client = world.client("a", Role.HANDLER)
    response = serve(client, app.pk, SimpleUploadedFile("签收回执.pdf", PDF, "text/plain"))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "served" and body["served_on"] == "2025-03-12"
    record = ServiceRecord.objects.get(application=app)
    assert record.method == "mail" and record.proof == "EMS1234567890"
    assert record.letter == app.letters.get(kind="reply")
    with record.proof_file.open("rb") as stored:
        assert stored.read() == PDF
    event = CaseEvent.objects.filter(application=app).last()
    assert event is not None and event.action == "serve"
    assert event.actor == world.a[Role.HANDLER] and event.data["service"] == record.pk
    # A photo of the receipt is accepted too (judged by content: PNG named .jpg).
    other = issued(world)
    photo = serve(world.client("a", Role.REGISTRAR), other.pk, SimpleUploadedFile("回执.jpg", PNG))
    assert photo.status_code == 200, photo.content


def test_a_bad_proof_file_is_refused_in_chinese_and_changes_nothing(
    world: TwoAgencies, settings: Any
) -> None:
    app = issued(world)
    client = world.client("a", Role.HANDLER)
    cases = [
        (SimpleUploadedFile("回执.pdf", b"just text, not a PDF"), "不是PDF、JPEG或PNG文件"),
        (SimpleUploadedFile("回执.pdf", b""), "是空的"),
    ]
    for upload, words in cases:
        response = serve(client, app.pk, upload)
        assert response.status_code == 400, response.content
        body = json_of(response)
        assert body["code"] == "invalid_file" and words in body["message"]
        assert body["message"].startswith("送达凭证文件不能接收") and "回执.pdf" in body["message"]
        assert body["details"] == {"field": "proof_file"}
    settings.GONGKAI_PORTAL_MAX_FILE_MB = 0.0001  # ≈ 100 bytes: the portal's own limit
    big = serve(client, app.pk, SimpleUploadedFile("回执.pdf", PDF + b"0" * 200))
    assert big.status_code == 400 and "超过" in big.json()["message"]
    missing = serve(client, app.pk)
    assert missing.status_code == 422 and "proof_file" in missing.json()["message"]
    no_method = serve(client, app.pk, SimpleUploadedFile("回执.pdf", PDF), method="pigeon")
    assert no_method.status_code == 409 and "送达方式" in no_method.json()["message"]
    assert Application.objects.get(pk=app.pk).status == "issued"
    assert not ServiceRecord.objects.filter(application=app).exists()


def test_serve_upload_keeps_the_permissions_and_the_status_table(world: TwoAgencies) -> None:
    app = issued(world)

    def proof() -> SimpleUploadedFile:
        return SimpleUploadedFile("回执.pdf", PDF)

    # Another agency: 404 (no existence leak), even with a valid file.
    for client in (
        api_client(chief(world.b.agency, "b-chief")),
        world.client("b", Role.SUPERVISOR),
    ):
        response = serve(client, app.pk, proof())
        assert response.status_code == 404 and json_of(response)["code"] == "not_found"
    # A's own supervisor and reviewer may read the case but not serve: 403, before the file.
    for role in (Role.SUPERVISOR, Role.REVIEWER):
        response = serve(world.client("a", role), app.pk, SimpleUploadedFile("x.pdf", b"junk"))
        assert response.status_code == 403, role
        assert (
            json_of(response)["code"] == "permission_denied"
            and "送达" in response.json()["message"]
        )
    # Not yet issued: the status table refuses.
    early = registered(world.a, date(2025, 3, 3))
    response = serve(world.client("a", Role.HANDLER), early.pk, proof())
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    assert not ServiceRecord.objects.exists()
    assert Client().post(f"{API}/applications/{app.pk}/actions/serve/upload").status_code == 401
