"""``{% fee_panel application %}``: the fee panel of a case page (fees/case_panel.html)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from gongkai.core.applications.actions import allowed_actions
from gongkai.core.applications.roles import Action
from gongkai.web.agencies.access import roles_of
from gongkai.web.applications.models import Application
from gongkai.web.fees import forms as fee_forms
from gongkai.web.fees.clock import due_date_with_fee_pause, fee_pauses
from gongkai.web.fees.config import fee_rules
from gongkai.web.fees.models import FeeCharge
from gongkai.web.fees.services import notice_letter

register = template.Library()


def _offered(app: Application, user: Any, charge: FeeCharge | None) -> set[Action]:
    """The fee steps this person may take now: the status table, the role and the fee's facts."""
    offered = set(allowed_actions(app.status_enum, roles_of(user, app.agency_id)))
    sent = charge is not None and charge.notice_sent_on is not None
    if sent:
        offered.discard(Action.ASSESS_FEE)
    if charge is None or sent or charge.amount == 0:
        offered.discard(Action.ISSUE_FEE_NOTICE)
    if charge is None or charge.notice_received_on is not None:
        offered.discard(Action.RECORD_FEE_NOTICE_RECEIPT)
    if charge is None or charge.notice_received_on is None:
        offered.discard(Action.RECORD_FEE_PAYMENT)
    due = charge.payment_due if charge is not None else None
    if due is None or timezone.localdate() <= due:
        offered.discard(Action.LAPSE_FEE)
    return offered


@register.inclusion_tag("fees/panel_body.html", takes_context=True)
def fee_panel(context: template.Context, application: Application) -> dict[str, Any]:
    user = context.get("user")
    charge = FeeCharge.objects.filter(application=application).first()
    notice = notice_letter(application.pk) if charge else None
    offered = _offered(application, user, charge)
    today = timezone.localdate()
    pauses = fee_pauses(application, today)
    payment_initial = {"amount": charge.amount} if charge else {}
    return {
        "application": application,
        "charge": charge,
        "notice": notice,
        "notice_number": notice.content.get("number", "") if notice else "",
        "rules": fee_rules(),
        "pause": pauses[0] if pauses else None,
        "due_with_pause": due_date_with_fee_pause(application, today) if pauses else None,
        "messages": context.get("messages"),
        "csrf_token": context.get("csrf_token"),
        "forms": {
            "assess": fee_forms.AssessForm() if Action.ASSESS_FEE in offered else None,
            "issue": fee_forms.IssueForm() if Action.ISSUE_FEE_NOTICE in offered else None,
            "receipt": (
                fee_forms.ReceiptForm() if Action.RECORD_FEE_NOTICE_RECEIPT in offered else None
            ),
            "payment": (
                fee_forms.PaymentForm(initial=payment_initial)
                if Action.RECORD_FEE_PAYMENT in offered
                else None
            ),
            "lapse": fee_forms.LapseForm() if Action.LAPSE_FEE in offered else None,
        },
    }
