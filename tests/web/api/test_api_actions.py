"""Steps of a case through the API: the same services, guards and audit trail as the UI."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from builders_api import (
    API,
    TwoAgencies,
    api_client,
    chief,
    json_of,
    sample_body,
    two_agencies,
)
from django.test import Client
from django.utils import timezone
from web_builders import registered

from gongkai.core.applications.channels import Channel
from gongkai.core.applications.roles import Role
from gongkai.web.api.v1.actions import STEPS
from gongkai.web.applications.models import Application, CaseEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> TwoAgencies:
    return two_agencies()


def act(client: Client, app_id: int, action: str, **body: Any) -> Any:
    return client.post(
        f"{API}/applications/{app_id}/actions/{action}", body, content_type="application/json"
    )


def available(client: Client, app_id: int) -> list[str]:
    response = client.get(f"{API}/applications/{app_id}/actions")
    assert response.status_code == 200, response.content
    return [a["action"] for a in response.json()]


def test_every_step_of_the_core_table_has_an_endpoint() -> None:
    from gongkai.core.applications.roles import Action

    missing = set(Action) - {Action.REGISTER} - set(STEPS)
    assert not missing, (
        f"办理环节 {sorted(missing)} 没有接口：请在 gongkai/web/api/v1/steps.py 的 STEPS "
        "中加一行（请求体 + 调用的服务函数）"
    )


def test_available_actions_follow_status_roles_and_once_only_steps(world: TwoAgencies) -> None:
    a = world.a
    app = registered(a, date(2025, 3, 3))  # received
    handler = available(world.client("a", Role.HANDLER), app.pk)
    assert {"request_supplement", "start_consultation", "assign", "withdraw"} <= set(handler)
    assert "decide" not in handler and "approve_extension" not in handler
    reviewer = available(world.client("a", Role.REVIEWER), app.pk)
    assert "decide" in reviewer and "request_supplement" not in reviewer
    head = world.client("a", Role.OFFICE_HEAD)
    assert {"approve_extension", "decide"} <= set(available(head, app.pk))
    assert available(world.client("a", Role.SUPERVISOR), app.pk) == []
    listed = world.client("a", Role.HANDLER).get(f"{API}/applications/{app.pk}/actions").json()
    supplement = next(x for x in listed if x["action"] == "request_supplement")
    assert supplement == {
        "action": "request_supplement",
        "label": "发出补正告知",
        "method": "POST",
        "path": f"{API}/applications/{app.pk}/actions/request_supplement",
    }
    # An extension is once only: after it, it is no longer offered.
    act(head, app.pk, "approve_extension", on="2025-03-04", days=5, reason="需要检索档案")
    assert "approve_extension" not in available(head, app.pk)
    online = registered(a, date(2025, 3, 3), channel=Channel.ONLINE)
    assert available(world.client("a", Role.REGISTRAR), online.pk) == [
        "confirm_receipt",
        "withdraw",
        "correct_applicant_type",
    ]
    # Every path offered is an endpoint that exists.
    for entry in listed:
        assert entry["action"] in {s.value for s in STEPS}


def test_a_whole_case_through_the_api(world: TwoAgencies) -> None:
    boss = chief(world.a.agency, "a-chief")
    client = api_client(boss)
    created = client.post(
        f"{API}/applications",
        {
            "agency_id": world.a.agency.pk,
            "channel": "online",
            "arrived_at": "2025-03-01T20:00:00+08:00",
            "applicant_type": "legal_service_org",
            "applicant_name": "某律师事务所",
            "credit_code": "31110000MD0123456X",
            "contact_email": "office@example.cn",
            "description": "本局2024年行政处罚决定书目录",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    steps: list[tuple[str, dict[str, Any], str]] = [
        ("confirm_receipt", {"on": "2025-03-03", "method": "电话确认"}, "received"),
        (
            "request_supplement",
            {"on": "2025-03-05", "items": "请写明年份范围"},
            "supplement_requested",
        ),
        ("receive_supplement", {"on": "2025-03-10"}, "received"),
        (
            "start_consultation",
            {"on": "2025-03-12", "party": "third_party", "party_name": "某公司"},
            "consulting",
        ),
        (
            "approve_extension",
            {"on": "2025-03-13", "days": 10, "reason": "涉及第三方"},
            "consulting",
        ),
        (
            "finish_consultation",
            {"on": "2025-03-20", "delivered_on": "2025-03-13", "reply": "同意公开"},
            "received",
        ),
        (
            "decide",
            {
                "on": "2025-03-24",
                "outcome": "PARTIAL",
                "reasons": "部分涉及商业秘密",
                "withheld_ground": "DENIED_THIRD_PARTY",
            },
            "decided",
        ),
        ("issue", {"on": "2025-03-25"}, "issued"),
        ("serve", {"on": "2025-03-26", "method": "mail", "proof": "EMS1234567890"}, "served"),
        ("archive", {"on": "2025-03-27", "reference": "2025-GK-001"}, "archived"),
    ]
    for action, body, status in steps:
        response = act(client, pk, action, **body)
        assert response.status_code == 200, (action, response.content.decode())
        assert response.json()["status"] == status, action
    final = response.json()
    assert final["outcome"] == "PARTIAL" and final["concluded_on"] == "2025-03-25"
    assert final["served_on"] == "2025-03-26" and final["archive_reference"] == "2025-GK-001"
    assert final["extension_days"] == 10 and final["supplement_count"] == 1
    assert final["consultations"][0]["reply"] == "同意公开"
    assert final["outcome_row"].startswith("（二）")
    actions = list(CaseEvent.objects.filter(application_id=pk).values_list("action", flat=True))
    assert actions == ["register"] + [s[0] for s in steps]
    assert set(CaseEvent.objects.filter(application_id=pk).values_list("actor", flat=True)) == {
        boss.pk
    }
    # An archived answer is reopened only by a 复议决定 or judgment (docs/remedies.md).
    assert available(client, pk) == ["order_reanswer"]


def test_withdraw_and_lapse(world: TwoAgencies) -> None:
    handler = world.client("a", Role.HANDLER)
    app = registered(world.a, date(2025, 3, 3))
    response = act(handler, app.pk, "withdraw", on="2025-03-04", note="申请人电话撤回")
    assert response.json()["status"] == "withdrawn"
    other = registered(world.a, date(2025, 3, 3))
    act(handler, other.pk, "request_supplement", on="2025-03-04", items="请补充身份证明")
    early = act(handler, other.pk, "lapse_supplement", on="2025-03-05")
    assert early.status_code == 409 and "尚未届满" in early.json()["message"]
    lapsed = act(handler, other.pk, "lapse_supplement", on="2025-05-06")
    assert lapsed.json()["status"] == "lapsed"
    assert lapsed.json()["outcome"] == "ABANDONED_NO_SUPPLEMENT"


def test_domain_errors_have_status_and_stable_code(world: TwoAgencies) -> None:
    app = registered(world.a, date(2025, 3, 3))
    handler = world.client("a", Role.HANDLER)
    # Role table: a handler may not decide.
    response = act(handler, app.pk, "decide", on="2025-03-04", outcome="GRANTED")
    body = json_of(response)
    assert (response.status_code, body["code"]) == (403, "permission_denied")
    assert "审核" in body["message"] and "Traceback" not in response.content.decode()
    # Status table: cannot issue before a decision.
    response = act(handler, app.pk, "issue", on="2025-03-04")
    assert (response.status_code, response.json()["code"]) == (409, "invalid_transition")
    assert "办理中" in response.json()["message"]
    # A rule of the procedure: refusals need reasons.
    reviewer = world.client("a", Role.REVIEWER)
    response = act(reviewer, app.pk, "decide", on="2025-03-04", outcome="DENIED_STATE_SECRET")
    assert (response.status_code, response.json()["code"]) == (409, "rule_violated")
    assert "理由" in response.json()["message"]
    # ABANDONED_* outcomes only come from their own step.
    response = act(reviewer, app.pk, "decide", on="2025-03-04", outcome="ABANDONED_NO_SUPPLEMENT")
    assert response.status_code == 409
    # A date in the future.
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = act(handler, app.pk, "withdraw", on=tomorrow)
    assert response.status_code == 409 and "不能晚于今天" in response.json()["message"]
    # A date beyond next year is no business date at all: refused by the schema.
    response = act(handler, app.pk, "withdraw", on="2999-01-01")
    assert response.status_code == 422 and "日期应在2008年1月1日至" in response.json()["message"]
    # A second extension.
    head = world.client("a", Role.OFFICE_HEAD)
    assert (
        act(head, app.pk, "approve_extension", on="2025-03-04", days=5, reason="复杂").status_code
        == 200
    )
    again = act(head, app.pk, "approve_extension", on="2025-03-05", days=5, reason="复杂")
    assert again.status_code == 409 and "只能批准一次" in again.json()["message"]
    too_long = act(
        head,
        registered(world.a, date(2025, 3, 3)).pk,
        "approve_extension",
        on="2025-03-04",
        days=21,
        reason="复杂",
    )
    assert too_long.status_code == 409 and "20" in too_long.json()["message"]
    # Schema errors: unknown outcome, missing field.
    response = act(reviewer, app.pk, "decide", on="2025-03-04", outcome="MAYBE")
    assert response.status_code == 422 and response.json()["details"][0]["field"] == "outcome"
    response = act(handler, app.pk, "start_consultation", on="2025-03-04", party="third_party")
    assert response.status_code == 422 and "party_name：缺少必填项" in response.json()["message"]
    assert Application.objects.get(pk=app.pk).status == "received"


def test_several_consultations_are_finished_by_the_ids_the_detail_lists(
    world: TwoAgencies,
) -> None:
    app = registered(world.a, date(2025, 3, 3))
    handler = world.client("a", Role.HANDLER)
    for name in ("甲公司", "乙公司"):
        started = act(
            handler,
            app.pk,
            "start_consultation",
            on="2025-03-04",
            party="third_party",
            party_name=name,
        )
        assert started.status_code == 200, started.content
    listed = handler.get(f"{API}/applications/{app.pk}").json()["consultations"]
    ids = {c["party_name"]: c["id"] for c in listed}
    assert set(ids) == {"甲公司", "乙公司"} and len(set(ids.values())) == 2
    # With two open, the consultation to finish must be named.
    unnamed = act(handler, app.pk, "finish_consultation", on="2025-03-10", reply="同意")
    assert unnamed.status_code in (409, 422), unnamed.content
    first = act(
        handler,
        app.pk,
        "finish_consultation",
        on="2025-03-10",
        delivered_on="2025-03-05",
        reply="同意公开",
        consultation_id=ids["乙公司"],
    )
    assert first.status_code == 200 and first.json()["status"] == "consulting"
    ended = {c["party_name"]: c["ended_on"] for c in first.json()["consultations"]}
    assert ended == {"甲公司": None, "乙公司": "2025-03-10"}
    last = act(
        handler,
        app.pk,
        "finish_consultation",
        on="2025-03-11",
        delivered_on="2025-03-05",
        reply="不同意",
        consultation_id=ids["甲公司"],
    )
    assert last.status_code == 200 and last.json()["status"] == "received"


def test_supervisor_reads_but_cannot_act(world: TwoAgencies) -> None:
    app = registered(world.a, date(2025, 3, 3))
    supervisor = world.client("a", Role.SUPERVISOR)
    assert supervisor.get(f"{API}/applications/{app.pk}").status_code == 200
    response = act(supervisor, app.pk, "withdraw", on="2025-03-04")
    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert CaseEvent.objects.filter(application=app).count() == 1


def test_another_agency_cannot_act_on_a_case(world: TwoAgencies) -> None:
    app = registered(world.a, date(2025, 3, 3))
    intruder = api_client(chief(world.b.agency, "b-chief"))
    for step in STEPS.values():
        response = act(intruder, app.pk, step.action.value, **sample_body(step.action.value))
        assert response.status_code == 404, step.action
    assert CaseEvent.objects.filter(application=app).count() == 1


def test_on_defaults_to_today(world: TwoAgencies) -> None:
    from django.utils import timezone

    app = registered(world.a, date(2025, 3, 3))
    response = act(world.client("a", Role.HANDLER), app.pk, "withdraw")
    assert response.status_code == 200
    assert response.json()["concluded_on"] == timezone.localdate().isoformat()


def test_the_api_offers_the_steps_the_case_page_offers(world: TwoAgencies) -> None:
    from gongkai.core.applications.actions import allowed_actions
    from gongkai.web.agencies.access import roles_of
    from gongkai.web.applications.casepage import case_facts

    handler, head = world.client("a", Role.HANDLER), world.client("a", Role.OFFICE_HEAD)
    # Registered long ago and never answered: overdue, so an order to answer (责令履行)
    # may be recorded, as the case page offers it; a case still in time is not.
    late = registered(world.a, timezone.localdate() - timedelta(days=90))
    assert "order_reanswer" in available(head, late.pk)
    in_time = registered(world.a, timezone.localdate())
    assert "order_reanswer" not in available(head, in_time.pk)
    # §35: the reasons are judged only after the handler asked for them.
    assert "record_reasons" not in available(head, late.pk)
    asked = act(handler, late.pk, "request_reasons", finding="一个月内就同类事项提出四十件申请")
    assert asked.status_code == 200, asked.content
    offered = available(head, late.pk)
    assert "record_reasons" in offered
    app = Application.objects.get(pk=late.pk)
    boss = chief(world.a.agency, "page-chief")
    page = allowed_actions(app.status_enum, roles_of(boss, app.agency_id), case_facts(app))
    assert [a.value for a in page if a in STEPS] == available(api_client(boss), app.pk)
