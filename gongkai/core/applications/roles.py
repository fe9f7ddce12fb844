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
    REVIEW = "review"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    LAPSE_SUPPLEMENT = "lapse_supplement"
    START_CONSULTATION = "start_consultation"
    FINISH_CONSULTATION = "finish_consultation"
    ASSIGN = "assign"
    RECORD_FEEDBACK = "record_feedback"
    APPROVE_EXTENSION = "approve_extension"
    DECIDE = "decide"
    ISSUE = "issue"
    SERVE = "serve"
    ARCHIVE = "archive"
    WITHDRAW = "withdraw"
    # 信息处理费 (gongkai.web.fees; domain.md §4)
    ASSESS_FEE = "assess_fee"
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    RECORD_FEE_NOTICE_RECEIPT = "record_fee_notice_receipt"
    RECORD_FEE_PAYMENT = "record_fee_payment"
    LAPSE_FEE = "lapse_fee"
    # 答复附件: the released information attached to the reply (gongkai.web.applications.releasing)
    ATTACH_RELEASED = "attach_released"
    DETACH_RELEASED = "detach_released"
    # 复议决定或判决责令重新答复 (docs/remedies.md)
    ORDER_REANSWER = "order_reanswer"
    ISSUE_REANSWER = "issue_reanswer"
    # 更正申请人类型: the 表三 column (R5) a registration got wrong, corrected with a reason
    CORRECT_APPLICANT_TYPE = "correct_applicant_type"
    # §35 数量、频次明显超过合理范围 (gongkai.core.applications.excessive)
    REQUEST_REASONS = "request_reasons"
    RECORD_REASONS = "record_reasons"
    SET_DELAYED_DEADLINE = "set_delayed_deadline"


ACTION_LABELS: dict[Action, str] = {
    Action.REGISTER: "登记申请",
    Action.CONFIRM_RECEIPT: "确认收到申请",
    Action.REVIEW: "审查",
    Action.REQUEST_SUPPLEMENT: "发出补正告知",
    Action.RECEIVE_SUPPLEMENT: "收到补正材料",
    Action.LAPSE_SUPPLEMENT: "逾期未补正，终止办理",
    Action.START_CONSULTATION: "发出征求意见",
    Action.FINISH_CONSULTATION: "征求意见结束",
    Action.ASSIGN: "交办内设机构",
    Action.RECORD_FEEDBACK: "收到交办反馈",
    Action.APPROVE_EXTENSION: "批准延期答复",
    Action.DECIDE: "作出办理决定",
    Action.ISSUE: "出具答复",
    Action.SERVE: "送达",
    Action.ARCHIVE: "归档",
    Action.WITHDRAW: "申请人撤回申请",
    Action.ASSESS_FEE: "核定信息处理费",
    Action.ISSUE_FEE_NOTICE: "发出收费通知",
    Action.RECORD_FEE_NOTICE_RECEIPT: "申请人收到收费通知",
    Action.RECORD_FEE_PAYMENT: "缴纳信息处理费",
    Action.LAPSE_FEE: "逾期未缴费，终止办理",
    Action.ATTACH_RELEASED: "添加答复附件",
    Action.DETACH_RELEASED: "移除答复附件",
    Action.ORDER_REANSWER: "登记责令重新答复",
    Action.ISSUE_REANSWER: "作出并出具重新答复",
    Action.CORRECT_APPLICANT_TYPE: "更正申请人类型",
    Action.REQUEST_REASONS: "要求申请人说明理由（第三十五条）",
    Action.RECORD_REASONS: "认定申请理由（第三十五条）",
    Action.SET_DELAYED_DEADLINE: "确定延迟答复期限（第三十五条）",
}

R = Role
ACTION_ROLES: dict[Action, frozenset[Role]] = {
    Action.REGISTER: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.CONFIRM_RECEIPT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.REVIEW: frozenset({R.HANDLER, R.REVIEWER}),
    Action.REQUEST_SUPPLEMENT: frozenset({R.HANDLER}),
    Action.RECEIVE_SUPPLEMENT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.LAPSE_SUPPLEMENT: frozenset({R.HANDLER}),
    Action.START_CONSULTATION: frozenset({R.HANDLER}),
    Action.FINISH_CONSULTATION: frozenset({R.HANDLER}),
    Action.ASSIGN: frozenset({R.HANDLER}),
    Action.RECORD_FEEDBACK: frozenset({R.HANDLER}),
    Action.APPROVE_EXTENSION: frozenset({R.OFFICE_HEAD}),
    Action.DECIDE: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    Action.ISSUE: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.SERVE: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.ARCHIVE: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.WITHDRAW: frozenset({R.REGISTRAR, R.HANDLER}),
    # Charging is discretionary (§42 "可以"): the handler decides and is recorded as such.
    Action.ASSESS_FEE: frozenset({R.HANDLER}),
    Action.ISSUE_FEE_NOTICE: frozenset({R.HANDLER}),
    Action.RECORD_FEE_NOTICE_RECEIPT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.RECORD_FEE_PAYMENT: frozenset({R.REGISTRAR, R.HANDLER}),
    Action.LAPSE_FEE: frozenset({R.HANDLER}),
    # Whoever prepares the answer (承办) or decides it (审核, 负责人) gathers what it releases.
    Action.ATTACH_RELEASED: frozenset({R.HANDLER, R.REVIEWER, R.OFFICE_HEAD}),
    Action.DETACH_RELEASED: frozenset({R.HANDLER, R.REVIEWER, R.OFFICE_HEAD}),
    # Who records the applicant at registration (登记) or works with him (承办) corrects it.
    Action.CORRECT_APPLICANT_TYPE: frozenset({R.REGISTRAR, R.HANDLER}),
    # §35 says "行政机关" judges the reasons and sets the later date: here those who decide
    # (审核, 负责人), as for the decision itself; the handler asks for the reasons.
    Action.REQUEST_REASONS: frozenset({R.HANDLER}),
    Action.RECORD_REASONS: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    Action.SET_DELAYED_DEADLINE: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
    # Whoever records the review or court case records its order; the new answer is a
    # decision, taken by those who decide (审核, 负责人), as at DECIDE.
    Action.ORDER_REANSWER: frozenset({R.HANDLER, R.REVIEWER, R.OFFICE_HEAD}),
    Action.ISSUE_REANSWER: frozenset({R.REVIEWER, R.OFFICE_HEAD}),
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


# Who sees an applicant's identity number and contacts unmasked on the case page: those who
# check identity (登记, 审核 for requests about the applicant's own records) or contact and
# serve the applicant (承办). Everyone else, and every list, sees them masked.
SEES_PERSONAL_DATA: frozenset[Role] = frozenset({Role.REGISTRAR, Role.HANDLER, Role.REVIEWER})


def sees_personal_data(held: frozenset[Role] | set[Role]) -> bool:
    return bool(SEES_PERSONAL_DATA & set(held))
