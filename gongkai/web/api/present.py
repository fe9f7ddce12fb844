"""Models → the dictionaries of :mod:`gongkai.web.api.schemas`: labels included, identity
numbers and contacts masked (core ``privacy``) unless the caller's roles need them
(``roles.sees_personal_data``, the same rule as the case page); lists never carry them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from gongkai.core import privacy
from gongkai.core.applications.applicants import APPLICANT_LABELS
from gongkai.core.applications.channels import CHANNEL_LABELS
from gongkai.core.applications.outcomes import OUTCOME_LABELS, outcome_row_label
from gongkai.core.applications.roles import Role, sees_personal_data
from gongkai.core.applications.statuses import STATUS_LABELS, Status, group_of
from gongkai.web.agencies.access import roles_of
from gongkai.web.agencies.models import Agency
from gongkai.web.applications.answer_clock import stored_clock_note
from gongkai.web.applications.config import procedure_rules
from gongkai.web.applications.models import Application, CaseEvent, Delivery, RequestedForm


def summary(app: Application) -> dict[str, Any]:
    outcome = app.outcome_enum
    return {
        "id": app.pk,
        "number": app.number,
        "agency_id": app.agency_id,
        "agency_name": app.agency.name,
        "channel": app.channel,
        "channel_label": CHANNEL_LABELS[app.channel_enum],
        "arrived_at": timezone.localtime(app.arrived_at),
        "received_date": app.received_date,
        "first_received_date": app.first_received_date,
        "applicant_type": app.applicant_type,
        "applicant_type_label": APPLICANT_LABELS[app.applicant_type_enum],
        "applicant_name": app.applicant_name,
        "status": app.status,
        "status_label": STATUS_LABELS[app.status_enum],
        "stage": group_of(app.status_enum).value,
        "due_date": app.due_date,
        "due_date_provisional": stored_clock_note(app).provisional,
        "outcome": app.outcome or None,
        "outcome_label": OUTCOME_LABELS[outcome] if outcome else "",
        "concluded_on": app.concluded_on,
    }


def contacts(app: Application, held: frozenset[Role]) -> dict[str, Any]:
    if sees_personal_data(held):
        return {
            "masked": False,
            "id_document": app.id_document,
            "credit_code": app.credit_code,
            "contact_phone": app.contact_phone,
            "contact_address": app.contact_address,
            "contact_email": app.contact_email,
        }
    return {
        "masked": True,
        "id_document": privacy.mask_id_number(app.id_document),
        # A 统一社会信用代码 is public (it is on the business licence), so it stays.
        "credit_code": app.credit_code,
        "contact_phone": privacy.mask_phone(app.contact_phone),
        "contact_address": privacy.mask_address(app.contact_address),
        "contact_email": privacy.mask_email(app.contact_email),
    }


def detail(app: Application, user: AbstractBaseUser) -> dict[str, Any]:
    held = roles_of(user, app.agency_id)
    outcome = app.outcome_enum
    rows = procedure_rules().outcome_rows
    return {
        **summary(app),
        "contacts": contacts(app, held),
        "description": app.description,
        "requested_form": app.requested_form,
        "requested_form_label": RequestedForm(app.requested_form).label,
        "delivery": app.delivery,
        "delivery_label": Delivery(app.delivery).label,
        "receipt_confirmation": app.receipt_confirmation,
        "supplement_requested_on": app.supplement_requested_on,
        "supplement_due": app.supplement_due,
        "supplement_count": app.supplement_count,
        "extension_days": app.extension_days,
        "extension_approved_on": app.extension_approved_on,
        "extension_reason": app.extension_reason,
        "handler": app.handler.get_username() if app.handler else None,
        "assigned_unit": app.assigned_unit.name if app.assigned_unit else None,
        "reviewed_on": app.reviewed_on,
        "outcome_row": outcome_row_label(outcome, rows) if outcome else "",
        "decision_reasons": app.decision_reasons,
        "legal_basis": app.legal_basis,
        "decision_details": app.decision_details,
        "referral": app.referral,
        "decided_on": app.decided_on,
        "issued_on": app.issued_on,
        "served_on": app.served_on,
        "archived_on": app.archived_on,
        "archive_reference": app.archive_reference,
        "created_at": timezone.localtime(app.created_at),
        "consultations": [
            {
                "id": c.pk,
                "party": c.party,
                "party_label": c.get_party_display(),
                "party_name": c.party_name,
                "sent_on": c.sent_on,
                "delivered_on": c.delivered_on,
                "ended_on": c.ended_on,
                "reply": c.reply,
            }
            for c in app.consultations.all()
        ],
        "read_only": not (held - {Role.SUPERVISOR}),
    }


def event(item: CaseEvent) -> dict[str, Any]:
    actor = item.actor
    return {
        "id": item.pk,
        "action": item.action,
        "action_label": item.action_label,
        "occurred_on": item.occurred_on,
        "recorded_at": timezone.localtime(item.recorded_at),
        "actor": actor.get_username() if actor else None,
        "actor_name": (actor.get_full_name() or actor.get_username()) if actor else "系统",
        "from_status": item.from_status or None,
        "to_status": item.to_status,
        "to_status_label": STATUS_LABELS[Status(item.to_status)],
        "note": item.note,
        "data": item.data,
    }


def agency(item: Agency, user: AbstractBaseUser) -> dict[str, Any]:
    held = roles_of(user, item)
    return {
        "id": item.pk,
        "name": item.name,
        "code": item.code,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "supervisor_id": item.supervisor_id,
        "roles": sorted(r.value for r in held),
        "read_only": not (held - {Role.SUPERVISOR}),
    }
