"""The status table of an application (§3.3): every status, its group and its exits, once.

The shell stores the status but never assigns it directly: each service function names the
status it moves to and :func:`require_transition` refuses any move this table does not list,
so the table is the whole state machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.core.errors import GongkaiError


class Status(StrEnum):
    AWAITING_CONFIRMATION = "awaiting_confirmation"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    CONSULTING = "consulting"
    ASSIGNED = "assigned"
    FEE_PENDING = "fee_pending"  # 收费通知待缴费 (gongkai.web.fees)
    DECIDED = "decided"
    ISSUED = "issued"
    SERVED = "served"
    LAPSED = "lapsed"
    FEE_LAPSED = "fee_lapsed"  # 逾期未缴费，视为放弃 → 表三（六）2
    WITHDRAWN = "withdrawn"
    ARCHIVED = "archived"
    # A 复议决定 or a judgment ordered the agency to answer again (docs/remedies.md).
    REANSWER_ORDERED = "reanswer_ordered"


class Group(StrEnum):
    INTAKE = "intake"  # arrived, day 0 not yet fixed (§31 confirmation pending)
    ACTIVE = "active"  # the §33 clock runs
    WAITING = "waiting"  # the clock does not run: awaiting a supplement or a consultation
    CONCLUDED = "concluded"  # counted in 表三 三、本年度办理结果; later steps only file it


GROUP_LABELS: dict[Group, str] = {
    Group.INTAKE: "待确认收到",
    Group.ACTIVE: "办理中",
    Group.WAITING: "暂停计时",
    Group.CONCLUDED: "已办结",
}


class InvalidTransition(GongkaiError):
    """The application's current status does not allow the requested step."""


@dataclass(frozen=True)
class StatusRow:
    status: Status
    label: str
    group: Group
    exits: frozenset[Status]


def _row(status: Status, label: str, group: Group, *exits: Status) -> StatusRow:
    return StatusRow(status, label, group, frozenset(exits))


S = Status
STATUS_TABLE: tuple[StatusRow, ...] = (
    _row(
        S.AWAITING_CONFIRMATION,
        "待确认收到",
        Group.INTAKE,
        S.RECEIVED,
        S.WITHDRAWN,
        S.REANSWER_ORDERED,
    ),
    _row(
        S.RECEIVED,
        "办理中",
        Group.ACTIVE,
        S.SUPPLEMENT_REQUESTED,
        S.CONSULTING,
        S.ASSIGNED,
        S.FEE_PENDING,
        S.DECIDED,
        S.WITHDRAWN,
        S.REANSWER_ORDERED,
    ),
    _row(
        S.SUPPLEMENT_REQUESTED,
        "待补正",
        Group.WAITING,
        S.RECEIVED,
        S.LAPSED,
        S.WITHDRAWN,
        S.REANSWER_ORDERED,
    ),
    _row(S.CONSULTING, "征求意见中", Group.WAITING, S.RECEIVED, S.WITHDRAWN, S.REANSWER_ORDERED),
    # 交办 to an internal unit does not stop the §33 clock: the unit works inside it.
    _row(S.ASSIGNED, "已交办待反馈", Group.ACTIVE, S.RECEIVED, S.WITHDRAWN, S.REANSWER_ORDERED),
    # A fee notice awaits payment (S5 二): paid → back to work; unpaid after the window →
    # deemed abandoned. Whether the clock stops is a setting (FeeRules.pauses_clock, default
    # yes, domain.md §4.4), so the status waits with the clock by default.
    _row(
        S.FEE_PENDING,
        "待缴纳信息处理费",
        Group.WAITING,
        S.RECEIVED,
        S.FEE_LAPSED,
        S.WITHDRAWN,
        S.REANSWER_ORDERED,
    ),
    _row(S.DECIDED, "已决定待答复", Group.ACTIVE, S.ISSUED, S.WITHDRAWN, S.REANSWER_ORDERED),
    # After conclusion a case only moves forward through its filing steps (送达, 归档, §45);
    # the one way back to work is a 复议决定 or judgment ordering a new answer (S6 §64, §66;
    # S7 §70, §72; S9 §9–§10). That step keeps the first conclusion (outcome, 办结日期), so
    # 表三 counts the application once, in the year it was first answered; the re-answer is
    # recorded beside it and the order itself is counted in 表四 (docs/remedies.md). A 视为放弃
    # closure (逾期未补正, 逾期未缴费) may be set aside the same way, its conclusion kept; and
    # every open status above may receive an order to answer a case never answered in time
    # (逾期未答复: 复议法 §66 责令履行, 行诉法 §72 判决履行), whose answer is then the first.
    _row(S.ISSUED, "已答复待送达", Group.CONCLUDED, S.SERVED, S.REANSWER_ORDERED),
    _row(S.SERVED, "已送达", Group.CONCLUDED, S.ARCHIVED, S.REANSWER_ORDERED),
    _row(S.LAPSED, "逾期未补正（视为放弃）", Group.CONCLUDED, S.ARCHIVED, S.REANSWER_ORDERED),
    _row(S.FEE_LAPSED, "逾期未缴费（视为放弃）", Group.CONCLUDED, S.ARCHIVED, S.REANSWER_ORDERED),
    _row(S.WITHDRAWN, "申请人撤回", Group.CONCLUDED, S.ARCHIVED),
    _row(S.ARCHIVED, "已归档", Group.CONCLUDED, S.REANSWER_ORDERED),
    # Its own clock runs (the period the order sets, else the configured default): ACTIVE,
    # so the queue, the reminders and the case page show and chase it like any answer.
    _row(S.REANSWER_ORDERED, "待重新答复（复议决定或判决责令）", Group.ACTIVE, S.ISSUED),
)
del S

STATUS_ROWS: dict[Status, StatusRow] = {row.status: row for row in STATUS_TABLE}
STATUS_LABELS: dict[Status, str] = {row.status: row.label for row in STATUS_TABLE}


def group_of(status: Status) -> Group:
    return STATUS_ROWS[status].group


def is_concluded(status: Status) -> bool:
    return group_of(status) is Group.CONCLUDED


def can_transition(current: Status, target: Status) -> bool:
    return target in STATUS_ROWS[current].exits


def require_transition(current: Status, target: Status) -> None:
    if not can_transition(current, target):
        raise InvalidTransition(
            f"当前状态为“{STATUS_LABELS[current]}”，不能转为“{STATUS_LABELS[target]}”"
        )
