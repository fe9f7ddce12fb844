"""Staff roles within an agency and which role may take which step.

Permission is a domain rule (§33 ¶2 names the office head as the only one who may extend),
so the table lives here and the shell only looks it up.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.errors import GongkaiError


class Role(StrEnum):
    REGISTRAR = "registrar"
    HANDLER = "handler"
    REVIEWER = "reviewer"
    OFFICE_HEAD = "office_head"
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "supervisor"


ROLE_LABELS: dict[Role, str] = {
    Role.REGISTRAR: "登记",
    Role.HANDLER: "承办",
    Role.REVIEWER: "审核",
    Role.OFFICE_HEAD: "负责人",
    Role.ADMINISTRATOR: "管理员",
    Role.SUPERVISOR: "监督（只读）",
}


class Action(StrEnum):
    REGISTER = "register"
    CONFIRM_RECEIPT = "confirm_receipt"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    LAPSE_SUPPLEMENT = "lapse_supplement"
    START_CONSULTATION = "start_consultation"
    FINISH_CONSULTATION = "finish_consultation"
    APPROVE_EXTENSION = "approve_extension"
    DECIDE = "decide"
    ISSUE = "issue"
    WITHDRAW = "withdraw"


ACTION_LABELS: dict[Action, str] = {
    Action.REGISTER: "登记申请",
    Action.CONFIRM_RECEIPT: "确认收到申请",
    Action.REQUEST_SUPPLEMENT: "发出补正告知",
    Action.RECEIVE_SUPPLEMENT: "收到补正材料",
    Action.LAPSE_SUPPLEMENT: "逾期未补正，终止办理",
    Action.START_CONSULTATION: "发出征求意见",
    Action.FINISH_CONSULTATION: "征求意见结束",
    Action.APPROVE_EXTENSION: "批准延期答复",
    Action.DECIDE: "作出办理决定",
    Action.ISSUE: "出具答复",
    Action.WITHDRAW: "申请人撤回申请",
}

R = Role
ACTION_ROLES: dict[Action, frozenset[Role]] = {
    Action.REGISTER: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.CONFIRM_RECEIPT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.REQUEST_SUPPLEMENT: frozenset({R.HANDLER}),
    Action.RECEIVE_SUPPLEMENT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.LAPSE_SUPPLEMENT: frozenset({R.HANDLER}),
    Action.START_CONSULTATION: frozenset({R.HANDLER}),
    Action.FINISH_CONSULTATION: frozenset({R.HANDLER}),
    Action.APPROVE_EXTENSION: frozenset({R.OFFICE_HEAD}),
    Action.DECIDE: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    Action.ISSUE: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.WITHDRAW: frozenset({R.REGISTRAR, R.HANDLER}),
}
del R

# Roles that may see an agency's work queue; a supervisor reads through its own agency.
STAFF_ROLES: frozenset[Role] = frozenset(Role) - {Role.SUPERVISOR}


class PermissionDenied(GongkaiError):
    """The person has no role in this agency that allows the step."""


def require_role(action: Action, held: frozenset[Role] | set[Role]) -> None:
    allowed = ACTION_ROLES[action]
    if not allowed & set(held):
        names = "、".join(ROLE_LABELS[r] for r in Role if r in allowed)
        raise PermissionDenied(f"“{ACTION_LABELS[action]}”须由本机关的{names}岗位人员办理")
