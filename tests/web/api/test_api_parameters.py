"""Every API parameter is validated: out-of-range years, dates, ids, page sizes and numbers
are answered 4xx with a Chinese message, never 500 (issue 12 item 6). This walks every
endpoint and parameter with chosen hostile values and checks the messages;
test_api_schemathesis.py fuzzes the same endpoints from the OpenAPI description."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from builders_api import API, api_client, sample_body
from builders_applications import case_in
from django.test import Client
from web_builders import Staff

from gongkai.core.applications.roles import Role
from gongkai.core.applications.statuses import Status
from gongkai.web.api.v1.steps import STEPS

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u4e00-\u9fff]")
HUGE = [2**31, 2**63, 2**64, 10**30]
BAD_INTS: list[Any] = [0, -1, *HUGE, "abc", "1.5", ""]
BAD_YEARS: list[Any] = [0, 782, 2007, 10000, 99999, -2025, 2**63, "二〇二五"]
BAD_DATES = ["0001-01-01", "1900-01-01", "9999-12-31", "2025-02-30", "2025-13-01", "x", ""]


@pytest.fixture
def world(staff: Staff) -> tuple[Staff, Client, int]:
    app = case_in(staff, Status.RECEIVED)
    client = api_client(staff[Role.OFFICE_HEAD])
    for role in (Role.REGISTRAR, Role.HANDLER, Role.REVIEWER):
        from gongkai.web.agencies.models import Membership

        Membership.objects.create(user=staff[Role.OFFICE_HEAD], agency=staff.agency, role=role)
    return staff, client, app.pk


def refused(response: Any, label: str, *, or_accepted: bool = False) -> dict[str, Any]:
    """A 4xx with a Chinese message (or, if ``or_accepted``, any answer but a 5xx)."""
    if or_accepted and response.status_code < 400:
        return {}
    assert 400 <= response.status_code < 500, (label, response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert CHINESE.search(body["message"]), (label, body)
        return dict(body)
    assert CHINESE.search(response.content.decode()), label  # the Chinese 404 page
    return {}


@pytest.mark.parametrize("year", BAD_YEARS)
def test_years_out_of_range_are_refused(world: tuple[Staff, Client, int], year: Any) -> None:
    staff, client, _ = world
    for what in ("annual-report", "figures"):
        body = refused(client.get(f"{API}/agencies/{staff.agency.pk}/{what}/{year}"), what)
        if body and body["code"] == "invalid_request" and isinstance(year, int):
            assert "2008" in body["message"], body


def test_year_0_and_782_were_the_known_failures(world: tuple[Staff, Client, int]) -> None:
    staff, client, _ = world
    for year in (0, 782):
        response = client.get(f"{API}/agencies/{staff.agency.pk}/figures/{year}")
        assert response.status_code == 422
        assert "年度应在2008年至" in response.json()["message"]
    ok = client.get(f"{API}/agencies/{staff.agency.pk}/figures/2025")
    assert ok.status_code == 200 and ok.json()["year"] == 2025


@pytest.mark.parametrize("value", BAD_INTS)
def test_ids_in_paths(world: tuple[Staff, Client, int], value: Any) -> None:
    _, client, app = world
    letter = 1
    for path in (
        f"/applications/{value}",
        f"/applications/{value}/events",
        f"/applications/{value}/actions",
        f"/applications/{value}/letters",
        f"/applications/{app}/letters/{value}/pdf",
        f"/applications/{value}/letters/{letter}/docx",
        f"/agencies/{value}/figures/2025",
        f"/agencies/{value}/annual-report/2025",
    ):
        refused(client.get(f"{API}{path}"), path)
    refused(client.post(f"{API}/applications/{value}/actions/issue", "{}", "application/json"), "x")


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("agency", [0, -1, 2**63, 10**30, "abc", "1.5"]),
        ("limit", [0, -1, 201, *HUGE, "x"]),
        ("offset", [-1, *HUGE, "x"]),
        ("received_from", BAD_DATES),
        ("received_to", BAD_DATES),
        ("due_before", BAD_DATES),
        ("status", ["nope", "\x00"]),
        ("channel", ["nope"]),
        ("applicant_type", ["nope"]),
        ("outcome", ["nope"]),
        ("open", ["maybe"]),
        ("exact_count", ["maybe"]),
        ("q", ["周\x00", "x" * 101, "\u202e"]),
        ("cursor", ["garbage", "\x00", "x" * 501]),
    ],
)
def test_list_filters(world: tuple[Staff, Client, int], name: str, values: list[Any]) -> None:
    _, client, _ = world
    for value in values:
        refused(client.get(f"{API}/applications", {name: value}), f"{name}={value!r}")


def test_dates_in_order(world: tuple[Staff, Client, int]) -> None:
    _, client, _ = world
    response = client.get(
        f"{API}/applications", {"received_from": "2025-03-01", "received_to": "2025-01-01"}
    )
    assert refused(response, "order")["code"] == "invalid_request"
    assert client.get(f"{API}/applications", {"received_from": "2024-01-01"}).status_code == 200


NUMBERS = {
    "request_supplement": {"period_wd": [0, -1, 366, *HUGE]},
    "approve_extension": {"days": [0, -1, 366, *HUGE]},
    "assess_fee": {"pages": [0, -1, *HUGE]},
    "record_fee_payment": {"amount": [-1, *HUGE]},
    "review": {"handler_id": [-1, *HUGE]},
    "assign": {"unit_id": [-1, *HUGE]},
}


@pytest.mark.parametrize("action", [a.value for a in STEPS])
def test_step_bodies(world: tuple[Staff, Client, int], action: str) -> None:
    _, client, app = world
    url = f"{API}/applications/{app}/actions/{action}"
    body = sample_body(action)
    date_fields = ["on"] + [
        f
        for f in ("delivered_on", "feedback_due", "received_on")
        if f in STEPS[next(a for a in STEPS if a.value == action)].body.model_fields
    ]
    for field in date_fields:
        for value in BAD_DATES:
            response = client.post(url, json.dumps({**body, field: value}), "application/json")
            refused(response, f"{action}.{field}={value!r}")
    for field, values in NUMBERS.get(action, {}).items():
        for value in values:
            response = client.post(url, json.dumps({**body, field: value}), "application/json")
            refused(response, f"{action}.{field}={value!r}")
    for raw in ("", "[]", "null", "{", '"x"', json.dumps({**body, "on": 20250304})):
        # A step whose fields are all optional may take "[]" or "null" as an empty body.
        lenient = raw in ("[]", "null")
        refused(client.post(url, raw, "application/json"), f"{action} {raw!r}", or_accepted=lenient)


def test_registration_body(world: tuple[Staff, Client, int]) -> None:
    staff, client, _ = world
    body = {
        "agency_id": staff.agency.pk,
        "channel": "mail_signed",
        "arrived_at": "2025-03-03T10:00:00",
        "applicant_type": "natural_person",
        "applicant_name": "周某",
        "description": "某文件",
        "contact_phone": "13812345678",
        "tracking_number": "EMS1",
    }
    for field, values in {
        "agency_id": BAD_INTS,
        "arrived_at": [*BAD_DATES, "0001-01-01T00:00:00", "9999-12-31T23:59:59+14:00"],
        "postmark_date": BAD_DATES,
    }.items():
        for value in values:
            response = client.post(
                f"{API}/applications", json.dumps({**body, field: value}), "application/json"
            )
            refused(response, f"register.{field}={value!r}")
    response = client.post(f"{API}/applications", json.dumps(body), "application/json")
    assert response.status_code == 201, response.content
