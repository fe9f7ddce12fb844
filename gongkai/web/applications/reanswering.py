"""复议决定或判决责令重新答复: the re-answer step with its own clock (docs/remedies.md).

Two steps, each in the one shape of :func:`gongkai.web.applications.transitions.transition`:

* :func:`order_reanswer` records the order (a review decision under 行政复议法 2023 §64 or
  §66, or a judgment under 行政诉讼法 §70 or §72 and 法释〔2011〕17号 §9–§10) on a case whose
  answer was issued, whose 视为放弃 closure (逾期未补正, 逾期未缴费) the order sets aside, or
  which was never answered (逾期未答复: §66 责令履行, §72 判决履行; 法释〔2011〕17号 §10 限期
  答复); the case goes (back) to work (``reanswer_ordered``) and its due date is the one answer
  clock's re-answer date (the period the order sets, else the configured default);
* :func:`issue_reanswer` records the new decision and issues the 重新答复书 — or, for a case
  never answered, the 答复书 opening with the order — a letter of the case like every other;
  the case is 已答复 again, so 送达 and 归档 follow as before.

A conclusion the case already has (an answer, or the 视为放弃 closure) is never touched
(``outcome``, ``concluded_on``, ``issued_on``): 表三 counts the application once, as it was
first concluded (a re-answer is no new application: 一、本年新收 counts applications received,
K7), and the order is counted in 表四 through the review or litigation case. A case never
answered has no conclusion until the ordered answer, which is then its first: it concludes the
case, in its year, in that answer's outcome row — once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core.applications.outcomes import (
    Outcome,
)
from gongkai.core.applications.roles import Action
from gongkai.core.applications.statuses import Status
from gongkai.core.errors import GongkaiError
from gongkai.core.letters.reanswer import reanswer
from gongkai.core.letters.replies import Decision
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.decision_content import guard_decision_content
from gongkai.web.applications.letters import (
    agency_facts,
    application_facts,
    current_draft,
    letter_settings,
    store_letter,
)
from gongkai.web.applications.models import Application, Reanswer
from gongkai.web.applications.transitions import GuardFailed, check_day, guard, transition


def order_reanswer(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    source: str,
    order_document: str,
    set_due: date | None = None,
    remedy_case_id: int | None = None,
) -> Application:
    """登记责令重新答复: ``on`` is the day the agency received the decision or judgment."""
    guard(source in Reanswer.Source.values, "请选择责令重新答复的是复议决定还是法院裁判")
    guard(bool(order_document.strip()), "请填写决定书或判决书的名称及文号")
    guard(set_due is None or set_due >= on, "重新答复期限不能早于收到决定书或判决书之日")

    def change(app: Application) -> dict[str, Any]:
        ground = _order_ground(app)
        guard(
            ground != "withdrawn",
            "申请人已撤回该申请（表三（六）3），不能登记责令答复；请核对决定书或判决书",
        )
        check_day(on, _order_not_before(app), "收到决定书或判决书之日")
        order = Reanswer.objects.create(
            application=app,
            source=source,
            order_document=order_document.strip(),
            order_received_on=on,
            set_due=set_due,
            remedy_case_id=remedy_case_id,
        )
        data: dict[str, Any] = {
            "reanswer": order.pk,
            "order_document": order.order_document,
            "ground": ground,
            "from_status": app.status,
        }
        if set_due is not None:
            data["set_due"] = set_due.isoformat()
        if remedy_case_id is not None:
            data["remedy_case"] = remedy_case_id
        return data

    return transition(
        actor,
        application_id,
        Action.ORDER_REANSWER,
        on,
        Status.REANSWER_ORDERED,
        change,
        note=order_document.strip(),
    )


def _order_ground(app: Application) -> str:
    """Why the order finds the case where it is: ``answered`` (an answer was issued: 撤销并
    责令重作), ``deemed_abandoned`` (the 视为放弃 closure is set aside), ``withdrawn`` (refused:
    the applicant's own act), or ``no_answer`` (逾期未答复: 责令履行)."""
    if app.issued_on is not None:
        return "answered"
    if app.outcome in (Outcome.ABANDONED_NO_SUPPLEMENT.value, Outcome.ABANDONED_FEE_UNPAID.value):
        return "deemed_abandoned"
    if app.concluded_on is not None:
        return "withdrawn"  # the one other conclusion without an issued answer (表三（六）3)
    return "no_answer"


def _order_not_before(app: Application) -> date:
    """The order comes after what it judges: the answer, the closure, or the application."""
    found = app.issued_on or app.concluded_on or app.received_date or app.first_received_date
    return found or timezone.localdate(app.arrived_at)


def issue_reanswer(
    actor: AbstractBaseUser,
    application_id: int,
    *,
    on: date,
    outcome: Outcome,
    reasons: str = "",
    legal_basis: str = "",
    details: str = "",
    referral: str = "",
    withheld_ground: str = "",
) -> Application:
    """作出并出具重新答复: the new decision (one outcome, reasons where the law asks for them)
    and its 重新答复书, dated ``on``."""
    withheld_ground = guard_decision_content(
        outcome, reasons=reasons, details=details, withheld_ground=withheld_ground
    )

    def change(app: Application) -> dict[str, Any]:
        order = app.reanswers.filter(issued_on__isnull=True).order_by("-pk").first()
        guard(order is not None, "该申请没有待办的责令重新答复")
        assert order is not None
        check_day(on, order.order_received_on, "重新答复日期")
        config = letter_settings()
        decision = Decision(
            outcome,
            reasons=reasons.strip(),
            legal_basis=legal_basis.strip(),
            details=details.strip(),
            referral=referral.strip(),
            withheld_ground=withheld_ground,
        )
        first_answer = app.concluded_on is None  # never answered: this answer is the first
        try:
            text = reanswer(
                agency_facts(app.agency),
                application_facts(app),
                decision,
                on,
                order=order.order_document,
                order_received=order.order_received_on,
                remedy_rules=config.remedy_rules,
                outcome_rows=procedure_rules().outcome_rows,
                first_answer=first_answer,
            )
        except GongkaiError as exc:
            raise GuardFailed(str(exc)) from None
        # A reply drafted at a decision that was never issued gives way to the ordered answer.
        draft = current_draft(app, "reply") if first_answer else None
        letter = store_letter(app, text, issued_on=on, replace=draft)
        if first_answer:
            # The case's first conclusion: 表三 counts it now, once, in this outcome's row.
            app.outcome = outcome.value
            app.decision_reasons = decision.reasons
            app.legal_basis = decision.legal_basis
            app.decision_details = decision.details
            app.referral = decision.referral
            app.withheld_ground = withheld_ground
            app.decided_on = on
            app.issued_on = on
            app.concluded_on = on
        order.outcome = outcome.value
        order.reasons = decision.reasons
        order.legal_basis = decision.legal_basis
        order.details = decision.details
        order.referral = decision.referral
        order.withheld_ground = withheld_ground
        order.issued_on = on
        order.letter = letter
        order.save()
        data = {"reanswer": order.pk, "outcome": outcome.value, "letter": letter.pk}
        if first_answer:
            data["first_answer"] = True
        return data

    return transition(
        actor,
        application_id,
        Action.ISSUE_REANSWER,
        on,
        Status.ISSUED,
        change,
        note=reasons.strip(),
        notice="送达重新答复书",
    )
