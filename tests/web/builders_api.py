"""Builders for the API tests: token clients and two agencies side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client
from web_builders import Staff, make_staff

from gongkai.core.applications.roles import Role
from gongkai.web.agencies.models import Agency, Membership
from gongkai.web.api.tokens import issue_token

API = "/api/v1"


def api_client(user: AbstractBaseUser, name: str = "测试") -> Client:
    """A client that authenticates as ``user`` with a fresh bearer token."""
    secret = issue_token(user, name)
    return Client(headers={"authorization": f"Bearer {secret}"})


def chief(agency: Agency, username: str) -> AbstractBaseUser:
    """One person holding every working role of an agency (the strongest insider)."""
    user = get_user_model().objects.create_user(username=username, password="x-unused-x")
    for role in (Role.REGISTRAR, Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD):
        Membership.objects.create(user=user, agency=agency, role=role.value)
    return user


@dataclass
class TwoAgencies:
    a: Staff
    b: Staff

    def client(self, side: str, role: Role) -> Client:
        staff = self.a if side == "a" else self.b
        return api_client(staff[role])


def two_agencies() -> TwoAgencies:
    return TwoAgencies(make_staff("甲县公安局", prefix="a-"), make_staff("乙县公安局", prefix="b-"))


def json_of(response: Any) -> Any:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.json()


# A body that passes each step's schema (not necessarily the service's rules): used where a
# request must get past validation to show what the access check does.
SAMPLE_BODIES: dict[str, dict[str, Any]] = {
    "confirm_receipt": {"method": "电话"},
    "review": {"conclusion": "clear"},
    "request_supplement": {"items": "请写明文号"},
    "receive_supplement": {},
    "lapse_supplement": {},
    "start_consultation": {"party": "third_party", "party_name": "某公司"},
    "finish_consultation": {"reply": "同意"},
    "assign": {"unit_id": 1, "instructions": "请检索"},
    "record_feedback": {"result": "held", "feedback": "已检索到"},
    "approve_extension": {"days": 5, "reason": "需要检索档案"},
    "decide": {"outcome": "GRANTED"},
    "issue": {},
    "serve": {"method": "mail", "proof": "EMS1"},
    "archive": {},
    "withdraw": {},
    "assess_fee": {"method": "per_application"},
    "issue_fee_notice": {},
    "record_fee_notice_receipt": {},
    "record_fee_payment": {"amount": 100},
    "lapse_fee": {},
    "attach_released": {"catalogue_file_id": 1},
    "detach_released": {"released_id": 1},
    "correct_applicant_type": {"applicant_type": "other_org", "reason": "村民委员会"},
    "request_reasons": {"finding": "一周内申请60件"},
    "record_reasons": {"judgement": "reasonable", "explanation": "研究需要"},
    "set_delayed_deadline": {"deadline": "2025-06-30", "reason": "案卷多"},
    "order_reanswer": {"source": "review", "order_document": "某县人民政府行政复议决定书"},
    "issue_reanswer": {"outcome": "GRANTED"},
}


def sample_body(action: str, on: str = "2025-03-04") -> dict[str, Any]:
    if action not in SAMPLE_BODIES:
        raise KeyError(
            f"请在 tests/web/builders_api.py 的 SAMPLE_BODIES 中为“{action}”加一个请求体"
        )
    return {"on": on, **SAMPLE_BODIES[action]}
