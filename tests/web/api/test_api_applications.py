"""Applications through the API: list and filters, detail with masking, registration, events."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from builders_api import API, TwoAgencies, api_client, json_of, two_agencies
from django.utils import timezone
from web_builders import registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.outcomes import Outcome
from gongkai.core.applications.roles import Role
from gongkai.web.applications import services
from gongkai.web.applications.models import Application, CaseEvent

pytestmark = pytest.mark.django_db
CONTACTS = {
    "id_document": "居民身份证 110101199003071234",
    "contact_phone": "13812345678",
    "contact_email": "zhou@example.cn",
    "contact_address": "河北省清河县人民路88号3单元",
}


@pytest.fixture
def world(db: None) -> TwoAgencies:
    return two_agencies()


def test_list_shows_own_cases_newest_first_with_count(world: TwoAgencies) -> None:
    first = registered(world.a, date(2025, 3, 3), applicant_name="甲一")
    second = registered(world.a, date(2025, 3, 4), applicant_name="甲二")
    registered(world.b, date(2025, 3, 4), applicant_name="乙一")
    body = json_of(world.client("a", Role.HANDLER).get(f"{API}/applications"))
    assert body["count"] == 2 and body["limit"] == 50 and body["offset"] == 0
    assert [i["id"] for i in body["items"]] == [second.pk, first.pk]
    item = body["items"][0]
    assert item["agency_name"] == "甲县公安局" and item["status"] == "received"
    assert item["status_label"] == "办理中" and item["stage"] == "active"
    assert item["channel_label"] and item["due_date"] == "2025-04-01"
    # Lists never carry identity numbers or contacts.
    assert "contacts" not in item and "description" not in item


def test_pagination_and_limits(world: TwoAgencies) -> None:
    for day in range(1, 6):
        registered(world.a, date(2025, 3, day + 2))
    client = world.client("a", Role.HANDLER)
    page = json_of(client.get(f"{API}/applications?limit=2&offset=2"))
    assert page["count"] == 5 and len(page["items"]) == 2
    everything = json_of(client.get(f"{API}/applications?limit=200"))["items"]
    assert [i["id"] for i in page["items"]] == [i["id"] for i in everything[2:4]]
    too_big = client.get(f"{API}/applications?limit=201")
    assert too_big.status_code == 422
    body = json_of(too_big)
    assert body["code"] == "invalid_request" and "limit" in body["message"]


def test_filters(world: TwoAgencies) -> None:
    a = world.a
    online = registered(a, date(2025, 3, 3), channel=Channel.ONLINE, applicant_name="网上申请人")
    walk_in = registered(a, date(2025, 5, 6), applicant_name="当面申请人")
    done = registered(a, date(2025, 6, 3), applicant_name="已办结")
    services.decide(a[Role.REVIEWER], done.pk, on=date(2025, 6, 5), outcome=Outcome.GRANTED)
    services.issue(a[Role.REGISTRAR], done.pk, on=date(2025, 6, 6))
    client = world.client("a", Role.HANDLER)

    def ids(query: str) -> set[int]:
        response = client.get(f"{API}/applications?{query}")
        assert response.status_code == 200, response.content
        return {i["id"] for i in response.json()["items"]}

    assert ids("channel=online") == {online.pk}
    assert ids("status=awaiting_confirmation") == {online.pk}
    assert ids("status=issued&status=received") == {walk_in.pk, done.pk}
    assert ids("open=false") == {done.pk}
    assert ids("open=true") == {online.pk, walk_in.pk}
    assert ids("outcome=GRANTED") == {done.pk}
    assert ids("received_from=2025-05-01&received_to=2025-05-31") == {walk_in.pk}
    assert ids("due_before=2025-06-10") == {walk_in.pk}  # walk-in due 2025-06-04
    assert ids("q=当面") == {walk_in.pk}
    assert ids(f"q={done.number}") == {done.pk}
    assert ids(f"agency={world.a.agency.pk}") == {online.pk, walk_in.pk, done.pk}
    assert ids(f"agency={world.b.agency.pk}") == set()
    bad = client.get(f"{API}/applications?status=nonsense")
    assert bad.status_code == 422 and "取值不在允许范围内" in bad.json()["message"]


def test_supervisor_reads_the_departments_cases(world: TwoAgencies) -> None:
    mine = registered(world.a, date(2025, 3, 3))
    registered(world.b, date(2025, 3, 3))
    body = json_of(world.client("a", Role.SUPERVISOR).get(f"{API}/applications"))
    assert [i["id"] for i in body["items"]] == [mine.pk]


def test_detail_shows_contacts_to_case_roles_and_masks_them_for_others(
    world: TwoAgencies,
) -> None:
    app = registered(world.a, date(2025, 3, 3), **CONTACTS)
    url = f"{API}/applications/{app.pk}"
    full = json_of(world.client("a", Role.HANDLER).get(url))
    assert full["contacts"] == {"masked": False, "credit_code": "", **CONTACTS}
    assert full["read_only"] is False and full["description"] == app.description
    for role in (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.OFFICE_HEAD):
        masked = json_of(world.client("a", role).get(url))["contacts"]
        assert masked["masked"] is True
        assert masked["id_document"] == "居民身份证 110101********1234"
        assert masked["contact_phone"] == "138****5678"
        assert masked["contact_email"] == "z***@example.cn"
        assert masked["contact_address"] == "河北省清河县****"
        assert "19900307" not in repr(json_of(world.client("a", role).get(url)))
    assert json_of(world.client("a", Role.SUPERVISOR).get(url))["read_only"] is True


def test_other_agencies_cases_are_404(world: TwoAgencies) -> None:
    theirs = registered(world.b, date(2025, 3, 3))
    for suffix in ("", "/events", "/actions"):
        response = world.client("a", Role.OFFICE_HEAD).get(
            f"{API}/applications/{theirs.pk}{suffix}"
        )
        assert response.status_code == 404
        assert json_of(response)["code"] == "not_found"
    assert world.client("a", Role.HANDLER).get(f"{API}/applications/999999").status_code == 404


def register_body(world: TwoAgencies, **changes: object) -> dict[str, object]:
    return {
        "agency_id": world.a.agency.pk,
        "channel": "online",
        "arrived_at": "2025-03-03T21:30:00+08:00",
        "applicant_type": "natural_person",
        "applicant_name": "  热线转来的申请人 ",
        "description": "本县2024年道路交通事故统计",
        "contact_phone": "13900000000",
        "requested_form": "electronic",
        "delivery": "email",
        **changes,
    }


def test_register_through_the_service_with_the_callers_roles(world: TwoAgencies) -> None:
    client = world.client("a", Role.REGISTRAR)
    response = client.post(
        f"{API}/applications", register_body(world), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    app = Application.objects.get(pk=body["id"])
    assert app.agency == world.a.agency and app.applicant_name == "热线转来的申请人"
    assert body["status"] == "awaiting_confirmation"  # online: day 0 only after confirmation
    assert body["received_date"] is None and body["contacts"]["contact_phone"] == "13900000000"
    event = CaseEvent.objects.get(application=app)
    assert event.action == "register" and event.actor == world.a[Role.REGISTRAR]
    # Arrived by signed mail: day 0 is the arrival day, and the due date follows.
    signed = client.post(
        f"{API}/applications",
        register_body(world, channel="mail_signed", arrived_at="2025-03-03T10:00:00"),
        content_type="application/json",
    ).json()
    assert signed["received_date"] == "2025-03-03" and signed["due_date"] == "2025-03-31"


def test_register_refusals(world: TwoAgencies) -> None:
    url = f"{API}/applications"

    def post(role: Role, body: dict[str, object], side: str = "a") -> tuple[int, dict]:
        response = world.client(side, role).post(url, body, content_type="application/json")
        return response.status_code, json_of(response)

    status, body = post(Role.REVIEWER, register_body(world))
    assert (status, body["code"]) == (403, "permission_denied") and "登记" in body["message"]
    status, body = post(Role.SUPERVISOR, register_body(world))
    assert (status, body["code"]) == (403, "permission_denied")
    status, body = post(Role.REGISTRAR, register_body(world), side="b")  # not B's agency
    assert (status, body["code"]) == (404, "not_found")
    status, body = post(Role.REGISTRAR, register_body(world, applicant_name="   "))
    assert (status, body["code"]) == (422, "invalid_request")
    assert "applicant_name：不能为空" in body["message"]
    status, body = post(Role.REGISTRAR, register_body(world, channel="pigeon"))
    assert status == 422 and body["details"][0]["field"] == "channel"
    tomorrow = f"{timezone.localdate() + timedelta(days=1)}T10:00:00"
    status, body = post(Role.REGISTRAR, register_body(world, arrived_at=tomorrow))
    assert (status, body["code"]) == (409, "rule_violated") and "不能晚于今天" in body["message"]
    status, body = post(Role.REGISTRAR, register_body(world, arrived_at="2999-01-01T10:00:00"))
    assert (status, body["code"]) == (422, "invalid_request") and "日期应在" in body["message"]
    status, body = post(Role.REGISTRAR, register_body(world, contact_email="not-an-email"))
    assert (status, body["code"]) == (400, "invalid_data")
    assert body["details"]["contact_email"] and "Email" in body["message"]
    assert Application.objects.count() == 0


def test_broken_json_is_a_clear_422(world: TwoAgencies) -> None:
    response = world.client("a", Role.REGISTRAR).post(
        f"{API}/applications", "{not json", content_type="application/json"
    )
    assert response.status_code in (400, 422)
    body = json_of(response)
    assert body["code"] in ("invalid_request", "bad_request") and body["message"]


def test_events_are_the_audit_trail_in_order(world: TwoAgencies) -> None:
    a = world.a
    app = registered(a, date(2025, 3, 3))
    services.request_supplement(a[Role.HANDLER], app.pk, on=date(2025, 3, 5), items="请写明文号")
    services.receive_supplement(a[Role.HANDLER], app.pk, on=date(2025, 3, 10))
    events = json_of(api_client(a[Role.SUPERVISOR]).get(f"{API}/applications/{app.pk}/events"))
    assert [e["action"] for e in events] == ["register", "request_supplement", "receive_supplement"]
    supplement = events[1]
    assert (
        supplement["from_status"] == "received"
        and supplement["to_status"] == "supplement_requested"
    )
    assert supplement["note"] == "请写明文号" and supplement["actor"] == "a-handler"
    assert supplement["data"]["supplement_due"] and supplement["occurred_on"] == "2025-03-05"
    assert (
        events[0]["from_status"] is None and events[2]["data"]["due_date"] == "2025-04-08"
    )  # 4-4 清明


def test_events_endpoint_is_read_only(world: TwoAgencies) -> None:
    app = registered(world.a, date(2025, 3, 3))
    client = world.client("a", Role.OFFICE_HEAD)
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/applications/{app.pk}/events")
        assert response.status_code == 405
    assert CaseEvent.objects.filter(application=app).count() == 1
