"""Which step may be taken on a case, from the status table and the person's roles only.

Each action names the statuses it starts from and the status it leads to (``None``: the
status stays, e.g. an extension or a 审查 note). The table is checked against the status
table at import, so an action can never promise a move the status table forbids. The case
page offers exactly :func:`allowed_actions`; the services refuse everything else.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.applications.roles import ACTION_LABELS, ACTION_ROLES, Action, Role
from gongkai.core.applications.statuses import (
    STATUS_LABELS,
    STATUS_ROWS,
    STATUS_TABLE,
    Group,
    InvalidTransition,
    Status,
)


@dataclass(frozen=True)
class ActionStep:
    action: Action
    sources: frozenset[Status]
    target: Status | None
    # The step may also leave the status as it is: ending one consultation while another
    # is still open (§32 and §34 consultations run side by side; the case waits until the
    # last one ends).
    may_stay: bool = False


@dataclass(frozen=True)
class CaseFacts:
    """The few recorded facts that make a step once-only (§30 one notice, §33 one extension)."""

    supplement_sent: bool = False
    extended: bool = False
    reasons_requested: bool = False  # §35
    reasons_recorded: bool = False
    reasons_reasonable: bool = False
    delayed: bool = False
    # The first answer's due date has passed with no answer (逾期未答复).
    overdue: bool = False


S = Status
_OPEN_WORKING = frozenset({S.RECEIVED, S.CONSULTING, S.ASSIGNED})
_PREPARING = frozenset({S.RECEIVED, S.CONSULTING, S.ASSIGNED, S.DECIDED})
# A re-answer ordered by a review body or court is not the applicant's to withdraw: the first
# answer stays concluded and counted (表三), and the order binds the agency.
_NOT_CONCLUDED = frozenset(r.status for r in STATUS_TABLE if r.group is not Group.CONCLUDED) - {
    S.REANSWER_ORDERED
}
# Where a review body's or court's order to answer may find a case: its answer issued (撤销
# 并责令重作, 判决撤销), its 视为放弃 closure set aside, or no answer at all (逾期未答复: 责令
# 履行, 判决履行) while it is still open. Not after the applicant withdrew (his own act).
ORDER_REANSWER_SOURCES = (
    frozenset({S.ISSUED, S.SERVED, S.ARCHIVED, S.LAPSED, S.FEE_LAPSED}) | _NOT_CONCLUDED
)
_NOT_ARCHIVED = frozenset(r.status for r in STATUS_TABLE if r.status is not S.ARCHIVED)
ACTION_STEPS: dict[Action, ActionStep] = {
    step.action: step
    for step in (
        ActionStep(Action.REGISTER, frozenset(), None),
        ActionStep(Action.CONFIRM_RECEIPT, frozenset({S.AWAITING_CONFIRMATION}), S.RECEIVED),
        ActionStep(Action.REVIEW, frozenset({S.RECEIVED}), None),
        ActionStep(Action.REQUEST_SUPPLEMENT, frozenset({S.RECEIVED}), S.SUPPLEMENT_REQUESTED),
        ActionStep(Action.RECEIVE_SUPPLEMENT, frozenset({S.SUPPLEMENT_REQUESTED}), S.RECEIVED),
        ActionStep(Action.LAPSE_SUPPLEMENT, frozenset({S.SUPPLEMENT_REQUESTED}), S.LAPSED),
        # Several consultees may be consulted at once: a third party (§32) and a co-making
        # agency (§34), or several third parties; each is its own consultation.
        ActionStep(Action.START_CONSULTATION, frozenset({S.RECEIVED, S.CONSULTING}), S.CONSULTING),
        ActionStep(
            Action.FINISH_CONSULTATION, frozenset({S.CONSULTING}), S.RECEIVED, may_stay=True
        ),
        ActionStep(Action.ASSIGN, frozenset({S.RECEIVED}), S.ASSIGNED),
        ActionStep(Action.RECORD_FEEDBACK, frozenset({S.ASSIGNED}), S.RECEIVED),
        ActionStep(Action.APPROVE_EXTENSION, _OPEN_WORKING, None),
        ActionStep(Action.DECIDE, frozenset({S.RECEIVED}), S.DECIDED),
        ActionStep(Action.ISSUE, frozenset({S.DECIDED}), S.ISSUED),
        ActionStep(Action.SERVE, frozenset({S.ISSUED}), S.SERVED),
        ActionStep(
            Action.ARCHIVE, frozenset({S.SERVED, S.LAPSED, S.FEE_LAPSED, S.WITHDRAWN}), S.ARCHIVED
        ),
        ActionStep(Action.WITHDRAW, _NOT_CONCLUDED, S.WITHDRAWN),
        # 信息处理费 (gongkai.web.fees): taken from the case page's fee panel.
        ActionStep(Action.ASSESS_FEE, frozenset({S.RECEIVED}), None),
        ActionStep(Action.ISSUE_FEE_NOTICE, frozenset({S.RECEIVED}), S.FEE_PENDING),
        ActionStep(Action.RECORD_FEE_NOTICE_RECEIPT, frozenset({S.FEE_PENDING}), None),
        ActionStep(Action.RECORD_FEE_PAYMENT, frozenset({S.FEE_PENDING}), S.RECEIVED),
        ActionStep(Action.LAPSE_FEE, frozenset({S.FEE_PENDING}), S.FEE_LAPSED),
        # 答复附件 (gongkai.web.applications.releasing): while the answer is prepared and
        # until it is issued; an issued reply's attachments are what the applicant received.
        ActionStep(Action.ATTACH_RELEASED, _PREPARING, None),
        ActionStep(Action.DETACH_RELEASED, _PREPARING, None),
        # R5: the applicant type is a 表三 column; a wrong one is corrected (with a reason,
        # audited) at any point before the file is archived (§45 归档 closes the file).
        ActionStep(Action.CORRECT_APPLICANT_TYPE, _NOT_ARCHIVED, None),
        # §35: ask for the reasons, judge them, and where they are reasonable but §33's limit
        # cannot be met, set a later reply date. The status stays: the case is worked on.
        ActionStep(Action.REQUEST_REASONS, frozenset({S.RECEIVED, S.ASSIGNED}), None),
        ActionStep(Action.RECORD_REASONS, frozenset({S.RECEIVED, S.ASSIGNED}), None),
        ActionStep(Action.SET_DELAYED_DEADLINE, _OPEN_WORKING, None),
        # 复议决定或判决责令重新答复: a concluded answer is reopened for a new one, which
        # concludes it again; a 视为放弃 closure set aside; or a case never answered in time
        # ordered to be answered (docs/remedies.md).
        ActionStep(Action.ORDER_REANSWER, ORDER_REANSWER_SOURCES, S.REANSWER_ORDERED),
        ActionStep(Action.ISSUE_REANSWER, frozenset({S.REANSWER_ORDERED}), S.ISSUED),
    )
}
del S

if set(ACTION_STEPS) != set(Action):
    raise RuntimeError("每个办理环节都必须在环节表中登记")
for _step in ACTION_STEPS.values():
    for _source in _step.sources:
        if _step.target in (None, _source):
            continue  # staying where it is is no move
        if _step.target not in STATUS_ROWS[_source].exits:
            raise RuntimeError(f"环节{_step.action}的{_source}→{_step.target}不在状态表中")


def may_stay(action: Action) -> bool:
    """Whether the step may leave the status as it is instead of leading to its target."""
    return ACTION_STEPS[action].may_stay


def require_step(action: Action, current: Status) -> Status | None:
    """The status the step leads to; refuses a step the current status does not allow."""
    step = ACTION_STEPS.get(action)
    if step is None or current not in step.sources:
        raise InvalidTransition(
            f"当前状态为“{STATUS_LABELS[current]}”，不能{ACTION_LABELS[action]}"
        )
    return step.target


# Steps offered only once an earlier one is recorded (§35: judged after asked; a later date
# only after reasons judged reasonable); see :func:`_once_only_allows`.
AFTER_AN_EARLIER_STEP: frozenset[Action] = frozenset(
    {Action.RECORD_REASONS, Action.SET_DELAYED_DEADLINE}
)


def _once_only_allows(action: Action, facts: CaseFacts, current: Status) -> bool:
    if action is Action.ORDER_REANSWER and current in _NOT_CONCLUDED:
        # An order to answer finds an open case when it was not answered in time (责令履行),
        # so the form is offered there only once the answer is overdue; the step itself is
        # allowed from every open status (the order binds, whatever date the platform shows).
        return facts.overdue
    if action is Action.REQUEST_SUPPLEMENT:
        return not facts.supplement_sent
    if action is Action.APPROVE_EXTENSION:
        # A §35 later date replaces the §33 count, so an extension after it would add nothing.
        return not facts.extended and not facts.delayed
    if action is Action.REQUEST_REASONS:
        return not facts.reasons_requested
    if action is Action.RECORD_REASONS:
        return facts.reasons_requested and not facts.reasons_recorded
    if action is Action.SET_DELAYED_DEADLINE:
        return facts.reasons_reasonable and not facts.delayed
    return True


def allowed_actions(
    current: Status, roles: frozenset[Role] | set[Role], facts: CaseFacts = CaseFacts()
) -> tuple[Action, ...]:
    """The steps this person may take on a case in ``current`` status, in procedure order."""
    held = set(roles)
    return tuple(
        step.action
        for step in ACTION_STEPS.values()
        if current in step.sources
        and ACTION_ROLES[step.action] & held
        and _once_only_allows(step.action, facts, current)
    )
