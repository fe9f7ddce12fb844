"""What an applicant sees of their case: status words, which steps of the timeline are
public, and which delivery suits which requested form.

Internal statuses and steps (交办, 审查, the decision before the reply is issued) are the
office's working detail; the applicant sees where the case stands under the 条例 and what
they are waiting for. Both are tables, so a new status or step is a row, not an ``if``.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import GROUP_LABELS, Status, group_of


@dataclass(frozen=True)
class PublicStatus:
    label: str
    explanation: str


_IN_PROGRESS = PublicStatus("办理中", "受理机关正在办理您的申请，将在答复期限内作出答复。")
PUBLIC_STATUSES: dict[Status, PublicStatus] = {
    Status.AWAITING_CONFIRMATION: PublicStatus(
        "已提交，待确认收到",
        "受理机关确认收到申请之日为收到申请之日（《条例》第三十一条），答复期限从该日起计算。",
    ),
    Status.RECEIVED: _IN_PROGRESS,
    Status.ASSIGNED: _IN_PROGRESS,
    Status.DECIDED: PublicStatus("办理中", "受理机关正在制作答复书。"),
    Status.SUPPLEMENT_REQUESTED: PublicStatus(
        "需要补正",
        "您的申请内容不够明确，请按补正告知在补正期限内补正；收到补正之日起重新计算答复期限"
        "（《条例》第三十条）。",
    ),
    Status.CONSULTING: PublicStatus(
        "征求意见中",
        "受理机关正在征求第三方或其他机关的意见，所需时间不计算在答复期限内"
        "（《条例》第三十三条第三款）。",
    ),
    Status.FEE_PENDING: PublicStatus(
        "待缴纳信息处理费",
        # Whether the fee period pauses the clock is a setting (docs/fees.md), so not said here.
        "请按收费通知书在期限内缴纳信息处理费，逾期未缴纳的视为放弃申请"
        "（《条例》第四十二条，国办函〔2020〕109号）。",
    ),
    Status.FEE_LAPSED: PublicStatus(
        "已终止（逾期未缴费，视为放弃申请）", "您未在期限内缴纳信息处理费，视为放弃申请。"
    ),
    Status.ISSUED: PublicStatus("已答复", "受理机关已作出答复，您可以在本页下载答复书。"),
    Status.SERVED: PublicStatus("已答复", "答复书已送达，您也可以在本页下载。"),
    Status.ARCHIVED: PublicStatus("已办结", "本申请已办结。"),
    Status.LAPSED: PublicStatus(
        "已终止（视为放弃申请）",
        "您未在补正期限内补正，视为放弃申请（《条例》第三十条）。您可以重新提出申请。",
    ),
    Status.WITHDRAWN: PublicStatus("已撤回", "申请已撤回，受理机关不再办理。"),
    Status.REANSWER_ORDERED: PublicStatus(
        "重新答复中",
        "行政复议机关或人民法院已责令受理机关重新答复，受理机关将在确定的期限内重新答复。",
    ),
}


def public_status(status: Status) -> PublicStatus:
    """The applicant's words for a status; a status added later falls back to its group."""
    found = PUBLIC_STATUSES.get(status)
    if found is not None:
        return found
    return PublicStatus(GROUP_LABELS[group_of(status)], "")


@dataclass(frozen=True)
class PublicStep:
    label: str
    # The note of these steps is written to the applicant (what to supplement, why the
    # deadline is extended); other notes are the office's own.
    show_note: bool = False


PUBLIC_STEPS: dict[Action, PublicStep] = {
    Action.REGISTER: PublicStep("提交申请"),
    Action.CONFIRM_RECEIPT: PublicStep("确认收到申请，开始计算答复期限"),
    Action.REQUEST_SUPPLEMENT: PublicStep("发出补正告知", show_note=True),
    Action.RECEIVE_SUPPLEMENT: PublicStep("收到补正材料，重新计算答复期限"),
    Action.LAPSE_SUPPLEMENT: PublicStep("逾期未补正，视为放弃申请"),
    Action.START_CONSULTATION: PublicStep("征求意见，暂停计算答复期限"),
    Action.FINISH_CONSULTATION: PublicStep("征求意见结束，恢复计算答复期限"),
    Action.APPROVE_EXTENSION: PublicStep("延长答复期限", show_note=True),
    Action.ISSUE_FEE_NOTICE: PublicStep("发出收费通知"),
    Action.RECORD_FEE_PAYMENT: PublicStep("收到信息处理费"),
    Action.LAPSE_FEE: PublicStep("逾期未缴费，视为放弃申请"),
    Action.ISSUE: PublicStep("出具答复"),
    Action.SERVE: PublicStep("送达答复"),
    Action.WITHDRAW: PublicStep("撤回申请"),
    # 复议决定或判决责令重新答复: the applicant brought the review or suit and sees both.
    Action.ORDER_REANSWER: PublicStep("复议决定或判决责令重新答复，重新计算答复期限"),
    Action.ISSUE_REANSWER: PublicStep("出具重新答复"),
    # §35: both are told to the applicant by letter.
    Action.REQUEST_REASONS: PublicStep("要求说明申请理由（第三十五条）", show_note=True),
    Action.SET_DELAYED_DEADLINE: PublicStep("确定延迟答复期限（第三十五条）", show_note=True),
}
# Not shown: 审查, 交办, 交办反馈, 办理决定 (until issued, it is not the applicant's), 归档,
# the internal fee assessment and the office's record of when its notice arrived.
HIDDEN_STEPS: frozenset[Action] = frozenset(Action) - frozenset(PUBLIC_STEPS)


# Requested form (§29(三)) → the deliveries that can carry it. Paper cannot travel by
# e-mail; 查阅、抄录 happens at the office.
DELIVERIES_FOR_FORM: dict[str, frozenset[str]] = {
    "paper": frozenset({"mail", "pickup"}),
    "electronic": frozenset({"email", "online", "mail", "pickup"}),
    "inspect": frozenset({"pickup"}),
}
