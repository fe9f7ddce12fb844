"""Every change to an application, in the kernel's one step shape
(:func:`gongkai.web.kernel.steps.take_step`):

guard → ``transaction.atomic()`` + ``select_for_update()`` → guard again on the locked row →
change → audit :class:`CaseEvent` → side effects via ``transaction.on_commit``.

The guards that depend on the case (status, role, dates) run on the locked row, so when two
people act on one case at once the second waits, then sees the first one's result and is
refused by the status table instead of overwriting it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from gongkai.core.applications.actions import may_stay, require_step
from gongkai.core.applications.roles import ACTION_LABELS, Action, require_role
from gongkai.core.applications.statuses import Status
from gongkai.web.agencies.access import roles_of
from gongkai.web.applications.answer_clock import case_clock
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.dbretry import retry_when_locked
from gongkai.web.kernel.audit import append_entry
from gongkai.web.kernel.guards import GuardFailed, check_day, guard
from gongkai.web.kernel.steps import take_step

notices = logging.getLogger("gongkai.notices")
Change = Callable[[Application], dict[str, Any] | None]
# The refusals are the kernel's (one GuardFailed for every app); named here for callers.
__all__ = ["GuardFailed", "check_day", "guard", "notify", "record", "refresh_due", "transition"]


def refresh_due(app: Application) -> str:
    """Store the one answer clock's date (gongkai.web.applications.answer_clock); the
    return value is what the audit entry notes about it (why none, or why 暂定)."""
    clock = case_clock(app)
    app.due_date = clock.due_date
    if clock.due_date is None:
        return clock.problem if app.received_date is not None else ""
    return clock.staff_note


def notify(app_id: int, action: Action, message: str) -> Callable[[], None]:
    # Notices (补正告知书、延期告知书、答复书) are generated from committed state only, so a
    # rolled-back step never sends the applicant anything.
    return lambda: notices.info("申请%s %s：%s", app_id, ACTION_LABELS[action], message)


@retry_when_locked
def transition(
    actor: AbstractBaseUser,
    application_id: int,
    action: Action,
    on: date,
    target: Status | None,
    change: Change,
    *,
    allowed_from: frozenset[Status] | None = None,
    note: str = "",
    notice: str = "",
    authorised_as: Action | None = None,
) -> Application:
    """Take one step. Which statuses it may start from, and where it leads, is the core's
    action table (:data:`gongkai.core.applications.actions.ACTION_STEPS`); ``target`` states
    the same for the reader and must agree with it, or is ``None`` for a step the table lets
    stay (:attr:`ActionStep.may_stay`: one consultation ends, another is open).
    ``allowed_from`` is accepted for older callers and ignored: the table decides.

    The whole step runs again (guards and ``change`` included) if SQLite still reports its
    database locked after the busy timeout (:mod:`gongkai.web.dbretry`): ``change`` must
    therefore leave nothing behind outside the transaction, or clean up after itself.

    ``authorised_as`` names the step whose roles authorise this one when another step makes
    it inside its own transaction (the 补正 for a missing identity proof that registration or
    the confirmation of receipt makes, §29/§30): the registrar who may register may also send
    that 补正, which the law requires rather than leaves to the handler's judgement."""
    del allowed_from

    def check(app: Application) -> Status:
        require_role(authorised_as or action, roles_of(actor, app.agency_id))
        source = app.status_enum
        expected = require_step(action, source)
        if expected != target and not (target is None and may_stay(action)):
            raise RuntimeError(f"环节{action}的目标状态与环节表不一致：{target}")
        return source

    def apply(app: Application, _: Status) -> dict[str, Any]:
        data = change(app) or {}
        if target is not None:
            app.status = target.value
        problem = refresh_due(app)
        if problem:
            data["calendar_problem"] = problem
        return data

    def audit(app: Application, source: Status, data: dict[str, Any]) -> None:
        record(app, action, on, actor, source, note, data)

    return take_step(
        Application,
        application_id,
        action.value,
        guard=check,
        change=apply,
        audit=audit,
        after_commit=notify(application_id, action, notice) if notice else None,
    )


def record(
    app: Application,
    action: Action,
    on: date,
    actor: AbstractBaseUser | None,
    source: Status | None,
    note: str,
    data: dict[str, Any],
    problem: str = "",
) -> None:
    if app.due_date is not None:
        data["due_date"] = app.due_date.isoformat()
    if problem:
        data["calendar_problem"] = problem
    append_entry(
        CaseEvent,
        application=app,
        action=action.value,
        occurred_on=on,
        actor=actor,
        from_status=source.value if source else "",
        to_status=app.status,
        note=note,
        data=data,
    )
