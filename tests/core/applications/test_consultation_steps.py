"""The action table lets consultations run side by side (§32, §34): a new one may start
while one is open, and ending one leaves the case waiting while another is open."""

from __future__ import annotations

from gongkai.core.applications.actions import allowed_actions, may_stay, require_step
from gongkai.core.applications.roles import Action, Role
from gongkai.core.applications.statuses import Status


def test_a_consultation_may_start_while_another_is_open() -> None:
    assert require_step(Action.START_CONSULTATION, Status.CONSULTING) is Status.CONSULTING
    offered = allowed_actions(Status.CONSULTING, {Role.HANDLER})
    assert Action.START_CONSULTATION in offered and Action.FINISH_CONSULTATION in offered


def test_ending_one_consultation_may_leave_the_case_waiting() -> None:
    assert require_step(Action.FINISH_CONSULTATION, Status.CONSULTING) is Status.RECEIVED
    assert may_stay(Action.FINISH_CONSULTATION)
    assert not may_stay(Action.DECIDE)
    assert Action.DECIDE not in allowed_actions(Status.CONSULTING, {Role.REVIEWER})
