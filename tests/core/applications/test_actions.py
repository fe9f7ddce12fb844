"""The action table: the case page offers exactly the steps the status table and the person's
roles allow, and a step the status does not allow is refused with a Chinese message."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.applications.actions import (
    ACTION_STEPS,
    AFTER_AN_EARLIER_STEP,
    CaseFacts,
    allowed_actions,
    require_step,
)
from gongkai.core.applications.roles import ACTION_ROLES, Action, Role, sees_personal_data
from gongkai.core.applications.statuses import (
    STATUS_ROWS,
    InvalidTransition,
    Status,
    is_concluded,
)


def test_every_action_has_a_step() -> None:
    assert set(ACTION_STEPS) == set(Action)


def test_every_target_is_an_exit_of_every_source() -> None:
    for step in ACTION_STEPS.values():
        for source in step.sources:
            # Staying where it is (a second consultation while one is open) is no move.
            if step.target not in (None, source):
                assert step.target in STATUS_ROWS[source].exits


RELEASED = (Action.ATTACH_RELEASED, Action.DETACH_RELEASED)  # the 答复附件 panel's steps


def without_fees(actions: tuple[Action, ...]) -> tuple[Action, ...]:
    # The fee app's own steps and the 答复附件 panel's, each with its own panel.
    return tuple(a for a in actions if "fee" not in a.value and a not in RELEASED)


def test_handler_on_a_fresh_case() -> None:
    assert without_fees(allowed_actions(Status.RECEIVED, {Role.HANDLER})) == (
        Action.REVIEW,
        Action.REQUEST_SUPPLEMENT,
        Action.START_CONSULTATION,
        Action.ASSIGN,
        Action.WITHDRAW,
        Action.CORRECT_APPLICANT_TYPE,
        Action.REQUEST_REASONS,
    )
    assert without_fees(allowed_actions(Status.RECEIVED, {Role.REVIEWER})) == (
        Action.REVIEW,
        Action.DECIDE,
    )
    assert without_fees(allowed_actions(Status.RECEIVED, {Role.OFFICE_HEAD})) == (
        Action.APPROVE_EXTENSION,
        Action.DECIDE,
    )


def test_released_files_are_gathered_until_the_reply_is_issued() -> None:
    for status in (Status.RECEIVED, Status.CONSULTING, Status.ASSIGNED, Status.DECIDED):
        assert set(RELEASED) <= set(allowed_actions(status, {Role.HANDLER}))
    for status in (Status.ISSUED, Status.SERVED, Status.ARCHIVED, Status.WITHDRAWN):
        assert not set(RELEASED) & set(allowed_actions(status, {Role.HANDLER, Role.REVIEWER}))
    assert not set(RELEASED) & set(allowed_actions(Status.DECIDED, {Role.REGISTRAR}))


def test_once_only_steps_disappear_after_use() -> None:
    facts = CaseFacts(supplement_sent=True, extended=True)
    assert Action.REQUEST_SUPPLEMENT not in allowed_actions(Status.RECEIVED, {Role.HANDLER}, facts)
    assert without_fees(allowed_actions(Status.ASSIGNED, {Role.OFFICE_HEAD}, facts)) == ()
    assert without_fees(allowed_actions(Status.ASSIGNED, {Role.OFFICE_HEAD})) == (
        Action.APPROVE_EXTENSION,
    )


def test_an_order_to_answer_is_offered_on_an_open_case_once_it_is_overdue() -> None:
    # 逾期未答复: a review body orders performance (复议法 §66), a court 判决履行 (行诉法 §72).
    again = Action.ORDER_REANSWER
    assert again not in allowed_actions(Status.RECEIVED, {Role.HANDLER})
    assert again in allowed_actions(Status.RECEIVED, {Role.HANDLER}, CaseFacts(overdue=True))
    assert again in allowed_actions(Status.DECIDED, {Role.REVIEWER}, CaseFacts(overdue=True))
    assert again not in allowed_actions(Status.WITHDRAWN, set(Role), CaseFacts(overdue=True))


def test_supervisor_and_administrator_take_no_step() -> None:
    for status in Status:
        assert allowed_actions(status, {Role.SUPERVISOR, Role.ADMINISTRATOR}) == ()


def test_filing_steps_after_conclusion() -> None:
    # 更正申请人类型 stays possible until the file is archived (表三 follows the corrected column).
    fix = Action.CORRECT_APPLICANT_TYPE
    # A 复议决定 or judgment may order an issued answer made again (docs/remedies.md).
    again = Action.ORDER_REANSWER
    assert allowed_actions(Status.ISSUED, {Role.HANDLER}) == (Action.SERVE, fix, again)
    assert allowed_actions(Status.SERVED, {Role.REGISTRAR}) == (Action.ARCHIVE, fix)
    # …and may set aside a 视为放弃 closure (逾期未补正, 逾期未缴费).
    assert allowed_actions(Status.LAPSED, {Role.HANDLER}) == (Action.ARCHIVE, fix, again)
    assert allowed_actions(Status.ARCHIVED, set(Role)) == (again,)


def test_a_refused_step_names_the_status_in_chinese() -> None:
    with pytest.raises(InvalidTransition, match=r"已归档.*不能作出办理决定"):
        require_step(Action.DECIDE, Status.ARCHIVED)
    assert require_step(Action.APPROVE_EXTENSION, Status.CONSULTING) is None
    assert require_step(Action.ASSIGN, Status.RECEIVED) is Status.ASSIGNED


@given(st.sampled_from(list(Status)), st.sets(st.sampled_from(list(Role))))
def test_allowed_means_role_and_status_both_allow(status: Status, roles: set[Role]) -> None:
    offered = allowed_actions(status, roles)
    for action in Action:
        expected = (
            status in ACTION_STEPS[action].sources
            and bool(ACTION_ROLES[action] & roles)
            and action not in AFTER_AN_EARLIER_STEP
            # an order to answer is offered on an open case only once it is overdue
            and not (action is Action.ORDER_REANSWER and not is_concluded(status))
        )
        assert (action in offered) == expected
    if is_concluded(status):
        assert not {Action.DECIDE, Action.WITHDRAW} & set(offered)


def test_personal_data_roles() -> None:
    assert sees_personal_data({Role.HANDLER})
    assert not sees_personal_data({Role.SUPERVISOR, Role.OFFICE_HEAD, Role.ADMINISTRATOR})
