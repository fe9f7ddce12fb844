"""A case's recorded events, read into the core's one answer clock
(:func:`gongkai.core.applications.answer_clock.case_answer_clock`).

``Application.due_date`` is this function's date, written at every step and at every calendar
write; every page, the API, the reminders and the exports read that column, and mark it 暂定
with :func:`stored_clock_note`, which asks the same question of the same calendar as the core.

The fee records live in another app; it registers how to read them
(:func:`register_fee_source`), so this app does not import it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from gongkai.core.applications.answer_clock import (
    CaseClock,
    CaseClockFacts,
    FeeWait,
    ReanswerOrder,
    case_answer_clock,
    provisional_years,
)
from gongkai.core.applications.clock import Pause
from gongkai.core.applications.excessive import ReasonsWait
from gongkai.core.applications.roles import Action
from gongkai.core.fees.rules import FeeRules
from gongkai.web.applications.config import procedure_rules, work_calendar
from gongkai.web.applications.models import Application, Consultation

FeeSource = Callable[[Application], Sequence[FeeWait]]
_fee_sources: list[tuple[FeeSource, Callable[[], FeeRules]]] = []

PARTY_REASONS = {
    Consultation.Party.THIRD_PARTY.value: "征求第三方意见",
    Consultation.Party.OTHER_AGENCY.value: "征求其他机关意见",
}


def register_fee_source(waits: FeeSource, rules: Callable[[], FeeRules]) -> None:
    """Called by the fees app at start-up: how to read a case's fee notices and the rules."""
    if all(existing is not waits for existing, _ in _fee_sources):
        _fee_sources.append((waits, rules))


def clock_facts(app: Application) -> CaseClockFacts:
    """What the case records that the due date depends on."""
    first = app.first_received_date or app.received_date
    restart = app.received_date if _restarted(app, first) else None
    consultations = (
        [
            Pause(c.sent_on, c.delivered_on, c.ended_on, PARTY_REASONS.get(c.party, "征求意见"))
            for c in app.consultations.all()
        ]
        if app.pk
        else []
    )
    fees: list[FeeWait] = []
    if app.pk:
        for source, _ in _fee_sources:
            fees.extend(source(app))
    reasons = (
        ReasonsWait(app.reasons_requested_on, app.reasons_due, app.reasons_closed_on)
        if app.reasons_requested_on and app.reasons_due
        else None
    )
    return CaseClockFacts(
        day0=first,
        restart_day0=restart,
        extension_days=app.extension_days,
        consultations=consultations,
        fees=fees,
        delayed_deadline=app.delayed_deadline,
        reasons=reasons,
        reanswer=open_reanswer(app),
    )


def first_answer_due(app: Application) -> date | None:
    """The §33 due date of the first answer, whatever re-answer is open: what the statistics
    judge the first answer's timeliness by (the re-answer has its own clock)."""
    facts = replace(clock_facts(app), reanswer=None)
    return case_answer_clock(facts, work_calendar(), procedure_rules(), _fee_rules()).due_date


def open_reanswer(app: Application) -> ReanswerOrder | None:
    """The order to answer again that is not yet carried out (at most one is open)."""
    if not app.pk:
        return None
    order = app.reanswers.filter(issued_on__isnull=True).order_by("-pk").first()
    if order is None:
        return None
    return ReanswerOrder(order.order_received_on, order.set_due, order.order_document)


def _restarted(app: Application, first: date | None) -> bool:
    """A 补正 restarted the clock (§30), even when the supplement came on day 0 itself."""
    if app.received_date is None or first is None or app.supplement_count == 0:
        return False
    if app.received_date != first:
        return True
    return bool(app.pk) and app.events.filter(action=Action.RECEIVE_SUPPLEMENT.value).exists()


def _fee_rules() -> FeeRules:
    return _fee_sources[0][1]() if _fee_sources else FeeRules()


def case_clock(app: Application, *, explain: bool = False) -> CaseClock:
    """The one answer clock of this case, on the platform's calendar."""
    return case_answer_clock(
        clock_facts(app), work_calendar(), procedure_rules(), _fee_rules(), explain=explain
    )


@dataclass(frozen=True)
class ClockNote:
    """How a stored due date is to be read: final, or 暂定 with the reason."""

    provisional: bool
    staff: str = ""
    public: str = ""


FINAL = ClockNote(False)


def stored_clock_note(app: Application) -> ClockNote:
    """Whether the stored due date crosses a year without holiday data (then 暂定)."""
    if app.due_date is None or app.received_date is None:
        return FINAL
    years = provisional_years(work_calendar(), app.received_date, app.due_date)
    if not years:
        return FINAL
    clock = CaseClock(app.due_date, years)
    return ClockNote(True, clock.staff_note, clock.public_note)


def prospective_clock(day0: date) -> CaseClock:
    """The clock a case would have with ``day0`` and nothing else recorded yet (the portal's
    "if the office confirms on the day it arrived")."""
    return case_answer_clock(CaseClockFacts(day0), work_calendar(), procedure_rules())


def days_left(today: date, due: date | None) -> int | None:
    """Working days left to ``due``, counted as the due date was (an unentered year
    Monday–Friday), so a 暂定 date has its count too."""
    if due is None:
        return None
    return work_calendar().provisional().working_days_left(today, due)
