"""The one shape of every change to an application.

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
from django.db import transaction
from django.utils import timezone

from gongkai.core.applications.actions import require_step
from gongkai.core.applications.clock import Pause
from gongkai.core.applications.roles import ACTION_LABELS, Action, require_role
from gongkai.core.applications.statuses import Status
from gongkai.core.calendar.deadlines import ClockPause
from gongkai.core.errors import CalendarDataMissing, GongkaiError
from gongkai.web.agencies.access import roles_of
from gongkai.web.applications.config import due_date_for
from gongkai.web.applications.models import Application, CaseEvent
from gongkai.web.dbretry import retry_when_locked

notices = logging.getLogger("gongkai.notices")
Change = Callable[[Application], dict[str, Any] | None]


class GuardFailed(GongkaiError):
    """A service refused a step because a rule of the procedure forbids it."""


def guard(condition: bool, message: str) -> None:
    if not condition:
        raise GuardFailed(message)


def check_day(on: date, not_before: date | None, what: str) -> None:
    guard(on <= timezone.localdate(), f"{what}不能晚于今天")
    if not_before is not None:
        guard(on >= not_before, f"{what}不能早于{not_before:%Y年%m月%d日}")


def refresh_due(app: Application) -> str:
    consultations = app.consultations.all() if app.pk else []
    pauses = [Pause(c.sent_on, c.delivered_on, c.ended_on) for c in consultations]
    app.due_date, problem = due_date_for(
        app.received_date, app.extension_days, pauses, _fee_pauses(app)
    )
    return problem


def _fee_pauses(app: Application) -> list[ClockPause]:
    # The fee pause (§4.4, a setting) lives with the fee records; a paid fee extends the
    # clock by the working days between the notice's receipt and the payment.
    if app.pk is None:
        return []
    from gongkai.web.fees.clock import fee_pauses

    try:
        return fee_pauses(app)
    except CalendarDataMissing:
        return []


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
) -> Application:
    """Take one step. Which statuses it may start from, and where it leads, is the core's
    action table (:data:`gongkai.core.applications.actions.ACTION_STEPS`); ``target`` states
    the same for the reader and must agree with it. ``allowed_from`` is accepted for older
    callers and ignored: the table decides.

    The whole step runs again (guards and ``change`` included) if SQLite still reports its
    database locked after the busy timeout (:mod:`gongkai.web.dbretry`): ``change`` must
    therefore leave nothing behind outside the transaction, or clean up after itself."""
    del allowed_from
    with transaction.atomic():
        app = Application.objects.select_for_update().get(pk=application_id)
        require_role(action, roles_of(actor, app.agency_id))
        source = app.status_enum
        if require_step(action, source) != target:
            raise RuntimeError(f"环节{action}的目标状态与环节表不一致：{target}")
        data = change(app) or {}
        if target is not None:
            app.status = target.value
        problem = refresh_due(app)
        app.save()
        record(app, action, on, actor, source, note, data, problem)
        if notice:
            transaction.on_commit(notify(app.pk, action, notice))
    return app


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
    CaseEvent.objects.create(
        application=app,
        action=action.value,
        occurred_on=on,
        actor=actor,
        from_status=source.value if source else "",
        to_status=app.status,
        note=note,
        data=data,
    )
