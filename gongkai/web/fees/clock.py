"""The fee records as the one answer clock reads them (FeeRules.pauses_clock, §4.4).

``Application.due_date`` comes from :func:`gongkai.web.applications.answer_clock.case_clock`;
this app registers :func:`fee_waits` with it at start-up (``FeesConfig.ready``), so a paid fee
moves the due date on every page alike. :func:`fee_pauses` is the pause as the fee panel
shows it (an unpaid one up to today); :func:`due_date_with_fee_pause` is the due date if the
fee were paid today, counted by the same function.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.core.applications.answer_clock import FeeWait, case_answer_clock
from gongkai.core.calendar.deadlines import ClockPause
from gongkai.core.errors import CalendarDataMissing
from gongkai.core.fees.payment import fee_clock_pause, payment_due
from gongkai.web.applications.answer_clock import case_clock, clock_facts
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.models import Application
from gongkai.web.fees.config import fee_rules
from gongkai.web.fees.models import FeeCharge


def fee_waits(app: Application) -> list[FeeWait]:
    """The case's fee notice as the answer clock needs it: received on, paid on."""
    charge = FeeCharge.objects.filter(application=app).first()
    if charge is None or charge.notice_received_on is None:
        return []
    return [FeeWait(charge.notice_received_on, charge.paid_on)]


def fee_pauses(app: Application, today: date | None = None) -> list[ClockPause]:
    """The fee pause of the current clock: paid, or open up to ``today``; none if not paused."""
    charge = FeeCharge.objects.filter(application=app).first()
    if charge is None or charge.notice_received_on is None:
        return []
    if app.received_date is not None and charge.notice_received_on < app.received_date:
        return []  # a notice before a 补正 restart belonged to a clock that no longer exists
    calendar = work_calendar().provisional()
    pause = fee_clock_pause(
        charge.notice_received_on, charge.paid_on, fee_rules(), calendar, today=today
    )
    return [] if pause is None else [pause]


def due_date_with_fee_pause(app: Application, today: date | None = None) -> date | None:
    """The case's due date; for an unpaid fee, the date it would have if paid ``today``."""
    facts = clock_facts(app)
    unpaid = [fee for fee in facts.fees if fee.paid_on is None]
    if today is None or not unpaid:
        return case_clock(app).due_date
    rules, calendar = fee_rules(), work_calendar()
    try:
        paid = [
            replace(
                fee,
                paid_on=min(today, payment_due(fee.notice_received_on, rules, calendar)),
            )
            if fee.paid_on is None and today > fee.notice_received_on
            else fee
            for fee in facts.fees
        ]
    except CalendarDataMissing:
        return case_clock(app).due_date
    facts = replace(facts, fees=paid)
    return case_answer_clock(facts, calendar, procedure_rules(), rules).due_date
