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
    DECIDED = "decided"
    ISSUED = "issued"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"


class Group(StrEnum):
    INTAKE = "intake"  # arrived, day 0 not yet fixed (§31 confirmation pending)
    ACTIVE = "active"  # the §33 clock runs
    WAITING = "waiting"  # the clock does not run: awaiting a supplement or a consultation
    CONCLUDED = "concluded"  # counted in 表三 三、本年度办理结果


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
    _row(S.AWAITING_CONFIRMATION, "待确认收到", Group.INTAKE, S.RECEIVED, S.WITHDRAWN),
    _row(
        S.RECEIVED,
        "办理中",
        Group.ACTIVE,
        S.SUPPLEMENT_REQUESTED,
        S.CONSULTING,
        S.DECIDED,
        S.WITHDRAWN,
    ),
    _row(S.SUPPLEMENT_REQUESTED, "待补正", Group.WAITING, S.RECEIVED, S.LAPSED, S.WITHDRAWN),
    _row(S.CONSULTING, "征求意见中", Group.WAITING, S.RECEIVED, S.WITHDRAWN),
    _row(S.DECIDED, "已决定待答复", Group.ACTIVE, S.ISSUED, S.WITHDRAWN),
    _row(S.ISSUED, "已答复", Group.CONCLUDED),
    _row(S.LAPSED, "逾期未补正（视为放弃）", Group.CONCLUDED),
    _row(S.WITHDRAWN, "申请人撤回", Group.CONCLUDED),
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
