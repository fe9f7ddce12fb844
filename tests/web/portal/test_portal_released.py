"""Issue 14: the applicant downloads the released information through the case's private
link, once the reply is issued, and only their own."""

from __future__ import annotations

import pytest
from builders_portal import only_submission, person_post, submit, token_of
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from web_builders import Staff, make_staff

from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import releasing, services
from gongkai.web.applications.released import ReleasedFile
from gongkai.web.portal.models import OnlineIntake, OnlineSubmission

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def staff(db: None) -> Staff:
    staff = make_staff()
    OnlineIntake.objects.create(agency=staff.agency)
    return staff


def _online_case(client: Client, staff: Staff) -> tuple[str, int]:
    response = submit(client, staff.agency, person_post())
    assert response.status_code == 302
    token = token_of(response)
    app = only_submission().application
    if app.received_date is None:
        services.confirm_receipt(
            staff[Role.REGISTRAR], app.pk, on=timezone.localdate(), method="平台回执"
        )
    return token, app.pk


def test_the_files_come_with_the_issued_reply(client: Client, staff: Staff) -> None:
    token, app_id = _online_case(client, staff)
    today = timezone.localdate()
    services.decide(staff[Role.REVIEWER], app_id, on=today, outcome=Outcome.GRANTED)
    releasing.attach_upload(
        staff[Role.HANDLER],
        app_id,
        on=today,
        upload=SimpleUploadedFile("2025年处罚统计.pdf", PDF),
    )
    row = ReleasedFile.objects.get()
    url = f"/public/track/{token}/released/{row.pk}/"
    page = client.get(f"/public/track/{token}/").content.decode()
    assert "2025年处罚统计.pdf" not in page  # not the applicant's until the reply is issued
    assert "添加答复附件" not in page  # an internal step, not on the public timeline
    assert client.get(url).status_code == 404

    services.issue(staff[Role.HANDLER], app_id, on=today)
    page = client.get(f"/public/track/{token}/").content.decode()
    assert "答复附件" in page and "附件1：2025年处罚统计.pdf" in page and url in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"].startswith("no-store")
    assert response["X-Content-Type-Options"] == "nosniff"
    wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/public/track/{wrong}/released/{row.pk}/").status_code == 404


def test_another_applicants_link_does_not_reach_the_files(client: Client, staff: Staff) -> None:
    mine = token_of(submit(client, staff.agency, person_post()))
    other_client = Client()
    theirs = token_of(submit(other_client, staff.agency, person_post(person_name="李明")))
    assert mine != theirs
    apps = {s.application_id for s in OnlineSubmission.objects.all()}
    today = timezone.localdate()
    rows = {}
    for app_id in apps:
        services.confirm_receipt(staff[Role.REGISTRAR], app_id, on=today, method="平台回执")
        services.decide(staff[Role.REVIEWER], app_id, on=today, outcome=Outcome.GRANTED)
        releasing.attach_upload(
            staff[Role.HANDLER], app_id, on=today, upload=SimpleUploadedFile("a.pdf", PDF)
        )
        services.issue(staff[Role.HANDLER], app_id, on=today)
        rows[app_id] = ReleasedFile.objects.get(application_id=app_id).pk
    statuses = [
        client.get(f"/public/track/{token}/released/{row}/").status_code
        for token in (mine, theirs)
        for row in rows.values()
    ]
    assert sorted(statuses) == [200, 200, 404, 404]
