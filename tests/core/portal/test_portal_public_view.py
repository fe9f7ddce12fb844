from __future__ import annotations

from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import STATUS_LABELS, Status
from gongkai.core.portal.public_view import (
    DELIVERIES_FOR_FORM,
    HIDDEN_STEPS,
    PUBLIC_STATUSES,
    PUBLIC_STEPS,
    public_status,
)


def test_every_status_has_words_for_the_applicant() -> None:
    assert set(PUBLIC_STATUSES) == set(Status)
    for status in Status:
        assert public_status(status).label


def test_internal_words_are_not_shown() -> None:
    public = {s.label for s in PUBLIC_STATUSES.values()}
    assert STATUS_LABELS[Status.ASSIGNED] not in public  # 已交办待反馈 is the office's business
    assert public_status(Status.DECIDED).label == "办理中"


def test_internal_steps_are_hidden() -> None:
    assert {Action.REVIEW, Action.ASSIGN, Action.RECORD_FEEDBACK, Action.DECIDE} <= HIDDEN_STEPS
    assert not HIDDEN_STEPS & set(PUBLIC_STEPS)
    assert PUBLIC_STEPS[Action.REQUEST_SUPPLEMENT].show_note
    assert not PUBLIC_STEPS[Action.REGISTER].show_note


def test_inspection_is_collected_in_person() -> None:
    assert DELIVERIES_FOR_FORM["inspect"] == {"pickup"}
    assert "email" not in DELIVERIES_FOR_FORM["paper"]
