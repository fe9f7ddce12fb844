from __future__ import annotations

import pytest

from gongkai.core.applications.statuses import (
    STATUS_LABELS,
    STATUS_TABLE,
    Group,
    InvalidTransition,
    Status,
    can_transition,
    group_of,
    is_concluded,
    require_transition,
)
from gongkai.core.errors import GongkaiError


def test_every_status_has_exactly_one_row() -> None:
    assert [row.status for row in STATUS_TABLE] == list(Status)


def test_concluded_statuses_never_reopen_and_all_others_can_end() -> None:
    for row in STATUS_TABLE:
        if row.group is Group.CONCLUDED:
            # only the filing steps (送达, 归档) follow, and a review body's or court's order
            # to answer again; 表三 must never count a case twice
            assert all(
                group_of(target) is Group.CONCLUDED or target is Status.REANSWER_ORDERED
                for target in row.exits
            )
        elif row.status is Status.REANSWER_ORDERED:
            # the order binds the agency: no withdrawal, and it ends only in a new answer
            # (已答复), never in a decision that would give the case a second outcome
            assert row.exits == {Status.ISSUED}
        else:
            assert Status.WITHDRAWN in row.exits


def test_an_order_to_answer_reopens_an_answer_a_deemed_abandonment_or_an_unanswered_case() -> None:
    reopening = {row.status for row in STATUS_TABLE if Status.REANSWER_ORDERED in row.exits}
    answered = {Status.ISSUED, Status.SERVED, Status.ARCHIVED}
    deemed_abandoned = {Status.LAPSED, Status.FEE_LAPSED}
    unanswered = {
        row.status
        for row in STATUS_TABLE
        if row.group is not Group.CONCLUDED and row.status is not Status.REANSWER_ORDERED
    }
    # never a withdrawal: the applicant's own act, not the agency's failure
    assert reopening == answered | deemed_abandoned | unanswered
    assert Status.WITHDRAWN not in reopening


def test_every_concluded_case_can_be_archived_and_archive_is_final() -> None:
    rows = {row.status: row for row in STATUS_TABLE}
    # 归档 closes the file; only an order to answer again reopens it (docs/remedies.md)
    assert rows[Status.ARCHIVED].exits == {Status.REANSWER_ORDERED}
    for row in STATUS_TABLE:
        if row.group is Group.CONCLUDED and row.status is not Status.ARCHIVED:
            seen, frontier = {row.status}, [row.status]
            while frontier:
                for nxt in rows[frontier.pop()].exits - seen:
                    seen.add(nxt)
                    frontier.append(nxt)
            assert Status.ARCHIVED in seen, row.status


def test_every_status_is_reachable_from_intake() -> None:
    seen = {Status.AWAITING_CONFIRMATION, Status.RECEIVED}
    frontier = list(seen)
    rows = {row.status: row for row in STATUS_TABLE}
    while frontier:
        for nxt in rows[frontier.pop()].exits:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(Status)


def test_refused_transition_names_both_statuses_in_chinese() -> None:
    with pytest.raises(InvalidTransition) as info:
        require_transition(Status.ISSUED, Status.DECIDED)
    assert isinstance(info.value, GongkaiError)
    assert STATUS_LABELS[Status.ISSUED] in str(info.value)
    assert STATUS_LABELS[Status.DECIDED] in str(info.value)


def test_supplement_and_consultation_wait_outside_the_clock() -> None:
    assert group_of(Status.SUPPLEMENT_REQUESTED) is Group.WAITING
    assert group_of(Status.CONSULTING) is Group.WAITING
    assert can_transition(Status.SUPPLEMENT_REQUESTED, Status.LAPSED)
    assert not can_transition(Status.CONSULTING, Status.LAPSED)
    assert is_concluded(Status.LAPSED) and not is_concluded(Status.DECIDED)
