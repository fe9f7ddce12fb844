"""Every intake refuses control and other unprintable characters with a Chinese message
(core.text_hygiene): the applicant portal, staff registration and step forms, the report
text, and the API (request bodies, multipart, query). Multi-line fields keep line breaks."""

from __future__ import annotations

import json

import pytest
from builders_api import API, api_client
from builders_applications import case_in, logged_in
from builders_portal import open_agency, person_post, submit
from django.test import Client
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.applications.models import Application
from gongkai.web.portal.models import OnlineSubmission

pytestmark = pytest.mark.django_db
MESSAGE = "含有不可见字符或控制字符"
BAD = ["\x00", "\x07", "\u200b", "\u202e", "\ufeff", "\ue000", "\ufdd0"]


@pytest.mark.parametrize("char", BAD)
def test_the_portal_form_refuses_unprintable_text(char: str) -> None:
    agency = open_agency()
    response = submit(Client(), agency, person_post(person_name=f"周{char}明"))
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page and f"U+{ord(char):04X}" in page
    assert not OnlineSubmission.objects.exists()


def test_the_portal_form_keeps_line_breaks_in_the_request() -> None:
    agency = open_agency()
    response = submit(
        Client(), agency, person_post(description="第一项：某文件\r\n第二项：\t另一文件")
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert "第二项" in Application.objects.get().description


def test_staff_registration_and_steps_refuse_unprintable_text(staff: Staff) -> None:
    data = {
        "agency": str(staff.agency.pk),
        "arrived_on": "2025-03-03",
        "applicant_type": "natural_person",
        "applicant_name": "周\u202e某",
        "contact_phone": "13812345678",
        "description": "2024年度统计\r\n第二行",
        "requested_form": "electronic",
        "delivery": "email",
        "contact_email": "zhou@example.cn",
    }
    response = logged_in("registrar").post("/applications/register/in_person/", data)
    assert response.status_code in (200, 400)
    assert MESSAGE in response.content.decode() and not Application.objects.exists()
    app = case_in(staff, Status.RECEIVED)
    response = logged_in("handler").post(
        f"/applications/{app.pk}/steps/request_supplement/",
        {"request_supplement-on": "2025-03-04", "request_supplement-items": "文号\x1b"},
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert Application.objects.get(pk=app.pk).status == Status.RECEIVED.value


def test_the_work_queue_search_refuses_nul(staff: Staff) -> None:
    response = logged_in("handler").get("/applications/", {"q": "周\x00"})
    assert response.status_code < 500


def test_the_api_refuses_unprintable_text_in_bodies_and_queries(staff: Staff) -> None:
    client = api_client(staff[Role.REGISTRAR])
    body = {
        "agency_id": staff.agency.pk,
        "channel": "in_person",
        "arrived_at": "2025-03-03T10:00:00",
        "applicant_type": "natural_person",
        "applicant_name": "周\x01某",
        "contact_phone": "13812345678",
        "description": "第一行\n第二行\u202e",
    }
    response = client.post(f"{API}/applications", json.dumps(body), "application/json")
    assert response.status_code == 422
    answer = response.json()
    assert answer["code"] == "invalid_request"
    fields = {p["field"]: p["problem"] for p in answer["details"]}
    assert MESSAGE in fields["applicant_name"] and "U+0001" in fields["applicant_name"]
    assert "U+202E" in fields["description"]
    # A lone surrogate in JSON ("\ud800") never reaches the database.
    raw = json.dumps({**body, "applicant_name": "周某", "description": "x"}).replace(
        '"x"', '"\\ud800"'
    )
    response = client.post(f"{API}/applications", raw, "application/json")
    assert response.status_code == 422 and MESSAGE in response.json()["message"]
    # Line breaks are fine in a multi-line text, not in a name.
    ok = {**body, "applicant_name": "周某", "description": "第一行\n第二行\t乙"}
    response = client.post(f"{API}/applications", json.dumps(ok), "application/json")
    assert response.status_code == 201, response.content
    listing = client.get(f"{API}/applications", {"q": "周\x00"})
    assert listing.status_code == 422 and MESSAGE in listing.json()["message"]
