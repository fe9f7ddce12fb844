"""The answer clock of an application with its fee pause (FeeRules.pauses_clock, §4.4).

``Application.due_date`` is kept by the applications app, whose clock counts consultation
pauses; :func:`fee_pauses` is what it needs to count the fee pause as well (see docs/fees.md,
"Answer clock"). :func:`due_date_with_fee_pause` is the due date with both, shown on the
fee panel.
"""

from __future__ import annotations

from datetime import date

from gongkai.core.applications.clock import Pause, clock_pauses
from gongkai.core.calendar.deadlines import ClockInput, ClockPause, compute_answer_deadline
from gongkai.core.errors import CalendarDataMissing
from gongkai.core.fees.payment import fee_clock_pause
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.fees.config import fee_rules
from gongkai.web.fees.models import FeeCharge


def fee_pauses(app: Application, today: date | None = None) -> list[ClockPause]:
    """The fee pause of the current clock: paid, or open up to ``today``; none if not paused."""
    charge = FeeCharge.objects.filter(application=app).first()
    if charge is None or charge.notice_received_on is None:
        return []
    if app.received_date is not None and charge.notice_received_on < app.received_date:
        return []  # a notice before a 补正 restart belonged to a clock that no longer exists
    pause = fee_clock_pause(
        charge.notice_received_on, charge.paid_on, fee_rules(), work_calendar(), today=today
    )
    return [] if pause is None else [pause]


def due_date_with_fee_pause(app: Application, today: date | None = None) -> date | None:
    """The §33 due date counting consultations, the extension and the fee pause."""
    if app.received_date is None:
        return None
    rules, calendar = procedure_rules(), work_calendar()
    consultations = [Pause(c.sent_on, c.delivered_on, c.ended_on) for c in app.consultations.all()]
    try:
        pauses = clock_pauses(calendar, consultations, app.received_date, rules)
        clock = ClockInput(
            app.received_date,
            [*pauses, *fee_pauses(app, today)],
            extension_days=app.extension_days,
            base_days=rules.answer_limit_wd,
        )
        return compute_answer_deadline(clock, calendar, explain=False).due_date
    except CalendarDataMissing:
        return None
