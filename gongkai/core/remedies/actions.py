"""The steps of a 复议/诉讼 case and who may take them.

Responding to a review or a lawsuit is the agency's legal work: the 审核 post (legal review),
the office head, and the handler who answered the application may record it. Supervisors
read; administrators manage accounts, not cases.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.applications.roles import ROLE_LABELS, PermissionDenied, Role


class RemedyAction(StrEnum):
    FILE = "file"
    EDIT = "edit"
    RECORD_RESULT = "record_result"
    ORDER_REANSWER = "order_reanswer"


REMEDY_ACTION_LABELS: dict[RemedyAction, str] = {
    RemedyAction.FILE: "登记复议、诉讼案件",
    RemedyAction.EDIT: "修改案件信息",
    RemedyAction.RECORD_RESULT: "登记复议决定或裁判结果",
    RemedyAction.ORDER_REANSWER: "登记责令重新答复",
}

_CASE_WORK = frozenset({Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD})
REMEDY_ACTION_ROLES: dict[RemedyAction, frozenset[Role]] = {a: _CASE_WORK for a in RemedyAction}


def require_remedy_role(action: RemedyAction, held: frozenset[Role] | set[Role]) -> None:
    allowed = REMEDY_ACTION_ROLES[action]
    if not allowed & set(held):
        names = "、".join(ROLE_LABELS[r] for r in Role if r in allowed)
        raise PermissionDenied(f"“{REMEDY_ACTION_LABELS[action]}”须由本机关的{names}岗位人员办理")


def may_act(held: frozenset[Role] | set[Role]) -> bool:
    return bool(_CASE_WORK & set(held))
