"""Who may do what with an annual report (the table lives in the core, like ACTION_ROLES).

The office head (负责人) signs the report off (§33 makes the head responsible for the office's
decisions; S2 "明确责任" makes the disclosure office answer for the report); staff who handle
disclosure work draft it. Supervisors only read.
"""

from __future__ import annotations

from enum import StrEnum

from gongkai.core.applications.roles import ROLE_LABELS, PermissionDenied, Role


class ReportAction(StrEnum):
    EDIT_TEXT = "edit_text"
    IMPORT_PREVIOUS = "import_previous"
    ACKNOWLEDGE = "acknowledge"
    SIGN_OFF = "sign_off"
    PUBLISH = "publish"


REPORT_ACTION_LABELS: dict[ReportAction, str] = {
    ReportAction.EDIT_TEXT: "修改报告正文",
    ReportAction.IMPORT_PREVIOUS: "导入上年度报告",
    ReportAction.ACKNOWLEDGE: "确认警告",
    ReportAction.SIGN_OFF: "负责人审签",
    ReportAction.PUBLISH: "发布年度报告",
}

_DRAFTERS = frozenset({Role.HANDLER, Role.REVIEWER, Role.OFFICE_HEAD})
REPORT_ACTION_ROLES: dict[ReportAction, frozenset[Role]] = {
    ReportAction.EDIT_TEXT: _DRAFTERS,
    ReportAction.IMPORT_PREVIOUS: _DRAFTERS,
    ReportAction.ACKNOWLEDGE: _DRAFTERS,
    ReportAction.SIGN_OFF: frozenset({Role.OFFICE_HEAD}),
    ReportAction.PUBLISH: frozenset({Role.HANDLER, Role.OFFICE_HEAD}),
}


def allowed(action: ReportAction, held: frozenset[Role] | set[Role]) -> bool:
    return bool(REPORT_ACTION_ROLES[action] & set(held))


def require_report_role(action: ReportAction, held: frozenset[Role] | set[Role]) -> None:
    if not allowed(action, held):
        names = "、".join(ROLE_LABELS[r] for r in Role if r in REPORT_ACTION_ROLES[action])
        label = REPORT_ACTION_LABELS[action]
        raise PermissionDenied(f"“{label}”须由本机关的{names}岗位人员办理")
